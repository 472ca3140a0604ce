import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import InvalidInput
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.services.models import Application, ApplicationEvent
from padu.services.services import (
    application_act,
    application_start,
    service_new_draft,
    service_publish,
    service_version_update,
)
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import give_totp, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def desk(db):
    """A village with its service and one officer per workflow role; a citizen who applies."""
    village = make_agency()
    version = make_service(village)
    citizen = make_citizen(female=True)
    staff = {role: make_staff(village, role) for role in (Role.VERIFIER, Role.APPROVER, Role.SIGNER, Role.FRONT_DESK)}
    give_totp(staff[Role.APPROVER])
    give_totp(staff[Role.SIGNER])
    return village, version, citizen.user, staff


def _start(client, user, answers=None, **extra):
    client.force_login(user)
    body = {
        "agency": "pemerintah-desa-cileunyi-kulon",
        "service": "surat-keterangan-domisili",
        "answers": answers or {},
    }
    return client.post("/api/v1/applications", {**body, **extra}, content_type="application/json")


def _act(client, user, app_id, action, note="", **extra):
    client.force_login(user)
    return client.post(
        f"/api/v1/applications/{app_id}/actions",
        {"action": action, "note": note, **extra},
        content_type="application/json",
    )


def test_the_whole_journey_through_the_api(client, desk):
    _, version, citizen, staff = desk
    started = _start(client, citizen, GOOD_ANSWERS)
    assert started.status_code == 201, started.content
    app = started.json()
    assert app["status"] == "draft"
    submitted = _act(client, citizen, app["id"], "submit").json()
    assert (submitted["status"], submitted["step_role"]) == ("in_review", "verifier")
    # The verifier finds a problem and returns it with a reason.
    returned = _act(client, staff[Role.VERIFIER], app["id"], "return", "Keperluan kurang jelas").json()
    assert returned["status"] == "returned"
    client.force_login(citizen)
    fixed = client.put(
        f"/api/v1/applications/{app['id']}/answers",
        {"answers": {**GOOD_ANSWERS, "keperluan": "Melamar kerja di PT Maju"}},
        content_type="application/json",
    )
    assert fixed.status_code == 200
    assert _act(client, citizen, app["id"], "resubmit").json()["step_role"] == "verifier"
    assert _act(client, staff[Role.VERIFIER], app["id"], "approve").json()["step_role"] == "approver"
    assert _act(client, staff[Role.APPROVER], app["id"], "approve").json()["step_role"] == "signer"
    done = _act(client, staff[Role.SIGNER], app["id"], "approve").json()
    assert done["status"] == "completed" and done["completed_at"]
    assert [e["action"] for e in done["history"]] == [
        "start",
        "submit",
        "return",
        "resubmit",
        "approve",
        "approve",
        "approve",
    ]
    assert AuditEvent.objects.filter(object_type="services.application", verb__startswith="application.").count() == 7
    public = client.get(f"/api/v1/tracking/{done['tracking_number'].lower()}").json()
    assert public["status"] == "completed"
    assert "Siti" not in str(public) and str(GOOD_ANSWERS["nik"]) not in str(public)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**GOOD_ANSWERS, "nik": "12345"}, "nik"),
        ({k: v for k, v in GOOD_ANSWERS.items() if k != "keperluan"}, "keperluan"),
        ({**GOOD_ANSWERS, "nama_pasangan": "Budi"}, "nama_pasangan"),  # hidden: not married
        ({**GOOD_ANSWERS, "sudah_menikah": True}, "nama_pasangan"),  # shown and required
        ({**GOOD_ANSWERS, "anggota": [{"nama": "Ani", "hubungan": "kakek"}]}, "anggota.0.hubungan"),
        ({**GOOD_ANSWERS, "umur": 30}, "umur"),  # no such question
    ],
)
def test_bad_answers_are_refused_at_submission_and_nothing_moves(client, desk, answers, field):
    _, _, citizen, _ = desk
    app = _start(client, citizen, answers).json()
    response = _act(client, citizen, app["id"], "submit")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "answers_invalid"
    assert field in body["errors"]
    assert Application.objects.get(pk=app["id"]).status == "draft"


def test_illegal_transitions_are_refused(client, desk):
    _, _, citizen, staff = desk
    app = _start(client, citizen, GOOD_ANSWERS).json()
    approve_draft = _act(client, staff[Role.VERIFIER], app["id"], "approve")
    assert approve_draft.status_code == 409 and approve_draft.json()["code"] == "transition_not_allowed"
    assert _act(client, citizen, app["id"], "submit").status_code == 200
    twice = _act(client, citizen, app["id"], "submit")
    assert twice.status_code == 409
    assert _act(client, citizen, app["id"], "approve").json()["code"] == "not_your_step"
    assert _act(client, staff[Role.APPROVER], app["id"], "approve").json()["code"] == "not_your_step"
    no_reason = _act(client, staff[Role.VERIFIER], app["id"], "reject")
    assert no_reason.json()["code"] == "reason_required"
    unknown = _act(client, staff[Role.VERIFIER], app["id"], "teleport")
    assert unknown.status_code == 409
    assert Application.objects.get(pk=app["id"]).step == 0
    assert ApplicationEvent.objects.filter(application_id=app["id"]).count() == 2


def test_another_offices_officer_cannot_touch_the_case(client, desk):
    _, _, citizen, _ = desk
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    outsider = make_staff(other, Role.VERIFIER)
    app = _start(client, citizen, GOOD_ANSWERS).json()
    _act(client, citizen, app["id"], "submit")
    assert _act(client, outsider, app["id"], "approve").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/api/v1/applications/{app['id']}").status_code == 404
    assert client.get(f"/api/v1/agencies/{other.pk}/inbox").json()["total"] == 0


