"""A life event in a real browser: the register officer logs in with two steps, opens a
resident's page, records the death, and sees it in the resident's history. axe-core on every
page."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from padu.core.calendar import agency_today
from padu.core.roles import Role
from padu.registries.codes import LifeStatus
from padu.registries.models import EventKind, LifeEvent, Resident
from padu.registries.tests.factories import make_family
from tests import web_factories as f
from tests.factories import give_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


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


def test_the_register_officer_records_a_death(page, live_server, axe_check, guide_shot):
    base = live_server.url
    agency = f.agency()
    give_totp(f.staff(agency, Role.REGISTRAR, "operator@example.id"))
    _family, (head, wife, child) = make_family(agency, members=3)
    today = agency_today(agency)

    _login(page, base, "operator@example.id", axe_check)
    page.goto(f"{base}/konsol/penduduk/")
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("link", name=child.name).click()
    page.wait_for_load_state()
    axe_check(page)
    page.locator("a[href*='/penduduk/peristiwa/kematian/']").click()
    page.wait_for_load_state()
    axe_check(page)
    # Sent without a date first: the error summary shows, then the form is filled.
    page.fill("input[name=occurred_on]", "")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.fill("input[name=occurred_on]", today.isoformat())
    page.fill("input[name=place]", "RSUD Majalaya")
    page.fill("input[name=cause]", "Sakit")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    event = LifeEvent.objects.get(kind=EventKind.DEATH)
    assert f"/konsol/penduduk/peristiwa/{event.pk}/" in page.url
    assert "RSUD Majalaya" in page.content()
    axe_check(page)
    assert Resident.objects.get(pk=child.pk).life_status == LifeStatus.DEAD

    page.goto(f"{base}/konsol/penduduk/warga/{child.pk}/")
    page.wait_for_load_state()
    history = page.locator("#history-caption").locator("xpath=..")
    assert history.locator(f"a[href='/konsol/penduduk/peristiwa/{event.pk}/']").count() >= 1
    axe_check(page)
    guide_shot(page, "registry-life-event", "registry-life-event.png")
