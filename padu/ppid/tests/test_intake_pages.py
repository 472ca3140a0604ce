"""The console pages for requests received off-line: recording one (without JavaScript), the
printable receipt, the case page's contact hints, to-dos and handovers, a recorded objection,
and the API endpoint. Text is checked in English (the language is chosen explicitly)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.ppid.models import ContactTask, FileKind, InfoRequest, RequestStatus
from padu.ppid.services import request_decide, request_record
from tests.factories import actor_for, give_totp, make_agency, make_staff

JKT = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 8, 12, 10, 0, tzinfo=JKT)

FORM = {
    "channel": "letter",
    "received_date": "2026-08-10",
    "received_time": "09:00",
    "requester_kind": "person",
    "name": "Ibu Euis Komariah",
    "nik": "",
    "address": "Kp. Babakan RT 02 RW 05",
    "phone": "0813 2145 6677",
    "email": "",
    "contact_channel": "whatsapp",
    "information": "Jadwal posyandu 2026",
    "purpose": "Imunisasi anak",
    "obtain_method": "hard_copy",
    "delivery_method": "pick_up",
}


@pytest.fixture
def office(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = make_agency(time_zone="Asia/Jakarta")
    officer = make_staff(agency, Role.INFORMATION_OFFICER, full_name="Yayan Sopyan")
    return agency, officer


def _client(user, agency):
    if user.memberships.filter(role=Role.AGENCY_ADMIN).exists():
        give_totp(user)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


@time_machine.travel(NOW, tick=False)
def test_the_officer_records_a_letter_and_gets_the_receipt(office):
    agency, officer = office
    client = _client(officer, agency)
    page = client.get("/konsol/ppid/catat/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="received_date"' in html and 'value="2026-08-12"' in html  # today, in the office
    assert "Record an information request" in html
    response = client.post("/konsol/ppid/catat/", FORM)
    info = InfoRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/konsol/ppid/permohonan/{info.pk}/tanda-terima/"
    assert info.received_at == dt.datetime(2026, 8, 10, 9, 0, tzinfo=JKT)
    receipt = client.get(response["Location"]).content.decode()
    for expected in (
        info.number,
        "Receipt of a request for public information",
        "Monday, 10 August 2026",  # date received
        "Wednesday, 26 August 2026",  # answer due
        "Jadwal posyandu 2026",
        "A hard copy (paper); pick up at the office",
        f"/ppid/{agency.slug}/",
        "Yayan Sopyan",  # the officer who took it
    ):
        assert expected in receipt, expected
    assert '<div class="ppid-receipt__qr" aria-hidden="true"><svg' in receipt  # the register, as a QR code


@time_machine.travel(NOW, tick=False)
def test_the_form_shows_every_problem_and_keeps_what_was_typed(office):
    agency, officer = office
    bad = {**FORM, "name": "", "nik": "12345", "received_date": "2026-08-13"}
    response = _client(officer, agency).post("/konsol/ppid/catat/", bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_name"' in html and 'href="#id_nik"' in html and 'href="#id_received_date"' in html
    assert "The date received cannot be in the future." in html
    assert "Kp. Babakan RT 02 RW 05" in html  # kept
    assert not InfoRequest.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_record_page_is_the_information_officers(office):
    agency, officer = office
    for role in (Role.FRONT_DESK, Role.AGENCY_ADMIN, Role.VERIFIER):
        other = make_staff(agency, role)
        client = _client(other, agency)
        assert client.get("/konsol/ppid/catat/").status_code == 403
        assert client.post("/konsol/ppid/catat/", FORM).status_code == 403
        assert "/konsol/ppid/catat/" not in client.get("/konsol/ppid/").content.decode()
    assert not InfoRequest.objects.exists()
    client = _client(officer, agency)
    assert client.post("/konsol/ppid/catat/", FORM).status_code == 302  # the owner control
    assert 'href="/konsol/ppid/catat/"' in client.get("/konsol/ppid/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_case_page_says_how_to_reach_the_requester_and_records_what_was_done(office):
    agency, officer = office
    info = request_record(
        actor=actor_for(officer), agency=agency, now=NOW, received_at=NOW, note="", **_record_values()
    )
    client = _client(officer, agency)
    html = client.get(f"/konsol/ppid/permohonan/{info.pk}/").content.decode()
    assert "No account: tell them each step yourself" in html
    assert 'href="https://wa.me/6281321456677"' in html and "0813 2145 6677" in html
    task = ContactTask.objects.get(request=info)
    assert task.message in html.replace("&amp;", "&").replace("&#x27;", "'")
    # The to-do is done.
    response = client.post(
        f"/konsol/ppid/permohonan/{info.pk}/",
        {"action": "contacted", "contacted-task": task.pk, "contacted-note": "Terkirim lewat WhatsApp"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_note == "Terkirim lewat WhatsApp" and task.done_by_id == officer.pk
    # The decision letter is handed over at the desk.
    request_decide(actor=actor_for(officer), request=info, decision="granted", note="Ambil di loket.")
    letter = info.files.get(kind=FileKind.DECISION_LETTER)
    empty = client.post(
        f"/konsol/ppid/permohonan/{info.pk}/",
        {"action": "handover", "handover-file": letter.pk, "handover-handed_to": ""},
    )
    assert empty.status_code == 200 and 'class="error-summary"' in empty.content.decode()
    client.post(
        f"/konsol/ppid/permohonan/{info.pk}/",
        {"action": "handover", "handover-file": letter.pk, "handover-handed_to": "Euis Komariah"},
    )
    letter.refresh_from_db()
    assert letter.handed_over_to == "Euis Komariah"
    html = client.get(f"/konsol/ppid/permohonan/{info.pk}/").content.decode()
    assert "Handed over at the office on 12 Aug 2026 10:00 to Euis Komariah" in html


@time_machine.travel(NOW, tick=False)
def test_another_requests_file_or_to_do_is_not_found_from_this_case(office):
    agency, officer = office
    first = request_record(actor=actor_for(officer), agency=agency, now=NOW, received_at=NOW, **_record_values())
    second = request_record(actor=actor_for(officer), agency=agency, now=NOW, received_at=NOW, **_record_values())
    task = ContactTask.objects.get(request=second)
    client = _client(officer, agency)
    response = client.post(f"/konsol/ppid/permohonan/{first.pk}/", {"action": "contacted", "contacted-task": task.pk})
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.done_at is None


@time_machine.travel(NOW, tick=False)
def test_an_objection_letter_is_recorded_on_the_case_page(office):
    agency, officer = office
    info = request_record(actor=actor_for(officer), agency=agency, now=NOW, received_at=NOW, **_record_values())
    request_decide(actor=actor_for(officer), request=info, decision="not_held", note="Di dinas kesehatan.")
    client = _client(officer, agency)
    html = client.get(f"/konsol/ppid/permohonan/{info.pk}/").content.decode()
    assert 'value="objection"' in html
    response = client.post(
        f"/konsol/ppid/permohonan/{info.pk}/",
        {
            "action": "objection",
            "objection-channel": "letter",
            "objection-received_date": "2026-08-12",  # today, no time: now
            "objection-received_time": "",
            "objection-grounds": ["d"],
            "objection-reasons": "Dinas kesehatan menyatakan data ada di desa.",
        },
    )
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == RequestStatus.OBJECTED and info.objection.channel == "letter"


@time_machine.travel(NOW, tick=False)
def test_the_register_finds_a_request_by_the_number_on_the_receipt(office):
    agency, officer = office
    info = request_record(actor=actor_for(officer), agency=agency, now=NOW, received_at=NOW, **_record_values())
    other = request_record(
        actor=actor_for(officer), agency=agency, now=NOW, received_at=NOW, **_record_values(information="Aset desa")
    )
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(f"/ppid/{agency.slug}/", {"nomor": info.number}).content.decode()
    assert info.number in html and other.number not in html
    assert "Ibu Euis Komariah" not in html  # the register never names the requester
    assert "No request with this number." in client.get(f"/ppid/{agency.slug}/", {"nomor": "X"}).content.decode()


# ---- the API ----


@time_machine.travel(NOW, tick=False)
def test_the_api_records_for_the_information_officer_only(office):
    agency, officer = office
    body = {**_record_values(), "channel": "whatsapp", "received_at": "2026-08-10T09:00:00+07:00"}
    desk = make_staff(agency, Role.FRONT_DESK)
    refused = _client(desk, agency).post(
        f"/api/v1/agencies/{agency.pk}/ppid/requests", body, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "ppid_role_required"
    client = _client(officer, agency)
    bad = client.post(
        f"/api/v1/agencies/{agency.pk}/ppid/requests",
        {**body, "received_at": "2026-08-20T09:00:00", "name": ""},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "ppid_request_invalid"
    assert {"received_at", "name"} <= set(bad.json()["errors"])
    made = client.post(f"/api/v1/agencies/{agency.pk}/ppid/requests", body, content_type="application/json")
    assert made.status_code == 201
    answer = made.json()
    assert (answer["channel"], answer["has_account"], answer["contact_channel"]) == ("whatsapp", False, "whatsapp")
    assert dt.datetime.fromisoformat(answer["received_at"]) == dt.datetime(2026, 8, 10, 9, 0, tzinfo=JKT)
    assert dt.datetime.fromisoformat(answer["due_at"]).astimezone(JKT).date() == dt.date(2026, 8, 26)
    assert [t["kind"] for t in answer["contact_tasks"]] == ["ppid.received"]
    assert AuditEvent.objects.filter(verb="ppid.record", actor_id=officer.pk).count() == 1


def _record_values(**kw):
    values = {
        "channel": "whatsapp",
        "requester_kind": "person",
        "name": "Ibu Euis Komariah",
        "address": "Kp. Babakan RT 02 RW 05",
        "phone": "0813 2145 6677",
        "contact_channel": "whatsapp",
        "information": "Jadwal posyandu 2026",
        "purpose": "Imunisasi anak",
        "obtain_method": "hard_copy",
        "delivery_method": "pick_up",
    }
    values.update(kw)
    return values


@time_machine.travel(NOW, tick=False)
def test_a_date_without_a_time_is_today_now_or_the_end_of_an_earlier_day(office):
    agency, officer = office
    client = _client(officer, agency)
    client.post("/konsol/ppid/catat/", {**FORM, "received_date": "2026-08-10", "received_time": ""})
    client.post("/konsol/ppid/catat/", {**FORM, "received_date": "2026-08-12", "received_time": ""})
    earlier, today = InfoRequest.objects.order_by("pk")
    assert earlier.received_at == dt.datetime(2026, 8, 10, 23, 59, tzinfo=JKT)
    assert today.received_at == NOW
    assert earlier.due_at.astimezone(JKT).date() == dt.date(2026, 8, 26)  # the day counts, not the hour
