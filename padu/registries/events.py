"""Life events: the typed, dated transitions of the population register (birth, death, moving in,
out and within the village, marriage, divorce, missing and found, a KK split or merged, a
correction), the correcting event that reverses one, and the proposals a completed application
makes.

Each event is one service, `event_<verb>(*, actor, agency, ...)`, in one transaction: it opens a
`LifeEvent`, writes the records through `services.resident_write` / `resident_create` (so every
item changed has its `ResidentChange`), and checks each KK it touched against the family rules
last, so a KK left broken refuses the whole event and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.core.actors import OPERATOR, Actor
from padu.core.audit import audit_record
from padu.core.calendar import agency_today
from padu.core.crypto import seal, unseal
from padu.core.errors import Conflict, InvalidInput, NotFound
from padu.core.identifiers import validate_kk
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.codes import (
    Education,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    ResidentStatus,
    Sex,
)
from padu.registries.households import household_check
from padu.registries.models import (
    Area,
    AreaLevel,
    EventKind,
    EventProposal,
    EventSource,
    Family,
    Household,
    LifeEvent,
    ProposalStatus,
    Resident,
    ResidentChange,
)
from padu.registries.rules import ITEMS_BY_NAME, resident_clean
from padu.registries.services import (
    current_value,
    event_open,
    family_check,
    family_get_or_create,
    history_value,
    kk_hash,
    nik_hash,
    require_keeper,
    resident_create,
    resident_write,
)

# The items a correction may change: every item of the record but the KK (a KK moves by split,
# merge or moving).
CORRECTABLE = tuple(name for name in ITEMS_BY_NAME if name != "kk_number")


# ---- shared checks ----


def _invalid(field: str, message: str, code: str = errors.EVENT_INVALID) -> InvalidInput:
    return InvalidInput(message, code=code, errors={field: [message]})


def _check_day(agency: Agency, occurred_on: dt.date | None, residents: Iterable[Resident] = ()) -> dt.date:
    """The event's date: not in the future where the agency is, not before a person's birth or
    their entry in the register."""
    if occurred_on is None:
        raise _invalid("occurred_on", _("This is required."))
    if occurred_on > agency_today(agency):
        raise _invalid("occurred_on", _("The date of the event is in the future."))
    for person in residents:
        if occurred_on < person.birth_date:
            raise _invalid(
                "occurred_on", _("The date of the event is before %(name)s was born.") % {"name": person.name}
            )
        if occurred_on < person.registered_on:
            raise _invalid(
                "occurred_on",
                _("The date of the event is before %(name)s entered the register (%(day)s).")
                % {"name": person.name, "day": person.registered_on.isoformat()},
            )
    return occurred_on


def _own(agency: Agency, record: Resident | Family | Area | None) -> None:
    """A record of another agency is "not found" (ids are not probed)."""
    if record is not None and record.agency_id != agency.pk:
        raise NotFound(_("Resident not found."), code=errors.RESIDENT_NOT_FOUND)


def _fresh(agency: Agency, resident: Resident) -> Resident:
    """The record as stored now, locked for the event (a caller's copy may be stale, and a
    write saves every column)."""
    _own(agency, resident)
    return Resident.objects.select_for_update(of=("self",)).select_related("family").get(pk=resident.pk)


def _present(resident: Resident) -> None:
    if resident.life_status != LifeStatus.PRESENT:
        raise Conflict(
            _("%(name)s is not present in the register (%(status)s).")
            % {"name": resident.name, "status": resident.get_life_status_display()},
            code=errors.RESIDENT_NOT_PRESENT,
        )


def _active_family(agency: Agency, family: Family | None, field: str = "family") -> Family:
    if family is None:
        raise _invalid(field, _("Choose the KK."))
    _own(agency, family)
    if not family.is_active:
        raise _invalid(field, _("This KK is no longer active."))
    return family


def _rt(agency: Agency, area: Area | None, field: str = "area") -> Area:
    if area is None:
        raise _invalid(field, _("Choose the RT."))
    _own(agency, area)
    if area.level != AreaLevel.RT:
        raise _invalid(field, _("Choose an RT, not a hamlet or an RW."))
    return area


def _present_members(family: Family, exclude: Iterable[int] = ()) -> list[Resident]:
    return list(
        Resident.objects.filter(family=family, life_status=LifeStatus.PRESENT)
        .exclude(pk__in=list(exclude))
        .order_by("pk")
    )


def family_write(family: Family, values: Mapping[str, Any], event: LifeEvent) -> list[str]:
    """Write a KK's own items (`area_id`, `address`, `is_active`) with their history."""
    changed = []
    for name, new in values.items():
        old = getattr(family, name)
        if old == new:
            continue
        setattr(family, name, new)
        changed.append(name)
        ResidentChange.objects.create(event=event, family=family, field=name, old=_text(old), new=_text(new))
    if changed:
        family.save()
    return changed


def _close_if_empty(family: Family | None, event: LifeEvent) -> None:
    if family is not None and family.is_active and not _present_members(family):
        family_write(family, {"is_active": False}, event)


