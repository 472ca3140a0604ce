"""Life events: each kind's effect on the register (known answers), its history, and at least one
refusal each; a refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.roles import Role
from padu.registries import errors, events
from padu.registries.codes import LifeStatus, MaritalStatus, Relationship, ResidentStatus, Sex
from padu.registries.models import Family, LifeEvent, Resident, ResidentChange
from padu.registries.services import history_value
from padu.registries.tests.factories import make_family, make_kk, make_resident, make_rt, resident_values
from tests.factories import make_agency, make_nik, make_staff

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)  # 10:00 in Jakarta
DAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def present(agency) -> int:
    return Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT).count()


def history(resident: Resident, event: LifeEvent) -> dict[str, tuple[str, str]]:
    return {
        c.field: (history_value(c.field, c.old), history_value(c.field, c.new))
        for c in ResidentChange.objects.filter(resident=resident, event=event)
    }


def snapshot() -> tuple[int, int, int, int]:
    return (
        Resident.objects.count(),
        LifeEvent.objects.count(),
        ResidentChange.objects.count(),
        Family.objects.filter(is_active=True).count(),
    )


def test_a_death_drops_the_present_count_by_one_and_writes_the_history():
    agency = make_agency()
    family, (head, wife, child) = make_family(agency, members=3)
    assert present(agency) == 3
    event = events.event_death(
        actor=OPERATOR, agency=agency, resident=child, occurred_on=DAY, details={"place": "RSUD", "cause": "sakit"}
    )
    assert present(agency) == 2
    assert history(child, event) == {"life_status": ("ada", "mati"), "left_on": ("", "2026-11-20")}
    assert event.details == {"place": "RSUD", "cause": "sakit"}
    # A dead person dies once.
    with pytest.raises(Conflict) as exc:
        events.event_death(actor=OPERATOR, agency=agency, resident=child, occurred_on=DAY)
    assert exc.value.code == errors.RESIDENT_NOT_PRESENT


def test_a_heads_death_needs_the_new_head_in_the_same_event_or_nothing_is_written():
    agency = make_agency()
    family, (head, wife, child) = make_family(agency, members=3)
    before = snapshot()
    with pytest.raises(InvalidInput) as exc:
        events.event_death(actor=OPERATOR, agency=agency, resident=head, occurred_on=DAY)
    assert exc.value.code == errors.FAMILY_RULES
    assert "new_head" in exc.value.errors
    assert snapshot() == before
    head.refresh_from_db()
    assert head.life_status == LifeStatus.PRESENT
    # Owner control: with the widow named as head, the event goes through.
    event = events.event_death(actor=OPERATOR, agency=agency, resident=head, occurred_on=DAY, new_head=wife)
    wife.refresh_from_db()
    assert wife.relationship == Relationship.HEAD
    assert wife.marital_status == MaritalStatus.WIDOWED
    assert history(wife, event) == {"relationship": ("3", "1"), "marital_status": ("2", "4")}


def test_event_dates_are_checked_against_today_and_birth():
    agency = make_agency()
    _family, (head, wife, child) = make_family(agency, members=3)
    with pytest.raises(InvalidInput) as exc:
        events.event_death(actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2026, 12, 1))
    assert "occurred_on" in exc.value.errors
    with pytest.raises(InvalidInput):
        events.event_death(actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2007, 1, 1))
    # Today in Jakarta is fine.
    events.event_death(actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2026, 11, 30))


def test_only_the_register_keepers_record_events():
    agency = make_agency()
    _family, (head, wife, child) = make_family(agency, members=3)
    desk = Actor(user=make_staff(agency, Role.FRONT_DESK))
    with pytest.raises(Forbidden):
        events.event_death(actor=desk, agency=agency, resident=child, occurred_on=DAY)
    registrar = Actor(user=make_staff(agency, Role.REGISTRAR))
    event = events.event_death(actor=registrar, agency=agency, resident=child, occurred_on=DAY)
    assert event.recorded_by_id == registrar.user_id
    # Another village's officer does not reach this village's resident.
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    with pytest.raises(Exception) as exc:
        events.event_death(actor=OPERATOR, agency=other, resident=wife, occurred_on=DAY)
    assert getattr(exc.value, "code", "") == errors.RESIDENT_NOT_FOUND


def test_a_birth_adds_a_child_to_the_kk_with_the_parents_from_it():
    agency = make_agency()
    family, (head, wife) = make_family(agency, members=2)
    born = dt.date(2026, 11, 2)
    nik = make_nik("32.04.05", born, female=True)
    event = events.event_birth(
        actor=OPERATOR,
        agency=agency,
        family=family,
        occurred_on=born,
        values={"nik": nik, "name": "Bayi Baru", "sex": Sex.FEMALE, "birth_place": "Bandung", "religion": 1},
    )
    assert event.resident_id is not None
    baby = Resident.objects.get(pk=event.resident_id)
    assert (baby.name, baby.birth_date, baby.registered_on) == ("Bayi Baru", born, born)
    assert baby.relationship == Relationship.CHILD and baby.family_id == family.pk
    assert (baby.father_nik, baby.father_name, baby.mother_nik, baby.mother_name) == (
        head.nik,
        head.name,
        wife.nik,
        wife.name,
    )
    assert present(agency) == 3
    # Bad input: a NIK whose birth date differs, and a closed KK.
    with pytest.raises(InvalidInput) as exc:
        events.event_birth(
            actor=OPERATOR,
            agency=agency,
            family=family,
            occurred_on=born,
            values={"nik": make_nik("32.04.05", dt.date(2020, 1, 1)), "name": "X", "sex": "L", "birth_place": "B"},
        )
    assert "nik" in exc.value.errors or "religion" in exc.value.errors
    assert present(agency) == 3


def test_move_in_with_a_new_kk_then_move_out_of_the_whole_kk():
    agency = make_agency()
    rt = make_rt(agency)
    head = resident_values(name="Pendatang", marital_status=MaritalStatus.NOT_MARRIED, relationship=Relationship.HEAD)
    kk = make_kk()
    event = events.event_move_in(
        actor=OPERATOR,
        agency=agency,
        occurred_on=DAY,
        people=[head],
        area=rt,
        kk_number=kk,
        address="Jl. Baru 2",
        resident_status=ResidentStatus.NEWCOMER,
        origin="Kota Bandung",
    )
    assert event.resident_id is not None
    person = Resident.objects.get(pk=event.resident_id)
    assert person.resident_status == ResidentStatus.NEWCOMER
    assert person.previous_address == "Kota Bandung" and person.registered_on == DAY
    assert person.family is not None
    assert person.family.kk_number == kk and person.area_id == rt.pk
    # The same KK again is refused (choose it instead).
    with pytest.raises(InvalidInput) as exc:
        events.event_move_in(
            actor=OPERATOR,
            agency=agency,
            occurred_on=DAY,
            people=[resident_values(relationship=Relationship.CHILD)],
            area=rt,
            kk_number=kk,
        )
    assert exc.value.code == errors.KK_TAKEN
    out = events.event_move_out(
        actor=OPERATOR, agency=agency, occurred_on=DAY, family=person.family, destination="Kab. Garut"
    )
    person.refresh_from_db()
    assert person.life_status == LifeStatus.MOVED_OUT and person.left_on == DAY
    assert out.details["destination"] == "Kab. Garut"
    assert person.family_id is not None
    assert not Family.objects.get(pk=person.family_id).is_active
    with pytest.raises(InvalidInput):
        events.event_move_out(actor=OPERATOR, agency=agency, occurred_on=DAY, resident=person, destination="")


def test_moving_one_person_out_and_a_kk_within_the_village():
    agency = make_agency()
    family, (head, wife, child) = make_family(agency, members=3)
    events.event_move_out(actor=OPERATOR, agency=agency, occurred_on=DAY, resident=child, destination="Jakarta")
    assert Family.objects.get(pk=family.pk).is_active
    other_rt = make_rt(agency, rt="RT 002")
    event = events.event_move_within(
        actor=OPERATOR, agency=agency, occurred_on=DAY, family=family, area=other_rt, address="Jl. Lain 3"
    )
    head.refresh_from_db()
    assert head.area_id == other_rt.pk and head.address == "Jl. Lain 3"
    assert Family.objects.get(pk=family.pk).area_id == other_rt.pk
    assert history(head, event)["area_id"][1] == str(other_rt.pk)
    with pytest.raises(InvalidInput):  # the same RT again: nothing changes
        events.event_move_within(
            actor=OPERATOR, agency=agency, occurred_on=DAY, family=family, area=other_rt, address="Jl. Lain 3"
        )
    dusun_rw = other_rt.parent
    assert dusun_rw is not None
    with pytest.raises(InvalidInput):  # a dusun is no RT
        events.event_move_within(actor=OPERATOR, agency=agency, occurred_on=DAY, resident=head, area=dusun_rw.parent)


def test_marriage_moves_the_wife_into_the_heads_kk_and_divorce_moves_her_out():
    agency = make_agency()
    rt = make_rt(agency)
    groom_family = Family.objects.get(pk=make_family(agency, members=1, area=rt)[0].pk)
    groom = groom_family.members.get()
    Resident.objects.filter(pk=groom.pk).update(marital_status=MaritalStatus.NOT_MARRIED)
    groom.refresh_from_db()
    bride = make_resident(agency, name="Pengantin", sex=Sex.FEMALE, birth=dt.date(1990, 2, 2), area=rt)
    event = events.event_marriage(
        actor=OPERATOR,
        agency=agency,
        resident=groom,
        spouse=bride,
        occurred_on=DAY,
        certificate_number="123/45/XI/2026",
        move_spouse_in=True,
    )
    bride.refresh_from_db()
    assert bride.family_id == groom_family.pk and bride.relationship == Relationship.WIFE
    assert bride.marital_status == MaritalStatus.MARRIED and bride.marriage_date == DAY
    assert history(bride, event)["marriage_certificate_number"] == ("", "123/45/XI/2026")
    with pytest.raises(InvalidInput):  # a married woman does not marry again
        events.event_marriage(
            actor=OPERATOR,
            agency=agency,
            resident=bride,
            spouse_name="Orang Lain",
            occurred_on=DAY,
            certificate_number="9",
        )
    groom.refresh_from_db()
    # Divorce: the wife leaves for a KK of her own; without a destination it is refused.
    with pytest.raises(InvalidInput) as exc:
        events.event_divorce(
            actor=OPERATOR,
            agency=agency,
            resident=groom,
            spouse=bride,
            leaving=bride,
            occurred_on=DAY,
            certificate_number="77/AC/2026",
        )
    assert "destination_family" in exc.value.errors
    new_kk = make_kk()
    events.event_divorce(
        actor=OPERATOR,
        agency=agency,
        resident=groom,
        spouse=bride,
        leaving=bride,
        occurred_on=DAY,
        certificate_number="77/AC/2026",
        new_kk_number=new_kk,
    )
    bride.refresh_from_db()
    groom.refresh_from_db()
    assert bride.family is not None
    assert bride.family.kk_number == new_kk and bride.relationship == Relationship.HEAD
    assert bride.marital_status == groom.marital_status == MaritalStatus.DIVORCED


def test_missing_and_found_again():
    agency = make_agency()
    _family, (head, wife, child) = make_family(agency, members=3)
    events.event_missing(actor=OPERATOR, agency=agency, resident=child, occurred_on=DAY)
    child.refresh_from_db()
    assert child.life_status == LifeStatus.MISSING and present(agency) == 2
    with pytest.raises(Conflict):
        events.event_found(actor=OPERATOR, agency=agency, resident=wife, occurred_on=DAY)
    with pytest.raises(InvalidInput):
        events.event_found(actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2026, 11, 1))
    events.event_found(actor=OPERATOR, agency=agency, resident=child, occurred_on=dt.date(2026, 11, 25))
    child.refresh_from_db()
    assert child.life_status == LifeStatus.PRESENT and child.left_on is None


def test_kk_split_and_merge():
    agency = make_agency()
    family, (head, wife, son, daughter) = make_family(agency, members=4)
    Resident.objects.filter(pk=son.pk).update(marital_status=MaritalStatus.NOT_MARRIED)
    new_kk = make_kk()
    with pytest.raises(InvalidInput):  # the new head must move
        events.event_kk_split(
            actor=OPERATOR,
            agency=agency,
            family=family,
            members=[son],
            new_kk_number=new_kk,
            new_head=daughter,
            occurred_on=DAY,
        )
    event = events.event_kk_split(
        actor=OPERATOR,
        agency=agency,
        family=family,
        members=[son],
        new_kk_number=new_kk,
        new_head=son,
        occurred_on=DAY,
    )
    son.refresh_from_db()
    new = son.family
    assert new is not None
    assert new.kk_number == new_kk and son.relationship == Relationship.HEAD
    assert event.details["new_family"] == new.pk
    # Merge the new KK back into the parents' KK, the son as a child again.
    with pytest.raises(InvalidInput):
        events.event_kk_merge(actor=OPERATOR, agency=agency, family=new, into=family, occurred_on=DAY, relationships={})
    events.event_kk_merge(
        actor=OPERATOR,
        agency=agency,
        family=new,
        into=family,
        occurred_on=DAY,
        relationships={son.pk: Relationship.CHILD},
    )
    son.refresh_from_db()
    assert son.family_id == family.pk and son.relationship == Relationship.CHILD
    assert not Family.objects.get(pk=new.pk).is_active


def test_a_correction_needs_a_reason_and_checks_the_items():
    agency = make_agency()
    _family, (head, wife, child) = make_family(agency, members=3)
    with pytest.raises(InvalidInput) as exc:
        events.event_correction(actor=OPERATOR, agency=agency, resident=child, values={"name": "Nama Baru"}, reason="")
    assert "reason" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        events.event_correction(
            actor=OPERATOR, agency=agency, resident=child, values={"religion": 42}, reason="Salah ketik"
        )
    assert "religion" in exc.value.errors
    event = events.event_correction(
        actor=OPERATOR, agency=agency, resident=child, values={"name": "Anak  Satu Benar"}, reason="Sesuai akta"
    )
    assert history(child, event) == {"name": ("Anak 1", "Anak Satu Benar")}
    assert event.note == "Sesuai akta"
    # A child older than the head breaks the family rules: refused, nothing written.
    before = snapshot()
    with pytest.raises(InvalidInput) as exc:
        events.event_correction(
            actor=OPERATOR,
            agency=agency,
            resident=child,
            values={"relationship": Relationship.PARENT},
            reason="Salah",
        )
    assert exc.value.code == errors.FAMILY_RULES
    assert snapshot() == before
