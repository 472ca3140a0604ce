"""PPID requests: deadlines on the working-day calendar, the state machine, objections,
reminders and bad input."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.services import holiday_add
from padu.notify.models import Message
from padu.ppid.models import FileKind, InfoRequest, RequestStatus
from padu.ppid.selectors import my_request, my_request_file, public_register, request_for_staff
from padu.ppid.services import (
    may_object,
    objection_answer,
    objection_deadline,
    objection_submit,
    ppid_remind_near_due,
    request_decide,
    request_extend,
    request_submit,
    request_withdraw,
)
from tests.factories import actor_for, make_agency, make_citizen, make_nik, make_staff, tiny_pdf

PDF = tiny_pdf()

JKT = ZoneInfo("Asia/Jakarta")


def submit(agency, citizen, **kw):
    values = {
        "requester_kind": "person",
        "name": citizen.name,
        "nik": citizen.nik,
        "address": "Jl. Pandanwangi No. 12, Cileunyi",
        "phone": "081234567890",
        "email": "warga@example.id",
        "information": "Salinan APBDes 2026 beserta rinciannya",
        "purpose": "Penelitian tugas akhir",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
    }
    values.update(kw)
    return request_submit(actor=Actor(user=citizen.user), agency=agency, **values)


@pytest.fixture
def village(db):
    agency = make_agency()
    officer = make_staff(agency, Role.INFORMATION_OFFICER)
    admin = make_staff(agency, Role.AGENCY_ADMIN)
    citizen = make_citizen()
    return agency, officer, admin, citizen


# ---- deadlines ----


@time_machine.travel(dt.datetime(2026, 3, 13, 9, 0, tzinfo=JKT), tick=False)
def test_answer_due_in_ten_working_days_skipping_nyepi_and_idul_fitri(village):
    agency, officer, _admin, citizen = village
    request = submit(agency, citizen)
    # Friday 13 March 2026: Nyepi and its cuti bersama (18, 19 Mar), Idul Fitri with cuti
    # bersama (20 to 24 Mar) and Good Friday (3 Apr) do not count: the tenth working day is 6 April.
    local = request.due_at.astimezone(JKT)
    assert local.date() == dt.date(2026, 4, 6)
    assert (local.hour, local.minute) == (23, 59)


def test_due_date_follows_the_agency_time_zone(db):
    citizen = make_citizen()
    jayapura = make_agency(
        name="Kelurahan Gurabesi", kind="kelurahan", region="91.71.01.1001", time_zone="Asia/Jayapura"
    )
    jakarta = make_agency(name="Desa Cileunyi Wetan", region="32.04.05.2002", time_zone="Asia/Jakarta")
    # 23:30 WIB on Friday 6 Nov is already Saturday 01:30 in Jayapura (WIT).
    with time_machine.travel(dt.datetime(2026, 11, 6, 23, 30, tzinfo=JKT), tick=False):
        west = submit(jakarta, citizen)
        east = submit(jayapura, citizen)
    assert west.due_at.astimezone(JKT).date() == dt.date(2026, 11, 20)
    wit = ZoneInfo("Asia/Jayapura")
    assert east.due_at.astimezone(wit).date() == dt.date(2026, 11, 20)
    assert east.due_at.astimezone(wit).hour == 23
    assert east.due_at < west.due_at  # the end of the day comes two hours earlier in the east


@time_machine.travel(dt.datetime(2026, 11, 2, 8, 0, tzinfo=JKT), tick=False)
def test_agency_holiday_pushes_the_deadline_and_extension_adds_seven_more(village):
    agency, officer, _admin, citizen = village
    holiday_add(actor=OPERATOR, agency=agency, date=dt.date(2026, 11, 10), name="Hari Jadi Desa")
    request = submit(agency, citizen)
    assert request.due_at.astimezone(JKT).date() == dt.date(2026, 11, 17)
    request = request_extend(actor=actor_for(officer), request=request, reason="Dokumen ada di arsip kecamatan.")
    assert request.status == RequestStatus.EXTENDED
    assert request.due_at.astimezone(JKT).date() == dt.date(2026, 11, 26)
    told = Message.objects.get(recipient=citizen.user, template_key="ppid.extended", channel="inapp")
    assert "26 November 2026" in told.body and "Dokumen ada di arsip kecamatan." in told.body
    with pytest.raises(Conflict) as exc:
        request_extend(actor=actor_for(officer), request=request, reason="Lagi")
    assert exc.value.code == "ppid_already_extended"


# ---- the journey ----


def test_partly_granted_objected_answered(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency, officer, admin, citizen = village
    request = submit(agency, citizen)
    assert request.number.endswith(f"/{request.submitted_at.astimezone(JKT).year}")
    assert Message.objects.filter(recipient=citizen.user, template_key="ppid.received").exists()
    assert Message.objects.filter(recipient=officer, template_key="ppid.new").exists()

    request = request_decide(
        actor=actor_for(officer),
        request=request,
        decision="partly_granted",
        note="Rincian APBDes kami kirim; data penerima bantuan dihitamkan.",
        withheld_part="Nama dan NIK penerima BLT",
        exemption="17h",
        consequence_test="Membuka nama penerima mengungkap rahasia pribadi.",
        files=[SimpleUploadedFile("apbdes.pdf", PDF, content_type="application/pdf")],
    )
    assert request.status == RequestStatus.PARTLY_GRANTED
    decided = Message.objects.get(recipient=citizen.user, template_key="ppid.decided", channel="inapp")
    assert "Dikabulkan sebagian" in decided.body  # the decision in the requester's language
    kinds = sorted(f.kind for f in request.files.all())
    assert kinds == [FileKind.DECISION_LETTER, FileKind.RELEASED]
    letter = request.files.get(kind=FileKind.DECISION_LETTER)
    assert letter.file.read(5) == b"%PDF-"
    # Only the requester downloads; another citizen gets "not found".
    assert my_request_file(Actor(user=citizen.user), letter.pk) == letter
    stranger = make_citizen(village="32.04.05.2002", female=True)
    with pytest.raises(NotFound):
        my_request_file(Actor(user=stranger.user), letter.pk)

    # The officer cannot answer an objection; the superior (agency admin) does.
    objection = objection_submit(
        actor=Actor(user=citizen.user), request=request, grounds=["a", "d"], reasons="Nama penerima BLT wajib umum."
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.OBJECTED
    assert objection.due_at > objection.submitted_at
    assert Message.objects.filter(recipient=admin, template_key="ppid.objection_new").exists()
    with pytest.raises(Forbidden):
        objection_answer(actor=actor_for(officer), request=request, outcome="upheld", answer="x")
    answered = objection_answer(
        actor=actor_for(admin), request=request, outcome="rejected", answer="Keputusan PPID dikuatkan."
    )
    assert answered.outcome == "rejected"
    request.refresh_from_db()
    assert request.status == RequestStatus.OBJECTION_ANSWERED
    assert request.decision == "partly_granted"  # the decision stays for the report
    assert request.files.filter(kind=FileKind.OBJECTION_ANSWER).count() == 1
    assert Message.objects.filter(recipient=citizen.user, template_key="ppid.objection_answered").exists()
    verbs = set(AuditEvent.objects.filter(object_id=str(request.pk)).values_list("verb", flat=True))
    assert {"ppid.submit", "ppid.decide", "ppid.object", "ppid.answer_objection"} <= verbs
    # The public register shows no identity.
    row = public_register(agency).get(pk=request.pk)
    assert "requester_name" in row.get_deferred_fields()


def test_illegal_transitions_are_conflicts_with_stable_codes(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency, officer, admin, citizen = village
    request = submit(agency, citizen)
    with pytest.raises(Conflict) as exc:
        objection_answer(actor=actor_for(admin), request=request, outcome="upheld", answer="x")
    assert exc.value.code == "ppid_transition_not_allowed"
    with pytest.raises(Conflict) as exc:
        objection_submit(actor=Actor(user=citizen.user), request=request, grounds=["c"], reasons="Belum dijawab")
    assert exc.value.code == "ppid_objection_too_early"
    with pytest.raises(Forbidden):
        request_decide(actor=actor_for(admin), request=request, decision="granted")
    with pytest.raises(NotFound):  # someone else's request does not exist for them
        request_withdraw(actor=Actor(user=officer), request=request)
    request = request_withdraw(actor=Actor(user=citizen.user), request=request)
    with pytest.raises(Conflict) as exc:
        request_decide(actor=actor_for(officer), request=request, decision="granted")
    assert exc.value.code == "ppid_transition_not_allowed"
    assert exc.value.status == 409


# ---- the objection window ----


def test_objection_window_is_thirty_working_days_after_the_decision(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency, officer, _admin, citizen = village
    with time_machine.travel(dt.datetime(2026, 7, 1, 9, 0, tzinfo=JKT), tick=False):
        request = submit(agency, citizen)
        request = request_decide(
            actor=actor_for(officer),
            request=request,
            decision="refused",
            note="Dokumen masih dalam penyidikan.",
            exemption="17a",
            consequence_test="Membukanya menghambat penyidikan.",
        )
    # 1 July + 30 working days (17 Aug is a holiday) = 12 August... counted on the calendar:
    from padu.core.calendar import add_working_days

    last_day = add_working_days(agency, dt.date(2026, 7, 1), 30)
    with time_machine.travel(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(8), tzinfo=JKT), tick=False):
        with pytest.raises(Conflict) as exc:
            objection_submit(actor=Actor(user=citizen.user), request=request, grounds=["a"], reasons="Saya keberatan")
        assert exc.value.code == "ppid_objection_window_closed"
    with time_machine.travel(dt.datetime.combine(last_day, dt.time(16), tzinfo=JKT), tick=False):
        objection = objection_submit(
            actor=Actor(user=citizen.user), request=request, grounds=["a"], reasons="Saya keberatan"
        )
    assert objection.due_at.astimezone(JKT).date() == add_working_days(agency, last_day, 30)


def test_unanswered_request_may_be_objected_to_after_its_deadline(village):
    agency, _officer, _admin, citizen = village
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, 0, tzinfo=JKT), tick=False):
        request = submit(agency, citizen)
    with time_machine.travel(request.due_at + dt.timedelta(minutes=1), tick=False):
        objection = objection_submit(
            actor=Actor(user=citizen.user), request=request, grounds=["c"], reasons="Tidak ada jawaban."
        )
    assert objection.grounds == ["c"]


def test_the_requester_may_object_only_while_the_rules_allow(village, settings, tmp_path):
    """`may_object`, which the requester's page asks: an open request only once its deadline has
    passed, a decided one until the end of the 30 working days, a withdrawn or objected one never."""
    settings.MEDIA_ROOT = tmp_path
    agency, officer, _admin, citizen = village
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, 0, tzinfo=JKT), tick=False):
        waiting = submit(agency, citizen)
        withdrawn = request_withdraw(actor=Actor(user=citizen.user), request=submit(agency, citizen))
        decided = request_decide(
            actor=actor_for(officer), request=submit(agency, citizen), decision="not_held", note="Tidak ada."
        )
    assert not may_object(waiting, waiting.due_at)
    assert may_object(waiting, waiting.due_at + dt.timedelta(seconds=1))
    unanswered_until = objection_deadline(waiting)
    assert unanswered_until is not None and may_object(waiting, unanswered_until)
    assert not may_object(waiting, unanswered_until + dt.timedelta(seconds=1))
    assert not may_object(withdrawn, withdrawn.due_at + dt.timedelta(days=1))
    last = objection_deadline(decided)
    assert last is not None and decided.decided_at is not None
    assert may_object(decided, decided.decided_at) and may_object(decided, last)
    assert not may_object(decided, last + dt.timedelta(seconds=1))
    objection_submit(
        actor=Actor(user=citizen.user), request=decided, grounds=["d"], reasons="Bukan itu.", now=decided.decided_at
    )
    decided.refresh_from_db()
    assert not may_object(decided, decided.decided_at)


# ---- reminders ----


def test_reminders_go_to_the_officer_once_per_deadline(village):
    agency, officer, _admin, citizen = village
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, 0, tzinfo=JKT), tick=False):
        request = submit(agency, citizen)
    early = request.due_at - dt.timedelta(days=5)
    assert ppid_remind_near_due(now=early) == 0
    day_before = request.due_at - dt.timedelta(hours=20)
    assert ppid_remind_near_due(now=day_before) == 1
    assert ppid_remind_near_due(now=day_before) == 0  # once per deadline
    assert Message.objects.filter(recipient=officer, template_key="ppid.near_due", channel="inapp").count() == 1
    with time_machine.travel(day_before, tick=False):
        request = request_extend(actor=actor_for(officer), request=request, reason="Perlu waktu")
    assert ppid_remind_near_due(now=request.due_at - dt.timedelta(hours=3)) == 1


# ---- bad input ----


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"nik": "123"}, "nik"),
        ({"name": "   "}, "name"),
        ({"information": "x" * 4001}, "information"),
        ({"email": "bukan-email"}, "email"),
        ({"delivery_method": "email", "email": ""}, "email"),
        ({"phone": "", "email": ""}, "phone"),
        ({"phone": "<script>"}, "phone"),
        ({"obtain_method": "telepati"}, "obtain_method"),
        ({"requester_kind": "legal_entity", "legal_entity_number": ""}, "legal_entity_number"),
    ],
)
def test_bad_requests_are_refused_at_the_field(village, change, field):
    agency, _officer, _admin, citizen = village
    with pytest.raises(InvalidInput) as exc:
        submit(agency, citizen, **change)
    assert exc.value.code == "ppid_request_invalid"
    assert field in exc.value.errors
    assert not InfoRequest.objects.exists()


def test_hostile_text_is_stored_as_text_and_files_are_sniffed(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency, officer, _admin, citizen = village
    request = submit(agency, citizen, information='<script>alert("x")</script> APBDes')
    assert request.information.startswith("<script>")  # escaped where shown, never interpreted
    html = SimpleUploadedFile("apbdes.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    with pytest.raises(InvalidInput) as exc:
        request_decide(actor=actor_for(officer), request=request, decision="granted", files=[html])
    assert exc.value.code == "file_type_not_allowed"
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED  # nothing half-written
    huge = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(InvalidInput) as exc:
        request_decide(actor=actor_for(officer), request=request, decision="granted", files=[huge])
    assert exc.value.code == "file_too_large" and exc.value.status == 413
    with pytest.raises(InvalidInput) as exc:
        request_decide(actor=actor_for(officer), request=request, decision="refused", note="x")
    assert set(exc.value.errors) >= {"exemption", "consequence_test"}


def test_a_legal_entity_requests_without_a_nik(village):
    agency, _officer, _admin, citizen = village
    request = submit(
        agency,
        citizen,
        requester_kind="legal_entity",
        nik="",
        name="Yayasan Desa Terbuka",
        legal_entity_number="AHU-0012",
    )
    assert request.requester_nik_encrypted == ""
    assert my_request(Actor(user=citizen.user), request.pk) == request
    officer = make_staff(agency, Role.INFORMATION_OFFICER)
    assert request_for_staff(actor_for(officer), request.pk) == request
    other_agency = make_agency(name="Desa Lain", region="32.04.05.2002")
    outsider = make_staff(other_agency, Role.INFORMATION_OFFICER)
    with pytest.raises(NotFound):
        request_for_staff(actor_for(outsider), request.pk)
    assert make_nik()  # the factory still works after the calls above


def test_the_superior_is_reminded_of_an_objection_once(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency, officer, admin, citizen = village
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, 0, tzinfo=JKT), tick=False):
        request = submit(agency, citizen)
        request = request_decide(actor=actor_for(officer), request=request, decision="not_held", note="Di BPS")
        objection = objection_submit(actor=Actor(user=citizen.user), request=request, grounds=["e"], reasons="Ada")
    soon = objection.due_at - dt.timedelta(hours=30)
    assert ppid_remind_near_due(now=soon) == 1
    assert ppid_remind_near_due(now=soon) == 0
    reminder = Message.objects.get(recipient=admin, template_key="ppid.near_due", channel="inapp")
    assert objection.due_at.astimezone(JKT).strftime("%-d") in reminder.body
