"""The paused service clock on the officer's case page and the applicant's page, at 360 px and
on a desktop, and a rejected applicant's next steps. Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.models import Application
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.browser.test_pages import _login, _no_csp_errors
from tests.factories import make_citizen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


def _english(page, base: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])


def _fits(page) -> None:
    """Nothing is cut off or scrolls sideways at this width."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def _case(version, citizen, verifier, last: str, note: str) -> Application:
    """A case submitted three days ago and returned (or rejected) two days ago."""
    now = timezone.now()
    application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    application = application_act(
        actor=Actor(user=citizen), application=application, action="submit", at=now - dt.timedelta(days=3)
    )
    return application_act(
        actor=Actor(user=verifier), application=application, action=last, note=note, at=now - dt.timedelta(days=2)
    )


def _logout(page, base: str) -> None:
    page.goto(f"{base}/akun/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_paused_clock_on_the_case_and_the_applicants_page(
    page, live_server, axe_check, screenshot, guide_shot, size
):
    base = live_server.url
    page.set_viewport_size(SIZES[size])
    _english(page, base)
    agency = f.agency()
    version = make_service(agency, completion_days=5)
    verifier = f.staff(agency, Role.VERIFIER, "verifikator@example.id")
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah")).user
    returned = _case(version, citizen, verifier, "return", "Foto KTP tidak terbaca; unggah yang lebih jelas.")
    rejected = _case(version, citizen, verifier, "reject", "Pemohon bukan warga desa ini.")

    _login(page, base, "siti@example.id")
    page.goto(f"{base}/akun/permohonan/{returned.pk}/")
    clock = page.locator("dt", has_text="Service clock").locator("xpath=..")
    assert clock.is_visible()
    assert re.search(r"Paused since \d+ \w+ \d{4}: the service clock waits", clock.inner_text())
    assert page.get_by_text("The service clock is paused until you send it again.").is_visible()
    _fits(page)
    axe_check(page)
    screenshot(page, f"clock-applicant-paused-{size}")

    # The applicant sends it again: the pause becomes a closed stretch with its working days.
    page.get_by_role("button", name="Send again").click()
    page.wait_for_load_state()
    assert re.search(r"Paused from \d+ \w+ \d{4} to \d+ \w+ \d{4} \(\d+ working days?\)", page.content())
    _fits(page)

    page.goto(f"{base}/akun/permohonan/{rejected.pk}/")
    next_steps = page.locator(".next-steps")
    assert next_steps.get_by_role("link", name="apply again").get_attribute("href") == (
        f"/layanan/{agency.slug}/{version.service.slug}/"
    )
    assert next_steps.get_by_role("link", name="send a complaint online").get_attribute("href") == "/pengaduan/kirim/"
    assert page.get_by_text("Pemohon bukan warga desa ini.").first.is_visible()
    _fits(page)
    axe_check(page)
    guide_shot(
        page, f"clock-applicant-rejected-{size}", f"clock-applicant-rejected-{size}.png" if size == "phone" else None
    )
    _logout(page, base)

    # The officer's view of the same case, and of another one still back with its applicant.
    paused = _case(version, citizen, verifier, "return", "Lampirkan Kartu Keluarga.")
    _login(page, base, "verifikator@example.id")
    page.goto(f"{base}/konsol/permohonan/{paused.pk}/")
    clock = page.locator("dt", has_text="Service clock").locator("xpath=..")
    assert re.search(r"Paused since \d+ \w+ \d{4}: the file is back with the applicant", clock.inner_text())
    assert page.locator(".tag--red", has_text="overdue").count() == 0
    _fits(page)
    axe_check(page)
    guide_shot(page, f"clock-case-paused-{size}", f"clock-case-paused-{size}.png" if size == "desktop" else None)
    page.goto(f"{base}/konsol/permohonan/{returned.pk}/")
    assert re.search(r"Paused from .+ \(\d+ working days?\)", page.locator("dl.summary-list").first.inner_text())
    _fits(page)
    axe_check(page)
    _no_csp_errors(page)
