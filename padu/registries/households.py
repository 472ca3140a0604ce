"""Households (rumah tangga): the people who live and eat under one roof, which may be more than
one KK. Programmes (BLT, PKH) count households, so each has one head.

The rule (`household_problems`): an active household has exactly one head among its present
members, nobody marked as its head has left the register, and an inactive household has no
present members (a household whose last member leaves becomes inactive). Every write here
checks the households it touched last and refuses (`household_rules`, each problem listed) a
change that would leave one broken, so nothing is half-written.

A household change is not a life event, but the resident's history must show it: each write
opens a correcting event (`EventKind.CORRECTION`, `details["household"]`) and writes the members'
`household_id` / `is_household_head` through `services.resident_write`. Life events that take
a person away (death, moving out, going missing) may leave a household without a head: the
household pages show it ("needs a new head") and the next write to it must mend it;
`household_after_leave` closes a household whose last member left, for the events to call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.calendar import agency_today
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.codes import LifeStatus
from padu.registries.models import Area, AreaLevel, EventKind, Family, Household, LifeEvent, Resident
from padu.registries.permissions import can_find_residents
from padu.registries.services import event_open, register_changed, require_keeper, resident_write

# Problem codes (the API's `code`).
HOUSEHOLD_RULES = "household_rules"
HOUSEHOLD_NOT_FOUND = "household_not_found"
HOUSEHOLD_INVALID = "household_invalid"
HOUSEHOLD_NUMBER_TAKEN = "household_number_taken"
HOUSEHOLD_INACTIVE = "household_inactive"

NUMBER_PREFIX = "RT-"
NUMBER_MAX = 30


# ---- the rule ----


@dataclass(frozen=True)
class HouseholdMember:
    """What the rule needs of one member: a name to say, head or not, present or not."""

    name: str
    is_head: bool
    present: bool
    status: str = ""


def household_member_problems(*, is_active: bool, members: Iterable[HouseholdMember]) -> list[str]:
    """What is wrong with a household's members, in the reader's language (empty: nothing)."""
    people = list(members)
    present = [m for m in people if m.present]
    problems: list[str] = []
    if is_active:
        heads = [m for m in present if m.is_head]
        if len(heads) != 1:
            problems.append(
                _("A household has exactly one head among its present members; this one has %(n)d.") % {"n": len(heads)}
            )
        for member in people:
            if member.is_head and not member.present:
                problems.append(
                    _("%(name)s is marked as the head but is no longer present (%(status)s).")
                    % {"name": member.name, "status": member.status}
                )
    elif present:
        problems.append(_("An inactive household has no present members; this one has %(n)d.") % {"n": len(present)})
    return problems


def _members_of(household: Household) -> list[HouseholdMember]:
    return [
        HouseholdMember(r.name, r.is_household_head, r.life_status == LifeStatus.PRESENT, r.get_life_status_display())
        for r in Resident.objects.filter(household=household).order_by("pk")
    ]


def household_problems(household: Household) -> list[str]:
    """The rule for one household as stored now."""
    return household_member_problems(is_active=household.is_active, members=_members_of(household))


def household_check(household: Household) -> None:
    """Refuse (`household_rules`) a household whose present members break the rule."""
    problems = household_problems(household)
    if problems:
        raise InvalidInput(
            _("The household %(number)s would break the household rules: %(problems)s")
            % {"number": household.number, "problems": " ".join(problems)},
            code=HOUSEHOLD_RULES,
            errors={"household": problems},
        )


# ---- reads ----


def _require_finder(actor: Actor, agency: Agency) -> None:
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(_("Only the village's officers read its population register."))


def _present_q(prefix: str = "members__") -> Q:
    return Q(**{f"{prefix}life_status": LifeStatus.PRESENT})


# A household the officer should look at: an active one without exactly one present head or
# with a head who has left, or an inactive one with present members.
ATTENTION = (Q(is_active=True) & (~Q(present_heads=1) | Q(absent_heads__gt=0))) | (
    Q(is_active=False) & Q(present_count__gt=0)
)


def households_search(actor: Actor, agency: Agency, *, q: str = "", status: str = "") -> QuerySet[Household]:
    """The agency's households for its officers, with `present_count`, `present_heads` and
    `absent_heads`: `q` part of the number or of the head's name; `status` "active",
    "inactive", "attention" (breaking the rule: needs a new head) or "" for all."""
    _require_finder(actor, agency)
    rows = Household.objects.filter(agency=agency).select_related("area__parent__parent")
    q = " ".join(q.split())
    if q:
        headed = Resident.objects.filter(agency=agency, is_household_head=True, name__icontains=q).values(
            "household_id"
        )
        rows = rows.filter(Q(number__icontains=q) | Q(pk__in=headed))
    rows = rows.annotate(
        present_count=Count("members", filter=_present_q(), distinct=True),
        present_heads=Count("members", filter=_present_q() & Q(members__is_household_head=True), distinct=True),
        absent_heads=Count("members", filter=~_present_q() & Q(members__is_household_head=True), distinct=True),
    )
    if status == "active":
        rows = rows.filter(is_active=True)
    elif status == "inactive":
        rows = rows.filter(is_active=False)
    elif status == "attention":
        rows = rows.filter(ATTENTION)
    return rows.order_by("-is_active", "number", "pk")


def households_needing_attention(actor: Actor, agency: Agency) -> int:
    return households_search(actor, agency, status="attention").count()


def heads_of(households: Iterable[Household]) -> dict[int, Resident]:
    """The present head of each household (of those that have one)."""
    ids = [h.pk for h in households]
    heads = Resident.objects.filter(household_id__in=ids, is_household_head=True, life_status=LifeStatus.PRESENT)
    return {r.household_id: r for r in heads.order_by("pk") if r.household_id is not None}


def household_for_staff(actor: Actor, agency: Agency, household_id: int) -> Household:
    _require_finder(actor, agency)
    found = Household.objects.select_related("area__parent__parent").filter(agency=agency, pk=household_id).first()
    if found is None:
        raise NotFound(_("Household not found."), code=HOUSEHOLD_NOT_FOUND)
    return found


def household_members(household: Household) -> QuerySet[Resident]:
    """Everyone placed in the household, present members first, the head first among them."""
    return (
        Resident.objects.filter(household=household)
        .select_related("family")
        .order_by("life_status", "-is_household_head", "family_id", "relationship", "birth_date", "pk")
    )


def household_events(actor: Actor, agency: Agency, household: Household) -> QuerySet[LifeEvent]:
    """The changes of one household (each a correcting event naming it), newest first."""
    _require_finder(actor, agency)
    return (
        LifeEvent.objects.filter(agency=agency, kind=EventKind.CORRECTION, details__household_id=household.pk)
        .select_related("resident")
        .order_by("-recorded_at", "-pk")
    )


def household_numbers(agency: Agency) -> dict[int, str]:
    """Each household's number by id (for a history that stores `household_id`)."""
    return dict(Household.objects.filter(agency=agency).values_list("pk", "number"))


