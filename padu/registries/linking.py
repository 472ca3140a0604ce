"""Citizen accounts linked to residents, and what a resident and another system may know.

- An account is matched to a resident by NIK (the same keyed hash on the profile and in the
  register) and linked only when an officer who keeps the register confirms it, having seen
  the names and birth dates side by side; a refusal (with its reason) is not offered again.
- A linked citizen reads their own record: every item, their family, their history and who
  read it (`my_register_record`), and gets it in their data export (`register_export`).
- Another system with a `registries:read` token confirms one resident by NIK for a stated
  purpose and gets only what the purpose needs (`confirm_resident`), and the read is logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.accounts.models import CitizenProfile, User
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.identifiers import validate_nik
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.codes import LifeStatus
from padu.registries.models import LifeEvent, LinkRefusal, Resident, ResidentAccess, ResidentChange
from padu.registries.permissions import keeps_register, token_may_confirm
from padu.registries.rules import ITEMS
from padu.registries.selectors import rt_label
from padu.registries.services import history_value, kk_hash, nik_hash, require_keeper, resident_access_record

LINK_PURPOSE = gettext_lazy("Confirming a citizen account")
CANDIDATE_FIELDS = ["name", "birth_date"]
CANDIDATE_LIMIT = 200


# ---- the officer's side: candidates, confirm, refuse, unlink ----


@dataclass(frozen=True)
class LinkCandidate:
    resident: Resident
    profile: CitizenProfile

    @property
    def names_agree(self) -> bool:
        return _plain_name(self.resident.name) == _plain_name(self.profile.name)

    @property
    def birth_dates_agree(self) -> bool:
        return self.resident.birth_date == self.profile.birth_date


def _plain_name(name: str) -> str:
    return " ".join(name.upper().replace(".", " ").replace(",", " ").split())


def link_candidates(actor: Actor, agency: Agency) -> list[LinkCandidate]:
    """Citizen profiles whose NIK is a present, unlinked resident's of the agency, and whose
    account is linked to nobody, without the pairs an officer refused. The read of the
    residents' names and birth dates is logged."""
    require_keeper(actor, agency)
    residents = list(
        Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT, user__isnull=True)
        .filter(nik_hash__in=CitizenProfile.objects.values("nik_hash"))
        .order_by("name", "pk")[:CANDIDATE_LIMIT]
    )
    profiles = {
        p.nik_hash: p
        for p in CitizenProfile.objects.select_related("user")
        .filter(nik_hash__in=[r.nik_hash for r in residents])
        .exclude(user__resident__isnull=False)
    }
    refused = set(LinkRefusal.objects.filter(resident__in=residents).values_list("resident_id", "user_id"))
    out = [
        LinkCandidate(r, profiles[r.nik_hash])
        for r in residents
        if r.nik_hash in profiles and (r.pk, profiles[r.nik_hash].user_id) not in refused
    ]
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=[c.resident for c in out],
        purpose=str(LINK_PURPOSE),
        fields=CANDIDATE_FIELDS,
    )
    return out


def linked_residents(actor: Actor, agency: Agency) -> list[Resident]:
    """The agency's residents linked to an account (to unlink one); names only are shown."""
    require_keeper(actor, agency)
    return list(
        Resident.objects.select_related("user", "linked_by")
        .filter(agency=agency, user__isnull=False)
        .order_by("-linked_at", "pk")[:CANDIDATE_LIMIT]
    )


def _resident(agency: Agency, resident_id: int) -> Resident:
    resident = Resident.objects.select_for_update().filter(agency=agency, pk=resident_id).first()
    if resident is None:
        raise NotFound(_("Resident not found."), code=errors.RESIDENT_NOT_FOUND)
    return resident


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        message = _("Give the reason.")
        raise InvalidInput(message, code="reason_required", errors={"reason": [message]})
    return reason[:1000]


def _profile_matching(resident: Resident, user_id: int) -> CitizenProfile:
    profile = CitizenProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or profile.nik_hash != resident.nik_hash:
        message = _("This account's NIK is not the resident's NIK.")
        raise InvalidInput(message, code=errors.LINK_NIK_MISMATCH, errors={"user": [message]})
    return profile


@transaction.atomic
def link_confirm(*, actor: Actor, agency: Agency, resident_id: int, user_id: int) -> Resident:
    """Link the citizen account to the resident (same NIK, present, neither linked yet)."""
    require_keeper(actor, agency)
    resident = _resident(agency, resident_id)
    profile = _profile_matching(resident, user_id)
    if resident.life_status != LifeStatus.PRESENT:
        raise Conflict(_("The resident is no longer in the register."), code=errors.RESIDENT_NOT_PRESENT)
    if resident.user_id is not None or Resident.objects.filter(user_id=user_id).exists():
        raise Conflict(_("This account or this resident is already linked."), code="link_exists")
    resident.user_id = profile.user_id
    resident.linked_at = timezone.now()
    resident.linked_by_id = actor.user_id
    resident.save(update_fields=["user", "linked_at", "linked_by", "updated_at"])
    audit_record(
        actor=actor,
        verb="registries.link.confirmed",
        agency=agency,
        obj=resident,
        changes={"user": profile.user_id},
    )
    return resident


