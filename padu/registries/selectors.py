"""Reads of the population register. Each takes the actor and applies tenancy and the
permission there; pages and endpoints never query register models themselves."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.models import Area, EventProposal, Family, LifeEvent, Resident, ResidentChange
from padu.registries.permissions import can_find_residents, keeps_register
from padu.registries.services import kk_hash, nik_hash


def _require_finder(actor: Actor, agency: Agency) -> None:
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(_("Only the village's officers read its population register."))


def areas_of(agency: Agency) -> QuerySet[Area]:
    """The agency's dusun, RW and RT (their names and heads are public on the statistics)."""
    return Area.objects.filter(agency=agency).select_related("parent", "parent__parent")


def rt_label(area: Area | None) -> str:
    """ "RT 001 / RW 003, Dusun Cikoneng" for an RT; the name itself for a higher area."""
    if area is None:
        return ""
    names = [area.name]
    parent = area.parent
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent
    return " / ".join(names)


def resident_for_staff(actor: Actor, agency: Agency, resident_id: int) -> Resident:
    """One resident of the agency for one of its officers (the caller logs the read)."""
    _require_finder(actor, agency)
    resident = (
        Resident.objects.select_related("family", "area__parent__parent", "household", "user")
        .filter(agency=agency, pk=resident_id)
        .first()
    )
    if resident is None:
        raise NotFound(_("Resident not found."), code=errors.RESIDENT_NOT_FOUND)
    return resident


def resident_by_nik(actor: Actor, agency: Agency, nik: str) -> Resident | None:
    """The agency's resident with this NIK, or None (the caller logs the read)."""
    _require_finder(actor, agency)
    return (
        Resident.objects.select_related("family", "area__parent__parent", "household", "user")
        .filter(agency=agency, nik_hash=nik_hash(nik))
        .first()
    )


def family_for_staff(actor: Actor, agency: Agency, family_id: int) -> Family:
    _require_finder(actor, agency)
    family = Family.objects.select_related("area__parent__parent").filter(agency=agency, pk=family_id).first()
    if family is None:
        raise NotFound(_("Family not found."), code=errors.FAMILY_NOT_FOUND)
    return family


def family_members(family: Family) -> QuerySet[Resident]:
    return Resident.objects.filter(family=family).order_by("life_status", "relationship", "birth_date")


# ---- the register's lists, events and proposals (console and API of residents) ----


def residents_search(
    actor: Actor, agency: Agency, *, q: str = "", area_id: int | None = None, status: str = ""
) -> QuerySet[Resident]:
    """The agency's residents for its officers: `q` is an exact NIK or No. KK (16 digits, by
    hash) or part of a name; `area_id` any dusun, RW or RT (with what lies inside it); `status`
    a life status ("" for everyone). The caller logs the read of what it shows."""
    _require_finder(actor, agency)
    rows = Resident.objects.filter(agency=agency).select_related("family", "area__parent__parent")
    q = " ".join(q.split())
    if q.isdigit() and len(q) == 16:
        rows = rows.filter(Q(nik_hash=nik_hash(q)) | Q(family__kk_hash=kk_hash(q)))
    elif q:
        rows = rows.filter(name__icontains=q)
    if area_id:
        rows = rows.filter(Q(area_id=area_id) | Q(area__parent_id=area_id) | Q(area__parent__parent_id=area_id))
    if status:
        rows = rows.filter(life_status=status)
    return rows.order_by("name", "pk")


def resident_status_counts(actor: Actor, agency: Agency) -> dict[str, int]:
    """How many of the agency's residents stand in each life status."""
    _require_finder(actor, agency)
    counts = Resident.objects.filter(agency=agency).values("life_status").annotate(n=Count("pk"))
    return {row["life_status"]: row["n"] for row in counts}


def resident_history(resident: Resident) -> QuerySet[ResidentChange]:
    """A resident's changes, newest first (the caller shows sensitive values only to keepers)."""
    return ResidentChange.objects.filter(resident=resident).select_related("event").order_by("-event_id", "pk")


def events_of(
    actor: Actor, agency: Agency, *, kind: str = "", resident: Resident | None = None, family: Family | None = None
) -> QuerySet[LifeEvent]:
    """The agency's life events, newest first; of one resident or family if given."""
    _require_finder(actor, agency)
    rows = LifeEvent.objects.filter(agency=agency).select_related("resident", "reversed_by", "recorded_by")
    if kind:
        rows = rows.filter(kind=kind)
    if resident is not None:
        rows = rows.filter(Q(resident=resident) | Q(changes__resident=resident)).distinct()
    if family is not None:
        rows = rows.filter(
            Q(family=family) | Q(changes__family=family) | Q(changes__resident__family=family)
        ).distinct()
    return rows.order_by("-occurred_on", "-pk")


def event_for_staff(actor: Actor, agency: Agency, event_id: int) -> LifeEvent:
    _require_finder(actor, agency)
    event = (
        LifeEvent.objects.select_related("resident", "family", "reverses", "reversed_by", "recorded_by")
        .filter(agency=agency, pk=event_id)
        .first()
    )
    if event is None:
        raise NotFound(_("Life event not found."), code="event_not_found")
    return event


def event_changes(event: LifeEvent) -> QuerySet[ResidentChange]:
    return ResidentChange.objects.filter(event=event).select_related("resident", "family").order_by("pk")


def proposals_of(actor: Actor, agency: Agency, *, status: str = "") -> QuerySet[EventProposal]:
    """Proposed life events (from completed applications), for the register's keepers."""
    if not keeps_register(actor, agency.pk):
        raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))
    rows = EventProposal.objects.filter(agency=agency).select_related("resident", "event")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-pk")


def proposal_for_staff(actor: Actor, agency: Agency, proposal_id: int) -> EventProposal:
    proposal = proposals_of(actor, agency).filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound(_("Proposal not found."), code="proposal_not_found")
    return proposal


def area_for_staff(actor: Actor, agency: Agency, area_id: int) -> Area:
    _require_finder(actor, agency)
    area = areas_of(agency).filter(pk=area_id).first()
    if area is None:
        raise NotFound(_("Area not found."), code="area_not_found")
    return area


def family_by_kk(actor: Actor, agency: Agency, kk: str) -> Family | None:
    """The agency's KK with this number, or None."""
    _require_finder(actor, agency)
    return Family.objects.filter(agency=agency, kk_hash=kk_hash("".join(kk.split()))).first()
