"""Browser journey: an anonymous complaint sent by a citizen, forwarded to another agency,
answered, reopened and closed; axe-core on every page visited."""

from __future__ import annotations

import pytest

from padu.complaints.models import Complaint
from padu.complaints.tests.factories import make_place
from tests.browser.test_pages import _login, _pick
from tests.factories import tiny_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-Padu-2026"  # tests.factories.UserFactory
PNG = tiny_image()


def _logout(page, base: str) -> None:
    page.goto(f"{base}/akun/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _go(page, url: str, axe_check) -> None:
    page.goto(url)
    page.wait_for_load_state()
    axe_check(page)


def _submit(page, axe_check) -> None:
    page.locator("main form button[type=submit].button:not(.button--secondary)").last.click()
    page.wait_for_load_state()
    axe_check(page)


def test_anonymous_complaint_forwarded_answered_reopened_closed(page, live_server, axe_check, tmp_path):
    place = make_place()
    place.citizen.full_name = "Wulan Pelapor Rahasia"
    place.citizen.save(update_fields=["full_name"])
    base = live_server.url

    # The citizen sends an anonymous report, one question at a time.
    _login(page, base, str(place.citizen.email), PASSWORD)
    _go(page, f"{base}/pengaduan/", axe_check)
    page.get_by_role("link", name="Kirim laporan").first.click()
    page.wait_for_load_state()
    axe_check(page)
    _submit(page, axe_check)  # empty: the error summary is shown and checked
    assert page.locator(".error-summary").is_visible()
    page.check("#id_kind_0")
    page.fill("#id_title", "Pungutan liar surat pengantar")
    page.fill("#id_text", "Petugas meminta Rp50.000 untuk surat pengantar yang semestinya gratis.")
    page.select_option("#id_category", "pelayanan")
    _submit(page, axe_check)
    _pick(page, "#id_region_1", "32")
    _pick(page, "#id_region_2", "32.04")
    _pick(page, "#id_region_3", "32.04.05")
    _pick(page, "#id_region_code", "32.04.05.2001")
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_load_state()
    axe_check(page)
    assert "Saran kami" in page.content()
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_load_state()
    axe_check(page)
    page.check("#id_visibility_1")  # anonymous
    photo = tmp_path / "bukti.png"
    photo.write_bytes(PNG)
    page.set_input_files("#id_attachments", str(photo))
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()
    axe_check(page)
    complaint = Complaint.objects.get()
    assert complaint.visibility == "anonymous" and complaint.attachments.count() == 1
    assert complaint.tracking_number in page.content()

    # The public page shows the report without the name.
    _logout(page, base)
    _go(page, f"{base}/pengaduan/lacak/", axe_check)
    page.fill("#id_number", complaint.tracking_number.lower())
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_load_state()
    axe_check(page)
    assert "Pelapor anonim" in page.content() and "Wulan" not in page.content()

    # The village's verifier forwards it to the neighbouring village.
    _login(page, base, str(place.officer.email), PASSWORD)
    _go(page, f"{base}/konsol/pengaduan/", axe_check)
    page.get_by_role("link", name=complaint.tracking_number).click()
    page.wait_for_load_state()
    axe_check(page)
    assert "Pelapor anonim" in page.content() and "Wulan" not in page.content()
    page.select_option("#to-agency", str(place.other_village.pk))
    page.fill("#note-forward", "Lokasi kantor yang dimaksud di Cileunyi Wetan.")
    page.get_by_role("button", name="Teruskan").click()
    page.wait_for_load_state()
    axe_check(page)
    _logout(page, base)

    # The neighbouring village verifies and answers.
    _login(page, base, str(place.other_officer.email), PASSWORD)
    _go(page, f"{base}/konsol/pengaduan/{complaint.pk}/", axe_check)
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_load_state()
    axe_check(page)
    page.fill("#note-answer", "Petugas sudah ditegur dan uang dikembalikan.")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_load_state()
    axe_check(page)
    _logout(page, base)

    # The complainant is not satisfied and reopens it.
    _login(page, base, str(place.citizen.email), PASSWORD)
    _go(page, f"{base}/akun/pengaduan/{complaint.pk}/", axe_check)
    assert "Petugas sudah ditegur" in page.content()
    page.fill("#id_reopen-note", "Uangnya belum dikembalikan kepada saya.")
    page.get_by_role("button", name="Buka kembali laporan").click()
    page.wait_for_load_state()
    axe_check(page)
    complaint.refresh_from_db()
    assert complaint.status == "reopened"
    _logout(page, base)

    # Answered again and closed by the officer.
    _login(page, base, str(place.other_officer.email), PASSWORD)
    _go(page, f"{base}/konsol/pengaduan/{complaint.pk}/", axe_check)
    page.fill("#note-answer", "Uang Rp50.000 sudah dikembalikan hari ini di kantor desa.")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_load_state()
    page.fill("#note-close", "Pelapor mengonfirmasi lewat percakapan.")
    page.get_by_role("button", name="Tutup", exact=True).click()
    page.wait_for_load_state()
    axe_check(page)
    complaint.refresh_from_db()
    assert complaint.status == "closed"
    _logout(page, base)

    # Public statistics count it.
    _go(page, f"{base}/pengaduan/statistik/", axe_check)
    assert place.other_village.name in page.content()
    assert not [m for m in page.errors.messages if "Content Security Policy" in m]


def test_sending_a_report_works_with_javascript_off(page_nojs, live_server):
    # axe-core cannot run with scripting off; the same pages pass it in the journey above.
    place = make_place()
    base = live_server.url
    page = page_nojs
    _login(page, base, str(place.citizen.email), PASSWORD)
    page.goto(f"{base}/pengaduan/kirim/")
    page.check("#id_kind_2")  # a question
    page.fill("#id_title", "Jadwal posyandu bulan depan")
    page.fill("#id_text", "Kapan jadwal posyandu balita di RW 05 untuk bulan depan, dan di mana tempatnya?")
    page.select_option("#id_category", "kesehatan")
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_load_state()
    # Without JavaScript each level of the place appears after pressing "Pilih".
    for select, value in (
        ("#id_region_1", "32"),
        ("#id_region_2", "32.04"),
        ("#id_region_3", "32.04.05"),
        ("#id_region_code", "32.04.05.2001"),
    ):
        page.select_option(select, value)
        page.get_by_role("button", name="Pilih", exact=True).click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    assert complaint.kind == "question" and complaint.visibility == "public"
    assert complaint.handling_agency == place.village
    assert complaint.tracking_number in page.content()