def _relationships(
    agency: Agency, relationships: Mapping[int, int] | None, event: LifeEvent, *, allowed: Iterable[Resident]
) -> None:
    """New SHDK for members named by id (only among `allowed`)."""
    people = {r.pk: r for r in allowed}
    for resident_id, relationship in (relationships or {}).items():
        person = people.get(int(resident_id))
        if person is None:
            raise _invalid("relationships", _("Only members of the KK concerned can be given a new relationship."))
        if relationship not in Relationship.values:
            raise _invalid("relationships", _("Not one of the allowed values."))
        resident_write(person, {"relationship": int(relationship)}, event)


def _head_replaced(
    family: Family,
    leaving: Iterable[Resident],
    new_head: Resident | None,
    relationships: Mapping[int, int] | None,
    event: LifeEvent,
    agency: Agency,
) -> None:
    """When the head leaves a KK that keeps members, the same event names the new head (and may
    give the others their new relationship); the KK's rules are checked by the caller."""
    gone = {r.pk for r in leaving}
    staying = _present_members(family, exclude=gone)
    if new_head is not None:
        found = next((r for r in staying if r.pk == new_head.pk), None)
        if found is None:
            raise _invalid("new_head", _("The new head of family must be a present member of the same KK."))
        resident_write(found, {"relationship": Relationship.HEAD}, event)
        staying = _present_members(family, exclude=gone)
    _relationships(agency, relationships, event, allowed=staying)
    heads_left = [r for r in _present_members(family, exclude=gone) if r.relationship == Relationship.HEAD]
    if staying and not heads_left:
        raise InvalidInput(
            _(
                "The head of family leaves a KK that keeps %(n)d member(s): name the new head of family in the "
                "same event (and, where it changes, each member's relationship to the new head)."
            )
            % {"n": len(staying)},
            code=errors.FAMILY_RULES,
            errors={"new_head": [_("Name the new head of family.")]},
        )


def _base(
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
) -> LifeEvent:
    require_keeper(actor, agency)
    return event_open(
        actor=actor,
        agency=agency,
        kind=kind,
        occurred_on=occurred_on,
        resident=resident,
        family=family,
        details={k: v for k, v in (details or {}).items() if v not in (None, "")},
        note=note.strip(),
        source=source,
        reference=reference,
    )


def _clean(data: Mapping[str, Any], agency: Agency, *, partial: bool = False) -> dict[str, Any]:
    cleaned = resident_clean(data, today=agency_today(agency), partial=partial, region_known=lambda code: True)
    cleaned.raise_if_invalid()
    return cleaned.values


def _parents(family: Family) -> dict[str, Any]:
    """The father and mother of a child born into this KK: the head and the head's spouse."""
    members = _present_members(family)
    head = next((m for m in members if m.relationship == Relationship.HEAD), None)
    spouse = next((m for m in members if m.relationship in (Relationship.WIFE, Relationship.HUSBAND)), None)
    out: dict[str, Any] = {}
    for person in (head, spouse):
        if person is None:
            continue
        role = "father" if person.sex == Sex.MALE else "mother"
        out.setdefault(f"{role}_nik", person.nik)
        out.setdefault(f"{role}_name", person.name)
    return out


# ---- the events ----


@transaction.atomic
def event_birth(
    *,
    actor: Actor,
    agency: Agency,
    family: Family | None,
    occurred_on: dt.date | None,
    values: Mapping[str, Any],
    relationship: int = Relationship.CHILD,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """A child born into an existing KK of the village: a new resident, born on the event's
    date, with the head and their spouse as parents unless `values` names them."""
    require_keeper(actor, agency)
    family = _active_family(agency, family)
    day = _check_day(agency, occurred_on)
    if relationship not in (Relationship.CHILD, Relationship.GRANDCHILD, Relationship.OTHER_RELATIVE):
        raise _invalid("relationship", _("A newborn is a child, grandchild or other relative of the head."))
    data: dict[str, Any] = {
        "marital_status": MaritalStatus.NOT_MARRIED,
        "education": Education.NONE,
        "occupation": Occupation.NOT_WORKING,
        "address": family.address,
        **(_parents(family) if relationship == Relationship.CHILD else {}),
        **{k: v for k, v in values.items() if v not in (None, "")},
        "birth_date": day,
    }
    clean = _clean(data, agency)
    clean.pop("kk_number", None)
    clean.update(family_id=family.pk, area_id=family.area_id, relationship=relationship)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.BIRTH,
        occurred_on=day,
        family=family,
        details=details,
        note=note,
        source=source,
        reference=reference,
    )
    resident_create(event=event, agency=agency, values=clean, registered_on=day)
    family_check(family)
    return event


@transaction.atomic
def event_death(
    *,
    actor: Actor,
    agency: Agency,
    resident: Resident,
    occurred_on: dt.date | None,
    new_head: Resident | None = None,
    relationships: Mapping[int, int] | None = None,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """A resident died: no longer present from the day; a surviving spouse on the KK is
    widowed; when the head died, the same event names the new head. `details`: place, cause."""
    require_keeper(actor, agency)
    resident = _fresh(agency, resident)
    _present(resident)
    day = _check_day(agency, occurred_on, [resident])
    family = resident.family
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.DEATH,
        occurred_on=day,
        resident=resident,
        family=family,
        details=details,
        note=note,
        source=source,
        reference=reference,
    )
    resident_write(resident, {"life_status": LifeStatus.DEAD, "left_on": day}, event)
    if family is not None:
        _widow(family, resident, event)
        _head_replaced(family, [resident], new_head, relationships, event, agency)
        _close_if_empty(family, event)
        family_check(family)
    return event


