"""A citizen applies for a service and tracks it; an officer opens the inbox and the case.
Every page is checked with axe-core."""

from __future__ import annotations

import re

import pytest

from padu.core.roles import Role
from padu.services.models import Application
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.browser.test_pages import _login, _no_csp_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_submit_track_and_officer_pages(page, live_server, axe_check, screenshot):
    agency = f.agency()
    version = make_service(agency, fee_kind="fixed", fee_amount=15000)
    f.staff(agency, Role.VERIFIER, "verifikator@example.id")
    f.user("siti@example.id", full_name="Siti Aminah")
    base = live_server.url

    page.goto(f"{base}/layanan/")
    axe_check(page)
    page.get_by_role("link", name="Surat Keterangan Domisili").click()
    page.wait_for_load_state()
    assert "Rp15.000" in page.content()
    axe_check(page)

    _login(page, base, "siti@example.id")
    page.goto(f"{base}/layanan/{agency.slug}/{version.service.slug}/ajukan/")
    axe_check(page)
    # Submitting an empty form shows the error summary.
    page.get_by_role("button", name=re.compile("^(Submit application|Kirim permohonan)$")).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    screenshot(page, "apply-errors")
    page.fill("#id_nik", GOOD_ANSWERS["nik"])
    page.fill("#id_nama", GOOD_ANSWERS["nama"])
    page.fill("#id_keperluan", GOOD_ANSWERS["keperluan"])
    page.check("#id_sudah_menikah_1")
    page.get_by_role("button", name=re.compile("^(Submit application|Kirim permohonan)$")).click()
    page.wait_for_load_state()
    application = Application.objects.get()
    assert application.tracking_number in page.content()
    axe_check(page)

    page.goto(f"{base}/akun/permohonan/")
    assert application.tracking_number in page.content()
    axe_check(page)

    page.goto(f"{base}/lacak/")
    axe_check(page)
    page.fill("#id_number", application.tracking_number)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).is_visible()
    content = page.content()
    assert "Surat Keterangan Domisili" in content and GOOD_ANSWERS["nik"] not in content
    axe_check(page)
    screenshot(page, "tracking")

    page.goto(f"{base}/akun/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    _login(page, base, "verifikator@example.id")
    page.goto(f"{base}/konsol/kotak-masuk/")
    assert application.tracking_number in page.content()
    axe_check(page)
    page.get_by_role("link", name=application.tracking_number).click()
    page.wait_for_load_state()
    assert GOOD_ANSWERS["keperluan"] in page.content()
    axe_check(page)
    screenshot(page, "case")
    _no_csp_errors(page)
