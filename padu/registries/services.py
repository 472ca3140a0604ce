"""Writes to the population register that every path shares: placing residents and families,
writing a record's items with their history, the access log, and the register's version (the
statistics' cache key). Life events (`events.py`) and imports (`imports/`) build on these.

Every write happens inside a `LifeEvent`: the event says what happened and when, and its
`ResidentChange` rows say which items changed from what to what, which is both the resident's
history and what a correcting event restores.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Field
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.crypto import encrypt, keyed_hash, seal, unseal
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.services import DataLook, personal_data_accesses_record
from padu.registries import errors
from padu.registries.codes import SENSITIVE_FIELDS
from padu.registries.models import (
    Area,
    AreaLevel,
    EventSource,
    Family,
    LifeEvent,
    Resident,
    ResidentAccess,
    ResidentChange,
)
from padu.registries.permissions import keeps_register
from padu.registries.rules import PLAIN_ITEMS, Member, family_problems

# Items whose history values are sealed (identifiers and the sensitive items).
_SEALED = SENSITIVE_FIELDS | {"nik", "kk_number", "father_nik", "mother_nik"}
# Items of the record that are not its plain columns: stored as (column, how to store it).
_IDENTIFIERS = {"nik": "nik", "father_nik": "father_nik_encrypted", "mother_nik": "mother_nik_encrypted"}
# Placement items (foreign keys), written by id.
PLACEMENT = ("family_id", "area_id", "household_id", "relationship", "is_household_head")
# The state items life events move.
STATE = ("life_status", "registered_on", "left_on")


def nik_hash(nik: str) -> str:
    """The keyed look-up hash of a NIK: the same as on a citizen's profile."""
    return keyed_hash("nik", nik)


def kk_hash(kk: str) -> str:
    return keyed_hash("kk", kk)


def require_keeper(actor: Actor, agency: Agency) -> None:
    if not keeps_register(actor, agency.pk):
        raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))


# ---- the register's version (what cached statistics are keyed on) ----
#
# A version is a fresh value (nanoseconds), never a counter: a counter restarts when the cache
# drops its key and would then reach numbers already used, serving an old cached result again.


def _version_key(agency_id: int) -> str:
    return f"registries:version:{agency_id}"


def register_versions(agency_ids: Iterable[int]) -> dict[int, str]:
    """The current version of each agency's register, read in one cache call (a register the
    cache has forgotten gets a new version, so nothing cached before can match it)."""
    ids = list(agency_ids)
    found = cache.get_many([_version_key(pk) for pk in ids])
    missing = {_version_key(pk): str(time.time_ns()) for pk in ids if _version_key(pk) not in found}
    for key, value in missing.items():
        cache.add(key, value, None)
    if missing:
        found.update(cache.get_many(list(missing)))
    return {pk: str(found.get(_version_key(pk), "")) for pk in ids}


def register_version(agency_id: int) -> str:
    return register_versions([agency_id])[agency_id]


def register_changed(agency_id: int) -> None:
    """Called by every write: after the commit the agency's register gets a new version, so its
    cached statistics are no longer found."""
    transaction.on_commit(lambda: cache.set(_version_key(agency_id), str(time.time_ns()), None))


# ---- events and history ----


def event_open(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    occurred_on: dt.date,
    resident: Resident | None = None,
    family: Family | None = None,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
    reverses: LifeEvent | None = None,
    import_batch_id: int | None = None,
) -> LifeEvent:
    """Create the event that the writes that follow belong to, and audit it."""
    event = LifeEvent.objects.create(
        agency=agency,
        kind=kind,
        occurred_on=occurred_on,
        resident=resident,
        family=family,
        details=dict(details or {}),
        note=note,
        source=source,
        reference=reference[:60],
        reverses=reverses,
        import_batch_id=import_batch_id,
        recorded_by_id=actor.user_id,
    )
    audit_record(
        actor=actor,
        verb=f"registries.event.{kind}",
        agency=agency,
        obj=event,
        changes={"occurred_on": occurred_on.isoformat(), "resident": resident.pk if resident else None},
    )
    register_changed(agency.pk)
    return event


