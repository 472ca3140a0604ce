"""What the register offers its siblings (padu/registries/hooks.py): a resident's facts for a
letter, found in the office's register or one beneath it, logged when a person reads them,
without the sensitive items for those who may not see them; and the proposal a completed
application makes, once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.registries.codes import BloodType, LifeStatus
from padu.registries.hooks import application_completed, register_facts
from padu.registries.models import EventProposal, ProposalStatus, Resident, ResidentAccess
from padu.registries.tests.factories import make_family, make_rt
from tests.factories import make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db

CHANGED = dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def village():
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    agency = make_agency(parent=regency)
    rt = make_rt(agency, dusun="Dusun Satu", rw="RW 003", rt="RT 001")
    with time_machine.travel(CHANGED, tick=False):
        family, people = make_family(agency, area=rt, members=3)
    Resident.objects.filter(pk=people[1].pk).update(address="Jl. Melati 7", blood_type=1)
    return regency, agency, family, people


def test_the_facts_of_a_resident_known_answers(village):
    regency, agency, family, people = village
    wife = Resident.objects.get(pk=people[1].pk)
    facts = register_facts(agency_id=agency.pk, nik=wife.nik)
    assert facts is not None
    assert facts["nama"] == "Istri" and facts["nik"] == wife.nik
    assert facts["tanggal_lahir"] == dt.date(1983, 7, 2)
    assert facts["tempat_lahir"] == "Bandung"
    assert facts["jenis_kelamin"] in ("Perempuan", "Female")  # in the active language
    assert facts["alamat"] == "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Pemerintah Desa Cileunyi Kulon"
    assert (facts["rt"], facts["rw"], facts["dusun"]) == ("RT 001", "RW 003", "Dusun Satu")
    assert facts["no_kk"] == family.kk_number
    assert [m["nama"] for m in facts["keluarga"]] == ["Kepala Keluarga", "Istri", "Anak 1"]
    assert facts["_source"]["village"] == "Pemerintah Desa Cileunyi Kulon"
    assert facts["_source"]["updated_at"] >= CHANGED
    # Asked at the regency above the village, the resident is found too (the tree below it).
    above = register_facts(agency_id=regency.pk, nik=wife.nik)
    assert above is not None and above["nama"] == "Istri"
    # The platform building a letter logs nothing.
    assert not ResidentAccess.objects.exists()


def test_bad_input_unknown_nik_another_office_or_a_resident_who_left_give_nothing(village):
    _regency, agency, _family, people = village
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    assert register_facts(agency_id=agency.pk, nik="") is None
    assert register_facts(agency_id=agency.pk, nik="not a nik") is None
    assert register_facts(agency_id=agency.pk, nik="3204051403809999") is None
    assert register_facts(agency_id=other.pk, nik=people[0].nik) is None  # a sibling village
    assert register_facts(agency_id=999999, nik=people[0].nik) is None
    Resident.objects.filter(pk=people[0].pk).update(life_status=LifeStatus.DEAD)
    assert register_facts(agency_id=agency.pk, nik=people[0].nik) is None
    # Control: the office's own resident is found.
    assert register_facts(agency_id=agency.pk, nik=people[1].nik) is not None


def test_an_officer_reading_the_facts_is_logged_and_sees_no_sensitive_item(village):
    _regency, agency, _family, people = village
    front_desk = make_staff(agency, Role.FRONT_DESK)
    wife = people[1]
    facts = register_facts(agency_id=agency.pk, nik=wife.nik, actor=Actor(user=front_desk), purpose="letter")
    assert facts is not None
    assert "agama" not in facts and "golongan_darah" not in facts
    own = ResidentAccess.objects.get(resident=wife)
    assert own.viewer_id == front_desk.pk and own.purpose == "letter"
    assert {"name", "nik", "address", "kk_number"} <= set(own.fields) and "religion" not in own.fields
    # The family members shown are logged too, with what was shown of them.
    members = ResidentAccess.objects.exclude(resident=wife)
    assert sorted(a.resident_id for a in members) == sorted([people[0].pk, people[2].pk])
    assert all(a.fields == ["name", "nik", "relationship", "birth_date"] for a in members)
    # The register officer sees the sensitive items.
    registrar = make_staff(agency, Role.REGISTRAR)
    keeper = register_facts(agency_id=agency.pk, nik=wife.nik, actor=Actor(user=registrar), purpose="letter")
    assert keeper is not None
    assert keeper["agama"] == "Islam"
    assert keeper["golongan_darah"] == str(BloodType(1).label)


def test_someone_outside_the_office_gets_nothing_and_nothing_is_logged(village):
    _regency, agency, _family, people = village
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    stranger = make_staff(other, Role.FRONT_DESK)
    citizen = make_user()
    assert register_facts(agency_id=agency.pk, nik=people[0].nik, actor=Actor(user=stranger), purpose="x") is None
    assert register_facts(agency_id=agency.pk, nik=people[0].nik, actor=Actor(user=citizen), purpose="x") is None
    assert not ResidentAccess.objects.exists()


def test_a_citizen_gets_only_their_own_linked_record(village):
    _regency, agency, _family, people = village
    wife = people[1]
    citizen = make_user(full_name="Istri")
    # Not linked: nothing, even with the right NIK.
    assert register_facts(agency_id=agency.pk, nik=wife.nik, actor=Actor(user=citizen), user_id=citizen.pk) is None
    Resident.objects.filter(pk=wife.pk).update(user=citizen)
    facts = register_facts(agency_id=agency.pk, nik=wife.nik, actor=Actor(user=citizen), user_id=citizen.pk)
    assert facts is not None and facts["agama"] == "Islam"  # their own data, all of it
    assert facts["_source"]["linked"] is True
    # Their own read is not logged for themselves; their family members' records are.
    assert not ResidentAccess.objects.filter(resident=wife).exists()
    # Someone else's account with the same NIK asked for gets nothing.
    other = make_user()
    assert register_facts(agency_id=agency.pk, nik=wife.nik, actor=Actor(user=other), user_id=other.pk) is None


def test_a_completed_application_proposes_its_event_once(village):
    _regency, agency, _family, people = village
    payload = {
        "agency_id": agency.pk,
        "kind": "death",
        "reference": "K7M3-9QXC-B",
        "summary": "Surat Keterangan Kematian: Kepala Keluarga (K7M3-9QXC-B)",
        "details": {"tanggal_meninggal": "2026-11-20", "tempat_meninggal": "Rumah"},
        "nik": people[0].nik,
    }
    application_completed(**payload)
    application_completed(**payload)  # a retried task
    proposal = EventProposal.objects.get()
    assert proposal.kind == "death" and proposal.reference == "K7M3-9QXC-B"
    assert proposal.resident_id == people[0].pk and proposal.status == ProposalStatus.PENDING
    assert "Rumah" not in proposal.details_sealed  # sealed at rest
    # An unknown kind is ignored.
    application_completed(**{**payload, "kind": "wedding", "reference": "X"})
    assert EventProposal.objects.count() == 1