def _widow(family: Family, deceased: Resident, event: LifeEvent) -> None:
    """The spouse of a married person who died, on the same KK, is widowed (cerai mati)."""
    if deceased.marital_status != MaritalStatus.MARRIED:
        return
    spouses = (Relationship.WIFE, Relationship.HUSBAND)
    members = _present_members(family)
    if deceased.relationship == Relationship.HEAD:
        survivors = [m for m in members if m.relationship in spouses]
    elif deceased.relationship in spouses:
        others = [m for m in members if m.relationship in spouses]
        survivors = [m for m in members if m.relationship == Relationship.HEAD] if not others else []
    else:
        survivors = []
    for person in survivors:
        if person.marital_status == MaritalStatus.MARRIED:
            resident_write(person, {"marital_status": MaritalStatus.WIDOWED}, event)


@transaction.atomic
def event_move_in(
    *,
    actor: Actor,
    agency: Agency,
    occurred_on: dt.date | None,
    people: list[Mapping[str, Any]],
    area: Area | None,
    family: Family | None = None,
    kk_number: str = "",
    address: str = "",
    resident_status: str = ResidentStatus.PERMANENT,
    origin: str = "",
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """People moving into the village: new residents, each with their `relationship`, on an
    existing KK (`family`) or a new one (`kk_number`), in an RT. `origin`: where from."""
    require_keeper(actor, agency)
    area = _rt(agency, area)
    day = _check_day(agency, occurred_on)
    if resident_status not in ResidentStatus.values:
        raise _invalid("resident_status", _("Not one of the allowed values."))
    if not people:
        raise _invalid("people", _("Name at least one person."))
    if family is not None:
        family = _active_family(agency, family)
    elif not kk_number.strip():
        raise _invalid("kk_number", _("Give the new KK's number, or choose an existing KK."))
    cleaned = []
    for n, person in enumerate(people):
        data = {"address": address, "previous_address": origin, **person, "resident_status": resident_status}
        try:
            clean = _clean(data, agency)
        except InvalidInput as exc:
            prefix = f"people.{n}." if len(people) > 1 else ""
            raise InvalidInput(
                exc.message, code=exc.code, errors={f"{prefix}{k}": v for k, v in exc.errors.items()}
            ) from exc
        if person.get("relationship") in (None, ""):
            raise _invalid("relationship", _("Give each person's relationship in the KK."))
        if clean["birth_date"] > day:
            raise _invalid("occurred_on", _("The date of the event is before %(name)s was born.") % clean)
        cleaned.append(clean)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.MOVE_IN,
        occurred_on=day,
        family=family,
        details={"origin": origin, **(details or {})},
        note=note,
        source=source,
        reference=reference,
    )
    if family is None:
        number = validate_kk(kk_number, field="kk_number")
        if Family.objects.filter(agency=agency, kk_hash=kk_hash(number), is_active=True).exists():
            raise _invalid("kk_number", _("This KK is already in the register: choose it instead."), errors.KK_TAKEN)
        family = family_get_or_create(event=event, agency=agency, kk=number, area=area, address=address)
        family_write(family, {"area_id": area.pk, "address": address or family.address}, event)
        LifeEvent.objects.filter(pk=event.pk).update(family=family)
    for clean in cleaned:
        clean.pop("kk_number", None)
        clean.update(family_id=family.pk, area_id=area.pk)
        resident_create(event=event, agency=agency, values=clean, registered_on=day)
    family_check(family)
    return event


@transaction.atomic
def event_move_out(
    *,
    actor: Actor,
    agency: Agency,
    occurred_on: dt.date | None,
    destination: str,
    resident: Resident | None = None,
    family: Family | None = None,
    new_head: Resident | None = None,
    relationships: Mapping[int, int] | None = None,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """One person, or a whole KK (`family`), moving out of the village to `destination`. A KK
    left without members is closed; a head leaving a KK that keeps members names the new head."""
    require_keeper(actor, agency)
    if (resident is None) == (family is None):
        raise _invalid("resident", _("Choose either one person or a whole KK."))
    if not destination.strip():
        raise _invalid("destination", _("Say where they are moving to."))
    if family is not None:
        family = _active_family(agency, family)
        leaving = _present_members(family)
        if not leaving:
            raise _invalid("family", _("Nobody on this KK is present in the register."))
    else:
        assert resident is not None  # noqa: S101 - one of the two, checked above
        resident = _fresh(agency, resident)
        _present(resident)
        leaving = [resident]
        family = resident.family
    day = _check_day(agency, occurred_on, leaving)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.MOVE_OUT,
        occurred_on=day,
        resident=resident,
        family=family,
        details={"destination": destination.strip(), **(details or {})},
        note=note,
        source=source,
        reference=reference,
    )
    for person in leaving:
        resident_write(person, {"life_status": LifeStatus.MOVED_OUT, "left_on": day}, event)
    if family is not None:
        _head_replaced(family, leaving, new_head, relationships, event, agency)
        _close_if_empty(family, event)
        family_check(family)
    return event


