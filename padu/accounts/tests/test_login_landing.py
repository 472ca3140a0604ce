"""After logging in, staff land in their console inbox; citizens on their account page; a
`?next=` wins for both."""

import pytest
from django.urls import reverse

from padu.core.models import Membership
from padu.core.roles import Role
from tests.factories import make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "rahasia-Padu-2026"


def _login(client, email, next_url=""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": PASSWORD})


def test_staff_land_in_the_inbox(client):
    make_staff(make_agency(), Role.VERIFIER, email="sekdes@example.id")
    response = _login(client, "sekdes@example.id")
    assert (response.status_code, response["Location"]) == (302, "/konsol/kotak-masuk/")


def test_citizens_land_on_their_account(client):
    make_user(email="warga@example.id")
    response = _login(client, "warga@example.id")
    assert (response.status_code, response["Location"]) == (302, "/akun/")


def test_a_revoked_membership_is_no_longer_staff(client):
    officer = make_staff(make_agency(), Role.FRONT_DESK, email="loket@example.id")
    Membership.objects.filter(user=officer).update(is_active=False)
    assert _login(client, "loket@example.id")["Location"] == "/akun/"


def test_next_is_respected(client):
    make_staff(make_agency(), Role.VERIFIER, email="sekdes@example.id")
    assert _login(client, "sekdes@example.id", "/layanan/")["Location"] == "/layanan/"
    client.logout()
    make_user(email="warga@example.id")
    assert _login(client, "warga@example.id", "/lacak/")["Location"] == "/lacak/"
