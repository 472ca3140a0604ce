"""Tracking numbers end in a letter or digit (ISO 7064 MOD 33,32), easy to read aloud; a number
issued before, ending in Crockford's symbol (`*`, `~`, `$`, `=`, `U`), still finds its case, and
a mistyped one is refused as a typing error. At 360 px and on a desktop."""

from __future__ import annotations

import pytest

from padu.core.actors import Actor
from padu.core.tracking import ALPHABET
from padu.services.models import Application
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Worked out by hand in padu/core/tests/test_tracking_vectors.py.
CURRENT = "HJKM-NPQR-Y"  # ISO 7064 MOD 33,32 check of HJKMNPQR
LEGACY = "K7M3-9QXC-*"  # Crockford's mod-37 symbol of K7M39QXC
MISTYPED = "HJKM-NPQS-Y"  # R read as S: neither check fits (the old symbol of HJKMNPQS is S)


def _track(page, base: str, typed: str) -> None:
    page.goto(f"{base}/lacak/")
    page.fill("#id_number", typed)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [360, 1280])
def test_new_and_old_tracking_numbers_are_found_and_a_typo_is_refused(page, live_server, axe_check, width):
    page.set_viewport_size({"width": width, "height": 900})
    agency = f.agency()
    version = make_service(agency, workflow=[{"role": "verifier"}])
    citizen = f.user("siti@example.id", full_name="Siti Aminah")
    new = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    new = application_act(actor=Actor(user=citizen), application=new, action="submit")
    assert new.tracking_number[-1] in ALPHABET  # a letter or digit, never a symbol
    old = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    old = application_act(actor=Actor(user=citizen), application=old, action="submit")
    Application.objects.filter(pk=old.pk).update(tracking_number=LEGACY)  # as issued before
    Application.objects.filter(pk=new.pk).update(tracking_number=CURRENT)  # a known number
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])

    # Typed as read aloud on the phone: lower case, spaces for dashes.
    _track(page, base, CURRENT.lower().replace("-", " "))
    assert page.url.endswith(f"/lacak/{CURRENT}/")
    assert CURRENT in page.locator("main").inner_text()
    axe_check(page)

    _track(page, base, LEGACY.lower())
    assert LEGACY in page.locator("main").inner_text()
    assert "/lacak/K7M3-9QXC-" in page.url

    # One character wrong: refused as a typing error, on the form.
    _track(page, base, MISTYPED)
    assert page.locator("#id_number_error").is_visible()
    assert "typing error" in page.locator("#id_number_error").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    axe_check(page)