# ---- writes ----


def _own_household(agency: Agency, household: Household) -> Household:
    if household.agency_id != agency.pk:
        raise NotFound(_("Household not found."), code=HOUSEHOLD_NOT_FOUND)
    return Household.objects.select_for_update().get(pk=household.pk)


def _fresh(agency: Agency, resident: Resident) -> Resident:
    """The stored record, locked; another agency's is "not found"."""
    if resident.agency_id != agency.pk:
        raise NotFound(_("Resident not found."), code=errors.RESIDENT_NOT_FOUND)
    return Resident.objects.select_for_update(of=("self",)).select_related("family", "household").get(pk=resident.pk)


def _present(resident: Resident) -> Resident:
    if resident.life_status != LifeStatus.PRESENT:
        raise Conflict(
            _("%(name)s is not present in the register (%(status)s).")
            % {"name": resident.name, "status": resident.get_life_status_display()},
            code=errors.RESIDENT_NOT_PRESENT,
        )
    return resident


def _invalid(field: str, message: str, code: str = HOUSEHOLD_INVALID) -> InvalidInput:
    return InvalidInput(message, code=code, errors={field: [message]})


def _active(household: Household) -> None:
    if not household.is_active:
        raise Conflict(
            _("The household %(number)s is no longer active: make a new one.") % {"number": household.number},
            code=HOUSEHOLD_INACTIVE,
        )


def _number(agency: Agency, number: str | None) -> str:
    """The given number (cleaned, unique in the agency), or the next free `RT-nnnn`."""
    if number is None:
        serial = Household.objects.filter(agency=agency).count() + 1
        taken = set(
            Household.objects.filter(agency=agency, number__startswith=NUMBER_PREFIX).values_list("number", flat=True)
        )
        while f"{NUMBER_PREFIX}{serial:04d}" in taken:
            serial += 1
        return f"{NUMBER_PREFIX}{serial:04d}"
    cleaned = " ".join(number.split())
    if not cleaned:
        raise _invalid("number", _("Give the household number, or leave it out for the next one."))
    if len(cleaned) > NUMBER_MAX:
        raise _invalid("number", _("A household number has at most %(n)d characters.") % {"n": NUMBER_MAX})
    if Household.objects.filter(agency=agency, number=cleaned).exists():
        raise _invalid("number", _("There is already a household with this number."), code=HOUSEHOLD_NUMBER_TAKEN)
    return cleaned


