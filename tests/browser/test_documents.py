"""Document verification pages in a real browser, each checked with axe-core."""

from __future__ import annotations

import pytest

from padu.core.actors import OPERATOR
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import document_issue, letter_template_save
from tests.factories import make_agency, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issued(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    agency = make_agency(address="Jl. Raya Cileunyi No. 10")
    number_pattern_set(actor=OPERATOR, agency=agency, kind="skd", pattern="[nomor,3]/SKD/[bulan_romawi]/[tahun]")
    user = make_staff(agency, Role.SIGNER, full_name="Asep Suryana")
    membership = Membership.objects.get(user=user)
    membership.position = "Kepala Desa"
    membership.save()
    template = letter_template_save(
        actor=OPERATOR, agency=agency, kind="skd", name="Surat Keterangan Domisili", body="<p>{{ pemohon.nama }}</p>"
    )
    document = document_issue(
        actor=OPERATOR,
        agency=agency,
        kind="skd",
        template=template,
        context={"pemohon": {"nama": "Budi"}},
        signer_membership=membership,
    )
    path = tmp_path / "surat.pdf"
    path.write_bytes(document.pdf.read())
    return document, path


def test_verify_by_code_and_by_upload(page, live_server, axe_check, screenshot, issued, tmp_path):
    document, pdf_path = issued
    page.goto(f"{live_server.url}/verifikasi/{document.verification_code}/")
    assert document.number in page.content()
    assert page.locator(".notice--success").is_visible()
    axe_check(page)
    screenshot(page, "document-verify-code")

    page.goto(f"{live_server.url}/verifikasi/")
    axe_check(page)
    page.set_input_files("input[name=document]", str(pdf_path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".notice--success").is_visible()
    axe_check(page)
    screenshot(page, "document-verify-upload")

    fake = tmp_path / "palsu.pdf"
    fake.write_bytes(b"<html>bukan PDF</html>")
    page.set_input_files("input[name=document]", str(fake))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
