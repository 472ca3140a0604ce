"""Complaints received off-line: by letter, email, WhatsApp, telephone or at the counter,
recorded by an officer, from a person with or without an account.

The deadlines count from receipt, not from entry; the complainant is reached the way they
asked (Padu writes only to an account or an email address); every contact made outside
Padu is recorded in the thread."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from padu.complaints.models import Channel, Complaint, ComplaintEvent
from padu.complaints.selectors import contact_info
from padu.complaints.services import Contact, complaint_act, complaint_record, message_post
from padu.complaints.tests.factories import TEXT, make_place
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import AuditEvent, Region
from padu.core.roles import Role
from padu.notify.models import Message
from tests.factories import actor_for, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
SUMARNI = Contact(name="Sumarni", phone="0812-2233-4455", channel="phone")


@pytest.fixture
def place():
    # The offices join Padu on Tuesday 1 December 2026.
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, 0, tzinfo=WIB), tick=False):
        return make_place()


def _record(place, *, by=None, at=dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB), **kw):
    values = {
        "agency": place.village,
        "channel": Channel.LETTER,
        "received_at": dt.datetime(2026, 12, 22, 10, 0, tzinfo=WIB),
        "kind": "complaint",
        "title": "Jalan berlubang di depan SD",
        "text": TEXT,
        "category": "infrastruktur",
        "region": Region.objects.get(code="32.04.05.2001"),
        "contact": SUMARNI,
    }
    values.update(kw)
    with time_machine.travel(at, tick=False):
        return complaint_record(actor=actor_for(by or place.officer), **values)


def test_the_deadline_counts_from_receipt_not_from_entry(place):
    # A letter received Tuesday 22 December, entered Monday 28 December. Working days after the
    # 22nd: Wed 23 (1), Thu 24 and Fri 25 are cuti bersama and Christmas, Mon 28 (2), Tue 29 (3).
    c = _record(place)
    assert c.submitted_at == dt.datetime(2026, 12, 22, 10, 0, tzinfo=WIB)
    assert c.due_at == dt.datetime(2026, 12, 29, 23, 59, 59, tzinfo=WIB)  # from entry it would be the 31st
    assert c.recorded_at == dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB)
    assert (c.recorded_by, c.complainant, c.channel) == (place.officer, None, "letter")
    assert (c.contact_name, c.contact_phone, c.contact_channel) == ("Sumarni", "+6281222334455", "phone")
    submitted = ComplaintEvent.objects.get(complaint=c, action="submit")
    assert submitted.created_at == c.submitted_at and submitted.actor_id == place.officer.pk


def test_recording_is_audited_without_the_persons_details(place):
    c = _record(place)
    event = AuditEvent.objects.get(verb="complaint.recorded", object_id=str(c.pk))
    assert event.actor_id == place.officer.pk and event.agency_id == place.village.pk
    assert event.changes["channel"] == "letter" and event.changes["account"] is False
    assert event.changes["received_at"] == "2026-12-22T10:00:00+07:00"
    assert "Sumarni" not in str(event.changes) and "2233" not in str(event.changes)


def test_a_person_without_account_or_email_gets_no_message_the_officers_do(place):
    c = _record(place)
    assert not Message.objects.filter(recipient__isnull=True).exists()
    assigned = Message.objects.filter(template_key="complaint.assigned", channel="inapp")
    # The other officers are told; not the officer who recorded it.
    assert {m.recipient for m in assigned} == {place.admin}
    info = contact_info(c)
    assert (info.through_padu, info.channel, info.address, info.pending) == (False, "phone", "081222334455", False)


def test_a_person_who_gave_an_email_is_written_to_at_that_address(place):
    c = _record(place, contact=Contact(name="Sumarni", email="Sumarni@Example.id", channel="email"))
    told = Message.objects.get(template_key="complaint.received")
    assert (told.recipient, told.address, told.channel) == (None, "sumarni@example.id", "email")
    assert c.tracking_number in told.body and "Yth. Sumarni" in told.body
    assert f"/pengaduan/{c.tracking_number}/" in told.body  # the public page: no account to log in to
    assert contact_info(c).through_padu
    # A confidential one has no public page: the office's page, with its contacts.
    secret = _record(place, confidential=True, contact=Contact(name="Sumarni", email="s@example.id", channel="email"))
    told = Message.objects.get(template_key="complaint.received", address="s@example.id")
    assert f"/instansi/{place.village.slug}/" in told.body and secret.tracking_number not in told.body.split("http")[-1]


def test_a_citizen_with_an_account_is_found_by_nik_and_follows_it_in_padu(place):
    nik = place.citizen.citizen.nik
    c = _record(place, channel=Channel.IN_PERSON, complainant_nik=nik, contact=Contact())
    assert c.complainant == place.citizen and c.channel == "in_person"
    assert Message.objects.filter(recipient=place.citizen, template_key="complaint.received").exists()
    lookup = AuditEvent.objects.get(verb="citizen.looked_up")
    assert lookup.changes["outcome"] == "found" and nik not in str(lookup.changes)
    page = _console(place.citizen).get(f"/akun/pengaduan/{c.pk}/")
    assert page.status_code == 200 and c.title in page.content.decode()


def test_a_nik_outside_the_agencys_area_is_refused_at_the_field(place):
    # The stranger lives in the neighbouring village: the look-up does not find them here.
    with pytest.raises(InvalidInput) as refused:
        _record(place, complainant_nik=place.stranger.citizen.nik, contact=Contact())
    assert refused.value.code == "citizen_not_found" and "complainant_nik" in refused.value.errors
    assert not Complaint.objects.exists()
    # The miss is audited all the same.
    assert AuditEvent.objects.get(verb="citizen.looked_up").changes["outcome"] == "out_of_region"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"received_at": dt.datetime(2026, 12, 28, 9, 1, tzinfo=WIB)}, "time_in_future", "received_at"),
        ({"received_at": dt.datetime(2026, 11, 30, 16, 0, tzinfo=WIB)}, "received_before_agency", "received_at"),
        ({"received_at": None}, "received_at_required", "received_at"),
        ({"channel": "online"}, "channel_invalid", "channel"),
        ({"channel": "pigeon"}, "channel_invalid", "channel"),
        ({"contact": Contact(phone="0812-2233-4455", channel="phone")}, "contact_name_required", "contact_name"),
        ({"contact": Contact(name="Sumarni")}, "contact_channel_required", "contact_channel"),
        ({"contact": Contact(name="Sumarni", channel="whatsapp")}, "contact_incomplete", "contact_phone"),
        ({"contact": Contact(name="Sumarni", channel="letter")}, "contact_incomplete", "contact_address"),
        ({"contact": Contact(name="Sumarni", phone="12", channel="phone")}, "phone_invalid", "contact_phone"),
        ({"contact": Contact(name="Sumarni", email="sumarni@", channel="email")}, "email_invalid", "contact_email"),
        ({"region": None}, "region_invalid", "region"),
        ({"title": "Ok"}, "text_too_short", "title"),
    ],
)
def test_bad_input_is_refused_with_a_stable_code_and_nothing_written(place, change, code, field):
    with pytest.raises(InvalidInput) as refused:
        _record(place, **change)
    assert refused.value.code == code and field in refused.value.errors
    assert not Complaint.objects.exists() and not AuditEvent.objects.filter(verb="complaint.recorded").exists()


def test_every_error_is_given_at_once(place):
    with pytest.raises(InvalidInput) as refused:
        _record(place, channel="online", title="", contact=Contact(channel="sms"))
    assert refused.value.code == "complaint_invalid"
    assert {"channel", "title", "contact_name", "contact_phone"} <= set(refused.value.errors)


def test_the_first_day_counts_whatever_the_hour(place):
    # The office joined at 10:00 on 1 December; a call at 08:00 that day is recorded.
    c = _record(
        place, received_at=dt.datetime(2026, 12, 1, 8, 0, tzinfo=WIB), at=dt.datetime(2026, 12, 1, 11, 0, tzinfo=WIB)
    )
    assert c.submitted_at == dt.datetime(2026, 12, 1, 8, 0, tzinfo=WIB)


def test_an_anonymous_caller_needs_no_name_and_stays_unnamed_to_officers(place):
    c = _record(place, anonymous=True, contact=Contact(phone="081222334455", channel="whatsapp"))
    assert c.anonymous and c.contact_name == ""
    body = _console(place.admin, place.village).get(f"/konsol/pengaduan/{c.pk}/").content.decode()
    assert "Anonymous complainant" in body and "081222334455" in body  # the number to answer on


def test_only_complaint_officers_of_the_agency_record(place):
    treasurer = make_staff(place.village, Role.TREASURER)
    for outsider in (treasurer, place.other_officer, place.citizen):
        with pytest.raises(Forbidden) as refused:
            _record(place, by=outsider)
        assert refused.value.code == "not_complaint_officer"
    assert not Complaint.objects.exists()
    # The owner's control: the front desk of the village records it.
    front_desk = make_staff(place.village, Role.FRONT_DESK)
    assert _record(place, by=front_desk).recorded_by == front_desk


# ---- answering a person Padu cannot reach ----


def test_replies_to_a_person_without_account_are_recorded_contacts(place):
    c = _record(place)
    with time_machine.travel(dt.datetime(2026, 12, 28, 10, 0, tzinfo=WIB), tick=False):
        complaint_act(actor=actor_for(place.officer), complaint=c, action="verify")
        assert contact_info(c).pending  # verified, not told yet
        with pytest.raises(InvalidInput) as refused:
            message_post(actor=actor_for(place.officer), complaint=c, body="Sudah kami cek.")
        assert refused.value.code == "contact_channel_required"
    with time_machine.travel(dt.datetime(2026, 12, 28, 11, 0, tzinfo=WIB), tick=False):
        m = message_post(
            actor=actor_for(place.officer), complaint=c, body="Ibu Sumarni kami telepon.", contact_channel="phone"
        )
    assert m.contact_channel == "phone" and not m.internal
    assert not contact_info(c).pending
    assert AuditEvent.objects.get(verb="complaint.contacted").changes["contact_channel"] == "phone"
    assert not Message.objects.filter(template_key="complaint.updated").exists()  # nothing sent by Padu
    body = _console(place.officer, place.village).get(f"/konsol/pengaduan/{c.pk}/").content.decode()
    assert "contacted by telephone call" in body and "Ibu Sumarni kami telepon." in body


def test_a_contact_may_be_recorded_after_the_end_but_not_by_the_complainant(place):
    c = _record(place)
    with time_machine.travel(dt.datetime(2026, 12, 28, 10, 0, tzinfo=WIB), tick=False):
        complaint_act(actor=actor_for(place.officer), complaint=c, action="reject", note="Bukan wewenang desa.")
        message_post(actor=actor_for(place.officer), complaint=c, body="Sudah dijelaskan.", contact_channel="phone")
        with pytest.raises(InvalidInput) as refused:
            message_post(actor=actor_for(place.officer), complaint=c, body="x", contact_channel="pigeon")
        assert refused.value.code == "contact_channel_invalid"


# ---- the console page and the API ----


def _console(user, agency=None) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    if agency is not None:
        session = client.session
        session["portal_agency_id"] = agency.pk
        session.save()
    return client


FORM = {
    "channel": "phone",
    "received_date": "2026-12-22",
    "received_time": "10:00",
    "contact_name": "Sumarni",
    "contact_phone": "0812 2233 4455",
    "contact_channel": "phone",
    "kind": "complaint",
    "title": "Saluran air tersumbat",
    "text": "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.",
    "category": "infrastruktur",
    "region_1": "32",
    "region_2": "32.04",
    "region_3": "32.04.05",
    "region_code": "32.04.05.2001",
    "record": "1",
}


def test_the_record_page_starts_at_the_office_and_records(place):
    with time_machine.travel(dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB), tick=False):
        client = _console(place.officer, place.village)
        page = client.get("/konsol/pengaduan/catat/")
        body = page.content.decode()
        assert page.status_code == 200 and "Record a complaint" in body
        # The place starts at the office's own village, every level chosen.
        assert '<option value="32.04.05.2001" selected>' in body and "Where did it happen?" in body
        assert 'value="2026-12-28"' in body  # received today unless changed
        # No raw coordinates to type: only hidden fields.
        assert 'type="hidden" name="latitude"' in body and 'name="latitude" type="text"' not in body
        done = client.post("/konsol/pengaduan/catat/", FORM)
        c = Complaint.objects.get()
        assert done.status_code == 302 and done["Location"] == f"/konsol/pengaduan/{c.pk}/"
        case = client.get(done["Location"]).content.decode()
        receipt = client.get(f"/konsol/pengaduan/{c.pk}/tanda-terima/").content.decode()
    assert c.submitted_at == dt.datetime(2026, 12, 22, 10, 0, tzinfo=WIB) and c.region_id == "32.04.05.2001"
    assert "Reply by telephone call to 081222334455." in case and "no Padu account" in case
    assert c.tracking_number in receipt and "22 December 2026 10:00" in receipt


def test_the_record_page_shows_every_error_and_keeps_what_was_typed(place):
    with time_machine.travel(dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB), tick=False):
        client = _console(place.officer, place.village)
        page = client.post(
            "/konsol/pengaduan/catat/",
            {**FORM, "received_date": "2026-12-29", "contact_name": "", "region_code": ""},
        )
    body = page.content.decode()
    assert page.status_code == 200 and "error-summary" in body
    assert "The time it was received cannot be in the future." in body
    assert "Give the complainant&#x27;s name, or record the complaint as anonymous." in body or (
        "Give the complainant's name" in body
    )
    assert "Saluran air tersumbat" in body  # kept
    assert not Complaint.objects.exists()


def test_searching_a_village_by_name_without_javascript(place):
    with time_machine.travel(dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB), tick=False):
        client = _console(place.officer, place.village)
        page = client.post(
            "/konsol/pengaduan/catat/", {**FORM, "region_code": "", "place_q": "wetan", "search_place": "1"}
        )
        body = page.content.decode()
        assert page.status_code == 200 and "error-summary" not in body
        assert 'name="place" value="32.04.05.2002"' in body
        assert "Village Cileunyi Wetan, District Cileunyi, Kabupaten Bandung, Jawa Barat" in body
        assert "Saluran air tersumbat" in body  # the rest of the form kept, unchecked
        done = client.post("/konsol/pengaduan/catat/", {**FORM, "place_q": "wetan", "place": "32.04.05.2002"})
    assert done.status_code == 302 and Complaint.objects.get().region_id == "32.04.05.2002"


def test_enter_in_a_field_records_nothing_and_keeps_the_form(place):
    with time_machine.travel(dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB), tick=False):
        client = _console(place.officer, place.village)
        # The browser sends the form's first button, the invisible "refresh".
        page = client.post("/konsol/pengaduan/catat/", {**FORM, "refresh": "1", "record": ""})
    body = page.content.decode()
    assert page.status_code == 200 and "error-summary" not in body and "Saluran air tersumbat" in body
    assert not Complaint.objects.exists()


def test_the_record_page_and_its_menu_entry_are_for_complaint_officers(place):
    treasurer = make_staff(place.village, Role.TREASURER)
    refused = _console(treasurer, place.village)
    assert refused.get("/konsol/pengaduan/catat/").status_code == 403
    assert "/konsol/pengaduan/catat/" not in refused.get("/konsol/pengaduan/").content.decode()
    allowed = _console(place.officer, place.village)
    assert allowed.get("/konsol/pengaduan/catat/").status_code == 200
    assert "/konsol/pengaduan/catat/" in allowed.get("/konsol/pengaduan/").content.decode()


def test_the_receipt_is_for_off_line_complaints(place):
    from padu.complaints.tests.factories import submit

    online = submit(place)
    assert _console(place.officer, place.village).get(f"/konsol/pengaduan/{online.pk}/tanda-terima/").status_code == 404


def test_the_api_records_and_refuses_with_problem_codes(place):
    url = f"/api/v1/agencies/{place.village.pk}/complaints"
    body = {
        "channel": "whatsapp",
        "received_at": "2026-12-22T10:00:00",  # no zone: the agency's
        "title": "Saluran air tersumbat",
        "text": "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.",
        "category": "infrastruktur",
        "region": "32.04.05.2001",
        "contact": {"name": "Sumarni", "phone": "081222334455", "channel": "whatsapp"},
    }
    with time_machine.travel(dt.datetime(2026, 12, 28, 9, 0, tzinfo=WIB), tick=False):
        client = _console(place.officer)
        future = client.post(url, {**body, "received_at": "2026-12-29T08:00:00+07:00"}, content_type="application/json")
        assert future.status_code == 400 and future.json()["code"] == "time_in_future"
        done = client.post(url, body, content_type="application/json")
        # Another agency's officer cannot record for this one.
        other = _console(place.other_officer).post(url, body, content_type="application/json")
    assert other.status_code in (403, 404) and Complaint.objects.count() == 1
    assert done.status_code == 201
    data = done.json()
    assert (data["channel"], data["submitted_at"]) == ("whatsapp", "2026-12-22T03:00:00Z")
    assert data["contact"] == {
        "name": "Sumarni",
        "has_account": False,
        "channel": "whatsapp",
        "address": "081222334455",
        "phone": "+6281222334455",
        "email": "",
        "postal_address": "",
        "through_padu": False,
        "pending": False,
    }
