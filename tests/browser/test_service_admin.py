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
