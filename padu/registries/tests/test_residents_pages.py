"""The register's console pages: the search and list, a resident's page (sensitive items only for
the register officer, the read logged), a KK, the areas, an event recorded through its form
(and refused with the family rules listed), an event reversed, proposals accepted and
dismissed. Text is checked in English."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from padu.core.roles import Role
from padu.registries import events
from padu.registries.codes import LifeStatus, Religion
from padu.registries.models import (
    Area,
    EventKind,
    EventProposal,
    LifeEvent,
    ProposalStatus,
    Resident,
    ResidentAccess,
)
from padu.registries.tests.factories import make_family, make_rt
from tests.factories import make_agency, make_staff

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def village():
    agency = make_agency()
    family, people = make_family(agency, members=3)
    Resident.objects.filter(pk=people[0].pk).update(religion=Religion.CATHOLIC)
    return agency, family, people


def _client(user, agency) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


def test_the_register_lists_and_finds_residents_and_logs_the_read(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    page = client.get("/konsol/penduduk/").content.decode()
    for person in (head, wife, child):
        assert person.name in page and person.nik_masked in page
        assert person.nik not in page
    assert family.kk_masked in page
    assert "3 residents found" in page
    found = client.get("/konsol/penduduk/", {"q": wife.nik}).content.decode()
    assert wife.name in found and head.name not in found
    by_name = client.get("/konsol/penduduk/", {"q": "anak"}).content.decode()
    assert child.name in by_name and wife.name not in by_name
    by_kk = client.get("/konsol/penduduk/", {"q": family.kk_number}).content.decode()
    assert "3 residents found" in by_kk
    # Bad input: an unknown status or area is ignored, not an error.
    assert client.get("/konsol/penduduk/", {"status": "zombie", "area": "x"}).status_code == 200
    log = ResidentAccess.objects.filter(resident=child, viewer=registrar).first()
    assert log is not None and "nik" in log.fields and log.purpose.startswith("Register penduduk")


def test_the_front_desk_sees_a_resident_without_the_sensitive_items_and_cannot_record(village):
    agency, family, (head, wife, child) = village
    desk = make_staff(agency, Role.FRONT_DESK)
    client = _client(desk, agency)
    page = client.get(f"/konsol/penduduk/warga/{head.pk}/").content.decode()
    assert head.name in page and head.nik in page
    assert "Catholic" not in page and "<dt>Religion</dt>" not in page
    assert "Record a death" not in page
    log = ResidentAccess.objects.get(resident=head, viewer=desk)
    assert "religion" not in log.fields and "nik" in log.fields
    assert client.get(f"/konsol/penduduk/peristiwa/kematian/?resident={child.pk}").status_code == 403
    response = client.post("/konsol/penduduk/peristiwa/kematian/", {"resident": child.pk, "occurred_on": "2026-11-20"})
    assert response.status_code == 403
    assert Resident.objects.get(pk=child.pk).life_status == LifeStatus.PRESENT
    # Owner control: the register officer sees religion and the event links.
    registrar = make_staff(agency, Role.REGISTRAR)
    page = _client(registrar, agency).get(f"/konsol/penduduk/warga/{head.pk}/").content.decode()
    assert "Catholic" in page and "Record a death" in page


def test_another_villages_officer_gets_not_found(village):
    agency, family, (head, wife, child) = village
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    admin = make_staff(other, Role.AGENCY_ADMIN)
    client = _client(admin, other)
    assert client.get(f"/konsol/penduduk/warga/{head.pk}/").status_code == 404
    assert client.get(f"/konsol/penduduk/kk/{family.pk}/").status_code == 404
    assert head.name not in client.get("/konsol/penduduk/").content.decode()


def test_a_death_recorded_through_the_form_and_reversed(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    form = client.get(f"/konsol/penduduk/peristiwa/kematian/?resident={head.pk}").content.decode()
    assert "Record a death" in form and wife.name in form
    # The head's death without a new head: refused, the rules' problem shown, nothing written.
    count = LifeEvent.objects.count()
    refused = client.post(
        "/konsol/penduduk/peristiwa/kematian/",
        {"resident": head.pk, "occurred_on": "2026-11-20", "place": "Rumah"},
    )
    assert refused.status_code == 200
    assert "Name the new head of family." in refused.content.decode()
    assert LifeEvent.objects.count() == count
    # A date in the future is refused at the field.
    future = client.post("/konsol/penduduk/peristiwa/kematian/", {"resident": child.pk, "occurred_on": "2026-12-24"})
    assert "The date of the event is in the future." in future.content.decode()
    done = client.post(
        "/konsol/penduduk/peristiwa/kematian/",
        {"resident": head.pk, "occurred_on": "2026-11-20", "place": "Rumah", "new_head": wife.pk},
    )
    event = LifeEvent.objects.get(kind=EventKind.DEATH)
    assert done.status_code == 302 and done["Location"] == f"/konsol/penduduk/peristiwa/{event.pk}/"
    page = client.get(f"/konsol/penduduk/warga/{head.pk}/").content.decode()
    assert "Died" in page and "Death" in page
    detail = client.get(f"/konsol/penduduk/peristiwa/{event.pk}/").content.decode()
    assert "Reverse the event" in detail
    reversed_ = client.post(f"/konsol/penduduk/peristiwa/{event.pk}/", {"reason": "Salah orang"})
    assert reversed_.status_code == 302
    head.refresh_from_db()
    assert head.life_status == LifeStatus.PRESENT
    again = client.post(f"/konsol/penduduk/peristiwa/{event.pk}/", {"reason": "lagi"})
    assert again.status_code == 200 and "reversed already" in again.content.decode()
    listing = client.get("/konsol/penduduk/peristiwa/").content.decode()
    assert "Correcting event" in listing and "Death" in listing


def test_the_family_page_and_the_areas(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    page = client.get(f"/konsol/penduduk/kk/{family.pk}/").content.decode()
    assert family.kk_number in page and all(p.name in page for p in (head, wife, child))
    assert ResidentAccess.objects.filter(resident=child, viewer=registrar).exists()
    areas = client.get("/konsol/penduduk/wilayah/").content.decode()
    assert "Dusun Satu" in areas and "RT 001" in areas
    rw = Area.objects.get(agency=agency, name="RW 001")
    added = client.post(
        "/konsol/penduduk/wilayah/", {"level": "rt", "parent": rw.pk, "name": "RT 002", "head_name": "Pak RT"}
    )
    assert added.status_code == 302
    assert Area.objects.get(agency=agency, name="RT 002").head_name == "Pak RT"
    clash = client.post("/konsol/penduduk/wilayah/", {"level": "rt", "parent": rw.pk, "name": "RT 002"})
    assert "There is already an area with this name here." in clash.content.decode()
    wrong = client.post("/konsol/penduduk/wilayah/", {"level": "rt", "name": "RT 009"})
    assert wrong.status_code == 200 and not Area.objects.filter(name="RT 009").exists()
    rt = Area.objects.get(name="RT 002")
    client.post("/konsol/penduduk/wilayah/", {"area": rt.pk, "level": "rt", "name": "RT 002 Baru"})
    assert Area.objects.get(pk=rt.pk).name == "RT 002 Baru"
    desk = _client(make_staff(agency, Role.FRONT_DESK), agency)
    assert desk.get("/konsol/penduduk/wilayah/").status_code == 200
    assert desk.post("/konsol/penduduk/wilayah/", {"level": "dusun", "name": "Dusun X"}).status_code == 403


def test_a_move_within_and_a_kk_split_through_their_forms(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    rt2 = make_rt(agency, rt="RT 002")
    moved = client.post(
        "/konsol/penduduk/peristiwa/pindah-dalam-desa/",
        {"resident": child.pk, "occurred_on": "2026-11-20", "area": rt2.pk, "address": "Jl. Dua"},
    )
    assert moved.status_code == 302
    child.refresh_from_db()
    assert child.area_id == rt2.pk
    split = client.get(f"/konsol/penduduk/peristiwa/pecah-kk/?family={family.pk}").content.decode()
    assert "Split a KK" in split and child.name in split
    bad = client.post(
        "/konsol/penduduk/peristiwa/pecah-kk/",
        {
            "family": family.pk,
            "occurred_on": "2026-11-20",
            "members": [child.pk],
            "new_head": child.pk,
            "new_kk_number": "123",
        },
    )
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_proposals_are_recorded_or_dismissed(village):
    agency, family, (head, wife, child) = village
    proposal = events.application_completed(
        agency_id=agency.pk,
        kind=EventKind.DEATH,
        reference="SKK-2026-0001",
        summary="Surat keterangan kematian",
        details={"place": "RSUD Majalaya"},
        nik=child.nik,
    )
    again = events.application_completed(
        agency_id=agency.pk, kind=EventKind.DEATH, reference="SKK-2026-0001", summary="x", details={}, nik=child.nik
    )
    assert again is not None and proposal is not None and again.pk == proposal.pk
    assert EventProposal.objects.count() == 1
    assert (
        events.application_completed(agency_id=agency.pk, kind="nonsense", reference="x", summary="", details={})
        is None
    )
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    listing = client.get("/konsol/penduduk/usulan/").content.decode()
    assert "SKK-2026-0001" in listing
    detail = client.get(f"/konsol/penduduk/usulan/{proposal.pk}/").content.decode()
    assert "RSUD Majalaya" in detail and f"proposal={proposal.pk}" in detail
    form = client.get(f"/konsol/penduduk/peristiwa/kematian/?proposal={proposal.pk}").content.decode()
    assert child.name in form and "SKK-2026-0001" in form
    done = client.post(
        "/konsol/penduduk/peristiwa/kematian/",
        {"proposal": proposal.pk, "resident": child.pk, "occurred_on": "2026-11-20", "place": "RSUD Majalaya"},
    )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.event is not None
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.event.source == "application"
    assert proposal.event.reference == "SKK-2026-0001"
    other = events.application_completed(
        agency_id=agency.pk, kind=EventKind.BIRTH, reference="SKL-1", summary="Kelahiran", details={}
    )
    assert other is not None
    assert client.post(f"/konsol/penduduk/usulan/{other.pk}/", {"reason": ""}).status_code == 200
    assert client.post(f"/konsol/penduduk/usulan/{other.pk}/", {"reason": "Dobel"}).status_code == 302
    other.refresh_from_db()
    assert other.status == ProposalStatus.DISMISSED and other.reason == "Dobel"
    desk = _client(make_staff(agency, Role.FRONT_DESK), agency)
    assert desk.get("/konsol/penduduk/usulan/").status_code == 403
