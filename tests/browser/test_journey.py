"""The whole service-delivery journey in a real browser, every page checked with axe-core.

A citizen applies for a village letter with an upload; the verifier returns it; the citizen
corrects it; verifier, approver and signer approve (the last two log in with a TOTP code);
the citizen downloads the signed PDF, whose signature holds up in pyHanko and poppler's
pdfsig; the QR page and the upload check on /verifikasi/ confirm it, and one changed byte
is caught.

With PADU_GUIDE_SCREENSHOTS=<dir> the test also writes the user guide's screenshots there.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from padu.core.actors import OPERATOR
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.documents.signing import pdf_signature_check
from padu.services.models import Application
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.browser.test_pages import _login, _no_csp_errors
from tests.factories import give_totp, tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDFSIG = Path("/usr/bin/pdfsig")
KIND = "sk-domisili"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # the secret tests.factories.give_totp sets up
BODY = "<p>Menerangkan bahwa {{ pemohon.nama }} berdomisili di Desa Cileunyi Kulon.</p>"
FILE_FORM = {
    "fields": [
        *FORM["fields"],
        {"name": "ktp", "type": "file", "label": {"id": "Foto KTP-el", "en": "Photo of the ID card"}},
    ]
}
# The upload is sniffed by its first bytes and written anew (padu/core/uploads.py): a tiny real PDF will do.
UPLOAD = tiny_pdf("KTP")
REASON = "Foto KTP tidak terbaca. Unggah foto yang lebih jelas."
SUBMIT = re.compile("^(Submit application|Kirim permohonan)$")


def _flip_one_byte(pdf: bytes) -> bytes:
    # A byte inside the page content, well before the signature dictionary.
    index = pdf.index(b"stream", len(pdf) // 10) + 40
    changed = bytearray(pdf)
    changed[index] ^= 0x01
    return bytes(changed)


def _logout(page, base: str) -> None:
    page.goto(f"{base}/akun/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _login_with_code(page, base: str, email: str, axe_check) -> None:
    """Password first; when the login asks for the authenticator code, type the current one."""
    _login(page, base, email)
    code_input = page.locator("input[name=code]")
    if code_input.count():
        axe_check(page)
        # A code is accepted once per 30 s window per account; each staff member here logs in once.
        if 30 - time.time() % 30 < 3:
            time.sleep(3)  # do not type a code in the last seconds of its window
        code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
        code_input.fill(code)
        page.locator("main form button[type=submit]:not([form])").click()
        page.wait_for_load_state()
    assert "/akun/login/" not in page.url and "/2fa/authenticate" not in page.url, page.url


def _decide(page, base: str, application: Application, axe_check) -> None:
    """Open the case from the console inbox and approve it."""
    page.goto(f"{base}/konsol/kotak-masuk/")
    axe_check(page)
    page.get_by_role("link", name=application.tracking_number).click()
    page.wait_for_load_state()
    axe_check(page)
    confirm = page.locator("#confirm-sign")
    if confirm.count():  # the signer reads the letter and confirms before signing
        confirm.check()
    page.locator("form:has(input[name=action][value=approve]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/konsol/kotak-masuk/" in page.url
    axe_check(page)


def test_apply_return_correct_approve_sign_download_and_verify(
    page, live_server, axe_check, guide_shot, tmp_path, settings
):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    agency = f.agency()
    number_pattern_set(actor=OPERATOR, agency=agency, kind=KIND, pattern="[nomor,3]/470/[bulan_romawi]/[tahun]")
    letter_template_save(actor=OPERATOR, agency=agency, kind=KIND, name="Surat Keterangan Domisili", body=BODY)
    version = make_service(agency, form=FILE_FORM, document_kind=KIND)
    f.staff(agency, Role.VERIFIER, "verifikator@example.id")
    give_totp(f.staff(agency, Role.APPROVER, "sekdes@example.id"))
    kades = give_totp(f.staff(agency, Role.SIGNER, "kades@example.id"))
    Membership.objects.filter(user=kades).update(position="Kepala Desa Cileunyi Kulon")
    f.user("siti@example.id", full_name="Siti Aminah")
    base = live_server.url
    first_upload = tmp_path / "ktp-buram.pdf"
    first_upload.write_bytes(UPLOAD)
    second_upload = tmp_path / "ktp-jelas.pdf"
    second_upload.write_bytes(tiny_pdf("KTP jelas"))

    # 1. The citizen applies, with an upload.
    _login(page, base, "siti@example.id")
    page.goto(f"{base}/layanan/{agency.slug}/{version.service.slug}/ajukan/")
    axe_check(page)
    page.fill("#id_nik", GOOD_ANSWERS["nik"])
    page.fill("#id_nama", GOOD_ANSWERS["nama"])
    page.fill("#id_keperluan", GOOD_ANSWERS["keperluan"])
    page.check("#id_sudah_menikah_1")
    page.set_input_files("#id_ktp", str(first_upload))
    guide_shot(page, "journey-apply", "apply.png")
    page.get_by_role("button", name=SUBMIT).click()
    page.wait_for_load_state()
    application = Application.objects.get()
    assert application.status == "in_review", page.content()
    assert application.tracking_number in page.content()
    axe_check(page)
    guide_shot(page, "journey-submitted", "submitted.png")
    _logout(page, base)

    # 2. The verifier finds the case in the inbox and returns it with a reason.
    _login_with_code(page, base, "verifikator@example.id", axe_check)
    page.goto(f"{base}/konsol/kotak-masuk/")
    assert application.tracking_number in page.content()
    axe_check(page)
    guide_shot(page, "journey-inbox", "inbox.png")
    page.get_by_role("link", name=application.tracking_number).click()
    page.wait_for_load_state()
    assert "ktp-buram.pdf" in page.content()
    axe_check(page)
    guide_shot(page, "journey-case", "case.png")
    page.fill("#note-return", REASON)
    page.locator("form:has(input[name=action][value=return]) button[type=submit]").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "returned"
    axe_check(page)
    _logout(page, base)

    # 3. The citizen reads the reason, replaces the upload and sends the application again.
    _login(page, base, "siti@example.id")
    page.goto(f"{base}/akun/permohonan/{application.pk}/")
    assert page.locator(".decision-note").inner_text() == REASON
    axe_check(page)
    guide_shot(page, "journey-returned", "my-application-returned.png")
    page.set_input_files("#id_ktp", str(second_upload))
    page.locator("button[name=action][value=resubmit]").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "in_review", page.content()
    axe_check(page)
    _logout(page, base)

    # 4. Verifier, approver and signer approve in turn; the last two log in with a code.
    _login_with_code(page, base, "verifikator@example.id", axe_check)
    page.goto(f"{base}/konsol/kotak-masuk/")
    page.get_by_role("link", name=application.tracking_number).click()
    page.wait_for_load_state()
    assert "ktp-jelas.pdf" in page.content()
    page.locator("form:has(input[name=action][value=approve]) button[type=submit]").click()
    page.wait_for_load_state()
    _logout(page, base)
    for email in ("sekdes@example.id", "kades@example.id"):
        _login_with_code(page, base, email, axe_check)
        _decide(page, base, application, axe_check)
        _logout(page, base)
    application.refresh_from_db()
    assert application.status == "completed"
    document = application.document
    assert document is not None

    # 5. The citizen downloads the signed letter from the application page.
    _login(page, base, "siti@example.id")
    page.goto(f"{base}/akun/permohonan/{application.pk}/")
    assert document.number in page.content()
    axe_check(page)
    guide_shot(page, "journey-download", "download.png")
    link = page.locator(f"a[href='/akun/permohonan/{application.pk}/dokumen/']")
    # The letter is served as an attachment, so the click is a download.
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename.endswith(".pdf")
    pdf_path = tmp_path / "surat.pdf"
    info.value.save_as(str(pdf_path))
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF-")

    # The signature holds up in pyHanko (run off Playwright's event loop by the helper) ...
    check = pdf_signature_check(pdf)
    assert check.found and check.intact and check.trusted and check.covers_whole_file, check
    # ... and in poppler's pdfsig.
    if not PDFSIG.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/pdfsig is missing; install poppler-utils")
        pytest.skip("poppler's pdfsig is not installed")
    result = subprocess.run([str(PDFSIG), str(pdf_path)], capture_output=True, text=True, check=False)  # noqa: S603
    assert "Signature is Valid" in result.stdout, result.stdout + result.stderr

    # 6. The QR code's page says the letter is valid.
    page.goto(f"{base}/verifikasi/{document.verification_code}/")
    assert document.number in page.content()
    assert page.locator(".notice--success").is_visible()
    axe_check(page)
    guide_shot(page, "journey-verify-code", "verify-code.png")

    # 7. Uploading the PDF says authentic; the same PDF with one byte changed says altered.
    page.goto(f"{base}/verifikasi/")
    axe_check(page)
    page.set_input_files("input[name=document]", str(pdf_path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".notice--success").is_visible()
    axe_check(page)
    guide_shot(page, "journey-verify", "verify.png")
    altered = tmp_path / "surat-diubah.pdf"
    altered.write_bytes(_flip_one_byte(pdf))
    page.set_input_files("input[name=document]", str(altered))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".notice--error").is_visible()
    assert not page.locator(".notice--success").count()
    axe_check(page)
    guide_shot(page, "journey-verify-altered", "verify-altered.png")
    _no_csp_errors(page)