def _event(
    *,
    actor: Actor,
    agency: Agency,
    household: Household,
    action: str,
    resident: Resident | None,
    family: Family | None = None,
    note: str = "",
) -> LifeEvent:
    return event_open(
        actor=actor,
        agency=agency,
        kind=EventKind.CORRECTION,
        occurred_on=agency_today(agency),
        resident=resident,
        family=family,
        details={"household": household.number, "household_id": household.pk, "action": action},
        note=note.strip(),
    )


def _settle(household: Household) -> None:
    """A household left without present members becomes inactive (and the rule is checked)."""
    if (
        household.is_active
        and not Resident.objects.filter(household=household, life_status=LifeStatus.PRESENT).exists()
    ):
        Household.objects.filter(pk=household.pk).update(is_active=False)
        household.is_active = False
    household_check(household)


def _move_in(people: Sequence[Resident], household: Household, event: LifeEvent, head: Resident | None) -> set[int]:
    """Place `people` in `household` (only `head` as its head); the households they left."""
    left: set[int] = set()
    for person in people:
        if person.household_id and person.household_id != household.pk:
            left.add(person.household_id)
        resident_write(
            person,
            {"household_id": household.pk, "is_household_head": head is not None and person.pk == head.pk},
            event,
        )
    return left


def _settle_left(agency: Agency, left: Iterable[int]) -> None:
    for old in Household.objects.select_for_update().filter(agency=agency, pk__in=sorted(left)):
        _settle(old)


@transaction.atomic
def household_create(
    *,
    actor: Actor,
    agency: Agency,
    head: Resident,
    number: str | None = None,
    address: str = "",
    area: Area | None = None,
    with_family: bool = True,
    note: str = "",
) -> Household:
    """A new household headed by a present resident of the agency, by default with the present
    members of the head's KK. `number` is the next `RT-nnnn` when not given; the area and
    address are the head's when not given. Members move from the households they were in (each
    of which must still keep the rule)."""
    require_keeper(actor, agency)
    head = _present(_fresh(agency, head))
    if area is not None:
        if area.agency_id != agency.pk:
            raise NotFound(_("Area not found."), code="area_not_found")
        if area.level != AreaLevel.RT:
            raise _invalid("area", _("Choose an RT, not a hamlet or an RW."))
    household = Household.objects.create(
        agency=agency,
        number=_number(agency, number),
        area=area or head.area,
        address=" ".join(address.split()) or head.address or (head.family.address if head.family else ""),
    )
    people = [head]
    if with_family and head.family_id:
        people += [
            _fresh(agency, r)
            for r in Resident.objects.filter(family_id=head.family_id, life_status=LifeStatus.PRESENT)
            .exclude(pk=head.pk)
            .order_by("pk")
        ]
    event = _event(
        actor=actor, agency=agency, household=household, action="created", resident=head, family=head.family, note=note
    )
    left = _move_in(people, household, event, head)
    _settle_left(agency, left)
    household_check(household)
    audit_record(
        actor=actor,
        verb="registries.household.created",
        agency=agency,
        obj=household,
        changes={"number": household.number, "head": head.pk, "members": [p.pk for p in people], "event": event.pk},
    )
    register_changed(agency.pk)
    return household


@transaction.atomic
def household_add(
    *,
    actor: Actor,
    agency: Agency,
    household: Household,
    residents: Iterable[Resident] = (),
    family: Family | None = None,
    note: str = "",
) -> LifeEvent:
    """Add present residents (or the present members of a KK) to an active household, as
    members (not heads). They leave the households they were in, each of which must keep the
    rule (a head leaving a household with others in it names its new head there first)."""
    require_keeper(actor, agency)
    household = _own_household(agency, household)
    _active(household)
    people = {r.pk: _present(_fresh(agency, r)) for r in residents}
    if family is not None:
        if family.agency_id != agency.pk:
            raise NotFound(_("Family not found."), code=errors.FAMILY_NOT_FOUND)
        for member in Resident.objects.filter(family=family, life_status=LifeStatus.PRESENT).order_by("pk"):
            people.setdefault(member.pk, _fresh(agency, member))
        if not people:
            raise _invalid("family", _("This KK has no present members."))
    if not people:
        raise _invalid("residents", _("Choose at least one present resident or a KK."))
    joining = [p for p in people.values() if p.household_id != household.pk]
    if not joining:
        raise _invalid("residents", _("They are members of this household already."))
    event = _event(
        actor=actor,
        agency=agency,
        household=household,
        action="added",
        resident=joining[0] if len(joining) == 1 else None,
        family=family,
        note=note,
    )
    left = _move_in(joining, household, event, None)
    _settle_left(agency, left)
    household_check(household)
    audit_record(
        actor=actor,
        verb="registries.household.added",
        agency=agency,
        obj=household,
        changes={"members": [p.pk for p in joining], "family": family.pk if family else None, "event": event.pk},
    )
    register_changed(agency.pk)
    return event


