"""Test clients that enforce CSRF as a real server does (Django's test client skips the check
unless asked), so that an API check running in the wrong order fails in the suite as it would
in production."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string


def api_client() -> Client:
    """A browser on the site's pages: it holds a CSRF cookie and sends its value in
    `X-CSRFToken` on every request, so session writes pass."""
    secret = get_random_string(32)  # the CSRF secret, as the cookie holds it
    client = Client(enforce_csrf_checks=True, headers={"X-CSRFToken": secret})
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    return client


def csrf_client() -> Client:
    """Another system, or a forged cross-site request: CSRF enforced and no token sent."""
    return Client(enforce_csrf_checks=True)