@transaction.atomic
def link_refuse(*, actor: Actor, agency: Agency, resident_id: int, user_id: int, reason: str) -> LinkRefusal:
    """Refuse the match (the account is someone else's, or the data disagree): not offered again."""
    require_keeper(actor, agency)
    reason = _reason(reason)
    resident = _resident(agency, resident_id)
    _profile_matching(resident, user_id)
    refusal = LinkRefusal.objects.create(
        agency=agency, resident=resident, user_id=user_id, reason=reason, refused_by_id=actor.user_id
    )
    audit_record(
        actor=actor,
        verb="registries.link.refused",
        agency=agency,
        obj=resident,
        changes={"user": user_id, "reason": reason},
    )
    return refusal


@transaction.atomic
def link_remove(*, actor: Actor, agency: Agency, resident_id: int, reason: str) -> Resident:
    """Unlink the resident's account, with the reason (the citizen is no longer verified)."""
    require_keeper(actor, agency)
    reason = _reason(reason)
    resident = _resident(agency, resident_id)
    if resident.user_id is None:
        raise Conflict(_("This resident is not linked to an account."), code="link_missing")
    user_id = resident.user_id
    resident.user = None
    resident.linked_at = None
    resident.linked_by = None
    resident.save(update_fields=["user", "linked_at", "linked_by", "updated_at"])
    audit_record(
        actor=actor,
        verb="registries.link.removed",
        agency=agency,
        obj=resident,
        changes={"user": user_id, "reason": reason},
    )
    return resident


# ---- the citizen's own record ----


@dataclass
class MyRecord:
    """What a citizen sees of their register record (all of it: it is their own data)."""

    resident: Resident | None = None
    items: list[tuple[str, str]] = field(default_factory=list)
    family: list[tuple[str, str]] = field(default_factory=list)  # (name, relationship)
    history: list[dict[str, Any]] = field(default_factory=list)
    accesses: list[ResidentAccess] = field(default_factory=list)
    match_village: str = ""  # not linked yet: the office whose register has their NIK


