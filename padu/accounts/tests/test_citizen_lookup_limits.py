"""The counter look-up by NIK: bound to the officer's region, limited per officer, and every
look-up audited without the plain NIK."""

import datetime as dt

import pytest

from padu.core.crypto import keyed_hash
from padu.core.models import AgencyKind, AuditEvent, PersonalDataAccess
from padu.core.roles import Role
from tests.factories import make_agency, make_citizen, make_nik, make_staff

pytestmark = pytest.mark.django_db

LOOKED_UP = "citizen.looked_up"


def _lookup(client, officer, agency, nik, purpose="Layanan surat domisili di loket", **headers):
    client.force_login(officer)
    return client.post(
        f"/api/v1/agencies/{agency.pk}/citizen-lookup",
        {"nik": nik, "purpose": purpose},
        content_type="application/json",
        **headers,
    )


def _outcomes():
    return [e.changes["outcome"] for e in AuditEvent.objects.filter(verb=LOOKED_UP).order_by("created_at", "pk")]


def _unregistered_nik():
    return make_nik("32.04.05", dt.date(1975, 1, 2))


def test_a_village_officer_does_not_find_a_citizen_of_another_province_and_it_reads_as_a_miss(client):
    village = make_agency()  # Cileunyi Kulon, 32.04.05.2001
    officer = make_staff(village, Role.FRONT_DESK)
    far = make_citizen(district="35.78.01", village="35.78.01.1001")  # Surabaya
    out_of_region = _lookup(client, officer, village, far.nik, HTTP_ACCEPT_LANGUAGE="en")
    miss = _lookup(client, officer, village, _unregistered_nik(), HTTP_ACCEPT_LANGUAGE="en")
    assert out_of_region.status_code == miss.status_code == 404
    assert out_of_region.json() == miss.json()
    assert miss.json()["code"] == "citizen_not_found"
    assert out_of_region["Content-Type"] == miss["Content-Type"]
    assert _outcomes() == ["out_of_region", "not_found"]
    assert not PersonalDataAccess.objects.exists()
    # The agency's own trail, which every member reads, tells the officer nothing more.
    trail = client.get(f"/api/v1/agencies/{village.pk}/audit").content.decode()
    assert "out_of_region" not in trail and LOOKED_UP not in trail


def test_a_village_officer_finds_a_citizen_of_their_village_but_not_of_the_next(client):
    village = make_agency()
    officer = make_staff(village, Role.FRONT_DESK)
    neighbour = make_citizen(village="32.04.05.2002")  # same district, the next village
    assert _lookup(client, officer, village, neighbour.nik).status_code == 404
    own = make_citizen()  # Cileunyi Kulon
    found = _lookup(client, officer, village, own.nik)
    assert found.status_code == 200, found.content
    assert (found.json()["user_id"], found.json()["region_code"]) == (own.user_id, "32.04.05.2001")
    assert _outcomes() == ["out_of_region", "found"]
    assert PersonalDataAccess.objects.get().subject == own.user


def test_a_regency_agency_finds_citizens_anywhere_in_its_regency(client):
    regency = make_agency(name="Dinas Kependudukan Kabupaten Bandung", kind=AgencyKind.DEPARTMENT, region="32.04")
    officer = make_staff(regency, Role.FRONT_DESK)
    soreang = make_citizen(district="32.04.37", village="32.04.37.2001")
    cileunyi = make_citizen()
    far = make_citizen(district="35.78.01", village="35.78.01.1001")
    assert _lookup(client, officer, regency, soreang.nik).status_code == 200
    assert _lookup(client, officer, regency, cileunyi.nik).status_code == 200
    assert _lookup(client, officer, regency, far.nik).status_code == 404
    assert _outcomes() == ["found", "found", "out_of_region"]


def test_the_21st_lookup_in_the_window_is_refused_while_another_officer_is_not_affected(client):
    village = make_agency()
    officer = make_staff(village, Role.FRONT_DESK)
    colleague = make_staff(village, Role.FRONT_DESK)
    citizen = make_citizen()
    answers = [_lookup(client, officer, village, citizen.nik if i % 2 else _unregistered_nik()) for i in range(20)]
    assert [r.status_code for r in answers] == [404, 200] * 10
    refused = _lookup(client, officer, village, citizen.nik, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert refused.json()["code"] == "lookup_rate_limited"
    assert "try again" in refused.json()["detail"]
    assert "name" not in refused.json()
    assert _outcomes()[-1] == "rate_limited"
    assert PersonalDataAccess.objects.filter(viewer=officer).count() == 10
    other = _lookup(client, colleague, village, citizen.nik)
    assert other.status_code == 200
    assert other.json()["user_id"] == citizen.user_id


def test_the_console_page_explains_the_limit_in_plain_words(client, settings):
    settings.PADU_CITIZEN_LOOKUP_LIMIT = 1
    village = make_agency()
    officer = make_staff(village, Role.FRONT_DESK)
    citizen = make_citizen()
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    form = {"nik": citizen.nik, "purpose": "Layanan surat domisili di loket"}
    first = client.post("/konsol/warga/", form)
    assert first.status_code == 200
    assert citizen.name in first.content.decode()
    second = client.post("/konsol/warga/", form)
    html = second.content.decode()
    assert second.status_code == 429
    assert "You have looked up many citizens in a short time" in html
    assert citizen.name not in html
    assert _outcomes() == ["found", "rate_limited"]


def test_a_miss_is_audited_with_the_nik_hashed_and_masked_never_in_plain(client):
    village = make_agency()
    officer = make_staff(village, Role.FRONT_DESK)
    nik = _unregistered_nik()
    # The officer even pastes the number into the purpose.
    response = _lookup(client, officer, village, nik, purpose=f"Cek NIK {nik} untuk surat pindah")
    assert response.status_code == 404
    event = AuditEvent.objects.get(verb=LOOKED_UP)
    assert event.actor_id == officer.pk
    assert event.changes["outcome"] == "not_found"
    assert event.changes["agency"] == village.pk
    assert event.changes["nik_masked"] == f"{nik[:4]}********{nik[-4:]}"
    assert event.changes["nik_hash"] == keyed_hash("nik", nik)
    assert event.changes["purpose"] == f"Cek NIK {nik[:4]}********{nik[-4:]} untuk surat pindah"
    for row in AuditEvent.objects.all():
        for field in AuditEvent._meta.concrete_fields:
            assert nik not in str(getattr(row, field.attname)), field.name
