"""Requests and objections received off-line (letter, email, WhatsApp, telephone, at the
desk): recorded by the information officer for a requester with or without an account, the
deadline counted from receipt, the requester reached by the channel they used, and letters
handed over at the desk."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from padu.core.actors import Actor
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.notify.models import Message
from padu.ppid.demo import _offline
from padu.ppid.models import ContactTask, FileKind, InfoRequest, RequestEvent, RequestStatus
from padu.ppid.report import annual_report
from padu.ppid.selectors import my_requests, public_register
from padu.ppid.services import (
    contact_task_done,
    objection_record,
    request_decide,
    request_extend,
    request_file_hand_over,
    request_record,
)
from tests.factories import actor_for, make_agency, make_citizen, make_nik, make_staff

JKT = ZoneInfo("Asia/Jakarta")
# Wednesday 12 August 2026, 10:00 WIB: the officer enters a letter stamped on Monday the 10th.
ENTERED = dt.datetime(2026, 8, 12, 10, 0, tzinfo=JKT)
LETTER_DAY = dt.datetime(2026, 8, 10, 9, 0, tzinfo=JKT)


def at_desk(**kw):
    values = {
        "channel": "in_person",
        "received_at": ENTERED,
        "requester_kind": "person",
        "name": "Ibu Euis Komariah",
        "address": "Kp. Babakan RT 02 RW 05, Cileunyi Kulon",
        "phone": "0813 2145 6677",
        "contact_channel": "whatsapp",
        "information": "Jadwal posyandu 2026",
        "purpose": "Imunisasi anak",
        "obtain_method": "hard_copy",
        "delivery_method": "pick_up",
    }
    values.update(kw)
    return values


@pytest.fixture
def office(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = make_agency(time_zone="Asia/Jakarta")
    officer = make_staff(agency, Role.INFORMATION_OFFICER, full_name="Yayan Sopyan")
    return agency, officer


def record(agency, officer, **kw):
    return request_record(actor=actor_for(officer), agency=agency, now=kw.pop("now", ENTERED), **at_desk(**kw))


# ---- the deadline counts from receipt ----


@time_machine.travel(ENTERED, tick=False)
def test_deadline_counts_from_the_day_received_not_the_day_recorded(office):
    agency, officer = office
    info = record(agency, officer, channel="letter", received_at=LETTER_DAY, contact_channel="post")
    # From Monday 10 August: Independence Day (Mon 17 Aug) and Maulid Nabi (Tue 25 Aug) do not
    # count, so the tenth working day is Wednesday 26 August. From the day of entry (the 12th)
    # it would have been Friday the 28th.
    local = info.due_at.astimezone(JKT)
    assert local.date() == dt.date(2026, 8, 26)
    assert (local.hour, local.minute) == (23, 59)
    assert info.received_at == LETTER_DAY and info.submitted_at == ENTERED
    assert info.number.endswith("/VIII/2026")  # the register month of receipt
    assert (info.channel, info.requester_id, info.recorded_by_id) == ("letter", None, officer.pk)
    # An extension adds 7 working days to that deadline: Friday 4 September.
    info = request_extend(actor=actor_for(officer), request=info, reason="Arsip ada di kecamatan.")
    assert info.due_at.astimezone(JKT).date() == dt.date(2026, 9, 4)


@time_machine.travel(ENTERED, tick=False)
def test_recording_is_audited_and_in_the_history(office):
    agency, officer = office
    info = record(agency, officer, note="Datang bersama anaknya.")
    event = AuditEvent.objects.get(verb="ppid.record")
    assert event.actor_id == officer.pk and event.object_id == str(info.pk)
    assert event.changes["channel"] == "in_person" and event.changes["account"] is False
    assert list(RequestEvent.objects.filter(request=info).values_list("action", "to_status")) == [
        ("record", RequestStatus.SUBMITTED)
    ]
    assert info.intake_note == "Datang bersama anaknya."


@time_machine.travel(dt.datetime(2026, 1, 2, 9, 0, tzinfo=JKT), tick=False)
def test_the_annual_report_counts_a_request_in_the_year_it_was_received(office):
    agency, officer = office
    received = dt.datetime(2025, 12, 30, 14, 0, tzinfo=JKT)
    info = record(agency, officer, channel="email", received_at=received, email="euis@example.id", now=None)
    assert info.number.endswith("/XII/2025")
    assert annual_report(agency, 2025).received == 1
    assert annual_report(agency, 2026).received == 0


# ---- who may record ----


@time_machine.travel(ENTERED, tick=False)
def test_only_the_agencys_information_officer_records_requests(office):
    agency, officer = office
    admin = make_staff(agency, Role.AGENCY_ADMIN)
    desk = make_staff(agency, Role.FRONT_DESK)
    elsewhere = make_staff(make_agency(name="Desa Cileunyi Wetan", region="32.04.05.2002"), Role.INFORMATION_OFFICER)
    citizen = make_citizen()
    for person in (admin, desk, elsewhere, citizen.user):
        with pytest.raises(Forbidden) as refused:
            record(agency, officer=person)
        assert refused.value.code == "ppid_role_required"
    with pytest.raises(Forbidden):
        request_record(actor=Actor(), agency=agency, now=ENTERED, **at_desk())
    assert InfoRequest.objects.count() == 0
    info = record(agency, officer)  # the owner control
    assert InfoRequest.objects.get() == info
    assert info.number.startswith("001/")  # the refusals took no number


# ---- bad input ----


@time_machine.travel(ENTERED, tick=False)
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"received_at": ENTERED + dt.timedelta(days=1)}, "received_at"),  # tomorrow
        ({"received_at": ENTERED + dt.timedelta(minutes=30)}, "received_at"),  # later today
        ({"received_at": None}, "received_at"),
        ({"received_at": ENTERED - dt.timedelta(days=400), "note": "Terselip"}, "received_at"),  # over a year
        ({"received_at": ENTERED - dt.timedelta(days=31)}, "note"),  # late, with no word why
        ({"name": "  "}, "name"),
        ({"address": ""}, "address"),
        ({"nik": "3204"}, "nik"),
        ({"nik": "3204059913880001"}, "nik"),  # the 99th of the month
        ({"channel": "online"}, "channel"),
        ({"channel": "pigeon"}, "channel"),
        ({"contact_channel": ""}, "contact_channel"),
        ({"contact_channel": "whatsapp", "phone": ""}, "phone"),
        ({"contact_channel": "email"}, "email"),
        ({"email": "bukan-surel"}, "email"),
        ({"requester_kind": "legal_entity"}, "legal_entity_number"),
        ({"obtain_method": "telepati"}, "obtain_method"),
        ({"information": ""}, "information"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(office, change, field):
    agency, officer = office
    with pytest.raises(InvalidInput) as refused:
        record(agency, officer, **change)
    assert refused.value.code == "ppid_request_invalid"
    assert field in refused.value.errors
    assert InfoRequest.objects.count() == 0 and not AuditEvent.objects.filter(verb="ppid.record").exists()


@time_machine.travel(ENTERED, tick=False)
def test_every_problem_is_told_at_once(office):
    agency, officer = office
    with pytest.raises(InvalidInput) as refused:
        record(agency, officer, name="", nik="123", received_at=ENTERED + dt.timedelta(days=2), information="")
    assert {"name", "nik", "received_at", "information"} <= set(refused.value.errors)


@time_machine.travel(ENTERED, tick=False)
def test_a_late_record_needs_a_note_and_a_moment_without_zone_is_the_offices(office):
    agency, officer = office
    month_ago = dt.datetime(2026, 7, 1, 8, 0)  # naive: read in the office's time zone
    info = record(agency, officer, channel="letter", received_at=month_ago, note="Surat terselip di arsip umum.")
    assert info.received_at == dt.datetime(2026, 7, 1, 8, 0, tzinfo=JKT)
    assert info.is_open and info.due_at < timezone.now()  # already overdue, and the pages say so


@time_machine.travel(ENTERED, tick=False)
def test_a_nik_given_is_checked_and_stored_encrypted(office):
    agency, officer = office
    nik = make_nik("32.04.05", dt.date(1979, 2, 3), female=True)
    info = record(agency, officer, nik=f" {nik} ")
    assert info.nik_masked.endswith(nik[-4:]) and nik not in info.nik_masked
    with connection.cursor() as cursor:
        cursor.execute("SELECT requester_nik_encrypted FROM information_inforequest WHERE id = %s", [info.pk])
        assert nik not in cursor.fetchone()[0]
    assert record(agency, officer, nik="").nik_masked == ""  # optional at the desk


# ---- the database holds the rule ----


@time_machine.travel(ENTERED, tick=False)
def test_the_database_refuses_an_online_request_without_an_account_and_one_without_a_way_to_reach_them(office):
    agency, _officer = office
    row = {
        "agency": agency,
        "requester_kind": "person",
        "requester_name": "x",
        "address": "x",
        "information": "x",
        "purpose": "x",
        "obtain_method": "inspect",
        "delivery_method": "pick_up",
        "received_at": ENTERED,
        "submitted_at": ENTERED,
        "due_at": ENTERED,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        InfoRequest.objects.create(number="1", channel="online", contact_channel="whatsapp", **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        InfoRequest.objects.create(number="2", channel="letter", contact_channel="", **row)
    InfoRequest.objects.create(number="3", channel="letter", contact_channel="post", **row)  # the control


# ---- contact by the channel used ----


@time_machine.travel(ENTERED, tick=False)
def test_a_requester_without_an_account_is_told_by_the_officers_to_do(office):
    agency, officer = office
    colleague = make_staff(agency, Role.INFORMATION_OFFICER)
    info = record(agency, officer, channel="whatsapp", received_at=LETTER_DAY)
    task = ContactTask.objects.get(request=info)
    assert (task.kind, task.channel, task.done_at) == ("ppid.received", "whatsapp", None)
    # What to send: the number, the deadline and where to follow it without an account.
    assert info.number in task.message and "26 Agustus 2026" in task.message
    assert f"/ppid/{agency.slug}/?nomor=" in task.message
    assert not Message.objects.filter(template_key="ppid.received").exists()  # no email to send
    # The colleague hears of the new request; the officer who recorded it does not.
    assert Message.objects.filter(template_key="ppid.new", recipient=colleague).exists()
    assert not Message.objects.filter(template_key="ppid.new", recipient=officer).exists()


@time_machine.travel(ENTERED, tick=False)
def test_an_email_given_is_used_and_the_desk_receipt_needs_no_to_do(office):
    agency, officer = office
    by_mail = record(agency, officer, channel="email", email="euis@example.id", contact_channel="email")
    sent = Message.objects.get(template_key="ppid.received", channel="email")
    assert sent.address == "euis@example.id" and sent.recipient is None
    assert by_mail.number in sent.body and "Ibu Euis Komariah" in sent.body
    assert not ContactTask.objects.filter(request=by_mail).exists()
    at_the_desk = record(agency, officer)
    assert not ContactTask.objects.filter(request=at_the_desk).exists()  # the printed receipt tells them
    # The decision comes with a letter to hand over: always a to-do without an account.
    request_decide(actor=actor_for(officer), request=by_mail, decision="not_held", note="Dipegang dinas.")
    assert ContactTask.objects.get(request=by_mail).kind == "ppid.decided"
    assert Message.objects.filter(template_key="ppid.decided", address="euis@example.id").exists()


@time_machine.travel(ENTERED, tick=False)
def test_a_contact_to_do_is_done_once_by_the_agencys_ppid(office):
    agency, officer = office
    info = record(agency, officer, channel="phone", contact_channel="phone")
    task = ContactTask.objects.get(request=info)
    desk = make_staff(agency, Role.FRONT_DESK)
    with pytest.raises(Forbidden):
        contact_task_done(actor=actor_for(desk), task=task, note="x")
    done = contact_task_done(actor=actor_for(officer), task=task, note="Ditelepon, nomor dicatat pemohon.")
    assert done.done_at is not None and done.done_by_id == officer.pk
    assert AuditEvent.objects.filter(verb="ppid.contacted", object_id=str(info.pk)).count() == 1
    with pytest.raises(Conflict) as again:
        contact_task_done(actor=actor_for(officer), task=task)
    assert again.value.code == "ppid_contact_already_done"


@time_machine.travel(ENTERED, tick=False)
def test_the_decision_letter_is_handed_over_at_the_desk_once(office):
    agency, officer = office
    info = record(agency, officer)
    request_decide(actor=actor_for(officer), request=info, decision="granted", note="Silakan ambil di loket.")
    letter = info.files.get(kind=FileKind.DECISION_LETTER)
    desk = make_staff(agency, Role.FRONT_DESK)
    with pytest.raises(Forbidden):
        request_file_hand_over(actor=actor_for(desk), stored=letter, handed_to="Euis")
    with pytest.raises(InvalidInput) as nameless:
        request_file_hand_over(actor=actor_for(officer), stored=letter, handed_to=" ")
    assert "handed_to" in nameless.value.errors
    handed = request_file_hand_over(actor=actor_for(officer), stored=letter, handed_to="Euis Komariah")
    assert (handed.handed_over_to, handed.handed_over_by_id) == ("Euis Komariah", officer.pk)
    assert handed.handed_over_at == ENTERED
    audit = AuditEvent.objects.get(verb="ppid.handover")
    assert audit.changes["file"] == letter.pk and audit.changes["kind"] == "decision"
    with pytest.raises(Conflict) as twice:
        request_file_hand_over(actor=actor_for(officer), stored=letter, handed_to="Orang lain")
    assert twice.value.code == "ppid_file_already_handed_over"


# ---- objections received by letter ----


def test_an_objection_by_letter_is_recorded_with_its_windows_from_receipt(office):
    agency, officer = office
    with time_machine.travel(ENTERED, tick=False):
        info = record(agency, officer)
        request_decide(
            actor=actor_for(officer),
            request=info,
            decision="refused",
            note="Dikecualikan.",
            exemption="17h",
            consequence_test="Data pribadi.",
        )
        with pytest.raises(Conflict) as early:  # a letter dated before the decision
            objection_record(
                actor=actor_for(officer),
                request=info,
                channel="letter",
                received_at=LETTER_DAY,
                grounds=["a"],
                reasons="x",
            )
        assert early.value.code == "ppid_objection_too_early"
    letter = dt.datetime(2026, 8, 14, 9, 0, tzinfo=JKT)  # Friday
    with time_machine.travel(dt.datetime(2026, 8, 18, 9, 0, tzinfo=JKT), tick=False):
        desk = make_staff(agency, Role.FRONT_DESK)
        with pytest.raises(Forbidden):
            objection_record(
                actor=actor_for(desk), request=info, channel="letter", received_at=letter, grounds=["a"], reasons="x"
            )
        objection = objection_record(
            actor=actor_for(officer),
            request=info,
            channel="letter",
            received_at=letter,
            grounds=["a"],
            reasons="Rekap tanpa nama tidak memuat data pribadi.",
        )
    info.refresh_from_db()
    assert info.status == RequestStatus.OBJECTED
    assert (objection.channel, objection.received_at, objection.recorded_by_id) == ("letter", letter, officer.pk)
    # 30 working days from Friday 14 August, skipping 17 and 25 August: Tuesday 29 September.
    assert objection.due_at.astimezone(JKT).date() == dt.date(2026, 9, 29)
    assert objection.number.endswith("/VIII/2026")
    assert RequestEvent.objects.filter(request=info, action="record_objection").exists()
    assert ContactTask.objects.filter(request=info, kind="ppid.objection_received").exists()


def test_an_objection_letter_after_the_window_is_refused(office):
    agency, officer = office
    with time_machine.travel(ENTERED, tick=False):
        info = record(agency, officer)
        request_decide(actor=actor_for(officer), request=info, decision="not_held", note="Di dinas lain.")
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, 0, tzinfo=JKT), tick=False):
        with pytest.raises(Conflict) as late:
            objection_record(
                actor=actor_for(officer),
                request=info,
                channel="letter",
                # The 30 working days from the decision (12 August) ended on Friday 25 September.
                received_at=dt.datetime(2026, 10, 2, 9, 0, tzinfo=JKT),
                grounds=["d"],
                reasons="x",
            )
        assert late.value.code == "ppid_objection_window_closed"
        with pytest.raises(InvalidInput) as bad:
            objection_record(
                actor=actor_for(officer), request=info, channel="letter", received_at=None, grounds=[], reasons=""
            )
        assert {"received_at", "grounds", "reasons"} <= set(bad.value.errors)


# ---- a requester with an account ----


@time_machine.travel(ENTERED, tick=False)
def test_an_account_is_linked_only_for_a_person_found_by_the_nik_look_up(office, settings):
    from padu.accounts.selectors import citizen_lookup_by_nik
    from padu.core.models import Membership

    agency, officer = office
    citizen = make_citizen()
    with pytest.raises(InvalidInput) as unseen:
        record(agency, officer, requester_id=citizen.user_id)
    assert "requester" in unseen.value.errors
    Membership.objects.create(user=officer, agency=agency, role=Role.FRONT_DESK)
    citizen_lookup_by_nik(actor=actor_for(officer), agency_id=agency.pk, nik=citizen.nik, purpose="Permohonan PPID")
    info = record(agency, officer, requester_id=citizen.user_id, name=citizen.name)
    assert info.requester_id == citizen.user_id
    assert list(my_requests(Actor(user=citizen.user))) == [info]  # on their own page
    assert Message.objects.filter(template_key="ppid.received", recipient=citizen.user).exists()
    assert not ContactTask.objects.filter(request=info).exists()


# ---- the public register ----


@time_machine.travel(ENTERED, tick=False)
def test_the_register_finds_one_request_by_its_number(office):
    agency, officer = office
    first, second = record(agency, officer), record(agency, officer, information="Daftar aset desa")
    assert list(public_register(agency, second.number)) == [second]
    assert list(public_register(agency, "999/PPID/X/2026")) == []
    assert list(public_register(agency)) == [second, first]


# ---- the demo ----


def test_the_demos_off_line_requests(office):
    agency, officer = office
    assert _offline(agency, actor_for(officer), "desa") == 2
    desk, whatsapp = InfoRequest.objects.order_by("channel")  # in_person, whatsapp
    assert (desk.channel, desk.requester_id, desk.status) == ("in_person", None, RequestStatus.SUBMITTED)
    assert not desk.contact_tasks.exists()
    assert (whatsapp.channel, whatsapp.status) == ("whatsapp", RequestStatus.GRANTED)
    assert [(t.kind, t.done_at is None) for t in whatsapp.contact_tasks.order_by("pk")] == [
        ("ppid.received", False),  # the registration number was sent by WhatsApp
        ("ppid.decided", True),  # the answer is still to be told
    ]
    assert whatsapp.files.get(kind=FileKind.DECISION_LETTER).handed_over_to == "Dadang Suhendar"