@transaction.atomic
def event_move_within(
    *,
    actor: Actor,
    agency: Agency,
    occurred_on: dt.date | None,
    area: Area | None,
    address: str = "",
    resident: Resident | None = None,
    family: Family | None = None,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """One person, or a whole KK, moving to another RT (or address) inside the village."""
    require_keeper(actor, agency)
    area = _rt(agency, area)
    if (resident is None) == (family is None):
        raise _invalid("resident", _("Choose either one person or a whole KK."))
    if family is not None:
        family = _active_family(agency, family)
        moving = _present_members(family)
    else:
        assert resident is not None  # noqa: S101
        resident = _fresh(agency, resident)
        _present(resident)
        moving = [resident]
    day = _check_day(agency, occurred_on, moving)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.MOVE_WITHIN,
        occurred_on=day,
        resident=resident,
        family=family,
        details=details,
        note=note,
        source=source,
        reference=reference,
    )
    changed = False
    if family is not None:
        changed = bool(family_write(family, {"area_id": area.pk, "address": address or family.address}, event))
    for person in moving:
        changed |= bool(resident_write(person, {"area_id": area.pk, "address": address or person.address}, event))
    if not changed:
        raise _invalid("area", _("Nothing changes: this is where they live already."))
    return event


@transaction.atomic
def event_marriage(
    *,
    actor: Actor,
    agency: Agency,
    resident: Resident,
    occurred_on: dt.date | None,
    certificate_number: str,
    spouse: Resident | None = None,
    spouse_name: str = "",
    move_spouse_in: bool = False,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """A marriage: both married from the day, with the certificate (akta/buku nikah) number and
    date; the spouse (a resident, or named if from elsewhere) may join the resident's KK as wife
    or husband, when the resident heads it."""
    require_keeper(actor, agency)
    resident = _fresh(agency, resident)
    _present(resident)
    if spouse is not None:
        spouse = _fresh(agency, spouse)
        _present(spouse)
        if spouse.pk == resident.pk:
            raise _invalid("spouse", _("Choose the other spouse."))
        if spouse.sex == resident.sex:
            raise _invalid("spouse", _("The spouses must be of different sexes."))
    elif not spouse_name.strip():
        raise _invalid("spouse", _("Choose the spouse, or give the name of a spouse from outside the village."))
    certificate_number = certificate_number.strip()
    if not certificate_number:
        raise _invalid("certificate_number", _("This is required."))
    couple = [resident] + ([spouse] if spouse is not None else [])
    for person in couple:
        # A woman has one husband; a man's further marriage needs the court's permission, which
        # the certificate shows.
        if person.sex == Sex.FEMALE and person.marital_status == MaritalStatus.MARRIED:
            raise _invalid("spouse", _("%(name)s is married already.") % {"name": person.name})
    day = _check_day(agency, occurred_on, couple)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.MARRIAGE,
        occurred_on=day,
        resident=resident,
        family=resident.family,
        details={"spouse": spouse.pk if spouse else None, "spouse_name": spouse_name.strip(), **(details or {})},
        note=note,
        source=source,
        reference=reference,
    )
    married = {
        "marital_status": MaritalStatus.MARRIED,
        "marriage_certificate_number": certificate_number,
        "marriage_date": day,
    }
    for person in couple:
        resident_write(person, married, event)
    if move_spouse_in:
        if spouse is None:
            raise _invalid("move_spouse_in", _("Only a spouse in the register can join the KK."))
        family = resident.family
        if family is None or resident.relationship != Relationship.HEAD:
            raise _invalid("move_spouse_in", _("The spouse joins the KK of its head: choose the head first."))
        old = spouse.family
        if old is not None and old.pk != family.pk and spouse.relationship == Relationship.HEAD:
            if _present_members(old, exclude=[spouse.pk]):
                raise _invalid(
                    "move_spouse_in",
                    _("The spouse heads another KK with members: split or merge that KK first."),
                )
        relationship = Relationship.WIFE if spouse.sex == Sex.FEMALE else Relationship.HUSBAND
        resident_write(
            spouse,
            {
                "family_id": family.pk,
                "relationship": relationship,
                "area_id": family.area_id or spouse.area_id,
                "address": family.address or spouse.address,
            },
            event,
        )
        if old is not None and old.pk != family.pk:
            _close_if_empty(old, event)
            family_check(old)
    for person in couple:
        if person.family_id is not None:
            family_check(Family.objects.get(pk=person.family_id))
    return event


