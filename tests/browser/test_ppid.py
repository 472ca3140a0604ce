"""A public-information request in a real browser: the citizen asks, the PPID extends once
and grants in part with a file, the citizen objects, the atasan PPID (the agency
administrator, logging in with a TOTP code) answers. axe-core on every page."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from padu.core.roles import Role
from padu.ppid.models import InfoRequest, ObjectionOutcome, RequestStatus
from tests import web_factories as f
from tests.factories import give_totp, tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXP"
PDF = tiny_pdf()


def _login(page, base: str, email: str, axe_check) -> None:
    page.goto(f"{base}/akun/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", f.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    code_input = page.locator("input[name=code]")
    if code_input.count():
        axe_check(page)
        if 30 - time.time() % 30 < 3:
            time.sleep(3)  # never type a code in the last seconds of its window
        code_input.fill(format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30)))
        page.locator("main form button[type=submit]:not([form])").click()
        page.wait_for_load_state()
    assert "/akun/login/" not in page.url and "/2fa/authenticate" not in page.url, page.url


def _logout(page, base: str) -> None:
    page.goto(f"{base}/akun/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _visit(page, url: str, axe_check) -> None:
    page.goto(url)
    page.wait_for_load_state()
    axe_check(page)


def test_request_extended_partly_granted_objected_and_answered(page, live_server, axe_check, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    agency = f.agency(slug="desa-cileunyi-kulon")
    f.user("warga@example.id", full_name="Siti Warga")
    f.staff(agency, Role.INFORMATION_OFFICER, "ppid@example.id")
    give_totp(f.staff(agency, Role.AGENCY_ADMIN, "kades@example.id"))
    upload = tmp_path / "rekap-blt.pdf"
    upload.write_bytes(PDF)

    # The citizen finds the office and asks.
    _login(page, base, "warga@example.id", axe_check)
    _visit(page, f"{base}/ppid/", axe_check)
    page.get_by_role("link", name=agency.name).click()
    page.wait_for_load_state()
    axe_check(page)
    _visit(page, f"{base}/ppid/{agency.slug}/daftar-informasi/", axe_check)
    _visit(page, f"{base}/ppid/{agency.slug}/ajukan/", axe_check)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.fill("input[name=nik]", f.NIK)
    page.fill("input[name=address]", "Jl. Pandanwangi No. 12, Cileunyi Kulon")
    page.fill("input[name=phone]", "081234567801")
    page.fill("textarea[name=information]", "Daftar penerima BLT Dana Desa 2026")
    page.fill("textarea[name=purpose]", "Pengawasan warga atas penyaluran bantuan")
    page.check("input[name=obtain_method][value=soft_copy]")
    page.check("input[name=delivery_method][value=pick_up]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    info = InfoRequest.objects.get()
    assert f"/akun/ppid/{info.pk}/" in page.url
    assert info.number in page.content()
    axe_check(page)
    _visit(page, f"{base}/akun/ppid/", axe_check)
    _logout(page, base)

    # The PPID extends once, then grants in part with a file.
    _login(page, base, "ppid@example.id", axe_check)
    _visit(page, f"{base}/konsol/ppid/", axe_check)
    page.get_by_role("link", name=info.number).click()
    page.wait_for_load_state()
    axe_check(page)
    page.fill("textarea[name=extend-reason]", "Data penerima masih diverifikasi bersama kecamatan.")
    page.locator("form:has(input[name=action][value=extend]) button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    assert page.locator("input[name=action][value=extend]").count() == 0  # once only
    page.check("input[name=decide-decision][value=partly_granted]")
    page.fill("textarea[name=decide-note]", "Rekap jumlah penerima per RW kami berikan.")
    page.fill("textarea[name=decide-withheld_part]", "NIK dan alamat penerima")
    page.select_option("select[name=decide-exemption]", "17h")
    page.fill("textarea[name=decide-consequence_test]", "Membuka NIK penerima mengungkap data pribadi.")
    page.set_input_files("#files-decide", str(upload))
    page.locator("form:has(input[name=action][value=decide]) button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    info.refresh_from_db()
    assert info.status == RequestStatus.PARTLY_GRANTED and info.extended_at is not None
    _visit(page, f"{base}/konsol/ppid/daftar-informasi/baru/", axe_check)
    _visit(page, f"{base}/konsol/ppid/laporan/", axe_check)
    _logout(page, base)

    # The citizen downloads the answer and objects.
    _login(page, base, "warga@example.id", axe_check)
    _visit(page, f"{base}/akun/ppid/{info.pk}/", axe_check)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("rekap-blt.pdf")).click()
    assert download.value.suggested_filename == "rekap-blt.pdf"
    page.get_by_role("link", name=re.compile("^(Ajukan keberatan|Lodge an objection)$")).click()
    page.wait_for_load_state()
    axe_check(page)
    page.check("input[name=grounds][value=d]")
    page.fill("textarea[name=reasons]", "Saya hanya meminta nama penerima, bukan NIK.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    info.refresh_from_db()
    assert info.status == RequestStatus.OBJECTED
    _logout(page, base)

    # The atasan PPID (agency administrator, two-step login) answers.
    _login(page, base, "kades@example.id", axe_check)
    _visit(page, f"{base}/konsol/ppid/?show=objections", axe_check)
    page.get_by_role("link", name=info.number).click()
    page.wait_for_load_state()
    axe_check(page)
    page.check("input[name=answer-outcome][value=upheld]")
    page.fill("textarea[name=answer-answer]", "Nama penerima bantuan dapat diumumkan tanpa NIK.")
    page.locator("form:has(input[name=action][value=answer]) button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    info.refresh_from_db()
    assert info.status == RequestStatus.OBJECTION_ANSWERED
    assert info.objection.outcome == ObjectionOutcome.UPHELD
    _logout(page, base)

    # The citizen sees the answer and where to go next; the public register names no one.
    _login(page, base, "warga@example.id", axe_check)
    _visit(page, f"{base}/akun/ppid/{info.pk}/", axe_check)
    assert "Komisi Informasi" in page.content()
    _logout(page, base)
    _visit(page, f"{base}/ppid/{agency.slug}/", axe_check)
    assert info.number in page.content() and "Siti Warga" not in page.content()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", [360, 1280])
def test_a_request_taken_at_the_desk_is_recorded_and_its_receipt_printed(
    page, live_server, axe_check, tmp_path, settings, width
):
    """The PPID records a walk-in's request (no account, no email) at phone and desktop width,
    with one round of errors first; the receipt prints without the site's frame."""
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 800})
    agency = f.agency(slug="desa-cileunyi-kulon")
    f.staff(agency, Role.INFORMATION_OFFICER, "ppid@example.id")

    _login(page, base, "ppid@example.id", axe_check)
    _visit(page, f"{base}/konsol/ppid/", axe_check)
    page.locator("main a[href='/konsol/ppid/catat/']").first.click()
    page.wait_for_load_state()
    axe_check(page)
    _no_sideways_scroll(page)
    # Today and the time now are filled in; the walk-in's defaults are chosen.
    assert page.input_value("input[name=received_date]")
    assert page.is_checked("input[name=channel][value=in_person]")
    page.fill("input[name=nik]", "12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary a[href='#id_name']").is_visible()
    assert page.locator(".error-summary a[href='#id_nik']").is_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    assert InfoRequest.objects.count() == 0

    page.fill("input[name=nik]", "")
    page.fill("input[name=name]", "Ibu Euis Komariah")
    page.fill("input[name=address]", "Kp. Babakan RT 02 RW 05, Cileunyi Kulon")
    page.fill("input[name=phone]", "0813 2145 6677")
    page.check("input[name=contact_channel][value=whatsapp]")
    page.fill("textarea[name=information]", "Jadwal posyandu 2026")
    page.fill("textarea[name=purpose]", "Imunisasi anak")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    info = InfoRequest.objects.get()
    assert info.requester_id is None and info.channel == "in_person"
    assert page.url.endswith(f"/konsol/ppid/permohonan/{info.pk}/tanda-terima/")
    assert info.number in page.content()
    axe_check(page)
    _no_sideways_scroll(page)
    assert page.locator("button[data-print]").is_visible()  # shown where JavaScript can print
    # Printed: the receipt only, without the header, menus and links.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".sub-nav").is_visible()
    assert page.locator(".ppid-receipt h1").is_visible()
    assert page.locator(".ppid-receipt strong", has_text=info.number).is_visible()
    assert not page.locator(".notices").is_visible()
    page.emulate_media(media="screen")

    # The case page says how to reach her.
    _visit(page, f"{base}/konsol/ppid/permohonan/{info.pk}/", axe_check)
    _no_sideways_scroll(page)
    assert page.locator("a[href='https://wa.me/6281321456677']").count() == 1
