"""A NIK is accepted as Dukcapil issued it: a region code from before a split, a birth date
corrected after the NIK was issued (confirmed by an officer, audited)."""

import datetime as dt

import pytest

from padu.accounts.models import BirthDateCheck, CitizenProfile
from padu.core.models import AuditEvent
from padu.core.roles import Role
from tests.factories import load_regions, make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db

# A woman born 17 May 1990 in Cileunyi (32.04.05): day 17 + 40.
PROFILE = {
    "nik": "3204055705900003",
    "name": "Siti Aminah",
    "birth_place": "Bandung",
    "birth_date": "1990-05-17",
    "region_code": "32.04.05.2001",
    "street": "Jl. Cileunyi No. 4, RT 02/RW 05",
}
CORRECTED = {**PROFILE, "birth_date": "1990-07-17"}  # her certificate was corrected to July


def _put(client, data):
    client.cookies["django_language"] = "en"
    return client.put("/api/v1/me/citizen", data, content_type="application/json")


@pytest.fixture
def person(client):
    load_regions(["32.04.05.2001", "93.01.01.2001"])
    user = make_user(full_name="Siti Aminah")
    client.force_login(user)
    return user


def test_a_corrected_birth_date_is_accepted_and_waits_for_an_officer(client, person):
    response = _put(client, CORRECTED)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["birth_date"] == "1990-07-17"
    assert body["birth_date_check"] == "to_confirm"
    assert [(w["code"], w["field"]) for w in body["warnings"]] == [("nik_birth_date_differs", "birth_date")]
    profile = CitizenProfile.objects.get(user=person)
    assert (profile.birth_date, profile.gender, profile.birth_date_check) == (
        dt.date(1990, 7, 17),
        "P",
        BirthDateCheck.TO_CONFIRM,
    )
    event = AuditEvent.objects.get(verb="citizen_profile.created")
    assert event.changes["birth_date_check"] == "to_confirm"
    assert event.changes["warnings"] == ["nik_birth_date_differs"]
    # The person sees it on their own record too.
    assert client.get("/api/v1/me").json()["citizen"]["birth_date_check"] == "to_confirm"


def test_a_birth_date_equal_to_the_nik_has_nothing_to_confirm(client, person):
    body = _put(client, PROFILE).json()
    assert (body["birth_date_check"], body["warnings"]) == ("matches", [])


def test_a_nik_issued_before_a_split_is_accepted_with_a_warning(client, person):
    """Merauke was 91.01 until 2022 (now 93.01, Papua Selatan); her NIK keeps 91.01.01."""
    response = _put(client, {**PROFILE, "nik": "9101015705900003"})
    assert response.status_code == 200, response.content
    warnings = response.json()["warnings"]
    assert [(w["code"], w["field"]) for w in warnings] == [("nik_district_unknown", "nik")]
    assert "first issued" in warnings[0]["message"]
    assert CitizenProfile.objects.get(user=person).nik == "9101015705900003"


def test_a_province_that_never_existed_is_still_refused(client, person):
    response = _put(client, {**PROFILE, "nik": "9901015705900003"})
    assert response.status_code == 400
    assert response.json()["code"] == "nik_invalid"
    assert not CitizenProfile.objects.exists()


def _look_up(client, officer, agency, nik):
    client.force_login(officer)
    return client.post(
        f"/api/v1/agencies/{agency.pk}/citizen-lookup",
        {"nik": nik, "purpose": "Pelayanan di loket"},
        content_type="application/json",
    )


def _confirm(client, officer, agency, user, evidence="Akta kelahiran yang dibetulkan, No. 3204-LT-12"):
    client.force_login(officer)
    return client.post(
        f"/api/v1/agencies/{agency.pk}/citizens/{user.pk}/birth-date-confirmation",
        {"evidence": evidence},
        content_type="application/json",
    )


def test_an_officer_who_found_the_person_confirms_the_birth_date(client, person):
    village = make_agency()
    other_village = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    desk = make_staff(village, Role.FRONT_DESK, full_name="Asep Saepudin")
    treasurer = make_staff(village, Role.TREASURER)
    other_desk = make_staff(other_village, Role.FRONT_DESK)
    _put(client, CORRECTED)
    # Not found through the look-up yet: refused, nothing changes.
    refused = _confirm(client, desk, village, person)
    assert (refused.status_code, refused.json()["code"]) == (404, "citizen_not_found")
    assert _confirm(client, treasurer, village, person).status_code == 403
    assert _confirm(client, other_desk, village, person).status_code == 404  # another agency
    assert CitizenProfile.objects.get(user=person).birth_date_check == "to_confirm"
    # Found at the counter: the officer must name what they checked...
    assert _look_up(client, desk, village, CORRECTED["nik"]).json()["birth_date_check"] == "to_confirm"
    empty = _confirm(client, desk, village, person, evidence=" ")
    assert (empty.status_code, empty.json()["code"]) == (400, "evidence_required")
    # ... and confirms.
    done = _confirm(client, desk, village, person)
    assert done.status_code == 200, done.content
    assert done.json()["birth_date_check"] == "confirmed"
    profile = CitizenProfile.objects.get(user=person)
    assert (profile.birth_date_check, profile.birth_date_confirmed_by) == ("confirmed", desk)
    event = AuditEvent.objects.get(verb="citizen_profile.birth_date_confirmed")
    assert (event.actor_id, event.agency_id) == (desk.pk, village.pk)
    assert event.changes == {"birth_date": "1990-07-17", "evidence": "Akta kelahiran yang dibetulkan, No. 3204-LT-12"}
    again = _confirm(client, desk, village, person)
    assert (again.status_code, again.json()["code"]) == (409, "birth_date_not_to_confirm")
    # The person's notice goes once confirmed; saving the same date keeps the confirmation ...
    client.force_login(person)
    kept = _put(client, {**CORRECTED, "street": "Jl. Cileunyi No. 6"}).json()
    assert (kept["birth_date_check"], kept["warnings"]) == ("confirmed", [])
    # ... another date needs a new one.
    assert _put(client, {**CORRECTED, "birth_date": "1990-07-18"}).json()["birth_date_check"] == "to_confirm"
    assert CitizenProfile.objects.get(user=person).birth_date_confirmed_by is None


def test_an_agency_administrator_may_confirm_too(client, person):
    village = make_agency()
    admin = make_staff(village, Role.AGENCY_ADMIN)
    _put(client, CORRECTED)
    assert _look_up(client, admin, village, CORRECTED["nik"]).status_code == 200
    assert _confirm(client, admin, village, person).json()["birth_date_check"] == "confirmed"