def test_the_due_date_skips_the_weekend_and_a_holiday(client, desk):
    _, _, citizen, _ = desk
    app = _start(client, citizen, GOOD_ANSWERS).json()
    # Submitted Thursday 13 August 2026, 10:00 WIB; 3 working days: Fri 14, Tue 18, Wed 19 (Mon 17 is a holiday).
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 8, 13, 10, tzinfo=WIB)):
        submitted = _act(client, citizen, app["id"], "submit").json()
    due = dt.datetime.fromisoformat(submitted["due_at"]).astimezone(WIB)
    assert (due.date(), due.hour) == (dt.date(2026, 8, 19), 23)


def test_a_case_referred_to_the_district_continues_there(client, desk):
    village, _, citizen, staff = desk
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05")
    make_service(district)
    district_verifier = make_staff(district, Role.VERIFIER)
    app = _start(client, citizen, GOOD_ANSWERS).json()
    _act(client, citizen, app["id"], "submit")
    referred = _act(client, staff[Role.VERIFIER], app["id"], "refer", "Kewenangan kecamatan", to_agency=district.slug)
    assert referred.status_code == 200, referred.content
    assert referred.json()["agency"] == district.slug
    client.force_login(district_verifier)
    inbox = client.get(f"/api/v1/agencies/{district.pk}/inbox").json()
    assert [r["id"] for r in inbox["rows"]] == [app["id"]]
    # The village that referred it still sees the case and its history.
    client.force_login(staff[Role.VERIFIER])
    history = client.get(f"/api/v1/applications/{app['id']}").json()["history"]
    assert [e["action"] for e in history][-2:] == ["refer", "received"]
    assert _act(client, staff[Role.VERIFIER], app["id"], "approve").status_code == 403


def test_the_inbox_shows_cases_for_my_role_soonest_first(client, desk):
    village, _, citizen, staff = desk
    ids = []
    for day in (20, 14, 17):
        app = _start(client, citizen, GOOD_ANSWERS).json()
        with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 11, day, 9, tzinfo=WIB)):
            _act(client, citizen, app["id"], "submit")
        ids.append(app["id"])
    client.force_login(staff[Role.VERIFIER])
    box = client.get(f"/api/v1/agencies/{village.pk}/inbox").json()
    assert [r["id"] for r in box["rows"]] == [ids[1], ids[2], ids[0]]
    assert box["total"] == 3 and box["by_role"] == {"verifier": 3}
    assert box["overdue"] == 3  # all were due before today
    number = Application.objects.get(pk=ids[2]).tracking_number
    found = client.get(f"/api/v1/agencies/{village.pk}/inbox", {"search": number.lower()}).json()
    assert [r["id"] for r in found["rows"]] == [ids[2]]
    client.force_login(staff[Role.APPROVER])
    assert client.get(f"/api/v1/agencies/{village.pk}/inbox").json()["total"] == 0


def test_an_application_keeps_the_version_it_was_made_under(client, desk):
    _, version, citizen, _ = desk
    app = _start(client, citizen, GOOD_ANSWERS).json()
    draft = service_new_draft(actor=OPERATOR, service=version.service)
    service_version_update(actor=OPERATOR, version=draft, completion_days=5)
    service_publish(actor=OPERATOR, version=draft)
    assert Application.objects.get(pk=app["id"]).service_version_id == version.pk
    assert (
        client.get("/api/v1/services/pemerintah-desa-cileunyi-kulon/surat-keterangan-domisili").json()["version"] == 2
    )


def test_a_counter_officer_applies_for_a_walk_in_citizen(client, desk):
    village, _, citizen, staff = desk
    client.force_login(staff[Role.FRONT_DESK])
    found = client.post(
        f"/api/v1/agencies/{village.pk}/citizen-lookup",
        {"nik": citizen.citizen.nik, "purpose": "Surat domisili di loket"},
        content_type="application/json",
    )
    assert found.json()["user_id"] == citizen.pk
    made = _start(client, staff[Role.FRONT_DESK], GOOD_ANSWERS, applicant_user_id=citizen.pk).json()
    assert made["channel"] == "counter"
    client.force_login(citizen)
    assert [a["id"] for a in client.get("/api/v1/me/applications").json()] == [made["id"]]
    refused = _start(client, staff[Role.VERIFIER], GOOD_ANSWERS, applicant_user_id=citizen.pk)
    assert refused.status_code == 403


def test_an_earlier_step_can_be_recorded_but_not_a_future_one(desk):
    _, version, citizen, _ = desk
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    with pytest.raises(InvalidInput) as err:
        application_act(
            actor=Actor(user=citizen), application=app, action="submit", at=timezone.now() + dt.timedelta(days=1)
        )
    assert err.value.code == "time_in_future"
    earlier = dt.datetime(2026, 8, 13, 10, tzinfo=WIB)
    done = application_act(actor=Actor(user=citizen), application=app, action="submit", at=earlier)
    assert done.submitted_at == earlier
    assert done.events.get(action="submit").created_at == earlier


def test_my_applications_cost_the_same_queries_for_one_or_many(client, desk, django_assert_max_num_queries):
    _, _, citizen, _ = desk
    for _ in range(5):
        _start(client, citizen, GOOD_ANSWERS)
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/me/applications").json()) == 5