@transaction.atomic
def household_remove(
    *,
    actor: Actor,
    agency: Agency,
    household: Household,
    residents: Iterable[Resident],
    new_head: Resident | None = None,
    note: str = "",
) -> LifeEvent:
    """Take residents out of a household. When the head leaves and others stay, `new_head` (a
    present member who stays) takes over in the same change; when nobody present stays, the
    household becomes inactive."""
    require_keeper(actor, agency)
    household = _own_household(agency, household)
    leaving = {r.pk: _fresh(agency, r) for r in residents}
    if not leaving:
        raise _invalid("residents", _("Choose who leaves the household."))
    for person in leaving.values():
        if person.household_id != household.pk:
            raise _invalid("residents", _("%(name)s is not a member of this household.") % {"name": person.name})
    staying_head = None
    if new_head is not None:
        staying_head = _fresh(agency, new_head)
        if (
            staying_head.household_id != household.pk
            or staying_head.pk in leaving
            or staying_head.life_status != LifeStatus.PRESENT
        ):
            raise _invalid("new_head", _("The new head must be a present member who stays in the household."))
    people = list(leaving.values())
    event = _event(
        actor=actor,
        agency=agency,
        household=household,
        action="removed",
        resident=people[0] if len(people) == 1 else None,
        note=note,
    )
    for person in people:
        resident_write(person, {"household_id": None, "is_household_head": False}, event)
    if staying_head is not None:
        _head(household, staying_head, event)
    was_active = household.is_active
    _settle(household)
    audit_record(
        actor=actor,
        verb="registries.household.removed",
        agency=agency,
        obj=household,
        changes={
            "members": [p.pk for p in people],
            "new_head": staying_head.pk if staying_head else None,
            "closed": was_active and not household.is_active,
            "event": event.pk,
        },
    )
    register_changed(agency.pk)
    return event


def _head(household: Household, head: Resident, event: LifeEvent) -> None:
    """`head` becomes the household's only head (anyone else marked, present or not, is not)."""
    for other in Resident.objects.select_for_update().filter(household=household, is_household_head=True):
        if other.pk != head.pk:
            resident_write(other, {"is_household_head": False}, event)
    resident_write(head, {"is_household_head": True}, event)


@transaction.atomic
def household_set_head(
    *, actor: Actor, agency: Agency, household: Household, head: Resident, note: str = ""
) -> LifeEvent:
    """A present member becomes the head of an active household (the former head stays a
    member). Also how a household whose head died or moved away gets its new head."""
    require_keeper(actor, agency)
    household = _own_household(agency, household)
    _active(household)
    head = _fresh(agency, head)
    if head.household_id != household.pk:
        raise _invalid("head", _("The head must be a member of this household."))
    _present(head)
    event = _event(actor=actor, agency=agency, household=household, action="head", resident=head, note=note)
    _head(household, head, event)
    household_check(household)
    audit_record(
        actor=actor,
        verb="registries.household.head",
        agency=agency,
        obj=household,
        changes={"head": head.pk, "event": event.pk},
    )
    register_changed(agency.pk)
    return event


def household_after_leave(resident: Resident) -> bool:
    """For a life event that took `resident` out of the register (death, moving out, going
    missing), in its transaction: a household with nobody present left becomes inactive.
    Returns whether it did. A household that keeps members but lost its head is shown as
    needing a new head, and its next change must name one."""
    if resident.household_id is None:
        return False
    household = Household.objects.select_for_update().filter(pk=resident.household_id).first()
    if household is None or not household.is_active:
        return False
    if Resident.objects.filter(household=household, life_status=LifeStatus.PRESENT).exists():
        return False
    Household.objects.filter(pk=household.pk).update(is_active=False)
    return True


def household_summary(household: Household) -> dict[str, Any]:
    """The household's numbers as the pages and the API show them."""
    members = list(household_members(household))
    present = [m for m in members if m.life_status == LifeStatus.PRESENT]
    head = next((m for m in present if m.is_household_head), None)
    return {"members": members, "present": present, "head": head, "problems": household_problems(household)}
