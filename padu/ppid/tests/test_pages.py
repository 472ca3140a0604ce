"""PPID pages: the public register and list, the request form without JavaScript, the
requester's page with deadlines and downloads, objections, and the console."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook  # type: ignore[import-untyped]

from padu.core.actors import Actor
from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.ppid.models import FileKind, InfoRequest, PublicInformation, RequestStatus
from padu.ppid.services import public_information_save, request_decide, request_submit
from tests.factories import actor_for, give_totp, make_agency, make_citizen, make_staff, tiny_pdf

PDF = tiny_pdf()

JKT = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    agency = make_agency(parent=regency, time_zone="Asia/Jakarta")
    officer = make_staff(agency, Role.INFORMATION_OFFICER)
    admin = make_staff(agency, Role.AGENCY_ADMIN)
    citizen = make_citizen()
    return {"agency": agency, "regency": regency, "officer": officer, "admin": admin, "citizen": citizen}


def _client(user, agency=None):
    client = Client()
    if user.memberships.filter(role=Role.AGENCY_ADMIN).exists():
        give_totp(user)
    client.force_login(user)
    if agency is not None:
        session = client.session
        session["portal_agency_id"] = agency.pk
        session.save()
    return client


def _request(world, **kw):
    citizen = world["citizen"]
    values = {
        "requester_kind": "person",
        "name": citizen.name,
        "nik": citizen.nik,
        "address": "Jl. Pandanwangi 12",
        "email": "siti@example.id",
        "information": "Laporan realisasi APBDes 2025",
        "purpose": "Kontrol sosial",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
    }
    values.update(kw)
    return request_submit(actor=Actor(user=citizen.user), agency=world["agency"], **values)


def test_public_register_shows_requests_without_identity(world):
    info = _request(world)
    response = Client().get(f"/ppid/{world['agency'].slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert info.number in body and "Laporan realisasi APBDes 2025" in body
    assert world["citizen"].name not in body
    assert "siti@example.id" not in body
    assert 'id="report-title"' in body  # this year's numbers, aggregates only
    assert Client().get("/ppid/").status_code == 200
    assert Client().get("/ppid/tidak-ada/").status_code == 404


@time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=JKT), tick=False)
def test_request_form_works_without_javascript_and_prefills_the_profile(world):
    client = _client(world["citizen"].user)
    url = f"/ppid/{world['agency'].slug}/ajukan/"
    page = client.get(url).content.decode()
    assert world["citizen"].name in page  # prefilled from the citizen profile
    assert 'type="radio"' in page
    response = client.post(
        url,
        {
            "requester_kind": "person",
            "name": world["citizen"].name,
            "nik": world["citizen"].nik,
            "address": "Jl. Pandanwangi 12",
            "phone": "081234567890",
            "information": "Daftar aset desa",
            "purpose": "Penelitian",
            "obtain_method": "hard_copy",
            "delivery_method": "pick_up",
        },
    )
    info = InfoRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/akun/ppid/{info.pk}/"
    mine = client.get(f"/akun/ppid/{info.pk}/").content.decode()
    assert "16 November 2026" in mine  # ten working days, in the office's time zone
    assert info.number in mine


def test_request_form_shows_errors_in_the_summary_and_at_the_field(world):
    client = _client(world["citizen"].user)
    response = client.post(
        f"/ppid/{world['agency'].slug}/ajukan/",
        {"requester_kind": "person", "nik": "12", "information": "", "delivery_method": "email"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in body
    assert 'href="#id_nik"' in body and 'href="#id_information"' in body
    assert 'aria-invalid="true"' in body
    assert not InfoRequest.objects.exists()


def test_login_is_needed_to_request(world):
    response = Client().get(f"/ppid/{world['agency'].slug}/ajukan/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_requester_downloads_the_written_notice_and_others_cannot(world):
    info = _request(world)
    request_decide(
        actor=actor_for(world["officer"]),
        request=info,
        decision="granted",
        files=[SimpleUploadedFile("apbdes.pdf", PDF, content_type="application/pdf")],
    )
    notice = info.files.get(kind=FileKind.DECISION_LETTER)
    released = info.files.get(kind=FileKind.RELEASED)
    owner = _client(world["citizen"].user)
    page = owner.get(f"/akun/ppid/{info.pk}/").content.decode()
    assert f"/akun/ppid/berkas/{notice.pk}/" in page and f"/akun/ppid/berkas/{released.pk}/" in page
    response = owner.get(f"/akun/ppid/berkas/{released.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == released.file.read()
    assert response["Content-Disposition"].startswith("attachment")
    stranger = make_citizen(village="32.04.05.2002", female=True)
    assert _client(stranger.user).get(f"/akun/ppid/berkas/{notice.pk}/").status_code == 404
    assert _client(stranger.user).get(f"/akun/ppid/{info.pk}/").status_code == 404
    # The officer downloads through the console, not through the requester's route.
    assert _client(world["officer"]).get(f"/akun/ppid/berkas/{notice.pk}/").status_code == 404
    assert _client(world["officer"], world["agency"]).get(f"/konsol/ppid/berkas/{notice.pk}/").status_code == 200


def test_objection_form_and_withdraw(world):
    info = _request(world)
    client = _client(world["citizen"].user)
    # Not yet possible: the answer is not late.
    assert "An objection is not possible" in client.get(f"/akun/ppid/{info.pk}/keberatan/").content.decode() or (
        "Keberatan tidak dapat" in client.get(f"/akun/ppid/{info.pk}/keberatan/").content.decode()
    )
    request_decide(
        actor=actor_for(world["officer"]),
        request=info,
        decision="refused",
        note="Dikecualikan",
        exemption="17a",
        consequence_test="Menghambat penyidikan",
    )
    response = client.post(f"/akun/ppid/{info.pk}/keberatan/", {"reasons": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.post(f"/akun/ppid/{info.pk}/keberatan/", {"grounds": ["a"], "reasons": "Bukan rahasia negara"})
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == RequestStatus.OBJECTED
    other = _request(world, information="Peta desa")
    client.post(f"/akun/ppid/{other.pk}/", {"action": "withdraw"})
    other.refresh_from_db()
    assert other.status == RequestStatus.WITHDRAWN


def test_console_case_extend_decide_with_upload_and_answer(world):
    info = _request(world)
    officer = _client(world["officer"], world["agency"])
    inbox = officer.get("/konsol/ppid/").content.decode()
    assert info.number in inbox
    url = f"/konsol/ppid/permohonan/{info.pk}/"
    assert officer.get(url).status_code == 200
    assert PersonalDataAccess.objects.filter(subject=world["citizen"].user, viewer=world["officer"]).exists()
    # A reason is required to extend.
    response = officer.post(url, {"action": "extend", "extend-reason": ""})
    assert "error-summary" in response.content.decode()
    officer.post(url, {"action": "extend", "extend-reason": "Data di arsip"})
    info.refresh_from_db()
    assert info.status == RequestStatus.EXTENDED
    assert "Extend by 7 working days" not in officer.get(url).content.decode()
    # A file that is not really a PDF is refused at the field.
    fake = SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    response = officer.post(url, {"action": "decide", "decide-decision": "granted", "files": [fake]})
    assert response.status_code == 200 and "error-message" in response.content.decode()
    real = SimpleUploadedFile("apbdes.pdf", PDF, content_type="application/pdf")
    response = officer.post(
        url,
        {
            "action": "decide",
            "decide-decision": "partly_granted",
            "decide-note": "Sebagian kami berikan",
            "decide-withheld_part": "NIK penerima",
            "decide-exemption": "17h",
            "decide-consequence_test": "Rahasia pribadi",
            "decide-fee_amount": "0",
            "files": [real],
        },
    )
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == RequestStatus.PARTLY_GRANTED
    # The superior answers an objection; the officer has no answer form.
    citizen = _client(world["citizen"].user)
    citizen.post(f"/akun/ppid/{info.pk}/keberatan/", {"grounds": ["d"], "reasons": "Kurang"})
    assert "answer-outcome" not in officer.get(url).content.decode()
    admin = _client(world["admin"], world["agency"])
    assert info.number in admin.get("/konsol/ppid/?show=objections").content.decode()
    response = admin.post(url, {"action": "answer", "answer-outcome": "upheld", "answer-answer": "Berikan seluruhnya"})
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == RequestStatus.OBJECTION_ANSWERED
    page = citizen.get(f"/akun/ppid/{info.pk}/").content.decode()
    assert "Komisi Informasi" in page


def test_front_desk_and_other_agencies_are_kept_out(world):
    info = _request(world)
    front = make_staff(world["agency"], Role.FRONT_DESK)
    assert _client(front, world["agency"]).get("/konsol/ppid/").status_code == 403
    assert _client(front, world["agency"]).get(f"/konsol/ppid/permohonan/{info.pk}/").status_code == 404
    other = make_agency(name="Desa Cileunyi Wetan", region="32.04.05.2002", parent=world["regency"])
    outsider = make_staff(other, Role.INFORMATION_OFFICER)
    assert _client(outsider, other).get(f"/konsol/ppid/permohonan/{info.pk}/").status_code == 404


def test_public_information_editor_and_public_download(world):
    admin = _client(world["officer"], world["agency"])
    response = admin.post(
        "/konsol/ppid/daftar-informasi/baru/",
        {
            "category": "berkala",
            "title": "APBDes 2026",
            "summary": "Anggaran pendapatan dan belanja desa",
            "responsible_unit": "Kaur Keuangan",
            "retention": "10 tahun",
            "format": "soft",
            "year": "2026",
            "is_published": "on",
            "document": SimpleUploadedFile("apbdes.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    item = PublicInformation.objects.get()
    page = Client().get(f"/ppid/{world['agency'].slug}/daftar-informasi/?category=berkala").content.decode()
    assert "APBDes 2026" in page
    download = Client().get(f"/ppid/{world['agency'].slug}/daftar-informasi/{item.pk}/unduh/")
    assert download.status_code == 200 and download.getvalue() == item.document.read()
    # A hidden entry is not downloadable by the public.
    public_information_save(actor=actor_for(world["officer"]), agency=world["agency"], item=item, is_published=False)
    assert Client().get(f"/ppid/{world['agency'].slug}/daftar-informasi/{item.pk}/unduh/").status_code == 404
    # Bad input: an HTML file dressed as PDF, and missing fields.
    response = admin.post(
        f"/konsol/ppid/daftar-informasi/{item.pk}/",
        {"category": "berkala", "title": "", "format": "soft", "document": SimpleUploadedFile("a.pdf", b"<html>")},
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_report_page_and_xlsx_for_a_supervisor(world):
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=JKT), tick=False):
        info = _request(world)
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, 0, tzinfo=JKT), tick=False):
        request_decide(actor=actor_for(world["officer"]), request=info, decision="granted")
    inspector = make_staff(world["regency"], Role.SUPERVISOR)
    client = _client(inspector, world["regency"])
    assert client.get("/konsol/ppid/").status_code == 302  # a supervisor goes to the numbers
    page = client.get(f"/konsol/ppid/laporan/?agency={world['agency'].pk}&year=2026")
    assert page.status_code == 200
    response = client.get(f"/konsol/ppid/laporan/unduh/?agency={world['agency'].pk}&year=2026")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    numbers = [row[1] for row in book.worksheets[0].iter_rows(min_row=5, values_only=True)]
    assert numbers[:2] == [1, 1]
    assert numbers[10] == 2.0  # Monday to Wednesday: two working days
    # An officer of a sibling agency cannot pick this agency.
    other = make_agency(name="Desa Cileunyi Wetan", region="32.04.05.2002", parent=world["regency"])
    outsider = make_staff(other, Role.INFORMATION_OFFICER)
    refused = _client(outsider, other).get(f"/konsol/ppid/laporan/unduh/?agency={world['agency'].pk}&year=2026")
    assert refused.status_code == 404
