"""Public and account pages: they render, and bad input changes nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from padu.accounts.models import BusinessProfile, CitizenProfile
from padu.accounts.services import citizen_profile_save
from padu.core.actors import Actor
from tests import web_factories as f

pytestmark = pytest.mark.django_db


def test_home_renders_for_anonymous_with_picker_and_agencies(client):
    f.agency()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="region_1"' in html
    assert "Jawa Barat" in html
    assert "Desa Cileunyi Kulon" in html
    assert 'id="main"' in html and "skip-link" in html


def test_home_region_choice_shows_children_and_filters(client):
    f.agency()
    f.agency("Desa Cimenyan", region_code="32.04.06.2001")
    html = client.get("/", {"region_1": "32", "region_2": "32.04", "region_3": "32.04.05"}).content.decode()
    assert 'name="region_code"' in html
    assert "Cileunyi Wetan" in html
    assert "Desa Cileunyi Kulon" in html
    assert "Desa Cimenyan" not in html.split('id="results"')[1]


def test_picker_ignores_inconsistent_levels(client):
    f.regions()
    html = client.get("/", {"region_1": "33", "region_2": "32.04"}).content.decode()
    assert "Kabupaten Cilacap" in html
    assert 'name="region_3"' not in html


def test_region_picker_fragment(client):
    f.regions()
    response = client.get(reverse("portal:region_picker"), {"region_1": "32"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Kabupaten Bandung" in html


def test_agency_page_and_unknown_agency(client):
    parent = f.agency("Kecamatan Cileunyi", region_code="32.04.05", kind="kecamatan", address="Jl. Raya 1")
    child = f.agency("Desa Cileunyi Kulon", parent=parent)
    html = client.get(reverse("portal:agency", args=[parent.slug])).content.decode()
    assert "Jl. Raya 1" in html and child.name in html
    assert client.get("/instansi/tidak-ada/").status_code == 404


def test_language_switch_changes_text_and_returns_to_the_page(client):
    client.get("/layanan/?q=surat")
    response = client.get("/bahasa/en/", {"next": "/layanan/?q=surat"})
    assert response.status_code == 302 and response["Location"] == "/layanan/?q=surat"
    html = client.get(response["Location"]).content.decode()
    assert 'lang="en"' in html and "Find the service you need" in html
    assert 'href="/bahasa/id/?next=/layanan/%3Fq%3Dsurat"' in html
    html = client.get("/bahasa/id/", {"next": "/"}, follow=True).content.decode()
    assert 'lang="id"' in html


def test_language_switch_refuses_other_sites_and_unknown_languages(client):
    response = client.get("/bahasa/en/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/bahasa/fr/").status_code == 404
    assert client.post("/bahasa/en/").status_code == 405


def test_account_requires_login(client):
    response = client.get(reverse("portal:account"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_login_and_signup_pages_use_our_layout(client):
    for name in ("account_login", "account_signup", "account_reset_password"):
        html = client.get(reverse(name)).content.decode()
        assert "skip-link" in html, name
        assert "site-footer" in html, name


def test_login_with_bad_password_shows_error_summary(client):
    f.user()
    html = client.post(reverse("account_login"), {"login": "warga@example.id", "password": "salah"}).content.decode()
    assert "error-summary" in html


def test_account_page_shows_masked_nik_and_access_log(client):
    person = f.user()
    f.regions()
    citizen_profile_save(
        actor=Actor(user=person),
        user=person,
        nik=f.NIK,
        name="Siti Warga",
        birth_place="Bandung",
        birth_date=__import__("datetime").date(1990, 8, 17),
        region_code=f.VILLAGE,
        street="Jl. Merdeka 5",
    )
    client.force_login(person)
    html = client.get(reverse("portal:account")).content.decode()
    assert f.NIK not in html
    assert person.citizen.nik_masked in html
    assert "Jl. Merdeka 5" in html


def test_profile_form_bad_input_shows_summary_and_saves_nothing(client):
    person = f.user()
    f.regions()
    client.force_login(person)
    response = client.post(
        reverse("portal:profile_edit"),
        {
            "nik": "123",
            "name": "Siti",
            "birth_place": "Bandung",
            "birth_date": f.NIK_BIRTH_DATE,
            "street": "Jl. A",
            "region_1": "32",
            "region_2": "32.04",
            "region_3": "32.04.05",
            "region_code": f.VILLAGE,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert 'href="#id_nik"' in html
    assert "16 digits" in html or "16 digit" in html
    assert not CitizenProfile.objects.exists()


def test_profile_form_missing_village_points_at_picker(client):
    person = f.user()
    f.regions()
    client.force_login(person)
    data = {"nik": f.NIK, "name": "Siti", "birth_place": "Bandung", "birth_date": f.NIK_BIRTH_DATE, "street": "Jl. A"}
    html = client.post(reverse("portal:profile_edit"), data).content.decode()
    assert "error-summary" in html
    assert 'href="#id_region_1"' in html
    assert not CitizenProfile.objects.exists()


def test_profile_form_birth_date_mismatch_is_saved_with_a_notice(client):
    """Dukcapil does not reissue a NIK when a birth date is corrected: saved, to be confirmed."""
    person = f.user()
    f.regions()
    client.force_login(person)
    client.cookies["django_language"] = "en"
    data = {
        "nik": f.NIK,
        "name": "Siti",
        "birth_place": "Bandung",
        "birth_date": "1991-01-01",
        "street": "Jl. A",
        "region_1": "32",
        "region_2": "32.04",
        "region_3": "32.04.05",
        "region_code": f.VILLAGE,
    }
    response = client.post(reverse("portal:profile_edit"), data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(reverse("portal:account"), 302)]
    assert "The date of birth differs from the one in the NIK" in html  # the notice
    assert "Differs from the NIK: to be confirmed by an officer" in html  # on the profile
    assert CitizenProfile.objects.get().birth_date_check == "to_confirm"


def test_profile_form_choose_button_reveals_next_level_without_saving(client):
    person = f.user()
    f.regions()
    client.force_login(person)
    data = {"nik": f.NIK, "name": "Siti", "region_1": "32", "choose_region": "1"}
    html = client.post(reverse("portal:profile_edit"), data).content.decode()
    assert 'name="region_2"' in html and "Kabupaten Bandung" in html
    assert "error-summary" not in html
    assert f'value="{f.NIK}"' in html
    assert not CitizenProfile.objects.exists()


def test_profile_form_saves(client):
    person = f.user()
    f.regions()
    client.force_login(person)
    data = {
        "nik": f.NIK,
        "name": "Siti Warga",
        "birth_place": "Bandung",
        "birth_date": f.NIK_BIRTH_DATE,
        "street": "Jl. A",
        "region_1": "32",
        "region_2": "32.04",
        "region_3": "32.04.05",
        "region_code": f.VILLAGE,
    }
    response = client.post(reverse("portal:profile_edit"), data)
    assert response.status_code == 302
    assert CitizenProfile.objects.get(user=person).region_id == f.VILLAGE
    # The edit form preselects the saved village.
    html = client.get(reverse("portal:profile_edit")).content.decode()
    assert 'value="32.04.05.2001" selected' in html


def test_business_form_bad_input(client):
    person = f.user()
    f.regions()
    client.force_login(person)
    html = client.post(reverse("portal:business_new"), {"name": "", "nib": "1", "npwp": "2"}).content.decode()
    assert "error-summary" in html
    assert 'href="#id_region_1"' in html  # the missing region is listed with the other errors
    assert not BusinessProfile.objects.exists()


def test_export_is_json_attachment(client):
    person = f.user()
    client.force_login(person)
    response = client.get(reverse("portal:account_export"))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["account"]["email"] == person.email


def test_mfa_required_page(client):
    client.force_login(f.user())
    html = client.get(reverse("portal:mfa_required")).content.decode()
    assert reverse("mfa_activate_totp") in html


def test_mfa_pages_use_our_layout(client):
    client.force_login(f.user())
    for name in ("mfa_index", "mfa_activate_totp"):
        response = client.get(reverse(name))
        assert response.status_code in (200, 302), name
        if response.status_code == 200:
            assert "skip-link" in response.content.decode(), name


def test_404_page_in_layout(client):
    html = client.get("/tidak-ada-halaman/").content.decode()
    assert "skip-link" in html


def test_region_picker_fragment_in_form_hides_nothing_and_keeps_names(client):
    f.regions()
    html = client.get(
        reverse("portal:region_picker"), {"in_form": "1", "region_1": "32", "region_2": "32.04", "region_3": "32.04.05"}
    ).content.decode()
    assert 'name="region_code"' in html
    assert "region-picker__choose--form" in html


def test_error_summary_names_the_field(client):
    client.force_login(f.user())
    f.regions()
    html = client.post(reverse("portal:profile_edit"), {}).content.decode()
    assert "NIK:" in html or "NIK :" in html


def test_500_template_renders_without_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "skip-link" in html and "portal.css" in html


def test_account_page_leads_to_every_kind_of_dealing_with_offices(client):
    client.force_login(f.user())
    html = client.get(reverse("portal:account")).content.decode()
    for name in ("my_applications", "my_bills", "my_complaints", "my_ppid_requests"):
        assert f'href="{reverse(f"portal:{name}")}"' in html, name
