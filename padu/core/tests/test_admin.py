import pytest

from padu.core.models import Agency, AuditEvent, PersonalDataAccess
from tests.factories import give_totp, load_regions, make_agency, make_business, make_citizen, make_user

pytestmark = pytest.mark.django_db


def test_a_superuser_creates_an_agency_in_the_admin_through_the_service(client):
    parent = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05")
    load_regions(["32.04.05.2003"])
    client.force_login(give_totp(make_user(is_staff=True, is_superuser=True)))
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
    client.force_login(give_totp(make_user(is_staff=True, is_superuser=True)))
    event = AuditEvent.objects.get(verb="agency.created")
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_superuser_viewing_a_citizen_is_logged_for_the_citizen(client):
    citizen = make_citizen()
    admin = give_totp(make_user(is_staff=True, is_superuser=True))
    client.force_login(admin)
    page = client.get(f"/admin/accounts/citizenprofile/{citizen.pk}/change/")
    assert page.status_code == 200
    assert citizen.nik_masked in page.content.decode()
    assert citizen.nik not in page.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.viewer, access.subject) == (admin, citizen.user)


def test_admin_pages_showing_people_log_each_person_shown_naming_the_viewer(client):
    first, second = make_citizen(), make_citizen(district="32.04.37", village="32.04.37.2001")
    owner = make_user(full_name="Pemilik Usaha")
    business = make_business(owner)
    admin = give_totp(make_user(is_staff=True, is_superuser=True))
    client.force_login(admin)

    assert client.get(f"/admin/accounts/user/{first.user.pk}/change/").status_code == 200
    assert [(a.viewer, a.subject) for a in PersonalDataAccess.objects.all()] == [(admin, first.user)]
    assert "email" in PersonalDataAccess.objects.get().fields

    PersonalDataAccess.objects.all().delete()
    assert client.get(f"/admin/accounts/businessprofile/{business.pk}/change/").status_code == 200
    assert [(a.viewer, a.subject) for a in PersonalDataAccess.objects.all()] == [(admin, owner)]

    PersonalDataAccess.objects.all().delete()
    listing = client.get("/admin/accounts/citizenprofile/")
    assert listing.status_code == 200 and first.nik_masked in listing.content.decode()
    logged = PersonalDataAccess.objects.all()
    assert {a.subject for a in logged} == {first.user, second.user}
    assert {a.viewer for a in logged} == {admin}
    assert "nik_masked" in logged[0].fields


def test_an_admin_looking_at_their_own_account_is_not_logged(client):
    admin = give_totp(make_user(is_staff=True, is_superuser=True))
    client.force_login(admin)
    assert client.get(f"/admin/accounts/user/{admin.pk}/change/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
    assert not PersonalDataAccess.objects.exists()
