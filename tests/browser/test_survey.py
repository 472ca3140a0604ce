"""The applicant of a completed case rates the service; the index shows on the public pages."""

from __future__ import annotations

import pytest

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.browser.test_pages import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rate_a_completed_service(page, live_server, axe_check):
    agency = f.agency()
    version = make_service(agency, workflow=[{"role": "verifier"}])
    verifier = f.staff(agency, Role.VERIFIER, "verifikator@example.id")
    citizen = f.user("siti@example.id", full_name="Siti Aminah")
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    base = live_server.url

    _login(page, base, "siti@example.id")
    page.goto(f"{base}/akun/permohonan/{app.pk}/survei/")
    axe_check(page)
    page.locator("main form button[type=submit]").click()  # nothing chosen: errors
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    for i in range(1, 10):
        page.check(f"#id_u{i}_3")  # the fourth choice: very good
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{base}/layanan/{agency.slug}/{version.service.slug}/")
    assert "100,00" in page.content() or "100.00" in page.content()
    axe_check(page)