def history_stored(name: str, value: Any) -> str:
    """A value as the history keeps it: text, sealed when it is an identifier or sensitive."""
    if value is None:
        text = ""
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, bool):
        text = "1" if value else "0"
    else:
        text = str(value)
    return seal(text) if text and name in _SEALED else text


def history_value(name: str, stored: str) -> str:
    """A history value as text again (unsealed)."""
    return unseal(stored) if stored and name in _SEALED else stored


def current_value(resident: Resident, name: str) -> Any:
    if name == "nik":
        return resident.nik
    if name in ("father_nik", "mother_nik"):
        return getattr(resident, name)
    return getattr(resident, name)


def resident_write(resident: Resident, values: Mapping[str, Any], event: LifeEvent) -> list[str]:
    """Write `values` (item name → new value; placement as `family_id`, `area_id`, ...) to the
    resident and record each item that changed under `event`. Returns the names changed."""
    changed: list[str] = []
    rows: list[ResidentChange] = []
    for name, new in values.items():
        old = current_value(resident, name) if resident.pk else None
        if resident.pk and old == new:
            continue
        if name == "nik":
            resident.nik_encrypted = encrypt(str(new))
            resident.nik_hash = nik_hash(str(new))
        elif name in ("father_nik", "mother_nik"):
            setattr(resident, _IDENTIFIERS[name], encrypt(str(new)) if new else "")
        elif name in PLAIN_ITEMS or name in PLACEMENT or name in STATE:
            setattr(resident, name, new)
        else:
            raise ValueError(f"Unknown item {name!r}")
        changed.append(name)
        rows.append(
            ResidentChange(event=event, field=name, old=history_stored(name, old), new=history_stored(name, new))
        )
    if not changed:
        return []
    resident.save()
    for row in rows:
        row.resident = resident
    ResidentChange.objects.bulk_create(rows)
    return changed


def resident_create(
    *,
    event: LifeEvent,
    agency: Agency,
    values: Mapping[str, Any],
    registered_on: dt.date,
) -> Resident:
    """A new record (birth, moving in, import) with every item of `values` recorded as new
    under `event`. `values` are checked by `rules.resident_clean` already."""
    if Resident.objects.filter(agency=agency, nik_hash=nik_hash(str(values["nik"]))).exists():
        raise InvalidInput(
            _("A resident with this NIK is already in the register."),
            code=errors.NIK_TAKEN,
            errors={"nik": [_("A resident with this NIK is already in the register.")]},
        )
    resident = Resident(agency=agency, registered_on=registered_on)
    own = {k: v for k, v in values.items() if k != "kk_number"}
    # Columns with defaults must be set before the first save; they are then recorded as new.
    resident.nik_encrypted = encrypt(str(own["nik"]))
    resident.nik_hash = nik_hash(str(own["nik"]))
    for name, value in own.items():
        if name in PLAIN_ITEMS or name in PLACEMENT:
            setattr(resident, name, value if value is not None else _default(name))
        elif name in ("father_nik", "mother_nik"):
            setattr(resident, _IDENTIFIERS[name], encrypt(str(value)) if value else "")
    resident.save()
    ResidentChange.objects.bulk_create(
        ResidentChange(event=event, resident=resident, field=name, old="", new=history_stored(name, value))
        for name, value in own.items()
        if value not in (None, "")
    )
    if event.resident_id is None:
        LifeEvent.objects.filter(pk=event.pk).update(resident=resident)
        event.resident = resident
    return resident


def _default(name: str) -> Any:
    field = Resident._meta.get_field(name)
    if not isinstance(field, Field):
        return None
    if field.has_default():
        return field.get_default()
    return "" if not field.null else None


# ---- families and areas ----