@transaction.atomic
def event_divorce(
    *,
    actor: Actor,
    agency: Agency,
    resident: Resident,
    occurred_on: dt.date | None,
    certificate_number: str,
    spouse: Resident | None = None,
    leaving: Resident | None = None,
    destination_family: Family | None = None,
    destination_relationship: int | None = None,
    new_kk_number: str = "",
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """A divorce: both divorced from the day, with the certificate (akta cerai). When the two
    share a KK, the one `leaving` (not its head) goes to another KK of the village
    (`destination_family` with a relationship) or heads a new one (`new_kk_number`)."""
    require_keeper(actor, agency)
    resident = _fresh(agency, resident)
    _present(resident)
    if spouse is not None:
        spouse = _fresh(agency, spouse)
        _present(spouse)
        if spouse.pk == resident.pk:
            raise _invalid("spouse", _("Choose the other spouse."))
    certificate_number = certificate_number.strip()
    if not certificate_number:
        raise _invalid("certificate_number", _("This is required."))
    couple = [resident] + ([spouse] if spouse is not None else [])
    for person in couple:
        if person.marital_status != MaritalStatus.MARRIED:
            raise _invalid("resident", _("%(name)s is not married.") % {"name": person.name})
    day = _check_day(agency, occurred_on, couple)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.DIVORCE,
        occurred_on=day,
        resident=resident,
        family=resident.family,
        details={"spouse": spouse.pk if spouse else None, **(details or {})},
        note=note,
        source=source,
        reference=reference,
    )
    for person in couple:
        resident_write(
            person,
            {
                "marital_status": MaritalStatus.DIVORCED,
                "divorce_certificate_number": certificate_number,
                "divorce_date": day,
            },
            event,
        )
    shared = spouse is not None and resident.family_id is not None and resident.family_id == spouse.family_id
    families = {p.family_id for p in couple if p.family_id is not None}
    if shared:
        if leaving is None or leaving.pk not in {p.pk for p in couple}:
            raise _invalid("leaving", _("The two share a KK: say which of them leaves it."))
        leaving = next(p for p in couple if p.pk == leaving.pk)
        if leaving.relationship == Relationship.HEAD:
            raise _invalid("leaving", _("The head of family stays on the KK: the other spouse leaves it."))
        if destination_family is not None:
            target = _active_family(agency, destination_family, "destination_family")
            if target.pk == leaving.family_id:
                raise _invalid("destination_family", _("Choose another KK."))
            if destination_relationship not in Relationship.values:
                raise _invalid("destination_relationship", _("Give the relationship in the new KK."))
            relationship = int(destination_relationship or 0)
        elif new_kk_number.strip():
            number = validate_kk(new_kk_number, field="new_kk_number")
            if Family.objects.filter(agency=agency, kk_hash=kk_hash(number)).exists():
                raise _invalid("new_kk_number", _("This KK is already in the register."), errors.KK_TAKEN)
            old = Family.objects.get(pk=leaving.family_id or 0)
            target = family_get_or_create(event=event, agency=agency, kk=number, area=old.area, address=old.address)
            relationship = Relationship.HEAD
        else:
            raise _invalid(
                "destination_family", _("Choose the KK the leaving spouse joins, or give a new KK number for them.")
            )
        resident_write(
            leaving,
            {"family_id": target.pk, "relationship": relationship, "area_id": target.area_id or leaving.area_id},
            event,
        )
        families.add(target.pk)
    for family_id in families:
        family_check(Family.objects.get(pk=family_id))
    return event


@transaction.atomic
def event_missing(
    *,
    actor: Actor,
    agency: Agency,
    resident: Resident,
    occurred_on: dt.date | None,
    new_head: Resident | None = None,
    relationships: Mapping[int, int] | None = None,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """A resident reported missing: not present from the day (the KK names a new head if the
    head is missing)."""
    require_keeper(actor, agency)
    resident = _fresh(agency, resident)
    _present(resident)
    day = _check_day(agency, occurred_on, [resident])
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.MISSING,
        occurred_on=day,
        resident=resident,
        family=resident.family,
        details=details,
        note=note,
        source=source,
        reference=reference,
    )
    resident_write(resident, {"life_status": LifeStatus.MISSING, "left_on": day}, event)
    if resident.family is not None:
        _head_replaced(resident.family, [resident], new_head, relationships, event, agency)
        family_check(resident.family)
    return event


@transaction.atomic
def event_found(
    *,
    actor: Actor,
    agency: Agency,
    resident: Resident,
    occurred_on: dt.date | None,
    relationship: int | None = None,
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """A missing resident found again: present again (with a new relationship in the KK if
    another member heads it meanwhile)."""
    require_keeper(actor, agency)
    resident = _fresh(agency, resident)
    if resident.life_status != LifeStatus.MISSING:
        raise Conflict(
            _("%(name)s is not reported missing.") % {"name": resident.name}, code=errors.RESIDENT_NOT_PRESENT
        )
    day = _check_day(agency, occurred_on, [resident])
    if resident.left_on and day < resident.left_on:
        raise _invalid("occurred_on", _("The date is before the person was reported missing."))
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.FOUND,
        occurred_on=day,
        resident=resident,
        family=resident.family,
        details=details,
        note=note,
        source=source,
        reference=reference,
    )
    values: dict[str, Any] = {"life_status": LifeStatus.PRESENT, "left_on": None}
    if relationship is not None:
        if relationship not in Relationship.values:
            raise _invalid("relationship", _("Not one of the allowed values."))
        values["relationship"] = int(relationship)
    resident_write(resident, values, event)
    if resident.family is not None:
        if not resident.family.is_active:
            family_write(resident.family, {"is_active": True}, event)
        family_check(resident.family)
    return event


