"""A walk-in citizen with no account and no email is registered at the counter, and later
claims the record by registering online with the same NIK and the printed claim code."""

import re

import pytest

from padu.accounts.models import CitizenProfile, User
from padu.accounts.selectors import citizen_found_by
from padu.core.models import AuditEvent, PersonalDataAccess
from padu.core.roles import Role
from tests.factories import load_regions, make_agency, make_citizen, make_staff, make_user

pytestmark = pytest.mark.django_db

# Enah, born 12 August 1952 in Cileunyi: a woman (12 + 40).
ENAH = {
    "nik": "3204055208520021",
    "name": "Enah Suhaenah",
    "birth_place": "Bandung",
    "birth_date": "1952-08-12",
    "region_code": "32.04.05.2001",
    "street": "Kp. Babakan RT 03/RW 07",
}


@pytest.fixture
def counter(db):
    village = make_agency()
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    return village, other, make_staff(village, Role.FRONT_DESK, full_name="Asep Saepudin")


def _register(client, officer, agency, data=ENAH):
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    return client.post(f"/api/v1/agencies/{agency.pk}/walk-in-citizens", data, content_type="application/json")


def test_the_front_desk_registers_a_person_without_e_mail(client, counter):
    village, _, desk = counter
    response = _register(client, desk, village, {**ENAH, "phone": "0812-3456-7890"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nik_masked"], body["name"], body["gender"], body["birth_date"]) == (
        "3204********0021",
        "Enah Suhaenah",
        "P",
        "1952-08-12",
    )
    assert body["warnings"] == [] and body["birth_date_check"] == "matches"
    assert re.fullmatch(r"[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}", body["claim_code"])
    user = User.objects.get(pk=body["user_id"])
    assert (user.email, user.phone, user.full_name) == (None, "+6281234567890", "Enah Suhaenah")
    assert not user.has_usable_password()
    profile = CitizenProfile.objects.get(user=user)
    assert (profile.registered_by, profile.registered_at_agency) == (desk, village)
    assert profile.claim_code == body["claim_code"]
    event = AuditEvent.objects.get(verb="citizen.registered_at_counter")
    assert (event.actor_id, event.agency_id, event.object_id) == (desk.pk, village.pk, str(user.pk))
    assert ENAH["nik"] not in str(event.changes) and event.changes["nik_masked"] == "3204********0021"
    # The officer has found her, as after a look-up: an assisted application can begin.
    assert citizen_found_by(officer_id=desk.pk, agency_id=village.pk, user_id=user.pk)
    assert not citizen_found_by(officer_id=desk.pk, agency_id=village.pk + 1000, user_id=user.pk)


def test_a_corrected_birth_date_and_an_old_region_code_are_told_to_the_officer(client, counter):
    village, _, desk = counter
    body = _register(client, desk, village, {**ENAH, "nik": "9101015208520021", "birth_date": "1952-08-21"}).json()
    assert sorted(w["code"] for w in body["warnings"]) == ["nik_birth_date_differs", "nik_district_unknown"]
    assert body["birth_date_check"] == "to_confirm"


def test_only_the_front_desk_of_the_agency_registers(client, counter):
    village, other, desk = counter
    verifier = make_staff(village, Role.VERIFIER)
    refused = _register(client, verifier, village)
    assert (refused.status_code, refused.json()["code"]) == (403, "counter_officer_only")
    other_desk = make_staff(other, Role.FRONT_DESK)
    assert _register(client, other_desk, village).status_code == 404
    citizen = make_user()
    assert _register(client, citizen, village).status_code == 404
    assert not CitizenProfile.objects.exists()
    assert not AuditEvent.objects.filter(verb="citizen.registered_at_counter").exists()
    # The owner control: the agency's front desk does it.
    assert _register(client, desk, village).status_code == 201


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"nik": "320405520852002"}, 400, "nik_invalid", "nik"),
        ({"name": ""}, 400, "required", "name"),
        ({"region_code": "32.04.05"}, 400, "region_invalid", "region"),
        ({"birth_date": "2999-01-01"}, 400, "birth_date_invalid", "birth_date"),
        ({"phone": "12345"}, 400, "phone_invalid", "phone"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(client, counter, change, status, code, field):
    village, _, desk = counter
    response = _register(client, desk, village, {**ENAH, **change})
    assert response.status_code == status
    assert (response.json()["code"], field in response.json()["errors"]) == (code, True)
    assert User.objects.filter(email=None).count() == 0
    assert not CitizenProfile.objects.exists()


def test_a_registered_nik_or_phone_is_not_registered_twice(client, counter):
    village, _, desk = counter
    make_user(phone="+6281234567890")
    taken_phone = _register(client, desk, village, {**ENAH, "phone": "081234567890"})
    assert (taken_phone.status_code, taken_phone.json()["code"]) == (409, "phone_taken")
    assert _register(client, desk, village).status_code == 201
    again = _register(client, desk, village, {**ENAH, "name": "Enah S."})
    assert (again.status_code, again.json()["code"]) == (409, "nik_taken")
    assert CitizenProfile.objects.count() == 1


def test_registering_counts_towards_the_look_up_limit(client, counter, settings):
    village, _, desk = counter
    settings.PADU_CITIZEN_LOOKUP_LIMIT = 1
    assert _register(client, desk, village).status_code == 201
    limited = _register(client, desk, village, {**ENAH, "nik": "3204055208520022"})
    assert (limited.status_code, limited.json()["code"]) == (429, "lookup_rate_limited")


# ---- the claim ----


def _profile_put(client, user, data):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.put("/api/v1/me/citizen", data, content_type="application/json")


def test_the_person_claims_the_counter_record_with_the_code(client, counter):
    village, _, desk = counter
    code = _register(client, desk, village).json()["claim_code"]
    walk_in = CitizenProfile.objects.get().user
    # A look at her data by an officer, which her access log must keep.
    client.post(
        f"/api/v1/agencies/{village.pk}/citizen-lookup",
        {"nik": ENAH["nik"], "purpose": "Surat domisili di loket"},
        content_type="application/json",
    )
    enah = make_user(email="enah@example.id", full_name="Enah Suhaenah")
    # Without the code: a clear answer, not a dead end.
    asked = _profile_put(client, enah, ENAH)
    assert asked.status_code == 409
    assert asked.json()["code"] == "nik_registered_at_counter"
    assert village.name in asked.json()["detail"] and "claim_code" in asked.json()["errors"]
    wrong = _profile_put(client, enah, {**ENAH, "claim_code": "AAAA-AAAA"})
    assert (wrong.status_code, wrong.json()["code"]) == (400, "claim_code_invalid")
    assert CitizenProfile.objects.get().user == walk_in
    # With it (typed loosely): the record is hers.
    done = _profile_put(client, enah, {**ENAH, "claim_code": code.lower().replace("-", " ")})
    assert done.status_code == 200, done.content
    profile = CitizenProfile.objects.get()
    assert profile.user == enah and profile.claim_code == ""
    assert profile.registered_at_agency == village  # where it began stays known
    walk_in.refresh_from_db()
    assert not walk_in.is_active
    assert list(PersonalDataAccess.objects.values_list("subject_id", flat=True)) == [enah.pk]
    me = client.get("/api/v1/me/access-log").json()
    assert [a["purpose"] for a in me] == ["Surat domisili di loket"]
    event = AuditEvent.objects.get(verb="citizen_profile.claimed")
    assert (event.actor_id, event.agency_id, event.changes["from_user"]) == (enah.pk, village.pk, walk_in.pk)
    assert event.changes["moved"]["accounts.citizenprofile.user"] == 1
    # Claimed once: the code does not work again for anyone else.
    late = make_user()
    assert _profile_put(client, late, {**ENAH, "claim_code": code}).json()["code"] == "nik_taken"


def test_guessing_claim_codes_stops_after_five_tries(client, counter):
    village, _, desk = counter
    code = _register(client, desk, village).json()["claim_code"]
    guesser = make_user()
    for _ in range(5):
        assert _profile_put(client, guesser, {**ENAH, "claim_code": "BBBB-BBBB"}).status_code == 400
    limited = _profile_put(client, guesser, {**ENAH, "claim_code": code})  # even the right one now
    assert (limited.status_code, limited.json()["code"]) == (429, "claim_rate_limited")
    assert CitizenProfile.objects.get().user.email is None


def test_a_nik_of_a_self_registered_account_cannot_be_claimed(client, counter):
    load_regions()
    owner = make_citizen()
    intruder = make_user()
    response = _profile_put(
        client, intruder, {**ENAH, "nik": owner.nik, "birth_date": "1988-03-09", "claim_code": "AAAA-AAAA"}
    )
    assert (response.status_code, response.json()["code"]) == (409, "nik_taken")
    assert CitizenProfile.objects.get(nik_hash=owner.nik_hash).user == owner.user
