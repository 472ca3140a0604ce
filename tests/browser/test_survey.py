"""The applicant of a completed case rates the service with the optional respondent profile; the
index shows on the public pages once the minimum sample is there, and until then the page says
how many answers are missing. At 360 px and on a desktop."""

from __future__ import annotations

import pytest

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.models import SurveyResponse
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.browser.test_pages import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [360, 1280])
def test_rate_a_completed_service(page, live_server, axe_check, settings, width):
    settings.PADU_SKM_MIN_RESPONSES = 2
    page.set_viewport_size({"width": width, "height": 900})
    agency = f.agency()
    version = make_service(agency, workflow=[{"role": "verifier"}])
    verifier = f.staff(agency, Role.VERIFIER, "verifikator@example.id")
    citizen = f.user("siti@example.id", full_name="Siti Aminah")
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])

    _login(page, base, "siti@example.id")
    page.goto(f"{base}/akun/permohonan/{app.pk}/survei/")
    axe_check(page)
    _no_sideways_scroll(page)
    page.locator("main form button[type=submit]").click()  # nothing chosen: errors
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    for i in range(1, 10):
        page.check(f"#id_u{i}_3")  # the fourth choice: very good
    # The profile is optional; a wrong age is shown at its field and nothing is saved.
    page.check("#id_sex_1")  # P
    page.fill("#id_age", "7")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_age_error").is_visible()
    assert not SurveyResponse.objects.exists()
    page.fill("#id_age", "34")
    page.check("#id_education_2")  # SMA
    page.check("#id_occupation_4")  # wirausaha
    # Each radio keeps a 44 px target however its label wraps.
    box = page.locator("label[for=id_education_5]").bounding_box()
    assert box is not None and box["height"] >= 44
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    stored = SurveyResponse.objects.get()
    assert (stored.sex, stored.age, stored.education, stored.occupation) == ("P", 34, "sma", "wirausaha")

    # One answer of the two needed: the page says so and shows no index yet.
    page.goto(f"{base}/layanan/{agency.slug}/{version.service.slug}/")
    assert "not enough responses yet (1 of 2 needed)" in page.locator("section.satisfaction").inner_text()
    _no_sideways_scroll(page)
    axe_check(page)
    settings.PADU_SKM_MIN_RESPONSES = 1
    page.reload()
    assert "100.00" in page.locator("section.satisfaction").inner_text()
    axe_check(page)