@transaction.atomic
def event_kk_split(
    *,
    actor: Actor,
    agency: Agency,
    family: Family,
    members: list[Resident],
    new_kk_number: str,
    new_head: Resident,
    occurred_on: dt.date | None,
    relationships: Mapping[int, int] | None = None,
    area: Area | None = None,
    address: str = "",
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """Some members of a KK to a new KK with its own number and head (pecah KK).
    `relationships`: the new SHDK of members of either KK, by resident id."""
    require_keeper(actor, agency)
    family = _active_family(agency, family)
    present = {m.pk: m for m in _present_members(family)}
    if not members or any(m.pk not in present for m in members):
        raise _invalid("members", _("Choose the present members of this KK who move to the new KK."))
    moving = [present[m.pk] for m in members]
    if len(moving) == len(present):
        raise _invalid("members", _("Someone stays on the old KK: to move everyone, record a move instead."))
    if new_head.pk not in {m.pk for m in moving}:
        raise _invalid("new_head", _("The new KK's head must be one of the members who move."))

    number = validate_kk(new_kk_number, field="new_kk_number")
    if Family.objects.filter(agency=agency, kk_hash=kk_hash(number)).exists():
        raise _invalid("new_kk_number", _("This KK is already in the register."), errors.KK_TAKEN)
    if area is not None:
        area = _rt(agency, area)
    day = _check_day(agency, occurred_on, moving)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.KK_SPLIT,
        occurred_on=day,
        resident=new_head,
        family=family,
        details=details,
        note=note,
        source=source,
        reference=reference,
    )
    target_area = area or family.area
    new = family_get_or_create(
        event=event, agency=agency, kk=number, area=target_area, address=address or family.address
    )
    event.details = {**event.details, "new_family": new.pk}
    event.save(update_fields=["details"])
    for person in moving:
        values: dict[str, Any] = {"family_id": new.pk, "area_id": target_area.pk if target_area else person.area_id}
        if address:
            values["address"] = address
        if person.pk == new_head.pk:
            values["relationship"] = Relationship.HEAD
        resident_write(person, values, event)
    named = {int(k): int(v) for k, v in (relationships or {}).items()}
    named.pop(new_head.pk, None)
    _relationships(agency, named, event, allowed=list(present.values()))
    family_check(family)
    family_check(new)
    return event


@transaction.atomic
def event_kk_merge(
    *,
    actor: Actor,
    agency: Agency,
    family: Family,
    into: Family,
    occurred_on: dt.date | None,
    relationships: Mapping[int, int],
    details: Mapping[str, Any] | None = None,
    note: str = "",
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """Every present member of `family` joins `into` with their relationship to its head
    (numpang KK); the old KK is closed."""
    require_keeper(actor, agency)
    family = _active_family(agency, family)
    into = _active_family(agency, into, "into")
    if family.pk == into.pk:
        raise _invalid("into", _("Choose another KK."))
    moving = _present_members(family)
    if not moving:
        raise _invalid("family", _("Nobody on this KK is present in the register."))
    relationships = {int(k): int(v or 0) for k, v in relationships.items()}
    missing = [m.name for m in moving if int(relationships.get(m.pk) or 0) not in Relationship.values]
    if missing:
        raise _invalid(
            "relationships",
            _("Give each member's relationship to the head of the other KK: %(names)s.")
            % {"names": ", ".join(missing)},
        )
    day = _check_day(agency, occurred_on, moving)
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.KK_MERGE,
        occurred_on=day,
        family=family,
        details={"into": into.pk, **(details or {})},
        note=note,
        source=source,
        reference=reference,
    )
    for person in moving:
        resident_write(
            person,
            {
                "family_id": into.pk,
                "relationship": int(relationships[person.pk]),
                "area_id": into.area_id or person.area_id,
                "address": into.address or person.address,
            },
            event,
        )
    family_write(family, {"is_active": False}, event)
    family_check(into)
    return event


@transaction.atomic
def event_correction(
    *,
    actor: Actor,
    agency: Agency,
    resident: Resident,
    values: Mapping[str, Any],
    reason: str,
    occurred_on: dt.date | None = None,
    source: str = EventSource.OFFICER,
    reference: str = "",
) -> LifeEvent:
    """Correct items of one resident's record (a typing mistake, a document seen), with the
    reason; the items are checked as a partial record, against the items kept."""
    require_keeper(actor, agency)
    resident = _fresh(agency, resident)
    if not reason.strip():
        raise _invalid("reason", _("Say why the data is corrected."))
    given = {k: v for k, v in values.items() if k in CORRECTABLE}
    unknown = sorted(set(values) - set(CORRECTABLE))
    if unknown:
        raise _invalid("values", _("These items cannot be corrected here: %(names)s.") % {"names": ", ".join(unknown)})
    if not given:
        raise _invalid("values", _("Give at least one item to correct."))
    # Checked with the record's other items (a new sex against the NIK, a date against birth).
    context = {name: current_value(resident, name) for name in ("nik", "sex", "birth_date")}
    clean = _clean({**context, **given}, agency, partial=True)
    changes = {k: clean[k] for k in given if k in clean}
    if "nik" in changes and changes["nik"] != resident.nik:
        if Resident.objects.filter(agency=agency, nik_hash=nik_hash(changes["nik"])).exclude(pk=resident.pk).exists():
            raise _invalid("nik", _("A resident with this NIK is already in the register."), errors.NIK_TAKEN)
    if all(current_value(resident, k) == v for k, v in changes.items()):
        raise _invalid("values", _("Nothing changes: the record holds these values already."))
    day = _check_day(agency, occurred_on or agency_today(agency))
    event = _base(
        actor=actor,
        agency=agency,
        kind=EventKind.CORRECTION,
        occurred_on=day,
        resident=resident,
        family=resident.family,
        details={"items": sorted(changes)},
        note=reason,
        source=source,
        reference=reference,
    )
    resident_write(resident, changes, event)
    if resident.family is not None and resident.life_status == LifeStatus.PRESENT:
        family_check(resident.family)
    return event


