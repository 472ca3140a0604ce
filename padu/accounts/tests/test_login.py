import pytest
from django.urls import reverse

from padu.core.roles import Role
from tests.factories import give_totp, make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "rahasia-Padu-2026"


def _login(client, login, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_login_with_email(client):
    user = make_user(email="warga@example.id")
    response = _login(client, "warga@example.id")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_with_phone_in_any_common_form(client):
    user = make_user(phone="+6281234567890")
    response = _login(client, "0812-3456-7890")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused(client):
    make_user(email="warga@example.id")
    response = _login(client, "warga@example.id", "salah")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_out(client, settings):
    make_user(email="warga@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "warga@example.id", "salah")
    locked = _login(client, "warga@example.id")  # even the right password
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_signer_without_two_factors_is_sent_to_set_them_up(client):
    agency = make_agency()
    signer = make_staff(agency, Role.SIGNER, with_mfa=False)
    client.force_login(signer)
    response = client.get("/konsol/")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:mfa_required")


def test_a_verifier_needs_no_second_factor(client):
    agency = make_agency()
    client.force_login(make_staff(agency, Role.VERIFIER))
    assert client.get("/konsol/").status_code == 200


def test_a_signer_with_totp_enters_the_console(client):
    agency = make_agency()
    signer = give_totp(make_staff(agency, Role.SIGNER, with_mfa=False))
    client.force_login(signer)
    assert client.get("/konsol/").status_code == 200


def test_a_signer_without_two_factors_cannot_act_through_the_api(api_client):
    agency = make_agency()
    api_client.force_login(make_staff(agency, Role.SIGNER, with_mfa=False))
    response = api_client.post(
        f"/api/v1/agencies/{agency.pk}/holidays", {"date": "2026-12-01", "name": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert api_client.get(f"/api/v1/agencies/{agency.pk}/staff").status_code == 200
