import datetime as dt

import pytest
from django.db import connection
from django.test import Client

from padu.accounts.models import CitizenProfile
from padu.core.models import AuditEvent, PersonalDataAccess
from padu.core.roles import Role
from tests.factories import load_regions, make_agency, make_citizen, make_staff, make_user

pytestmark = pytest.mark.django_db

GOOD = {
    "nik": "3204055705900003",
    "kk_number": "3204050101200001",
    "name": "Siti Aminah",
    "birth_place": "Bandung",
    "birth_date": "1990-05-17",
    "region_code": "32.04.05.2001",
    "street": "Jl. Cileunyi No. 4, RT 02/RW 05",
}


@pytest.fixture
def citizen_client(client):
    load_regions()
    user = make_user()
    client.force_login(user)
    return client, user


def _put(client, data):
    return client.put("/api/v1/me/citizen", data, content_type="application/json")


def test_a_citizen_registers_their_identity(citizen_client):
    client, user = citizen_client
    response = _put(client, GOOD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["nik_masked"] == "3204********0003"
    assert body["gender"] == "P"
    profile = CitizenProfile.objects.get(user=user)
    assert profile.nik == GOOD["nik"]
    assert profile.kk_number == GOOD["kk_number"]
    # Stored encrypted: the raw column does not contain the number.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik_encrypted, nik_hash FROM accounts_citizenprofile WHERE id = %s", [profile.pk])
        encrypted, nik_hash = cursor.fetchone()
    assert GOOD["nik"] not in encrypted and GOOD["nik"] not in nik_hash
    event = AuditEvent.objects.get(verb="citizen_profile.created")
    assert GOOD["nik"] not in str(event.changes)
    me = client.get("/api/v1/me").json()
    assert me["citizen"]["nik_masked"] == "3204********0003"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"nik": "320405570590000"}, "nik_invalid", "nik"),
        ({"nik": "3204053102900001"}, "nik_invalid", "nik"),
        ({"birth_date": "2999-05-17"}, "birth_date_invalid", "birth_date"),
        ({"region_code": "32.04.05"}, "region_invalid", "region"),
        ({"kk_number": "12345"}, "kk_invalid", "kk_number"),
        ({"name": " "}, "required", "name"),
    ],
)
def test_bad_identity_data_is_refused_and_nothing_is_saved(citizen_client, change, code, field):
    client, _ = citizen_client
    response = _put(client, {**GOOD, **change})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert field in body["errors"]
    assert not CitizenProfile.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="citizen_profile").exists()


def test_error_messages_follow_the_callers_language(citizen_client):
    client, _ = citizen_client
    english = client.put(
        "/api/v1/me/citizen", {**GOOD, "nik": "123"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert english["detail"] == "A NIK has exactly 16 digits."


def test_a_nik_belongs_to_one_account(citizen_client):
    client, _ = citizen_client
    other = make_user()
    make_citizen(other)
    taken = other.citizen.nik
    nik_birth = dt.date(1988, 3, 9)
    response = _put(client, {**GOOD, "nik": taken, "birth_date": nik_birth.isoformat()})
    assert response.status_code == 409
    assert response.json()["code"] == "nik_taken"


def test_session_writes_need_the_csrf_token():
    load_regions()
    user = make_user()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.put("/api/v1/me/citizen", GOOD, content_type="application/json")
    assert response.status_code == 403
    assert not CitizenProfile.objects.exists()


def test_counter_lookup_is_logged_and_shown_to_the_citizen(client):
    village = make_agency()
    officer = make_staff(village, Role.FRONT_DESK, full_name="Dedi Kurniawan")
    citizen = make_citizen()
    client.force_login(officer)
    response = client.post(
        f"/api/v1/agencies/{village.pk}/citizen-lookup",
        {"nik": citizen.nik, "purpose": "Layanan surat domisili di loket"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["nik_masked"] == citizen.nik_masked
    access = PersonalDataAccess.objects.get()
    assert (access.viewer, access.subject, access.agency) == (officer, citizen.user, village)
    client.force_login(citizen.user)
    log = client.get("/api/v1/me/access-log").json()
    assert log[0]["viewer"] == "Dedi Kurniawan"
    assert log[0]["purpose"] == "Layanan surat domisili di loket"
    export = client.get("/api/v1/me/export").json()
    assert export["citizen"]["nik"] == citizen.nik
    assert export["personal_data_accesses"][0]["agency"] == village.name


def test_lookup_refused_for_roles_without_need_and_for_other_agencies(client):
    village = make_agency()
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    citizen = make_citizen()
    payload = {"nik": citizen.nik, "purpose": "cek"}
    client.force_login(make_staff(village, Role.TREASURER))
    assert (
        client.post(
            f"/api/v1/agencies/{village.pk}/citizen-lookup", payload, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(make_staff(other, Role.FRONT_DESK))
    assert (
        client.post(
            f"/api/v1/agencies/{village.pk}/citizen-lookup", payload, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(make_staff(village, Role.FRONT_DESK))
    bad = client.post(
        f"/api/v1/agencies/{village.pk}/citizen-lookup",
        {"nik": "12", "purpose": "cek"},
        content_type="application/json",
    )
    assert bad.json()["code"] == "nik_invalid"
    assert not PersonalDataAccess.objects.exists()
