"""Deadlines on the handling agency's working-day calendar, escalation and auto-close by the
sweep, with a frozen clock across holidays and the three time zones."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from padu.complaints.models import Status
from padu.complaints.services import complaint_act, complaints_sweep
from padu.complaints.tests.factories import make_place, submit
from padu.core.errors import Conflict
from padu.core.models import AuditEvent, Region
from padu.core.roles import Role
from padu.notify.models import Message as Notification
from tests.factories import actor_for, make_agency, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")


def test_verification_deadline_skips_nyepi_and_lebaran_leave():
    place = make_place()
    with time_machine.travel(dt.datetime(2026, 3, 17, 10, 0, tzinfo=WIB), tick=False):
        complaint = submit(place)
    # 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21-22 Lebaran/weekend, 23-24 cuti: 25, 26, 27 count.
    assert complaint.due_at == dt.datetime(2026, 3, 27, 23, 59, 59, tzinfo=WIB)


def test_follow_up_deadline_is_five_working_days_after_verification():
    place = make_place()
    with time_machine.travel(dt.datetime(2026, 12, 21, 9, 0, tzinfo=WIB), tick=False):
        complaint = submit(place)
        complaint = complaint_act(actor=actor_for(place.officer), complaint=complaint, action="verify")
    # Mon 21 Dec; 22, 23 count, 24-25 Christmas, weekend, 28, 29, 30 count.
    assert complaint.due_at == dt.datetime(2026, 12, 30, 23, 59, 59, tzinfo=WIB)


@pytest.mark.parametrize(
    ("region", "zone", "due"),
    [
        # 16:30 UTC on 22 Dec is still Tuesday in Jakarta but already Wednesday in Denpasar and Jayapura.
        ("32.04.05.2001", WIB, dt.date(2026, 12, 29)),
        ("51.71.01.1001", WITA, dt.date(2026, 12, 30)),
        ("91.71.01.1001", WIT, dt.date(2026, 12, 30)),
    ],
)
def test_the_deadline_follows_the_handling_agencys_time_zone(region, zone, due):
    place = make_place()
    agency = place.village if region.startswith("32") else make_agency(name=f"Kantor {region}", region=region)
    assert agency.time_zone == zone.key
    with time_machine.travel(dt.datetime(2026, 12, 22, 16, 30, tzinfo=dt.UTC), tick=False):
        complaint = submit(place, agency=agency, region=Region.objects.get(code=region))
    assert complaint.due_at == dt.datetime.combine(due, dt.time(23, 59, 59), tzinfo=zone)


def test_the_sweep_escalates_an_overdue_complaint_once_to_the_supervising_agency():
    place = make_place()
    with time_machine.travel(dt.datetime(2026, 12, 21, 9, 0, tzinfo=WIB), tick=False):
        complaint = submit(place)
    assert complaint.due_at == dt.datetime(2026, 12, 28, 23, 59, 59, tzinfo=WIB)  # 22, 23, 28
    with time_machine.travel(dt.datetime(2026, 12, 28, 23, 0, tzinfo=WIB), tick=False):
        assert complaints_sweep().escalated == 0  # an hour before the end of the last day
    with time_machine.travel(dt.datetime(2026, 12, 29, 0, 30, tzinfo=WIB), tick=False):
        result = complaints_sweep()
        again = complaints_sweep()
    assert (result.escalated, again.escalated) == (1, 0)
    complaint.refresh_from_db()
    assert complaint.escalated_to == place.district and complaint.escalation_count == 1
    assert Notification.objects.filter(recipient=place.district_officer, template_key="complaint.escalated").exists()
    assert Notification.objects.filter(recipient=place.officer, template_key="complaint.escalated").exists()
    assert Notification.objects.filter(recipient=place.citizen, template_key="complaint.updated").exists()
    assert AuditEvent.objects.filter(agency_id=place.district.pk, verb="complaint.escalated").exists()
    # The supervising agency may now act on it; the next deadline escalates again once passed.
    with time_machine.travel(dt.datetime(2026, 12, 29, 9, 0, tzinfo=WIB), tick=False):
        complaint = complaint_act(actor=actor_for(place.district_officer), complaint=complaint, action="verify")
    # 30, 31, (1 Jan New Year), 4, (5 Isra Mikraj), 6, 7
    assert complaint.due_at == dt.datetime(2027, 1, 7, 23, 59, 59, tzinfo=WIB)
    with time_machine.travel(dt.datetime(2027, 1, 7, 23, 0, tzinfo=WIB), tick=False):
        assert complaints_sweep().escalated == 0
    with time_machine.travel(dt.datetime(2027, 1, 8, 8, 0, tzinfo=WIB), tick=False):
        assert complaints_sweep().escalated == 1
    complaint.refresh_from_db()
    assert complaint.escalation_count == 2


def test_an_agency_without_a_parent_is_flagged_overdue_without_a_supervisor():
    place = make_place()
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=WIB), tick=False):
        complaint = submit(place, agency=place.regency)
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=WIB), tick=False):
        assert complaints_sweep().escalated == 1
    complaint.refresh_from_db()
    assert complaint.escalated_at is not None and complaint.escalated_to is None


def test_an_answer_closes_on_its_own_after_ten_working_days_and_cannot_be_reopened_then():
    place = make_place()
    officer = actor_for(place.officer)
    with time_machine.travel(dt.datetime(2026, 12, 14, 9, 0, tzinfo=WIB), tick=False):
        complaint = submit(place)
        complaint = complaint_act(actor=officer, complaint=complaint, action="verify")
        complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah diperbaiki.")
    # 15-18, 21-23 (7), 24-25 off, 28-30 (10).
    assert complaint.reopen_until == dt.datetime(2026, 12, 30, 23, 59, 59, tzinfo=WIB)
    with time_machine.travel(dt.datetime(2026, 12, 30, 22, 0, tzinfo=WIB), tick=False):
        assert complaints_sweep().closed == 0
    with time_machine.travel(dt.datetime(2026, 12, 31, 0, 5, tzinfo=WIB), tick=False):
        out = StringIO()
        call_command("complaints", "sweep", stdout=out)
        assert "1 closed" in out.getvalue()
        complaint.refresh_from_db()
        assert complaint.status == Status.CLOSED
        with pytest.raises(Conflict) as caught:
            complaint_act(actor=actor_for(place.citizen), complaint=complaint, action="reopen", note="Belum beres")
        assert caught.value.code == "reopen_window_closed"
    assert AuditEvent.objects.filter(verb="complaint.auto_close", object_id=str(complaint.pk)).exists()


def test_reopen_inside_the_window_restarts_the_follow_up_clock():
    place = make_place()
    officer = actor_for(place.officer)
    with time_machine.travel(dt.datetime(2026, 12, 14, 9, 0, tzinfo=WIB), tick=False):
        complaint = submit(place)
        complaint = complaint_act(actor=officer, complaint=complaint, action="verify")
        complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah diperbaiki.")
    with time_machine.travel(dt.datetime(2026, 12, 30, 20, 0, tzinfo=WIB), tick=False):
        complaint = complaint_act(
            actor=actor_for(place.citizen), complaint=complaint, action="reopen", note="Masih berlubang."
        )
    assert complaint.status == Status.REOPENED
    assert complaint.due_at == dt.datetime(2027, 1, 8, 23, 59, 59, tzinfo=WIB)  # 31, 4, (5 Isra Mikraj), 6, 7, 8
    assert Notification.objects.filter(recipient=place.officer, template_key="complaint.assigned").count() >= 2


def test_a_late_answer_counts_as_not_on_time():
    place = make_place()
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=WIB), tick=False):
        complaint = submit(place)
        complaint = complaint_act(actor=actor_for(place.officer), complaint=complaint, action="verify")
    with time_machine.travel(dt.datetime(2026, 11, 16, 9, 0, tzinfo=WIB), tick=False):
        complaint = complaint_act(actor=actor_for(place.officer), complaint=complaint, action="answer", note="Maaf.")
    assert complaint.answered_on_time is False
    assert complaint.answer_working_days == 10


def test_supervisor_role_reads_but_does_not_act():
    place = make_place()
    supervisor = make_staff(place.district, Role.SUPERVISOR)
    complaint = submit(place)
    from padu.complaints.selectors import complaint_for_staff
    from padu.core.errors import Forbidden

    assert complaint_for_staff(actor_for(supervisor), complaint.pk) == complaint
    with pytest.raises(Forbidden):
        complaint_act(actor=actor_for(supervisor), complaint=complaint, action="verify")


def test_the_sweep_task_does_the_same_work():
    from padu.complaints.tasks import sweep_complaints

    place = make_place()
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=WIB), tick=False):
        submit(place)
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, 0, tzinfo=WIB), tick=False):
        result = sweep_complaints.enqueue()
    assert result.return_value == {"escalated": 1, "closed": 0}
