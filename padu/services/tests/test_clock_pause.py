"""The service clock pauses while a file is back with the applicant (issue 13, rule 7), and a
rejected applicant is told what to do next (pages item 9).

Counting rule (README, "The service clock"): the paused working days are the agency's working
days after the day of the return up to and including the day of the resubmission, in the
agency's time zone; the due date moves by as many working days. Dates are fixed with
time_machine; every expected date below is worked out by hand from the calendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation

from padu.core.actors import OPERATOR, Actor
from padu.core.models import AgencyHoliday, AuditEvent
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from padu.notify.models import Message
from padu.services.models import Application, ApplicationEvent, ApplicationStatus
from padu.services.selectors import clock_pauses, inbox, on_time_figures
from padu.services.services import application_act, application_start, service_retire
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.factories import give_totp, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")


def _at(day: int, hour: int, minute: int = 0, zone: ZoneInfo = WIB, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=zone)


def _end_of(day: int, zone: ZoneInfo = WIB) -> dt.datetime:
    return dt.datetime(2026, 12, day, 23, 59, 59, tzinfo=zone)


def _act(application: Application, user, action: str, moment: dt.datetime, note: str = "") -> Application:
    with time_machine.travel(moment, tick=False):
        return application_act(actor=Actor(user=user), application=application, action=action, note=note)


@pytest.fixture
def office(db):
    """A village office (WIB) with a five-working-day service in three steps, its officers and
    a citizen."""
    village = make_agency()
    version = make_service(village, completion_days=5)
    staff = {role: make_staff(village, role) for role in (Role.VERIFIER, Role.APPROVER, Role.SIGNER)}
    give_totp(staff[Role.APPROVER])
    give_totp(staff[Role.SIGNER])
    citizen = make_citizen(female=True).user
    return village, version, staff, citizen


def _submitted(version, citizen, moment: dt.datetime) -> Application:
    with time_machine.travel(moment, tick=False):
        application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
        return application_act(actor=Actor(user=citizen), application=application, action="submit")


def test_the_due_date_moves_by_the_paused_working_days_with_a_holiday_inside_the_pause(office):
    village, version, staff, citizen = office
    AgencyHoliday.objects.create(agency=village, date=dt.date(2026, 12, 11), name="Hari Jadi Desa")
    verifier = staff[Role.VERIFIER]
    # Submitted Monday 7 December; five working days: 8, 9, 10, (11 off), 14, 15.
    application = _submitted(version, citizen, _at(7, 10))
    assert application.due_at == _end_of(15)

    application = _act(application, verifier, "return", _at(9, 14), note="Lampirkan surat pengantar RT")
    assert application.status == ApplicationStatus.RETURNED
    assert application.paused_at == _at(9, 14)
    assert application.due_at == _end_of(15)  # unchanged while it stands

    # Resubmitted Monday 14: paused 10 and 14 (11 is the village's day off, 12-13 the weekend).
    application = _act(application, citizen, "resubmit", _at(14, 9))
    assert (application.paused_at, application.paused_working_days) == (None, 2)
    assert application.due_at == _end_of(17)  # 15 + two working days: 16, 17
    resumed = ApplicationEvent.objects.get(application=application, action="resubmit")
    assert resumed.paused_working_days == 2
    audit = AuditEvent.objects.get(verb="application.resubmit", object_id=str(application.pk))
    assert audit.changes["clock_paused_working_days"] == 2
    assert dt.datetime.fromisoformat(audit.changes["due_at"]) == _end_of(17)
    paused_audit = AuditEvent.objects.get(verb="application.return", object_id=str(application.pk))
    assert dt.datetime.fromisoformat(paused_audit.changes["clock_paused_at"]) == _at(9, 14)

    application = _act(application, verifier, "approve", _at(17, 10))
    application = _act(application, staff[Role.APPROVER], "approve", _at(17, 11))
    application = _act(application, staff[Role.SIGNER], "approve", _at(17, 15))
    assert application.status == ApplicationStatus.COMPLETED
    # Working days 8, 9, 10, 14, 15, 16, 17 less the two paused: five, the standard's time.
    assert application.working_days_taken == 5
    assert application.completed_at is not None and application.due_at is not None
    assert application.completed_at <= application.due_at
    fresh = Application.objects.prefetch_related("events").get(pk=application.pk)
    assert [(p.started, p.ended, p.working_days) for p in clock_pauses(fresh)] == [(_at(9, 14), _at(14, 9), 2)]


def test_national_holidays_inside_the_pause_do_not_count_and_a_late_case_stays_late(db):
    village = make_agency()
    version = make_service(village, completion_days=3, workflow=[{"role": "verifier"}])
    verifier = make_staff(village, Role.VERIFIER)
    citizen = make_citizen().user
    # Monday 21 December; three working days: 22, 23, (24 cuti bersama, 25 Christmas), 28.
    application = _submitted(version, citizen, _at(21, 9))
    assert application.due_at == _end_of(28)
    application = _act(application, verifier, "return", _at(23, 10), note="Foto KTP buram")
    application = _act(application, citizen, "resubmit", _at(28, 8))
    # Paused 24 and 25 are holidays, 26-27 the weekend: only Monday 28 counts.
    assert application.paused_working_days == 1
    assert application.due_at == _end_of(29)
    application = _act(application, verifier, "approve", _at(30, 10))
    # 22, 23, 28, 29, 30 less the paused 28: four working days, one more than the standard.
    assert application.working_days_taken == 4
    assert application.completed_at is not None and application.due_at is not None
    assert application.completed_at > application.due_at


def test_a_return_and_resubmission_on_the_same_day_pause_nothing(office):
    _village, version, staff, citizen = office
    application = _submitted(version, citizen, _at(7, 9))
    assert application.due_at == _end_of(14)  # 8, 9, 10, 11, 14
    application = _act(application, staff[Role.VERIFIER], "return", _at(8, 9), note="Keperluan kurang jelas")
    application = _act(application, citizen, "resubmit", _at(8, 15))
    assert (application.paused_working_days, application.due_at) == (0, _end_of(14))
    assert ApplicationEvent.objects.get(application=application, action="resubmit").paused_working_days == 0


def test_two_pauses_add_up(office):
    _village, version, staff, citizen = office
    verifier = staff[Role.VERIFIER]
    application = _submitted(version, citizen, _at(7, 9))  # due 14
    application = _act(application, verifier, "return", _at(9, 14), note="Lampirkan KK")
    application = _act(application, citizen, "resubmit", _at(14, 9))  # 10, 11, 14: due 17
    assert (application.paused_working_days, application.due_at) == (3, _end_of(17))
    application = _act(application, verifier, "return", _at(15, 10), note="KK tidak terbaca")
    assert application.due_at == _end_of(17)
    application = _act(application, citizen, "resubmit", _at(18, 9))  # 16, 17, 18: due 22
    assert (application.paused_working_days, application.due_at) == (6, _end_of(22))
    fresh = Application.objects.prefetch_related("events").get(pk=application.pk)
    assert [(p.started.date(), p.ended and p.ended.date(), p.working_days) for p in clock_pauses(fresh)] == [
        (dt.date(2026, 12, 9), dt.date(2026, 12, 14), 3),
        (dt.date(2026, 12, 15), dt.date(2026, 12, 18), 3),
    ]


def test_the_pause_is_counted_in_the_agencys_time_zone(db):
    office = make_agency(name="Kantor Distrik Abepura", region="91.71.01.1001")
    assert office.time_zone == "Asia/Jayapura"
    version = make_service(office, completion_days=5, workflow=[{"role": "verifier"}])
    verifier = make_staff(office, Role.VERIFIER)
    citizen = make_citizen().user
    application = _submitted(version, citizen, _at(7, 9, zone=WIT))
    assert application.due_at == _end_of(14, WIT)
    # 17:00 UTC on Thursday 10 is already Friday 11 in Jayapura, as is the resubmission: one
    # local day, so nothing is paused (counted in UTC it would have been Friday).
    application = _act(application, verifier, "return", dt.datetime(2026, 12, 10, 17, 0, tzinfo=dt.UTC), "Foto")
    application = _act(application, citizen, "resubmit", _at(11, 10, zone=WIT))
    assert (application.paused_working_days, application.due_at) == (0, _end_of(14, WIT))


def test_withdrawing_a_returned_application_ends_its_pause_without_moving_the_due_date(office):
    _village, version, staff, citizen = office
    application = _submitted(version, citizen, _at(7, 9))
    application = _act(application, staff[Role.VERIFIER], "return", _at(8, 9), note="Lampirkan KK")
    application = _act(application, citizen, "withdraw", _at(10, 9))
    assert application.status == ApplicationStatus.WITHDRAWN
    assert (application.paused_at, application.paused_working_days, application.due_at) == (None, 2, _end_of(14))
    fresh = Application.objects.prefetch_related("events").get(pk=application.pk)
    assert [(p.ended, p.working_days) for p in clock_pauses(fresh)] == [(_at(10, 9), 2)]


def test_no_reminder_and_no_overdue_mark_while_the_clock_stands(office, django_capture_on_commit_callbacks):
    village, version, staff, citizen = office
    verifier = staff[Role.VERIFIER]
    paused = _submitted(version, citizen, _at(7, 9))
    running = _submitted(version, make_citizen().user, _at(7, 9))  # the control: never returned
    assert paused.due_at == running.due_at == _end_of(14)
    paused = _act(paused, verifier, "return", _at(9, 14), note="Lampirkan KK")
    with time_machine.travel(_at(14, 20), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert call_command("cases", "remind") is None
        reminded = Message.objects.filter(template_key="case.near_due", channel="inapp")
        assert [m.object_id for m in reminded] == [str(running.pk)]
    with time_machine.travel(_at(15, 9), tick=False):  # the first due date has passed
        box = inbox(Actor(user=verifier), village.pk)
        assert ([a.pk for a in box.rows], box.total, box.overdue) == ([running.pk], 1, 1)
    # Resubmitted Tuesday 15: paused 10, 11, 14, 15; due 14 + 4 = Friday 18.
    paused = _act(paused, citizen, "resubmit", _at(15, 10))
    assert paused.due_at == _end_of(18)
    with time_machine.travel(_at(15, 11), tick=False):
        box = inbox(Actor(user=verifier), village.pk, order="-due")
        assert [(a.pk, a.paused_working_days) for a in box.rows] == [(paused.pk, 4), (running.pk, 0)]
        assert (box.total, box.overdue) == (2, 1)


# ---- pages and the API ----


def _english(client, user) -> None:
    client.force_login(user)
    client.cookies["django_language"] = "en"


def _console(client, agency, user) -> None:
    _english(client, user)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()


def test_the_case_the_applicants_page_and_the_tracking_page_show_the_pause(client, office):
    village, version, staff, citizen = office
    verifier = staff[Role.VERIFIER]
    application = _submitted(version, citizen, _at(7, 9))
    application = _act(application, verifier, "return", _at(9, 14), note="Lampirkan KK")
    told = Message.objects.get(recipient=citizen, channel="email", template_key="application.returned")
    assert "Waktu penyelesaian layanan berhenti sampai Anda mengirimkannya kembali" in told.body
    with time_machine.travel(_at(11, 9), tick=False):
        _english(client, citizen)
        page = client.get(f"/akun/permohonan/{application.pk}/").content.decode()
        assert "Paused since 9 Dec 2026: the service clock waits until you send the application again." in page
        assert "The service clock is paused until you send it again." in page
        assert "(moves by the working days until you send the application again)" in page
        tracking = client.get(f"/lacak/{application.tracking_number}/").content.decode()
        assert "The service clock has been paused since 9 December 2026" in tracking
        # Another citizen cannot see the case (the owner above can).
        _english(client, make_citizen().user)
        assert client.get(f"/akun/permohonan/{application.pk}/").status_code == 404
        _console(client, village, verifier)
        case = client.get(f"/konsol/permohonan/{application.pk}/").content.decode()
        assert "Paused since 9 Dec 2026: the file is back with the applicant." in case
        assert "overdue" not in case
    application = _act(application, citizen, "resubmit", _at(14, 9))
    with time_machine.travel(_at(14, 10), tick=False):
        _console(client, village, verifier)
        case = client.get(f"/konsol/permohonan/{application.pk}/").content.decode()
        assert "Paused from 9 Dec 2026 to 14 Dec 2026 (3 working days)" in case
        assert "17 Dec 2026" in case  # the moved due date
        inbox_page = client.get("/konsol/kotak-masuk/").content.decode()
        assert "moved 3 working days while back with the applicant" in inbox_page
        _english(client, citizen)
        page = client.get(f"/akun/permohonan/{application.pk}/").content.decode()
        assert "Paused from 9 Dec 2026 to 14 Dec 2026 (3 working days)" in page
        body = client.get(f"/api/v1/applications/{application.pk}").json()
    assert (body["paused_working_days"], body["paused_at"]) == (3, None)
    assert dt.datetime.fromisoformat(body["due_at"]) == _end_of(17)
    assert [(e["action"], e["paused_working_days"]) for e in body["history"]] == [
        ("start", None),
        ("submit", None),
        ("return", None),
        ("resubmit", 3),
    ]


def test_a_rejected_applicant_is_told_how_to_apply_again_and_where_to_complain(
    client, office, django_capture_on_commit_callbacks
):
    village, version, staff, citizen = office
    citizen.language = "en"
    citizen.save()
    application = _submitted(version, citizen, _at(7, 9))
    with django_capture_on_commit_callbacks(execute=True):
        application = _act(application, staff[Role.VERIFIER], "reject", _at(8, 9), note="Bukan warga desa ini")
    service_path = f"/layanan/{village.slug}/{version.service.slug}/"
    told = Message.objects.get(recipient=citizen, channel="email", template_key="application.rejected")
    assert "Bukan warga desa ini" in told.body
    assert f"{service_path}\n" in told.body and "/pengaduan/kirim/" in told.body
    _english(client, citizen)
    page = client.get(f"/akun/permohonan/{application.pk}/").content.decode()
    assert "Bukan warga desa ini" in page
    assert f'<a href="{service_path}">apply again</a>' in page
    assert '<a href="/pengaduan/kirim/">send a complaint online</a>' in page
    channel = version.complaint_channel
    assert channel and f"complain: {channel}; or" in page
    assert f"through {channel} or with the complaint form" in told.body
    # A service no longer offered: apply again from the catalogue.
    service_retire(actor=OPERATOR, service=version.service)
    page = client.get(f"/akun/permohonan/{application.pk}/").content.decode()
    assert '<a href="/layanan/">apply again</a>' in page


def test_the_rejection_names_the_services_own_complaint_channel_in_indonesian(
    client, db, django_capture_on_commit_callbacks
):
    village = make_agency()
    version = make_service(village, complaint_channel="Kotak saran di kantor desa", workflow=[{"role": "verifier"}])
    verifier = make_staff(village, Role.VERIFIER)
    citizen = make_citizen().user
    application = _submitted(version, citizen, _at(7, 9))
    with django_capture_on_commit_callbacks(execute=True):
        application = _act(application, verifier, "reject", _at(8, 9), note="Bukan warga desa ini")
    told = Message.objects.get(recipient=citizen, channel="email", template_key="application.rejected")
    assert "melalui Kotak saran di kantor desa atau melalui formulir pengaduan di http" in told.body
    client.force_login(citizen)
    with translation.override("id"):
        page = client.get(f"/akun/permohonan/{application.pk}/").content.decode()
    assert "Kotak saran di kantor desa" in page and 'href="/pengaduan/kirim/"' in page


# ---- on-time figures ----


@pytest.fixture
def record(db):
    """Two services of a village (WIB), three working days each, one step. Completed cases
    with hand-worked figures (December 2026, no holidays before the 24th):

    A1 submitted Mon 7, approved Thu 10: on time, 3 working days (8, 9, 10).
    A2 submitted Mon 7, approved Mon 14: late (due Thu 10), 5 working days.
    A3 submitted Mon 7, returned Tue 8, resubmitted Fri 11 (paused 9, 10, 11: due Tue 15),
       approved Tue 15: on time, 8..15 is six working days less three paused: 3.
    B1 submitted Mon 7, approved Fri 18 01:00 WIB (Thu 17 in UTC): late, 9 working days.
    Not counted: a rejected case and one still in review."""
    village = make_agency()
    one_step = [{"role": "verifier"}]
    a = make_service(village, name="Surat Keterangan Domisili", completion_days=3, workflow=one_step)
    b = make_service(village, name="Surat Pengantar Nikah", completion_days=3, workflow=one_step)
    verifier = make_staff(village, Role.VERIFIER)
    citizen = make_citizen().user
    for approved in (_at(10, 10), _at(14, 10)):
        _act(_submitted(a, citizen, _at(7, 9)), verifier, "approve", approved)
    a3 = _act(_submitted(a, citizen, _at(7, 9)), verifier, "return", _at(8, 10), note="Lampirkan KK")
    a3 = _act(a3, citizen, "resubmit", _at(11, 9))
    assert a3.due_at == _end_of(15)
    _act(a3, verifier, "approve", _at(15, 16))
    _act(_submitted(b, citizen, _at(7, 9)), verifier, "approve", _at(18, 1))
    _act(_submitted(a, citizen, _at(7, 9)), verifier, "reject", _at(8, 9), note="Bukan warga")
    _submitted(a, citizen, _at(7, 9))
    return village, a, b


def _figures(row):
    return (row.key, row.completed, row.on_time, row.on_time_percent, row.paused, row.average_working_days)


def test_on_time_figures_by_service_and_in_total(record):
    village, a, b = record
    report = on_time_figures(agency_slug=village.slug)
    assert _figures(report.total) == ("", 4, 2, 50.0, 1, 5.0)
    assert [_figures(row) for row in report.by_service] == [
        (a.service.slug, 3, 2, 66.7, 1, 3.7),
        (b.service.slug, 1, 0, 0.0, 0, 9.0),
    ]
    assert [row.label for row in report.by_service] == ["Surat Keterangan Domisili", "Surat Pengantar Nikah"]
    # The period is of completion dates in the office's time zone: B1 is Friday 18 there.
    until_17 = on_time_figures(agency_slug=village.slug, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 17))
    assert _figures(until_17.total) == ("", 3, 2, 66.7, 1, 3.7)
    only_18 = on_time_figures(agency_slug=village.slug, start=dt.date(2026, 12, 18), end=dt.date(2026, 12, 18))
    assert _figures(only_18.total) == ("", 1, 0, 0.0, 0, 9.0)


def test_the_on_time_api_answers_with_the_figures_and_refuses_bad_input(client, record):
    village, a, b = record
    body = client.get(f"/api/v1/on-time?agency={village.slug}&service={b.service.slug}").json()
    assert body["total"] == {
        "key": "",
        "label": village.name,
        "completed": 1,
        "on_time": 0,
        "on_time_percent": 0.0,
        "paused": 0,
        "average_working_days": 9.0,
    }
    assert [row["key"] for row in body["by_service"]] == [b.service.slug]
    whole = client.get(f"/api/v1/on-time?agency={village.slug}").json()
    assert [(r["key"], r["completed"], r["on_time"]) for r in whole["by_service"]] == [
        (a.service.slug, 3, 2),
        (b.service.slug, 1, 0),
    ]
    backwards = client.get(f"/api/v1/on-time?agency={village.slug}&start=2026-12-18&end=2026-12-01")
    assert (backwards.status_code, backwards.json()["code"]) == (400, "period_invalid")
    unknown = client.get("/api/v1/on-time?agency=tidak-ada")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "agency_not_found")
    assert client.get("/api/v1/on-time").status_code in (400, 422)  # the agency is required


def test_the_figures_show_on_the_public_service_page_and_the_console(client, record):
    village, a, _b = record
    client.cookies["django_language"] = "en"
    page = client.get(f"/layanan/{village.slug}/{a.service.slug}/").content.decode()
    assert "2 of 3 completed applications were finished by their due date (67%)." in page
    assert "On average 3.7 working days." in page
    admin = f.staff(village, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    _console(client, village, admin)
    console = client.get("/konsol/layanan/").content.decode()
    assert "Completed on time" in console
    assert '<td data-label="On time">2 (66.7%)</td>' in console
    assert '<td data-label="On time">2 (50.0%)</td>' in console  # all services
    # Staff who do not run the office's services do not see the editor (the admin above does).
    _console(client, village, make_staff(village, Role.VERIFIER))
    assert client.get("/konsol/layanan/").status_code == 403