# ---- reversal ----


def _text(value: Any) -> str:
    """A value as the history writes it, unsealed."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _typed(model: type[Resident] | type[Family], name: str, text: str) -> Any:
    """A history value back in the column's type."""
    if name in ("nik", "father_nik", "mother_nik"):
        return text
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101 - a concrete column
    if text == "":
        if field.null:
            return None
        return "" if not field.has_default() else field.get_default()
    if field.is_relation:
        return int(text)
    if field.get_internal_type() == "BooleanField":
        return text == "1"
    return field.to_python(text)


def _family_value(family: Family, name: str) -> str:
    if name == "kk_number":
        return family.kk_number
    return _text(getattr(family, name))


@transaction.atomic
def event_reverse(*, actor: Actor, agency: Agency, event: LifeEvent, reason: str) -> LifeEvent:
    """A correcting event that restores every item `event` changed. Refused when a later event
    changed one of those items again (undo that one first), or the event is reversed already.
    A person the event created (birth, moving in) is not deleted: they leave the register on
    the day they entered it."""
    require_keeper(actor, agency)
    if event.agency_id != agency.pk:
        raise NotFound(_("Life event not found."), code="event_not_found")
    if not reason.strip():
        raise _invalid("reason", _("Say why the event is reversed."))
    if event.kind == EventKind.REVERSAL:
        raise Conflict(_("A correcting event is not reversed: record the change again."), code=errors.EVENT_INVALID)
    if LifeEvent.objects.filter(reverses=event).exists():
        raise Conflict(_("This event has been reversed already."), code=errors.EVENT_ALREADY_REVERSED)
    changes = list(ResidentChange.objects.filter(event=event).select_related("resident", "family").order_by("pk"))
    created = {c.resident_id for c in changes if c.resident_id and c.field == "nik" and c.old == ""}
    created_families = {c.family_id for c in changes if c.family_id and c.field == "kk_number" and c.old == ""}
    # The first old and the last new value of each item of each record.
    items: dict[tuple[str, int, str], list[ResidentChange]] = {}
    for change in changes:
        key = (
            ("r", change.resident_id, change.field)
            if change.resident_id
            else ("f", change.family_id or 0, change.field)
        )
        items.setdefault(key, []).append(change)
    superseded: list[str] = []
    for (kind, pk, name), rows in items.items():
        if kind == "r" and pk in created:
            continue
        if kind == "f" and pk in created_families and name == "kk_number":
            continue
        last = rows[-1]
        now = (
            _text(current_value(last.resident, name))
            if kind == "r" and last.resident is not None
            else _family_value(last.family, name)  # type: ignore[arg-type]
        )
        if now != history_value(name, last.new):
            superseded.append(f"{last.resident.name if last.resident else last.family}: {name}")
    later = ResidentChange.objects.filter(resident_id__in=created, event_id__gt=event.pk)
    superseded += [f"{c.resident.name if c.resident else ''}: {c.field}" for c in later.select_related("resident")]
    if superseded:
        raise Conflict(
            _("A later event changed the same items: reverse that one first (%(items)s).")
            % {"items": "; ".join(sorted(set(superseded)))},
            code=errors.EVENT_SUPERSEDED,
            errors={"event": sorted(set(superseded))},
        )
    reversal = event_open(
        actor=actor,
        agency=agency,
        kind=EventKind.REVERSAL,
        occurred_on=agency_today(agency),
        resident=event.resident,
        family=event.family,
        details={"reverses_kind": event.kind, "reverses_date": event.occurred_on.isoformat()},
        note=reason.strip(),
        reverses=event,
    )
    touched: set[int] = set()
    by_resident: dict[int, dict[str, Any]] = {}
    residents: dict[int, Resident] = {}
    by_family: dict[int, dict[str, Any]] = {}
    families: dict[int, Family] = {}
    for (kind, pk, name), rows in items.items():
        first = rows[0]
        if kind == "r":
            assert first.resident is not None  # noqa: S101
            residents[pk] = first.resident
            if pk in created:
                continue
            by_resident.setdefault(pk, {})[name] = _typed(Resident, name, history_value(name, first.old))
        else:
            assert first.family is not None  # noqa: S101
            families[pk] = first.family
            if name == "kk_number":
                continue
            by_family.setdefault(pk, {})[name] = _typed(Family, name, first.old)
    for pk in created:
        person = Resident.objects.get(pk=pk)
        resident_write(person, {"life_status": LifeStatus.MOVED_OUT, "left_on": person.registered_on}, reversal)
        if person.family_id:
            touched.add(person.family_id)
    for pk, values in by_resident.items():
        person = Resident.objects.get(pk=pk)
        if person.family_id:
            touched.add(person.family_id)
        resident_write(person, values, reversal)
        if person.family_id:
            touched.add(person.family_id)
    for pk, values in by_family.items():
        family_write(Family.objects.get(pk=pk), values, reversal)
        touched.add(pk)
    for pk in created_families:
        family = Family.objects.get(pk=pk)
        if family.is_active and not _present_members(family):
            family_write(family, {"is_active": False}, reversal)
    for pk in touched:
        family = Family.objects.get(pk=pk)
        if family.is_active:
            family_check(family)
    # A household the reversal moves people into or out of, or whose head it changes, keeps its
    # rule too (one present head): the households before and after, checked last. (A head who
    # leaves the register through a life event leaves a household to be given a new head: the
    # household pages show it.)
    households: set[int] = set()
    for (kind, pk, name), rows in items.items():
        if kind != "r" or name not in ("household_id", "is_household_head"):
            continue
        households |= {int(v) for v in (rows[0].old, rows[-1].new) if name == "household_id" and v}
        current = Resident.objects.filter(pk=pk).values_list("household_id", flat=True).first()
        if current:
            households.add(current)
    for household in Household.objects.filter(pk__in=households, is_active=True):
        household_check(household)
    return reversal