def family_get_or_create(*, event: LifeEvent, agency: Agency, kk: str, area: Area | None, address: str) -> Family:
    family = Family.objects.filter(agency=agency, kk_hash=kk_hash(kk)).first()
    if family is None:
        family = Family.objects.create(
            agency=agency, kk_encrypted=encrypt(kk), kk_hash=kk_hash(kk), area=area, address=address
        )
        ResidentChange.objects.create(
            event=event, family=family, field="kk_number", old="", new=history_stored("kk_number", kk)
        )
    elif not family.is_active:
        Family.objects.filter(pk=family.pk).update(is_active=True)
        ResidentChange.objects.create(event=event, family=family, field="is_active", old="0", new="1")
        family.is_active = True
    return family


def family_check(family: Family) -> None:
    """Refuse (`family_rules`) a KK whose present members break the family rules."""
    members = [
        Member(r.nik_masked, r.relationship, r.sex, r.marital_status, r.birth_date)
        for r in Resident.objects.filter(family=family, life_status="ada")
    ]
    if not members:
        return
    problems = family_problems(members)
    if problems:
        raise InvalidInput(
            _("The KK %(kk)s would break the family rules: %(problems)s")
            % {"kk": family.kk_masked, "problems": " ".join(problems)},
            code=errors.FAMILY_RULES,
            errors={"family": problems},
        )


@transaction.atomic
def area_save(
    *,
    actor: Actor,
    agency: Agency,
    level: str,
    name: str,
    parent: Area | None = None,
    head_name: str = "",
    head_phone: str = "",
    area: Area | None = None,
) -> Area:
    """Create or rename an area (dusun, RW, RT) with its head. An RW sits in a dusun, an RT in
    an RW."""
    require_keeper(actor, agency)
    if level not in AreaLevel.values:
        message = _("An area is a hamlet (dusun), an RW or an RT.")
        raise InvalidInput(message, code="area_level_invalid", errors={"level": [message]})
    expected_parent = {AreaLevel.DUSUN: None, AreaLevel.RW: AreaLevel.DUSUN, AreaLevel.RT: AreaLevel.RW}[
        AreaLevel(level)
    ]
    if (parent.level if parent else None) != expected_parent or (parent and parent.agency_id != agency.pk):
        message = _("An RW belongs to a hamlet (dusun) and an RT to an RW.")
        raise InvalidInput(message, code="area_parent_invalid", errors={"parent": [message]})
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(_("This is required."), code="area_invalid", errors={"name": [_("This is required.")]})
    clash = Area.objects.filter(agency=agency, parent=parent, level=level, name=name)
    if area is not None:
        clash = clash.exclude(pk=area.pk)
    if clash.exists():
        message = _("There is already an area with this name here.")
        raise InvalidInput(message, code="area_taken", errors={"name": [message]})
    area = area or Area(agency=agency, level=level, parent=parent)
    area.name, area.head_name, area.head_phone = name, head_name.strip(), head_phone.strip()
    area.save()
    audit_record(
        actor=actor, verb="registries.area.saved", agency=agency, obj=area, changes={"name": name, "level": level}
    )
    register_changed(agency.pk)
    return area


# ---- who read whose record ----


def resident_access_record(
    *, actor: Actor, agency: Agency, residents: Iterable[Resident], purpose: str, fields: Iterable[str]
) -> int:
    """Log that `actor` read these residents' records (`fields`), for `purpose`. A record linked
    to a citizen account is also logged in that account's access log. Returns rows written."""
    token = actor.token
    if token is None and actor.user_id is None:
        return 0
    shown = list(fields)
    rows = []
    looks = []
    seen: set[int] = set()
    for resident in residents:
        if resident.pk in seen or (
            token is None and resident.user_id is not None and resident.user_id == actor.user_id
        ):
            continue
        seen.add(resident.pk)
        rows.append(
            ResidentAccess(
                resident=resident,
                agency=agency,
                viewer_id=token.created_by_id if token is not None else actor.user_id,
                token=token,
                purpose=str(purpose)[:200],
                fields=shown,
                ip_address=actor.ip_address,
            )
        )
        if resident.user_id is not None:
            looks.append(DataLook(resident.user_id, agency, purpose, shown))
    ResidentAccess.objects.bulk_create(rows)
    if looks:
        personal_data_accesses_record(actor=actor, looks=looks)
    return len(rows)