def _item_value(resident: Resident, name: str) -> str:
    if name == "nik":
        return resident.nik
    if name == "kk_number":
        return resident.family.kk_number if resident.family else ""
    if name in ("father_nik", "mother_nik"):
        return str(getattr(resident, name))
    value = getattr(resident, name)
    if value in (None, ""):
        return ""
    display = getattr(resident, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _item_label(name: str) -> str:
    if name == "nik":
        return _("NIK")
    if name == "kk_number":
        return _("Family card number (No. KK)")
    if name in ("father_nik", "mother_nik"):
        return _("Father's NIK") if name == "father_nik" else _("Mother's NIK")
    model_field = Resident._meta.get_field(name)
    return str(getattr(model_field, "verbose_name", name))


def _field_label(name: str) -> str:
    try:
        return _item_label(name)
    except FieldDoesNotExist:  # an item of the record that is no model field (e.g. "area"): its name
        return name.replace("_", " ")


def _items(resident: Resident) -> list[tuple[str, str]]:
    rows = [(_item_label(item.name), _item_value(resident, item.name)) for item in ITEMS]
    rows.append((_("Place in the village"), rt_label(resident.area)))
    rows.append((_("Status"), str(resident.get_life_status_display())))
    return [(label, value) for label, value in rows if value]


def _history(resident: Resident) -> list[dict[str, Any]]:
    events = (
        LifeEvent.objects.filter(changes__resident=resident)
        .distinct()
        .prefetch_related(Prefetch("changes", queryset=ResidentChange.objects.filter(resident=resident)))
        .order_by("-occurred_on", "-pk")
    )
    out = []
    for event in events:
        changes = [
            {
                "item": _item_label(c.field) if c.field in {i.name for i in ITEMS} else c.field,
                "old": history_value(c.field, c.old),
                "new": history_value(c.field, c.new),
            }
            for c in event.changes.all()
        ]
        out.append({"kind": event.get_kind_display(), "occurred_on": event.occurred_on, "changes": changes})
    return out


def my_register_record(user: User) -> MyRecord:
    """The citizen's linked record; or, when not linked, only whether a register has their NIK
    (the office's name, nothing of the record)."""
    resident = (
        Resident.objects.select_related("agency", "family", "area__parent__parent", "linked_by")
        .filter(user=user)
        .first()
    )
    if resident is None:
        profile = CitizenProfile.objects.filter(user=user).first()
        village = ""
        if profile is not None:
            match = (
                Resident.objects.select_related("agency")
                .filter(nik_hash=profile.nik_hash, life_status=LifeStatus.PRESENT)
                .order_by("pk")
                .first()
            )
            village = match.agency.name if match is not None else ""
        return MyRecord(match_village=village)
    family = (
        [
            (m.name, str(m.get_relationship_display()) if m.relationship else "")
            for m in Resident.objects.filter(family_id=resident.family_id, life_status=LifeStatus.PRESENT).order_by(
                "relationship", "birth_date", "pk"
            )
        ]
        if resident.family_id
        else []
    )
    accesses = list(ResidentAccess.objects.select_related("agency", "viewer", "token").filter(resident=resident)[:500])
    return MyRecord(
        resident=resident,
        items=_items(resident),
        family=family,
        history=_history(resident),
        accesses=accesses,
    )


def register_export(user: User) -> dict[str, Any]:
    """The citizen's register record for their personal-data export (UU PDP)."""
    record = my_register_record(user)
    resident = record.resident
    if resident is None:
        return {"linked": False}
    return {
        "linked": True,
        "village": resident.agency.name,
        "linked_at": resident.linked_at.isoformat() if resident.linked_at else None,
        "items": dict(record.items),
        "family": [{"name": n, "relationship": r} for n, r in record.family],
        "history": [
            {"event": str(h["kind"]), "occurred_on": h["occurred_on"].isoformat(), "changes": h["changes"]}
            for h in record.history
        ],
        "accesses": [
            {
                "at": a.created_at.isoformat(),
                "office": a.agency.name,
                "viewer": a.viewer.full_name if a.viewer else "",
                "token": a.token.name if a.token else "",
                "purpose": a.purpose,
                "fields": a.fields,
            }
            for a in record.accesses
        ],
    }


# ---- another system's confirmation ----

PURPOSES = ("residence", "identity", "family")
# The keys each purpose answers with (logged as the fields returned).
PURPOSE_KEYS: dict[str, tuple[str, ...]] = {
    "residence": ("found", "present", "area"),
    "identity": ("found", "present", "name_matches", "sex", "birth_date"),
    "family": ("found", "present", "kk_matches", "relationship"),
}


def _area_short(resident: Resident) -> str:
    names = {"rt": "", "rw": "", "dusun": ""}
    area = resident.area
    while area is not None:
        names[area.level] = area.name
        area = area.parent
    return "/".join(n for n in (names["rt"], names["rw"], names["dusun"]) if n)


def confirm_resident(
    *,
    actor: Actor,
    agency_id: int,
    nik: str,
    purpose: str,
    name: str | None = None,
    kk_number: str | None = None,
) -> dict[str, Any]:
    """Confirm one resident of the agency by NIK for `purpose` (residence, identity, family):
    only that purpose's keys, never the record. A found resident's read is logged with the
    purpose and the items the answer rests on (the token and its creator named)."""
    if not (token_may_confirm(actor, agency_id) or keeps_register(actor, agency_id)):
        raise Forbidden(_("Only a token of this office with registries:read, or its register officer, may confirm."))
    if purpose not in PURPOSES:
        message = _("The purpose must be one of: %(purposes)s.") % {"purposes": ", ".join(PURPOSES)}
        raise InvalidInput(message, code="purpose_unknown", errors={"purpose": [message]})
    nik = validate_nik(nik, check_region=False).number
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise NotFound(code="agency_not_found")
    resident = (
        Resident.objects.select_related("family", "area__parent__parent")
        .filter(agency=agency, nik_hash=nik_hash(nik))
        .first()
    )
    keys = PURPOSE_KEYS[purpose]
    answer: dict[str, Any] = dict.fromkeys(keys)
    answer["found"] = resident is not None
    if resident is None:
        answer["present"] = False
        return answer
    answer["present"] = resident.life_status == LifeStatus.PRESENT
    if purpose == "residence":
        answer["area"] = _area_short(resident) or None
    elif purpose == "identity":
        answer["name_matches"] = _plain_name(name) == _plain_name(resident.name) if name else None
        answer["sex"] = resident.sex
        answer["birth_date"] = resident.birth_date
    else:
        given = "".join(ch for ch in (kk_number or "") if ch.isdigit())
        answer["kk_matches"] = bool(resident.family and resident.family.kk_hash == kk_hash(given)) if given else None
        answer["relationship"] = resident.relationship
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=[resident],
        purpose=_("Confirmation by another system (%(purpose)s)") % {"purpose": purpose},
        fields=list(keys),
    )
    return answer
