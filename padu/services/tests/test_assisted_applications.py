"""Assisted (counter) applications: opened by a front-desk officer of the agency that offers
the service, for a citizen found through the look-up, and acted on through that membership."""

import pytest

from padu.core.actors import OPERATOR, Actor
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import membership_revoke
from padu.services.models import Application, ApplicationStatus, Channel
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db

AGENCY_A = "pemerintah-desa-cileunyi-kulon"


def _lookup(client, officer, agency, nik):
    client.force_login(officer)
    return client.post(
        f"/api/v1/agencies/{agency.pk}/citizen-lookup",
        {"nik": nik, "purpose": "Surat keterangan domisili di loket"},
        content_type="application/json",
    )


def _start_for(client, officer, applicant):
    client.force_login(officer)
    return client.post(
        "/api/v1/applications",
        {
            "agency": AGENCY_A,
            "service": "surat-keterangan-domisili",
            "answers": GOOD_ANSWERS,
            "applicant_user_id": applicant.pk,
        },
        content_type="application/json",
    )


@pytest.fixture
def two_villages(db):
    """Village A with its service and front desk; village B next door with its own."""
    agency_a = make_agency()
    version = make_service(agency_a)
    agency_b = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    return agency_a, version, agency_b, make_staff(agency_a, Role.FRONT_DESK), make_staff(agency_b, Role.FRONT_DESK)


def test_a_citizen_from_elsewhere_with_an_open_application_at_the_agency_is_found(client, two_villages):
    agency_a, version, _, desk_a, _ = two_villages
    far = make_citizen(district="35.78.01", village="35.78.01.1001")
    assert _lookup(client, desk_a, agency_a, far.nik).status_code == 404
    application = application_start(actor=Actor(user=far.user), version=version, answers=GOOD_ANSWERS)
    found = _lookup(client, desk_a, agency_a, far.nik)
    assert found.status_code == 200, found.content
    assert found.json()["user_id"] == far.user_id
    # Once the case is closed, the person is out of reach again.
    application_act(actor=Actor(user=far.user), application=application, action="withdraw")
    assert _lookup(client, desk_a, agency_a, far.nik).status_code == 404


def test_an_officer_of_another_agency_cannot_open_an_assisted_application(client, two_villages):
    agency_a, _, agency_b, desk_a, desk_b = two_villages
    citizen = make_citizen()  # lives in village A
    refused = _start_for(client, desk_b, citizen.user)
    assert refused.status_code == 403
    assert refused.json()["code"] == "counter_officer_only"
    assert not Application.objects.exists()
    # The owner control: A's front desk, having found the citizen, opens it for them.
    assert _lookup(client, desk_a, agency_a, citizen.nik).status_code == 200
    made = _start_for(client, desk_a, citizen.user)
    assert made.status_code == 201, made.content
    application = Application.objects.get()
    assert (application.channel, application.applicant, application.submitted_by) == (
        Channel.COUNTER,
        citizen.user,
        desk_a,
    )
    assert application.assisted_by == Membership.objects.get(user=desk_a, agency=agency_a, role=Role.FRONT_DESK)


def test_an_assisted_application_needs_the_citizen_found_through_the_lookup(client, two_villages):
    agency_a, _, _, desk_a, _ = two_villages
    citizen = make_citizen()
    stranger = make_citizen(district="35.78.01", village="35.78.01.1001")
    not_looked_up = _start_for(client, desk_a, citizen.user)
    assert not_looked_up.status_code == 403
    assert not_looked_up.json()["code"] == "citizen_not_looked_up"
    # A citizen the look-up does not reveal (out of the region) cannot be served either.
    assert _lookup(client, desk_a, agency_a, stranger.nik).status_code == 404
    assert _start_for(client, desk_a, stranger.user).json()["code"] == "citizen_not_looked_up"
    assert not Application.objects.exists()
    assert _lookup(client, desk_a, agency_a, citizen.nik).status_code == 200
    assert _start_for(client, desk_a, citizen.user).status_code == 201


def _act_for_applicant(client, officer, application_id):
    client.force_login(officer)
    answers = client.put(
        f"/api/v1/applications/{application_id}/answers",
        {"answers": {**GOOD_ANSWERS, "keperluan": "Melamar kerja di PT Maju"}},
        content_type="application/json",
    )
    mine = [a["id"] for a in client.get("/api/v1/me/applications").json()]
    return answers.status_code, mine


def test_the_officer_acts_for_the_applicant_only_while_their_front_desk_membership_is_active(client, two_villages):
    agency_a, _, _, desk_a, _ = two_villages
    citizen = make_citizen()
    _lookup(client, desk_a, agency_a, citizen.nik)
    app_id = _start_for(client, desk_a, citizen.user).json()["id"]
    # The owner control: while the membership is active, the officer acts for the applicant.
    assert _act_for_applicant(client, desk_a, app_id) == (200, [app_id])
    membership = Membership.objects.get(user=desk_a, agency=agency_a, role=Role.FRONT_DESK)
    membership_revoke(actor=OPERATOR, membership=membership)
    assert _act_for_applicant(client, desk_a, app_id) == (404, [])
    submit = client.post(
        f"/api/v1/applications/{app_id}/actions", {"action": "submit"}, content_type="application/json"
    )
    assert submit.status_code == 404
    assert Application.objects.get(pk=app_id).status == ApplicationStatus.DRAFT
    # The applicant still can.
    assert _act_for_applicant(client, citizen.user, app_id) == (200, [app_id])


def test_an_officer_who_is_no_longer_front_desk_cannot_submit_for_the_applicant(client, two_villages):
    agency_a, _, _, desk_a, _ = two_villages
    citizen = make_citizen()
    _lookup(client, desk_a, agency_a, citizen.nik)
    app_id = _start_for(client, desk_a, citizen.user).json()["id"]
    # Moved to verification: still staff of the agency, but no longer at the counter.
    Membership.objects.create(user=desk_a, agency=agency_a, role=Role.VERIFIER)
    membership_revoke(actor=OPERATOR, membership=Membership.objects.get(user=desk_a, role=Role.FRONT_DESK))
    client.force_login(desk_a)
    submit = client.post(
        f"/api/v1/applications/{app_id}/actions", {"action": "submit"}, content_type="application/json"
    )
    assert submit.status_code == 403
    assert submit.json()["code"] == "not_your_step"
    assert Application.objects.get(pk=app_id).status == ApplicationStatus.DRAFT
