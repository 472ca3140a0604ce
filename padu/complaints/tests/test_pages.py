"""Complaint pages: the step-by-step form, public pages, my reports and the console case page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from padu.complaints.models import Complaint, Status
from padu.complaints.services import complaint_act, message_post
from padu.complaints.tests.factories import make_place, submit
from padu.core.models import PersonalDataAccess
from tests.factories import actor_for, tiny_image

PNG = tiny_image()

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _console(user, agency) -> Client:
    client = _client(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


def test_sending_a_report_one_question_at_a_time_without_javascript():
    place = make_place()
    client = _client(place.citizen)
    page = client.get("/pengaduan/kirim/")
    assert page.status_code == 200 and "Langkah 1 dari 4" in page.content.decode()
    # An empty first step shows the error summary and the errors at the fields.
    page = client.post("/pengaduan/kirim/", {"step": "what"})
    body = page.content.decode()
    assert "error-summary" in body and 'href="#id_title"' in body
    page = client.post(
        "/pengaduan/kirim/",
        {
            "step": "what",
            "kind": "complaint",
            "title": "Lampu jalan mati",
            "text": "Lampu penerangan jalan di Jl. Pandanwangi mati sejak seminggu.",
            "category": "infrastruktur",
        },
    )
    assert page.status_code == 302 and page["Location"].endswith("?langkah=where")
    # Without JS the picker is walked with the "Choose" button; no village yet is an error.
    page = client.post("/pengaduan/kirim/", {"step": "where", "region_1": "32", "region_2": "32.04"})
    assert "Pilih desa atau kelurahan" in page.content.decode()
    page = client.post(
        "/pengaduan/kirim/",
        {
            "step": "where",
            "region_1": "32",
            "region_2": "32.04",
            "region_3": "32.04.05",
            "region_code": "32.04.05.2001",
            "latitude": "-6.9385",
            "longitude": "107.7351",
        },
    )
    assert page["Location"].endswith("?langkah=agency")
    page = client.get("/pengaduan/kirim/?langkah=agency")
    body = page.content.decode()
    assert "Saran kami" in body and place.village.name in body
    page = client.post("/pengaduan/kirim/", {"step": "agency", "agency": place.village.slug})
    assert page["Location"].endswith("?langkah=send")
    page = client.post(
        "/pengaduan/kirim/",
        {
            "step": "send",
            "anonymous": "on",
            "attachments": [SimpleUploadedFile("foto.png", PNG, content_type="image/png")],
        },
    )
    complaint = Complaint.objects.get()
    assert page["Location"] == f"/akun/pengaduan/{complaint.pk}/"
    assert complaint.visibility == "anonymous" and complaint.attachments.count() == 1
    assert str(complaint.latitude) == "-6.938500"
    assert "complaint_draft" not in client.session
    body = client.get(page["Location"]).content.decode()
    assert complaint.tracking_number in body and "Lampu jalan mati" in body


def test_a_disguised_file_is_refused_at_the_last_step():
    place = make_place()
    client = _client(place.citizen)
    session = client.session
    session["complaint_draft"] = {
        "kind": "complaint",
        "title": "Lampu jalan mati",
        "text": "Lampu penerangan jalan di Jl. Pandanwangi mati sejak seminggu.",
        "category": "infrastruktur",
        "region": "32.04.05.2001",
        "agency": place.village.slug,
    }
    session.save()
    page = client.post(
        "/pengaduan/kirim/",
        {
            "step": "send",
            "attachments": [SimpleUploadedFile("foto.jpg", b"<html><script>x</script>", content_type="image/jpeg")],
        },
    )
    assert page.status_code == 200 and "Berkas harus berjenis: PDF, JPG, PNG." in page.content.decode()
    assert not Complaint.objects.exists()


def test_the_form_needs_a_login():
    page = Client().get("/pengaduan/kirim/")
    assert page.status_code == 302 and "/akun/login/" in page["Location"]


def test_public_pages_show_public_and_anonymous_reports_without_anonymous_names():
    place = make_place()
    public = submit(place, "public", title="Sampah menumpuk di pasar")
    anonymous = submit(place, "anonymous", title="Pungutan liar di kantor desa")
    confidential = submit(place, "confidential", title="Rahasia tentang pejabat")
    client = Client()
    body = client.get("/pengaduan/").content.decode()
    assert public.title in body and anonymous.title in body and confidential.title not in body
    assert client.get(f"/pengaduan/{public.tracking_number}/").content.decode().count(place.citizen.full_name) >= 1
    page = client.get(f"/pengaduan/{anonymous.tracking_number}/").content.decode()
    assert place.citizen.full_name not in page and "Pelapor anonim" in page
    assert client.get(f"/pengaduan/{confidential.tracking_number}/").status_code == 404
    # Tracking a confidential report: not found for others, the own page for its complainant.
    assert client.get("/pengaduan/lacak/", {"number": confidential.tracking_number}).status_code == 200
    mine = _client(place.citizen).get(f"/pengaduan/{confidential.tracking_number}/")
    assert mine.status_code == 302 and mine["Location"] == f"/akun/pengaduan/{confidential.pk}/"


def test_hostile_text_is_shown_as_text_never_run():
    place = make_place()
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">klik</a>'
    complaint = submit(place, "public", title="Judul <b onmouseover=alert(4)>tebal</b>", text=evil + " " * 5 + "x" * 30)
    message_post(actor=actor_for(place.citizen), complaint=complaint, body=evil)
    for url, client in (
        (f"/pengaduan/{complaint.tracking_number}/", Client()),
        ("/pengaduan/", Client()),
        (f"/akun/pengaduan/{complaint.pk}/", _client(place.citizen)),
        (f"/konsol/pengaduan/{complaint.pk}/", _console(place.officer, place.village)),
        ("/konsol/pengaduan/", _console(place.officer, place.village)),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "onerror=" not in body.replace("onerror=&quot;", "")
        assert 'href="javascript:' not in body and "<b onmouseover" not in body
    body = Client().get(f"/pengaduan/{complaint.tracking_number}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_huge_body_is_refused_with_a_clear_message():
    place = make_place()
    complaint = submit(place)
    client = _client(place.citizen)
    page = client.post(f"/akun/pengaduan/{complaint.pk}/", {"what": "reply", "body": "x" * 6000})
    body = page.content.decode()
    assert page.status_code == 200 and "error-summary" in body
    assert complaint.messages.count() == 0


def test_console_officers_see_anonymous_reports_without_the_name_and_no_access_is_logged():
    place = make_place()
    anonymous = submit(place, "anonymous")
    confidential = submit(place, "confidential")
    client = _console(place.officer, place.village)
    inbox = client.get("/konsol/pengaduan/").content.decode()
    assert "Pelapor anonim" in inbox and anonymous.tracking_number in inbox
    assert inbox.count(place.citizen.full_name) == 1  # the confidential row only
    page = client.get(f"/konsol/pengaduan/{anonymous.pk}/").content.decode()
    assert place.citizen.full_name not in page and str(place.citizen.email) not in page
    assert not PersonalDataAccess.objects.filter(subject=place.citizen).exists()
    page = client.get(f"/konsol/pengaduan/{confidential.pk}/").content.decode()
    assert place.citizen.full_name in page
    assert PersonalDataAccess.objects.filter(subject=place.citizen, viewer=place.officer).count() == 1
    export = client.get("/konsol/pengaduan/ekspor/?status=all")
    text = export.content.decode()
    assert export["Content-Type"].startswith("text/csv") and anonymous.tracking_number in text
    assert text.count(place.citizen.full_name) == 1 and "Pelapor anonim" in text
    # The export named the confidential complainant: one more entry in their access log.
    assert PersonalDataAccess.objects.filter(subject=place.citizen, viewer=place.officer).count() == 2


def test_console_case_page_verify_forward_answer_and_internal_note():
    place = make_place()
    complaint = submit(place, "anonymous")
    client = _console(place.officer, place.village)
    page = client.post(f"/konsol/pengaduan/{complaint.pk}/", {"action": "forward", "note": ""})
    assert page.status_code == 200 and "error-summary" in page.content.decode()
    page = client.post(f"/konsol/pengaduan/{complaint.pk}/", {"what": "reply", "body": ""})
    assert 'href="#note-reply"' in page.content.decode()
    page = client.post(
        f"/konsol/pengaduan/{complaint.pk}/", {"what": "reply", "body": "Cek lapangan dulu", "internal": "on"}
    )
    assert page.status_code == 302
    page = client.post(
        f"/konsol/pengaduan/{complaint.pk}/",
        {"action": "forward", "note": "Wilayah Cileunyi Wetan", "to_agency": place.other_village.pk},
    )
    assert page.status_code == 302
    complaint.refresh_from_db()
    assert complaint.handling_agency == place.other_village and complaint.status == Status.FORWARDED
    # The sender keeps read access but can no longer act.
    body = client.get(f"/konsol/pengaduan/{complaint.pk}/").content.decode()
    assert "Wilayah Cileunyi Wetan" in body and 'name="action" value="verify"' not in body
    other = _console(place.other_officer, place.other_village)
    assert other.post(f"/konsol/pengaduan/{complaint.pk}/", {"action": "verify"}).status_code == 302
    other.post(f"/konsol/pengaduan/{complaint.pk}/", {"action": "answer", "note": "Sudah diperbaiki."})
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    # The complainant never sees the internal note.
    mine = _client(place.citizen).get(f"/akun/pengaduan/{complaint.pk}/").content.decode()
    assert "Cek lapangan dulu" not in mine and "Sudah diperbaiki." in mine


def test_moderation_hides_text_from_the_public_only():
    place = make_place()
    complaint = submit(
        place, "public", title="Kata kasar di sini", text="Isi laporan dengan kata-kata kasar yang menghina petugas."
    )
    client = _console(place.admin, place.village)
    page = client.post(f"/konsol/pengaduan/{complaint.pk}/", {"what": "moderate", "hide": "on", "reason": ""})
    assert "error-summary" in page.content.decode()
    client.post(f"/konsol/pengaduan/{complaint.pk}/", {"what": "moderate", "hide": "on", "reason": "Menghina"})
    public = Client().get(f"/pengaduan/{complaint.tracking_number}/").content.decode()
    assert "Kata kasar" not in public and "menghina petugas" not in public
    assert "Kata kasar" not in Client().get("/pengaduan/").content.decode()
    assert "menghina petugas" in _client(place.citizen).get(f"/akun/pengaduan/{complaint.pk}/").content.decode()
    assert "menghina petugas" in client.get(f"/konsol/pengaduan/{complaint.pk}/").content.decode()
    # A verifier of another village cannot moderate.
    other = _console(place.other_officer, place.village)
    assert other.post(f"/konsol/pengaduan/{complaint.pk}/", {"what": "moderate", "reason": "x"}).status_code == 404


def test_rate_and_reopen_from_my_report():
    place = make_place()
    complaint = submit(place)
    officer = actor_for(place.officer)
    complaint_act(actor=officer, complaint=complaint, action="verify")
    complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah.")
    client = _client(place.citizen)
    page = client.get(f"/akun/pengaduan/{complaint.pk}/").content.decode()
    assert 'value="rate"' in page and 'value="reopen"' in page
    assert f"Jawaban {place.village.name}" in page
    refused = client.post(f"/akun/pengaduan/{complaint.pk}/", {"what": "reopen", "reopen-note": ""})
    assert "error-summary" in refused.content.decode()
    client.post(f"/akun/pengaduan/{complaint.pk}/", {"what": "reopen", "reopen-note": "Belum beres."})
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED
    complaint_act(actor=officer, complaint=complaint, action="answer", note="Kini beres.")
    client.post(f"/akun/pengaduan/{complaint.pk}/", {"what": "rate", "rate-rating": "5", "rate-note": "Mantap"})
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.rating == 5


def test_statistics_page_counts_without_naming_anyone():
    place = make_place()
    submit(place, "confidential", title="Rahasia sekali")
    page = Client().get("/pengaduan/statistik/").content.decode()
    assert place.village.name in page and "Rahasia sekali" not in page and place.citizen.full_name not in page


def test_attachments_only_for_complainant_and_officers():
    place = make_place()
    complaint = submit(place, "anonymous", uploads=[SimpleUploadedFile("a.png", PNG)])
    attachment = complaint.attachments.get()
    url = f"/pengaduan/lampiran/{attachment.pk}/"
    assert _client(place.citizen).get(url).status_code == 200
    assert _client(place.officer).get(url).status_code == 200
    assert _client(place.stranger).get(url).status_code == 404
    assert _client(place.other_officer).get(url).status_code == 404
    assert Client().get(url).status_code == 302
