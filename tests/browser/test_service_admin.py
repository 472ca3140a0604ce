"""The service and letter editors of the staff console in a real browser, checked with axe-core."""

from __future__ import annotations

import re

import pytest

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.documents.services import letter_template_save
from padu.services.tests.factories import make_service
from tests import web_factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in_admin(page, live_server, admin) -> None:
    """An admin has TOTP, so the login asks for a code: use a session cookie instead."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def test_service_and_letter_pages(page, live_server, axe_check, screenshot):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    draft = make_service(agency, publish=False)
    letter_template_save(actor=OPERATOR, agency=agency, kind="skd", name="SKD", body="<p>{{ pemohon.nama }}</p>")
    _log_in_admin(page, live_server, admin)
    for path in (
        "/konsol/layanan/",
        "/konsol/layanan/baru/",
        "/konsol/layanan/baru/?mode=json",
        f"/konsol/layanan/{draft.pk}/ubah/",
        f"/konsol/layanan/{draft.pk}/pratinjau/",
        "/konsol/surat/",
        "/konsol/surat/baru/",
        "/konsol/surat/skd/ubah/",
    ):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible(), path
        axe_check(page)
    screenshot(page, "console-letter-edit")

    # Saving an empty new service shows the error summary, checked too.
    page.goto(live_server.url + "/konsol/layanan/baru/")
    page.get_by_role("button", name=re.compile("^(Save draft|Simpan draf)$")).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    screenshot(page, "console-service-errors")
    csp = [m for m in page.errors.messages if "Content Security Policy" in m]
    assert not csp, csp


SECTIONS = ("section-basics", "section-standard", "section-form", "section-workflow")


def _sections_open(page) -> list[bool]:
    return [page.locator(f"#{key}").evaluate("d => d.open") for key in SECTIONS]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_new_service_page_is_short_and_every_section_opens(page, live_server, axe_check, screenshot, width, height):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    _log_in_admin(page, live_server, admin)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/konsol/layanan/baru/")
    # Only the first section is open: the page was 10,000 px long with everything shown.
    assert _sections_open(page) == [True, False, False, False]
    full = page.evaluate("document.documentElement.scrollHeight")
    if width > 1000:
        assert full < 3000, full
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows sideways
    axe_check(page)
    screenshot(page, f"console-service-new-{width}")
    # Every section opens from its summary, and its first field is there to fill in.
    for key, first in zip(SECTIONS, ("#id_name", "#id_req1_name", "#id_f1_name", "#id_step_1"), strict=True):
        summary = page.locator(f"#{key} > summary")
        box = summary.bounding_box()
        assert box is not None and box["height"] >= 44  # a full-size target
        if not page.locator(f"#{key}").evaluate("d => d.open"):
            summary.click()
        page.locator(first).scroll_into_view_if_needed()
        assert page.locator(first).is_visible(), key
    axe_check(page)


def test_errors_open_their_sections_without_javascript(page_nojs, live_server):
    page = page_nojs
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    _log_in_admin(page, live_server, admin)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/konsol/layanan/baru/")
    page.fill("#id_name", "Surat Pengantar Nikah")
    page.fill("#id_description", "Pengantar dari desa untuk menikah di KUA.")
    page.check("#id_audience_0")
    page.select_option("#id_category", "surat")
    page.locator("#section-standard > summary").click()
    page.fill("#id_output", "Surat pengantar nikah")
    page.fill("#id_hours_fri", "13:00-16:00, 08:00-13:30")  # overlapping periods
    page.get_by_role("button", name=re.compile("^(Save draft|Simpan draf)$")).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    # The sections with problems come back open (the workflow has no step, the hours overlap);
    # the form section has none and stays closed.
    assert _sections_open(page) == [True, True, False, True]
    # Each link of the summary lands on a field that is shown.
    links = page.locator(".error-summary a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "#id_hours_fri" in targets and "#id_step_1" in targets
    for target in targets:
        assert page.locator(str(target)).is_visible(), target
