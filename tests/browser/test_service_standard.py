"""The public service page shows the complete standard (fourteen components, hours, the
office's charter), and the apply form reports every problem in one round; at 360 px and at
desktop width, checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from padu.core.actors import OPERATOR
from padu.services.models import Application
from padu.services.services import service_charter_save
from padu.services.tests.factories import FORM, make_service
from tests import web_factories as f
from tests.browser.test_pages import _login, _no_csp_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KTP_FORM = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "Foto KTP", "en": "ID card"}}]}
SIZES = [(1280, 900), (360, 740)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_service_page_shows_the_whole_standard(page, live_server, axe_check, guide_shot, width, height):
    agency = f.agency()
    version = make_service(agency, form=KTP_FORM)
    service_charter_save(
        actor=OPERATOR,
        agency=agency,
        text="Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan.",
        signed_by_name="H. Ujang Suryana",
        signed_by_title="Kepala Desa Cileunyi Kulon",
        published_on=dt.date(2026, 1, 2),
    )
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/layanan/{agency.slug}/{version.service.slug}/")
    numbers = page.locator(".standard > li").evaluate_all("items => items.map(i => i.id)")
    assert numbers == [f"component-{n}" for n in range(1, 15)]
    assert page.locator("#hours-title").is_visible() and page.locator("#charter-title").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)
    guide_shot(page, f"service-standard-{width}", f"service-standard-{width}.png" if width == 360 else None)
    _no_csp_errors(page)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_apply_form_shows_every_problem_at_once(page, live_server, axe_check, screenshot, tmp_path, width, height):
    agency = f.agency()
    version = make_service(agency, form=KTP_FORM)
    f.user("siti@example.id", full_name="Siti Aminah")
    base = live_server.url
    page.set_viewport_size({"width": width, "height": height})
    _login(page, base, "siti@example.id")
    page.goto(f"{base}/layanan/{agency.slug}/{version.service.slug}/ajukan/")
    not_a_document = tmp_path / "ktp.pdf"
    not_a_document.write_bytes(b"<html><script>alert(1)</script></html>")
    page.set_input_files("#id_ktp", str(not_a_document))
    page.get_by_role("button", name=re.compile("^(Submit application|Kirim permohonan)$")).click()
    page.wait_for_load_state()
    links = page.locator(".error-summary a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    # The refused document and every empty required question, in one round.
    assert targets == ["#id_nik", "#id_nama", "#id_keperluan", "#id_sudah_menikah_0", "#id_ktp"]
    assert not Application.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)
    screenshot(page, f"apply-all-errors-{width}")
