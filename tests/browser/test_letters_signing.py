"""Letters in a real browser, at 360 px and on a desktop, each page checked with axe-core:
the signer reads the letter as it will be issued and confirms before signing; the
administrator writes a letter as plain text and inserts placeholders from the list."""

from __future__ import annotations

import re

import pytest

from padu.core.actors import OPERATOR, Actor
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.services.models import Application
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.browser.test_pages import _no_csp_errors
from tests.browser.test_service_admin import _log_in_admin
from tests.factories import make_citizen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
SIGN = re.compile("^(Sign|Tandatangani)$")
INSERT = re.compile("^(Insert into the letter|Sisipkan ke surat)$")
BODY = "Menerangkan bahwa {{ pemohon.nama }} (NIK {{ pemohon.nik_samaran }}) berdomisili di {{ instansi.nama }}."


def _fits(page) -> None:
    """Nothing wider than the screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


@pytest.fixture
def case(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    village = f.agency(code="DS-CKL")
    number_pattern_set(
        actor=OPERATOR,
        agency=village,
        kind="sk-domisili",
        pattern="[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]",
        classification_code="400.12.2",
    )
    letter_template_save(
        actor=OPERATOR,
        agency=village,
        kind="sk-domisili",
        name="Surat Keterangan Domisili",
        body=BODY,
        body_format="text",
        placeholders=("pemohon.nama", "pemohon.nik_samaran", "instansi.nama"),
    )
    version = make_service(village, document_kind="sk-domisili", workflow=[{"role": "signer"}])
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah"), female=True).user
    application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    application = application_act(actor=Actor(user=citizen), application=application, action="submit")
    kades = f.staff(village, Role.SIGNER, "kades@example.id")
    f.with_totp(kades)
    Membership.objects.filter(user=kades).update(position="Kepala Desa Cileunyi Kulon")
    return village, application, kades


def test_the_signer_sees_the_letter_and_signs_after_confirming(page, live_server, axe_check, screenshot, case):
    _village, application, kades = case
    _log_in_admin(page, live_server, kades)
    url = f"{live_server.url}/konsol/permohonan/{application.pk}/"
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(url)
        preview = page.locator(".letter-preview")
        assert preview.is_visible()
        text = preview.inner_text()
        assert "Menerangkan bahwa Siti Aminah (NIK 3204" in text and "/400.12.2/DS-CKL/" in text
        assert "Kepala Desa Cileunyi Kulon" in text
        assert page.get_by_role("button", name=SIGN).is_visible()
        _fits(page)
        axe_check(page)
        screenshot(page, f"letter-signing-{name}")

    # At 360 px: signing without the confirmation is refused, with the error summary.
    page.get_by_role("button", name=SIGN).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert Application.objects.get(pk=application.pk).status == "in_review"
    _fits(page)
    axe_check(page)
    page.locator("#confirm-sign").check()
    page.get_by_role("button", name=SIGN).click()
    page.wait_for_load_state()
    assert "/konsol/kotak-masuk/" in page.url
    done = Application.objects.get(pk=application.pk)
    assert done.status == "completed" and done.document is not None
    assert done.document.number.startswith("001/400.12.2/DS-CKL/")
    assert done.document.number in page.locator(".notices").inner_text()
    axe_check(page)
    _no_csp_errors(page)


def test_the_admin_inserts_a_placeholder_where_the_cursor_is(page, live_server, axe_check, screenshot, case):
    village, _application, _kades = case
    admin = f.staff(village, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    _log_in_admin(page, live_server, admin)
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/konsol/surat/baru/")
        body = page.locator("#id_body")
        body.fill("Menerangkan bahwa  tinggal di sini.")
        body.evaluate("el => el.setSelectionRange(18, 18)")
        page.select_option("#id_placeholder", "pemohon.nama")
        page.get_by_role("button", name=INSERT).click()
        assert body.input_value() == "Menerangkan bahwa {{ pemohon.nama }} tinggal di sini."
        assert "/konsol/surat/baru/" in page.url  # no round trip with JavaScript
        _fits(page)
        axe_check(page)
        screenshot(page, f"letter-editor-{name}")
    page.goto(f"{live_server.url}/konsol/surat/")
    _fits(page)
    axe_check(page)
    _no_csp_errors(page)
