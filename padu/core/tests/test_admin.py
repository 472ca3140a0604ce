import pytest

from padu.core.models import Agency, AuditEvent, PersonalDataAccess
from tests.factories import load_regions, make_agency, make_citizen, make_user

pytestmark = pytest.mark.django_db


def test_a_superuser_creates_an_agency_in_the_admin_through_the_service(client):
    parent = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05")
    load_regions(["32.04.05.2003"])
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/core/agency/add/",
        {
            "slug": "desa-cimekar",
            "name": "Pemerintah Desa Cimekar",
            "kind": "desa",
            "region": "32.04.05.2003",
            "parent": parent.pk,
            "time_zone": "Asia/Jakarta",
            "settings": "{}",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    agency = Agency.objects.get(slug="desa-cimekar")
    assert agency.tree_path == f"{parent.tree_path}{agency.pk}/"
    assert agency.level == 4
    assert AuditEvent.objects.filter(agency_id=agency.pk, verb="agency.created").exists()


def test_the_audit_trail_is_read_only_in_the_admin(client):
    make_agency()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    event = AuditEvent.objects.get(verb="agency.created")
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_superuser_viewing_a_citizen_is_logged_for_the_citizen(client):
    citizen = make_citizen()
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(f"/admin/accounts/citizenprofile/{citizen.pk}/change/")
    assert page.status_code == 200
    assert citizen.nik_masked in page.content.decode()
    assert citizen.nik not in page.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.viewer, access.subject) == (admin, citizen.user)
