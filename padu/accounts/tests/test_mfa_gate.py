"""Who must have two-step login, and where it is asked for: the console, the Django admin and
API writes, judged on the person the request actually signs in as."""

import pytest
from django.urls import reverse

from padu.core.models import AgencyHoliday, ApiToken
from padu.core.roles import Role
from tests.factories import give_totp, make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db

BOGUS_BEARER = {"HTTP_AUTHORIZATION": "Bearer x"}


def _mint(client, agency, **headers):
    return client.post(
        f"/api/v1/agencies/{agency.pk}/tokens",
        {"name": "Dukcapil", "scopes": ["bills:write"]},
        content_type="application/json",
        **headers,
    )


def _add_holiday(client, agency):
    return client.post(
        f"/api/v1/agencies/{agency.pk}/holidays",
        {"date": "2026-12-01", "name": "Hari jadi desa"},
        content_type="application/json",
    )


def test_an_admin_without_totp_cannot_mint_a_token_by_adding_a_bearer_header(api_client):
    agency = make_agency()
    api_client.force_login(make_staff(agency, Role.AGENCY_ADMIN, with_mfa=False))
    response = _mint(api_client, agency, **BOGUS_BEARER)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "mfa_required"
    assert not ApiToken.objects.exists()


def test_an_admin_with_totp_mints_a_token_even_with_a_stray_bearer_header(api_client):
    agency = make_agency()
    api_client.force_login(make_staff(agency, Role.AGENCY_ADMIN))  # with TOTP
    response = _mint(api_client, agency, **BOGUS_BEARER)
    assert response.status_code == 201, response.content
    assert response.json()["token"].startswith("padu_")
    assert list(ApiToken.objects.values_list("name", "scopes")) == [("Dukcapil", ["bills:write"])]


def test_a_superuser_without_totp_is_sent_to_set_it_up_on_console_and_admin(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    for page in ("/konsol/", "/admin/", "/admin/accounts/citizenprofile/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == reverse("portal:mfa_required"), page


def test_a_superuser_without_totp_changes_nothing_through_the_api(api_client):
    agency = make_agency()
    api_client.force_login(make_user(is_staff=True, is_superuser=True))
    response = _add_holiday(api_client, agency)
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert not AgencyHoliday.objects.exists()
    assert api_client.get(f"/api/v1/agencies/{agency.pk}/staff").status_code == 200  # reads stay open


def test_a_superuser_with_totp_gets_through_everywhere(api_client):
    agency = make_agency()
    api_client.force_login(give_totp(make_user(is_staff=True, is_superuser=True)))
    assert api_client.get("/konsol/").status_code == 200
    assert api_client.get("/admin/").status_code == 200
    response = _add_holiday(api_client, agency)
    assert response.status_code == 201, response.content
    assert list(AgencyHoliday.objects.values_list("name", flat=True)) == ["Hari jadi desa"]


def test_a_user_with_admin_access_needs_totp_for_the_admin(client):
    staff = make_user(is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/")["Location"] == reverse("portal:mfa_required")
    give_totp(staff)
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_form_sends_people_to_the_sites_login_with_its_second_factor(client):
    staff = give_totp(make_user(email="admin@example.id", is_staff=True, is_superuser=True))
    page = client.get("/admin/login/?next=/admin/")
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_login"))
    # The admin's own password form no longer signs anyone in (it would skip the TOTP step).
    client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": "rahasia-Padu-2026"})
    assert "_auth_user_id" not in client.session
