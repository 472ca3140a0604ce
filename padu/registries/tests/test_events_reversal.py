"""Reversing a life event: a correcting event restores the exact values; a superseded or twice
reversed event is refused; a creating event leaves the person out of the register, never
deleted."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from padu.core.actors import OPERATOR
from padu.core.errors import Conflict, InvalidInput
from padu.registries import errors, events
from padu.registries.codes import LifeStatus, MaritalStatus, Relationship, Sex
from padu.registries.models import EventKind, Family, LifeEvent, Resident, ResidentChange
from padu.registries.services import history_value
from padu.registries.tests.factories import make_family, make_kk
from tests.factories import make_agency, make_nik

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 20)
ITEMS = ("life_status", "left_on", "relationship", "marital_status", "family_id", "area_id", "address", "name")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def state(resident: Resident) -> dict[str, object]:
    resident.refresh_from_db()
    return {name: getattr(resident, name) for name in ITEMS}


def test_reversing_a_heads_death_restores_every_value_exactly():
    agency = make_agency()
    _family, (head, wife, child) = make_family(agency, members=3)
    before = {p.pk: state(p) for p in (head, wife, child)}
    death = events.event_death(actor=OPERATOR, agency=agency, resident=head, occurred_on=DAY, new_head=wife)
    assert state(wife)["marital_status"] == MaritalStatus.WIDOWED
    reversal = events.event_reverse(actor=OPERATOR, agency=agency, event=death, reason="Salah orang")
    assert {p.pk: state(p) for p in (head, wife, child)} == before
    assert reversal.kind == EventKind.REVERSAL and reversal.reverses_id == death.pk
    assert reversal.note == "Salah orang"
    # The reversal is history too: life_status mati → ada.
    row = ResidentChange.objects.get(event=reversal, resident=head, field="life_status")
    assert (row.old, row.new) == ("mati", "ada")
    # Both events stay as they were.
    assert LifeEvent.objects.filter(pk=death.pk).exists()
    with pytest.raises(Conflict) as exc:
        events.event_reverse(actor=OPERATOR, agency=agency, event=death, reason="lagi")
    assert exc.value.code == errors.EVENT_ALREADY_REVERSED
    with pytest.raises(Conflict):
        events.event_reverse(actor=OPERATOR, agency=agency, event=reversal, reason="lagi")


def test_a_superseded_event_is_not_reversed():
    agency = make_agency()
    _family, (head, wife, child) = make_family(agency, members=3)
    first = events.event_correction(
        actor=OPERATOR, agency=agency, resident=child, values={"name": "Nama Dua"}, reason="akta"
    )
    events.event_correction(actor=OPERATOR, agency=agency, resident=child, values={"name": "Nama Tiga"}, reason="ktp")
    count = LifeEvent.objects.count()
    with pytest.raises(Conflict) as exc:
        events.event_reverse(actor=OPERATOR, agency=agency, event=first, reason="x")
    assert exc.value.code == errors.EVENT_SUPERSEDED
    assert LifeEvent.objects.count() == count
    # Owner control: the later one reverses, then the first.
    last = LifeEvent.objects.filter(kind=EventKind.CORRECTION).order_by("-pk").first()
    assert last is not None
    events.event_reverse(actor=OPERATOR, agency=agency, event=last, reason="x")
    events.event_reverse(actor=OPERATOR, agency=agency, event=first, reason="x")
    child.refresh_from_db()
    assert child.name == "Anak 1"
    with pytest.raises(InvalidInput):  # a reason is required
        events.event_reverse(actor=OPERATOR, agency=agency, event=first, reason=" ")


def test_reversing_a_birth_leaves_the_child_out_of_the_register_without_deleting():
    agency = make_agency()
    family, _people = make_family(agency, members=2)
    born = dt.date(2026, 11, 2)
    birth = events.event_birth(
        actor=OPERATOR,
        agency=agency,
        family=family,
        occurred_on=born,
        values={"nik": make_nik("32.04.05", born), "name": "Bayi", "sex": Sex.MALE, "birth_place": "B", "religion": 1},
    )
    assert birth.resident_id is not None
    baby = Resident.objects.get(pk=birth.resident_id)
    events.event_reverse(actor=OPERATOR, agency=agency, event=birth, reason="Dobel")
    baby.refresh_from_db()
    assert baby.life_status == LifeStatus.MOVED_OUT and baby.left_on == born == baby.registered_on
    assert Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT).count() == 2


def test_reversing_a_move_in_closes_the_new_kk_and_a_merge_reopens_the_old():
    agency = make_agency()
    family, (head, wife, son, daughter) = make_family(agency, members=4)
    Resident.objects.filter(pk=son.pk).update(marital_status=MaritalStatus.NOT_MARRIED)
    split = events.event_kk_split(
        actor=OPERATOR,
        agency=agency,
        family=family,
        members=[son],
        new_kk_number=make_kk(),
        new_head=son,
        occurred_on=DAY,
    )
    son.refresh_from_db()
    new = son.family
    assert new is not None
    merge = events.event_kk_merge(
        actor=OPERATOR, agency=agency, family=new, into=family, occurred_on=DAY, relationships={son.pk: 4}
    )
    events.event_reverse(actor=OPERATOR, agency=agency, event=merge, reason="x")
    son.refresh_from_db()
    assert son.family_id == new.pk and son.relationship == Relationship.HEAD
    assert Family.objects.get(pk=new.pk).is_active
    events.event_reverse(actor=OPERATOR, agency=agency, event=split, reason="x")
    son.refresh_from_db()
    assert son.family_id == family.pk and son.relationship == Relationship.CHILD
    assert not Family.objects.get(pk=new.pk).is_active
    nik = ResidentChange.objects.filter(resident=head, field="nik").first()
    assert nik is not None and history_value("nik", nik.new) == head.nik
