import pytest

from padu.accounts.models import BusinessProfile
from tests.factories import load_regions, make_user

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "CV Maju Bersama",
    "nib": "9120001234567",
    "npwp": "01.234.567.8-901.000",
    "legal_form": "CV",
    "region_code": "32.04.05.2001",
    "street": "Jl. Cibiru No. 5",
}


@pytest.fixture
def owner_client(client):
    load_regions()
    user = make_user()
    client.force_login(user)
    return client, user


def test_a_business_is_registered_with_nib_and_npwp(owner_client):
    client, user = owner_client
    response = client.post("/api/v1/me/businesses", GOOD, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["npwp"] == "0012345678901000"
    assert list(BusinessProfile.objects.get().members.all()) == [user]
    assert [b["nib"] for b in client.get("/api/v1/me/businesses").json()] == ["9120001234567"]


@pytest.mark.parametrize(
    ("change", "code"),
    [({"nib": "12345"}, "nib_invalid"), ({"npwp": "99"}, "npwp_invalid"), ({"region_code": "00"}, "region_invalid")],
)
def test_bad_business_data_is_refused(owner_client, change, code):
    client, _ = owner_client
    response = client.post("/api/v1/me/businesses", {**GOOD, **change}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not BusinessProfile.objects.exists()


def test_a_nib_is_registered_once(owner_client):
    client, _ = owner_client
    client.post("/api/v1/me/businesses", GOOD, content_type="application/json")
    again = client.post("/api/v1/me/businesses", GOOD, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "nib_taken"
