"""Browser journeys: an anonymous complaint sent by a citizen, forwarded to another agency,
answered, reopened and closed; the "where did it happen?" step (search by name without
JavaScript, "use my location" with it) at 360 px and on a desktop; an officer recording a
complaint taken by telephone, with its receipt. axe-core on every page visited with JavaScript."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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
    page.check("#id_anonymous")
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


SIZES = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


def _english(page, base: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])


def _fits(page) -> None:
    """Nothing is cut off or scrolls sideways at this width."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def _to_the_where_step(page, base: str, user) -> None:
    _login(page, base, str(user.email), PASSWORD)
    page.goto(f"{base}/pengaduan/kirim/")
    page.check("#id_kind_0")
    page.fill("#id_title", "Saluran air tersumbat")
    page.fill("#id_text", "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.")
    page.select_option("#id_category", "infrastruktur")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_where_step_finds_a_village_by_name_without_javascript(page_nojs, live_server, size, guide_shot):
    place = make_place()
    base = live_server.url
    page = page_nojs
    page.set_viewport_size(SIZES[size])
    _english(page, base)
    _to_the_where_step(page, base, place.citizen)
    # It asks where it happened, starting at the area of this installation's offices.
    assert page.locator("h1").inner_text() == "Where did it happen?"
    assert page.locator("#region-picker legend").inner_text() == "Where did it happen?"
    assert page.locator("#id_region_2").input_value() == "32.04"
    # No coordinates to type, and "use my location" needs JavaScript.
    assert page.locator("input[name=latitude]").get_attribute("type") == "hidden"
    assert page.locator("button[data-locate]").is_hidden()
    _fits(page)
    page.fill("#id_place_q", "wetan")
    page.press("#id_place_q", "Enter")  # the search is the form's first button
    page.wait_for_load_state()
    result = page.get_by_label("Village Cileunyi Wetan, District Cileunyi, Kabupaten Bandung, Jawa Barat")
    assert result.is_visible()
    _fits(page)
    guide_shot(
        page, f"complaint-where-search-{size}", f"complaint-where-search-{size}.png" if size == "phone" else None
    )
    result.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Continue").click()  # the agency suggested for the place
    page.wait_for_load_state()
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    assert complaint.region_id == "32.04.05.2002" and complaint.latitude is None
    assert complaint.tracking_number in page.content()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_where_step_uses_the_devices_location_with_javascript(page, live_server, axe_check, size):
    place = make_place()
    base = live_server.url
    page.set_viewport_size(SIZES[size])
    page.context.grant_permissions(["geolocation"], origin=base)
    page.context.set_geolocation({"latitude": -6.93851, "longitude": 107.7351})
    _english(page, base)
    _to_the_where_step(page, base, place.citizen)
    axe_check(page)
    _fits(page)
    locate = page.get_by_role("button", name="Use my location")
    assert locate.is_visible()
    locate.click()
    # Playwright's own assertion waits without evaluating a string in the page (the CSP forbids eval).
    expect(page.locator("#id_latitude")).not_to_have_value("")
    assert page.locator("[data-locate-status]").inner_text().endswith("-6.938510, 107.735100")
    _pick(page, "#id_region_3", "32.04.05")
    _pick(page, "#id_region_code", "32.04.05.2001")
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert "(-6.938510, 107.735100)" in page.content()
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    assert (str(complaint.latitude), str(complaint.longitude)) == ("-6.938510", "107.735100")
    assert not [m for m in page.errors.messages if "Content Security Policy" in m]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_an_officer_records_a_complaint_taken_by_telephone(page, live_server, axe_check, guide_shot, size):
    place = make_place()
    base = live_server.url
    page.set_viewport_size(SIZES[size])
    _english(page, base)
    _login(page, base, str(place.officer.email), PASSWORD)
    page.goto(f"{base}/konsol/pengaduan/")
    page.get_by_role("link", name="Record a complaint").first.click()
    page.wait_for_load_state()
    axe_check(page)
    _fits(page)
    # Sent empty: every error at once, in a summary.
    page.locator("button[name=record]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.check("input[name=channel][value=phone]")
    today = timezone.now().astimezone(ZoneInfo("Asia/Jakarta"))
    page.fill("#id_received_date", today.strftime("%Y-%m-%d"))
    page.fill("#id_received_time", "00:00")
    page.fill("#id_contact_name", "Sumarni")
    page.fill("#id_contact_phone", "0812 2233 4455")
    page.check("input[name=contact_channel][value=phone]")
    page.check("#id_kind_0")
    page.fill("#id_title", "Saluran air tersumbat")
    page.fill("#id_text", "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.")
    page.select_option("#id_category", "infrastruktur")
    # The place starts at the office's own village, chosen down to its level.
    assert page.locator("#id_region_code").input_value() == "32.04.05.2001"
    # It happened in the next village: found by name. Enter searches; nothing is recorded yet.
    page.fill("#id_place_q", "wetan")
    page.press("#id_place_q", "Enter")
    page.wait_for_load_state()
    assert not Complaint.objects.exists()
    assert page.locator("#id_title").input_value() == "Saluran air tersumbat"  # kept
    page.check("input[name=place][value='32.04.05.2002']")
    axe_check(page)
    page.locator("button[name=record]").click()
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    assert complaint.channel == "phone" and complaint.complainant is None
    assert complaint.region_id == "32.04.05.2002"
    assert complaint.submitted_at == dt.datetime.combine(today.date(), dt.time(0, 0), tzinfo=today.tzinfo)
    assert page.get_by_text("Reply by telephone call to 081222334455.").is_visible()
    axe_check(page)
    _fits(page)
    guide_shot(
        page, f"complaint-recorded-case-{size}", f"complaint-recorded-case-{size}.png" if size == "desktop" else None
    )
    # Verified, then told by telephone and recorded.
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()
    assert page.get_by_text("not told yet").is_visible()
    page.fill("#note-reply", "Ibu Sumarni kami telepon: petugas datang besok pagi.")
    page.select_option("#id_contact_channel", "phone")
    page.get_by_role("button", name="Record", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("contacted by telephone call").is_visible()
    assert not page.get_by_text("not told yet").is_visible()
    axe_check(page)
    page.get_by_role("link", name="Receipt for the complainant").click()
    page.wait_for_load_state()
    assert complaint.tracking_number in page.content()
    axe_check(page)
    _fits(page)
    assert not [m for m in page.errors.messages if "Content Security Policy" in m]
