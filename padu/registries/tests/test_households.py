"""Households (rumah tangga): the rule's known answers, making a household and changing it
(each change a correcting event in the members' history and an audit row), refusals that
leave everything as it was, who may change one, and another village's records."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from padu.core.actors import OPERATOR
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.registries import events
from padu.registries import households as hh
from padu.registries.households import HouseholdMember, household_member_problems
from padu.registries.models import EventKind, Household, LifeEvent, Resident, ResidentChange
from padu.registries.tests.factories import make_family, make_resident, make_rt
from tests.factories import actor_for, make_agency, make_staff

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _clock_and_language():
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def village():
    agency = make_agency()
    family, people = make_family(agency, members=3)
    return agency, family, people


def _fresh(*people: Resident) -> list[Resident]:
    return [Resident.objects.get(pk=p.pk) for p in people]


def _state(agency) -> tuple:
    """Everything a household change could touch, to compare before and after a refusal."""
    return (
        sorted(Household.objects.filter(agency=agency).values_list("pk", "number", "is_active")),
        sorted(Resident.objects.filter(agency=agency).values_list("pk", "household_id", "is_household_head")),
        LifeEvent.objects.filter(agency=agency).count(),
        ResidentChange.objects.count(),
        AuditEvent.objects.filter(agency_id=agency.pk).count(),
    )


# ---- the rule ----


def test_the_rule_known_answers():
    ok = [HouseholdMember("Ani", True, True), HouseholdMember("Budi", False, True)]
    assert household_member_problems(is_active=True, members=ok) == []
    two = [HouseholdMember("Ani", True, True), HouseholdMember("Budi", True, True)]
    assert household_member_problems(is_active=True, members=two) == [
        "A household has exactly one head among its present members; this one has 2."
    ]
    none = [HouseholdMember("Ani", False, True)]
    assert household_member_problems(is_active=True, members=none) == [
        "A household has exactly one head among its present members; this one has 0."
    ]
    gone = [HouseholdMember("Ani", True, False, "Died"), HouseholdMember("Budi", False, True)]
    assert household_member_problems(is_active=True, members=gone) == [
        "A household has exactly one head among its present members; this one has 0.",
        "Ani is marked as the head but is no longer present (Died).",
    ]
    # An inactive household: nobody present, whoever is still marked.
    assert household_member_problems(is_active=False, members=[HouseholdMember("Ani", True, False, "Died")]) == []
    assert household_member_problems(is_active=False, members=ok) == [
        "An inactive household has no present members; this one has 2."
    ]
    # An active household nobody lives in needs a head (or to be closed).
    assert household_member_problems(is_active=True, members=[]) == [
        "A household has exactly one head among its present members; this one has 0."
    ]


# ---- making a household ----


def test_a_household_is_made_with_the_heads_kk_and_the_history_says_so(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    made = hh.household_create(actor=actor_for(registrar), agency=agency, head=head)
    assert made.number == "RT-0001" and made.is_active
    assert made.area_id == head.area_id and made.address == "Jl. Contoh No. 1"
    head, wife, child = _fresh(head, wife, child)
    assert {p.household_id for p in (head, wife, child)} == {made.pk}
    assert [p.is_household_head for p in (head, wife, child)] == [True, False, False]
    event = LifeEvent.objects.get(agency=agency, kind=EventKind.CORRECTION)
    assert event.details == {"household": "RT-0001", "household_id": made.pk, "action": "created"}
    assert event.resident_id == head.pk and event.recorded_by_id == registrar.pk
    rows = {(c.resident_id, c.field, c.old, c.new) for c in ResidentChange.objects.filter(event=event)}
    assert rows == {
        (head.pk, "household_id", "", str(made.pk)),
        (head.pk, "is_household_head", "0", "1"),
        (wife.pk, "household_id", "", str(made.pk)),
        (child.pk, "household_id", "", str(made.pk)),
    }
    audit = AuditEvent.objects.get(verb="registries.household.created")
    assert audit.object_id == str(made.pk) and audit.changes["members"] == [head.pk, wife.pk, child.pk]
    assert hh.household_problems(made) == []
    # The next number is the next serial; a number of one's own is kept, cleaned.
    _f2, (other, *_rest) = make_family(agency, members=1)
    second = hh.household_create(actor=OPERATOR, agency=agency, head=other, number="  RT 7 / 2  ")
    assert second.number == "RT 7 / 2"
    _f3, (third_head, *_r) = make_family(agency, members=1)
    assert hh.household_create(actor=OPERATOR, agency=agency, head=third_head).number == "RT-0003"


def test_making_a_household_alone_leaves_the_kk_where_it_was(village):
    agency, _family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    # The grown child starts a household of their own, without the KK.
    own = hh.household_create(actor=OPERATOR, agency=agency, head=child, with_family=False, address="Jl. Baru 2")
    head, wife, child = _fresh(head, wife, child)
    assert (head.household_id, wife.household_id, child.household_id) == (home.pk, home.pk, own.pk)
    assert child.is_household_head and own.address == "Jl. Baru 2"
    assert hh.household_problems(home) == [] and hh.household_problems(own) == []


def test_bad_input_when_making_a_household(village):
    agency, _family, (head, wife, child) = village
    hh.household_create(actor=OPERATOR, agency=agency, head=head, number="RT-9")
    _f, (loner, *_r) = make_family(agency, members=1)
    rw = make_rt(agency, rt="RT 002").parent
    before = _state(agency)
    with pytest.raises(InvalidInput) as taken:
        hh.household_create(actor=OPERATOR, agency=agency, head=loner, number="RT-9")
    assert taken.value.code == "household_number_taken"
    with pytest.raises(InvalidInput) as empty:
        hh.household_create(actor=OPERATOR, agency=agency, head=loner, number="   ")
    assert empty.value.code == "household_invalid" and "number" in empty.value.errors
    with pytest.raises(InvalidInput) as long:
        hh.household_create(actor=OPERATOR, agency=agency, head=loner, number="X" * 31)
    assert long.value.code == "household_invalid"
    with pytest.raises(InvalidInput) as not_rt:
        hh.household_create(actor=OPERATOR, agency=agency, head=loner, area=rw)
    assert not_rt.value.code == "household_invalid" and "area" in not_rt.value.errors
    assert _state(agency) == before


def test_a_head_who_left_the_register_cannot_head_a_household(village):
    agency, _family, (head, wife, child) = village
    events.event_move_out(
        actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2026, 11, 1), destination="Bandung"
    )
    before = _state(agency)
    with pytest.raises(Conflict) as gone:
        hh.household_create(actor=OPERATOR, agency=agency, head=child)
    assert gone.value.code == "resident_not_present"
    assert _state(agency) == before


# ---- changing a household ----


def test_add_remove_and_set_head_with_history(village):
    agency, family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head, with_family=False)
    added = hh.household_add(actor=OPERATOR, agency=agency, household=home, family=family)
    assert added.details["action"] == "added" and added.family_id == family.pk
    head, wife, child = _fresh(head, wife, child)
    assert {p.household_id for p in (head, wife, child)} == {home.pk}
    assert not wife.is_household_head and not child.is_household_head
    # Another KK (a lodger's) joins by person.
    lodger = make_resident(agency, area=head.area, name="Penumpang")
    hh.household_add(actor=OPERATOR, agency=agency, household=home, residents=[lodger])
    assert Resident.objects.get(pk=lodger.pk).household_id == home.pk
    # The wife becomes the head; the former head stays a member.
    named = hh.household_set_head(actor=OPERATOR, agency=agency, household=home, head=wife)
    head, wife = _fresh(head, wife)
    assert wife.is_household_head and not head.is_household_head and head.household_id == home.pk
    assert {(c.resident_id, c.field, c.new) for c in ResidentChange.objects.filter(event=named)} == {
        (head.pk, "is_household_head", "0"),
        (wife.pk, "is_household_head", "1"),
    }
    # The head leaves with a new head named in the same change.
    hh.household_remove(actor=OPERATOR, agency=agency, household=home, residents=[wife], new_head=head)
    head, wife = _fresh(head, wife)
    assert wife.household_id is None and not wife.is_household_head and head.is_household_head
    # Everyone else leaves: the household closes.
    left = Resident.objects.filter(household=home)
    hh.household_remove(actor=OPERATOR, agency=agency, household=home, residents=list(left))
    home.refresh_from_db()
    assert not home.is_active and hh.household_problems(home) == []
    assert AuditEvent.objects.filter(verb="registries.household.removed").count() == 2
    assert AuditEvent.objects.get(verb="registries.household.head").changes["head"] == wife.pk
    # The history page's rows: the wife's household changes, newest first.
    fields = [c.field for c in ResidentChange.objects.filter(resident=wife).order_by("-event_id", "pk")][:3]
    assert fields == ["household_id", "is_household_head", "is_household_head"]


def test_refusals_leave_everything_unchanged(village):
    agency, family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    before = _state(agency)
    # The head leaves while others stay, with no new head.
    with pytest.raises(InvalidInput) as headless:
        hh.household_remove(actor=OPERATOR, agency=agency, household=home, residents=[head])
    assert headless.value.code == "household_rules"
    assert headless.value.errors["household"] == [
        "A household has exactly one head among its present members; this one has 0."
    ]
    # The head joins another household as a member: the one they leave has no head.
    _f, (neighbour, *_r) = make_family(agency, members=1)
    other = hh.household_create(actor=OPERATOR, agency=agency, head=neighbour)
    before = _state(agency)
    with pytest.raises(InvalidInput) as moved:
        hh.household_add(actor=OPERATOR, agency=agency, household=other, residents=[head])
    assert moved.value.code == "household_rules"
    # A new head who is not a member, or who leaves too.
    with pytest.raises(InvalidInput) as stranger:
        hh.household_set_head(actor=OPERATOR, agency=agency, household=home, head=neighbour)
    assert stranger.value.code == "household_invalid" and "head" in stranger.value.errors
    with pytest.raises(InvalidInput) as leaving_head:
        hh.household_remove(actor=OPERATOR, agency=agency, household=home, residents=[head, wife], new_head=wife)
    assert "new_head" in leaving_head.value.errors
    # Nobody to add, someone already there, someone not a member.
    with pytest.raises(InvalidInput):
        hh.household_add(actor=OPERATOR, agency=agency, household=home)
    with pytest.raises(InvalidInput) as already:
        hh.household_add(actor=OPERATOR, agency=agency, household=home, residents=[wife])
    assert "residents" in already.value.errors
    with pytest.raises(InvalidInput):
        hh.household_remove(actor=OPERATOR, agency=agency, household=home, residents=[neighbour])
    assert _state(agency) == before


def test_a_head_who_dies_leaves_a_household_needing_a_new_head(village):
    agency, _family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    events.event_death(actor=OPERATOR, agency=agency, resident=head, occurred_on=dt.date(2026, 11, 20), new_head=wife)
    assert hh.household_problems(home) == [
        "A household has exactly one head among its present members; this one has 0.",
        "Kepala Keluarga is marked as the head but is no longer present (Died).",
    ]
    assert [h.pk for h in hh.households_search(OPERATOR, agency, status="attention")] == [home.pk]
    # Adding someone does not mend it: refused with the problems.
    lodger = make_resident(agency, name="Penumpang")
    with pytest.raises(InvalidInput) as refused:
        hh.household_add(actor=OPERATOR, agency=agency, household=home, residents=[lodger])
    assert refused.value.code == "household_rules"
    # Naming the wife as head mends it (the deceased is no longer marked).
    hh.household_set_head(actor=OPERATOR, agency=agency, household=home, head=wife)
    assert hh.household_problems(home) == []
    assert list(hh.households_search(OPERATOR, agency, status="attention")) == []
    assert not Resident.objects.get(pk=head.pk).is_household_head


def test_household_after_leave_closes_an_empty_household(village):
    agency, _family, (head, wife, child) = village
    alone = hh.household_create(actor=OPERATOR, agency=agency, head=child, with_family=False)
    events.event_move_out(
        actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2026, 11, 1), destination="Bandung"
    )
    assert hh.household_after_leave(Resident.objects.get(pk=child.pk)) is True
    alone.refresh_from_db()
    assert not alone.is_active and hh.household_problems(alone) == []
    # A household that keeps members is left open (it is shown as needing a head instead).
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    assert hh.household_after_leave(Resident.objects.get(pk=wife.pk)) is False
    assert Household.objects.get(pk=home.pk).is_active
    with pytest.raises(Conflict) as closed:
        hh.household_add(actor=OPERATOR, agency=agency, household=alone, residents=[wife])
    assert closed.value.code == "household_inactive"


# ---- who may, and whose ----


def test_only_the_register_keepers_change_households(village):
    agency, _family, (head, wife, child) = village
    desk = actor_for(make_staff(agency, Role.FRONT_DESK))
    before = _state(agency)
    with pytest.raises(Forbidden):
        hh.household_create(actor=desk, agency=agency, head=head)
    assert _state(agency) == before
    # Owner control: the register officer and the agency administrator may.
    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    home = hh.household_create(actor=admin, agency=agency, head=head)
    with pytest.raises(Forbidden):
        hh.household_set_head(actor=desk, agency=agency, household=home, head=wife)
    registrar = actor_for(make_staff(agency, Role.REGISTRAR))
    hh.household_set_head(actor=registrar, agency=agency, household=home, head=wife)
    # The front desk reads them; a supervisor does not.
    assert [h.pk for h in hh.households_search(desk, agency)] == [home.pk]
    with pytest.raises(Forbidden):
        hh.households_search(actor_for(make_staff(agency, Role.SUPERVISOR)), agency)


def test_another_villages_records_are_not_found(village):
    agency, _family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    elsewhere = make_agency(name="Pemerintah Desa Lain", region="32.04.05.2002")
    _f, (stranger, *_r) = make_family(elsewhere, members=1)
    theirs = hh.household_create(actor=OPERATOR, agency=elsewhere, head=stranger)
    before = _state(agency)
    with pytest.raises(NotFound):
        hh.household_add(actor=OPERATOR, agency=agency, household=home, residents=[stranger])
    with pytest.raises(NotFound):
        hh.household_create(actor=OPERATOR, agency=agency, head=stranger)
    with pytest.raises(NotFound):
        hh.household_set_head(actor=OPERATOR, agency=agency, household=theirs, head=head)
    with pytest.raises(NotFound) as unknown:
        hh.household_for_staff(OPERATOR, agency, theirs.pk)
    assert unknown.value.code == "household_not_found"
    assert _state(agency) == before
    # Owner control: the other village changes its own.
    assert hh.household_for_staff(OPERATOR, elsewhere, theirs.pk) == theirs