# ---- proposals from completed applications ----


def application_completed(
    *,
    agency_id: int,
    kind: str,
    reference: str,
    summary: str,
    details: Mapping[str, Any],
    nik: str | None = None,
) -> EventProposal | None:
    """The hook `registries.application_completed`: a completed application (a surat
    keterangan kelahiran, kematian, pindah) proposes a life event to the register officer.
    Idempotent (one proposal per agency, application and kind); an unknown kind is ignored."""
    if kind not in EventKind.values or kind in (EventKind.IMPORT, EventKind.REVERSAL):
        return None
    resident = None
    if nik:
        resident = Resident.objects.filter(agency_id=agency_id, nik_hash=nik_hash(nik)).first()
    proposal, created = EventProposal.objects.get_or_create(
        agency_id=agency_id,
        reference=reference[:60],
        kind=kind,
        defaults={
            "summary": summary[:300],
            "details_sealed": seal(json.dumps(dict(details), default=str)),
            "resident": resident,
        },
    )
    if created:
        audit_record(
            actor=OPERATOR,
            verb="registries.proposal.created",
            agency=Agency.objects.get(pk=agency_id),
            obj=proposal,
            changes={"kind": kind, "reference": reference[:60]},
        )
    return proposal


def proposal_details(proposal: EventProposal) -> dict[str, Any]:
    """What the application said, unsealed (for the officer completing the event)."""
    if not proposal.details_sealed:
        return {}
    data = json.loads(unseal(proposal.details_sealed))
    return data if isinstance(data, dict) else {}


EVENT_SERVICES: dict[str, Callable[..., LifeEvent]] = {
    EventKind.BIRTH: event_birth,
    EventKind.DEATH: event_death,
    EventKind.MOVE_IN: event_move_in,
    EventKind.MOVE_OUT: event_move_out,
    EventKind.MOVE_WITHIN: event_move_within,
    EventKind.MARRIAGE: event_marriage,
    EventKind.DIVORCE: event_divorce,
    EventKind.MISSING: event_missing,
    EventKind.FOUND: event_found,
    EventKind.KK_SPLIT: event_kk_split,
    EventKind.KK_MERGE: event_kk_merge,
    EventKind.CORRECTION: event_correction,
}


def _pending(agency: Agency, proposal: EventProposal) -> None:
    if proposal.agency_id != agency.pk:
        raise NotFound(_("Proposal not found."), code="proposal_not_found")
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(_("This proposal has been decided already."), code="proposal_decided")


@transaction.atomic
def proposal_accept(*, actor: Actor, agency: Agency, proposal: EventProposal, fields: Mapping[str, Any]) -> LifeEvent:
    """Record the proposed event with the officer's completed `fields` (the event service's
    arguments), from the application; the proposal is then accepted."""
    require_keeper(actor, agency)
    _pending(agency, proposal)
    service = EVENT_SERVICES[proposal.kind]
    event = service(
        actor=actor, agency=agency, source=EventSource.APPLICATION, reference=proposal.reference, **dict(fields)
    )
    proposal.status = ProposalStatus.ACCEPTED
    proposal.event = event
    proposal.decided_by_id = actor.user_id
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "event", "decided_by", "decided_at"])
    audit_record(
        actor=actor, verb="registries.proposal.accepted", agency=agency, obj=proposal, changes={"event": event.pk}
    )
    return event


@transaction.atomic
def proposal_dismiss(*, actor: Actor, agency: Agency, proposal: EventProposal, reason: str) -> EventProposal:
    require_keeper(actor, agency)
    _pending(agency, proposal)
    if not reason.strip():
        raise _invalid("reason", _("Say why the proposal is dismissed."))
    proposal.status = ProposalStatus.DISMISSED
    proposal.reason = reason.strip()
    proposal.decided_by_id = actor.user_id
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor, verb="registries.proposal.dismissed", agency=agency, obj=proposal, changes={"reason": reason}
    )
    return proposal
