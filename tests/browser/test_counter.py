"""The counter in a real browser, on a 360 px phone and on a desktop: a front-desk officer logs
in (and lands in the inbox), registers a walk-in citizen with no email, fills the form for
her, prints the receipt (the print view shows the receipt alone), and later hands the signed
letter over. Every page is checked with axe-core and for sideways scrolling."""

from __future__ import annotations

import re

import pytest

from padu.accounts.models import CitizenProfile
from padu.core.actors import OPERATOR, Actor
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.services.models import Application, ApplicationEvent
from padu.services.services import application_act
from padu.services.tests.factories import make_service
from tests import web_factories as f
from tests.browser.test_pages import _login, _no_csp_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}
BODY = "<p>Menerangkan bahwa {{ pemohon.nama }} berdomisili di {{ pemohon.alamat }}.</p>"


def _fits(page) -> None:
    """Nothing scrolls sideways."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


@pytest.fixture
def office(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    agency = f.agency()
    number_pattern_set(actor=OPERATOR, agency=agency, kind="sk-domisili", pattern="[nomor,3]/470/[tahun]")
    letter_template_save(actor=OPERATOR, agency=agency, kind="sk-domisili", name="SK Domisili", body=BODY)
    version = make_service(agency, document_kind="sk-domisili", workflow=[{"role": "signer"}])
    f.staff(agency, Role.FRONT_DESK, "loket@example.id")
    kades = f.staff(agency, Role.SIGNER, "kades@example.id")
    Membership.objects.filter(user=kades).update(position="Kepala Desa")
    return agency, version, kades


@pytest.mark.parametrize("size", SIZES)
def test_a_walk_in_is_served_at_the_counter(page, live_server, axe_check, screenshot, guide_shot, office, size):
    agency, version, kades = office
    base = live_server.url
    page.set_viewport_size(SIZES[size])
    _login(page, base, "loket@example.id")
    assert page.url.endswith("/konsol/kotak-masuk/")  # staff land on their inbox

    page.locator(".sub-nav a[href='/konsol/loket/']").click()
    page.wait_for_load_state()
    axe_check(page)
    _fits(page)
    page.locator("a[href='/konsol/loket/daftar/']").click()
    page.wait_for_load_state()
    axe_check(page)
    _fits(page)
    # The picker starts at the office's village; the officer copies the KTP.
    assert page.locator("#id_region_code").input_value() == f.VILLAGE
    page.fill("#id_nik", "3204055208520021")
    page.fill("#id_name", "Enah Suhaenah")
    page.fill("#id_birth_place", "Bandung")
    page.fill("#id_birth_date", "1952-08-12")
    page.fill("#id_street", "Kp. Babakan RT 03/RW 07")
    page.locator("main form > button[type=submit]").click()
    page.wait_for_load_state()
    user_id = CitizenProfile.objects.get().user_id
    assert page.url.endswith(f"/konsol/loket/warga/{user_id}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Enah Suhaenah"
    axe_check(page)
    _fits(page)
    screenshot(page, f"counter-person-{size}")

    page.locator(f"a[href='/konsol/loket/warga/{user_id}/layanan/{version.pk}/']").click()
    page.wait_for_load_state()
    assert page.locator("#id_nik").input_value() == "3204055208520021"
    axe_check(page)
    _fits(page)
    page.fill("#id_keperluan", "Bantuan sosial lansia")
    page.check("#id_sudah_menikah_1")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    application = Application.objects.get()
    assert page.url.endswith(f"/konsol/loket/permohonan/{application.pk}/tanda-terima/")
    receipt = page.locator(".counter-receipt")
    assert application.tracking_number in receipt.inner_text()
    assert CitizenProfile.objects.get().claim_code in receipt.inner_text()
    assert page.locator("[data-print]").is_visible()  # the print button, with JavaScript
    axe_check(page)
    _fits(page)
    guide_shot(page, f"counter-receipt-{size}", f"counter-receipt-{size}.png" if size == "desktop" else None)
    # Printed, the receipt stands alone: no header, menu or footer.
    page.emulate_media(media="print")
    assert receipt.is_visible()
    for chrome in (".site-header", ".sub-nav", ".site-footer", "[data-print]"):
        assert page.locator(chrome).first.is_hidden(), chrome
    page.emulate_media(media="screen")

    # Days later the letter is signed, and she comes back with her receipt.
    application_act(actor=Actor(user=kades), application=application, action="approve")
    page.goto(f"{base}/konsol/loket/")
    page.fill("#id_nomor", application.tracking_number)
    page.locator("form[method=get] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/konsol/loket/permohonan/{application.pk}/serahkan/")
    axe_check(page)
    _fits(page)
    page.fill("#id_received_by", "Enah Suhaenah")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/konsol/loket/")
    assert application.tracking_number in page.locator(".notices").inner_text()
    assert ApplicationEvent.objects.filter(application=application, action="handed_over").count() == 1
    axe_check(page)
    _no_csp_errors(page)


def test_the_receipt_without_javascript(page_nojs, live_server, office):
    """No print button that cannot work; the page says how to print."""
    agency, version, _ = office
    page = page_nojs
    page.set_viewport_size(SIZES["phone"])
    _login(page, live_server.url, "loket@example.id")
    page.goto(f"{live_server.url}/konsol/loket/daftar/")
    page.fill("#id_nik", "3204055208520021")
    page.fill("#id_name", "Enah Suhaenah")
    page.fill("#id_birth_place", "Bandung")
    page.fill("#id_birth_date", "1952-08-12")
    page.fill("#id_street", "Kp. Babakan RT 03/RW 07")
    page.locator("main form > button[type=submit]").click()
    page.wait_for_load_state()
    user_id = CitizenProfile.objects.get().user_id
    page.goto(f"{live_server.url}/konsol/loket/warga/{user_id}/layanan/{version.pk}/")
    page.fill("#id_keperluan", "Bantuan sosial lansia")
    page.check("#id_sudah_menikah_1")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    assert re.search(r"/tanda-terima/$", page.url)
    assert page.locator("[data-print]").is_hidden()
    assert page.locator(".counter-receipt").is_visible()
    _fits(page)
