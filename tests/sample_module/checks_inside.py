"""Run by tests/test_adding_a_module.py under tests/sample_module/settings.py (the test settings
plus one line installing the notice board). Everything here is found through the manifest."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from padu.accounts.models import User
from padu.core.models import Agency
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from tests import web_factories as f
from tests.factories import load_regions
from tests.sample_module.models import Notice

pytestmark = pytest.mark.django_db


def _admin(client, agency: Agency) -> User:
    user = f.staff(agency, Role.AGENCY_ADMIN)
    f.with_totp(user)
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    return user


def test_its_console_page_is_in_the_menu_and_posts_a_notice(client):
    f.regions()
    agency = f.agency()
    user = _admin(client, agency)
    overview = client.get("/konsol/").content.decode()
    assert 'href="/konsol/papan/"' in overview and "Papan pengumuman" in overview
    response = client.post("/konsol/papan/", {"title": "Posyandu Sabtu"})
    assert response.status_code == 302
    assert list(Notice.objects.values_list("title", "author")) == [("Posyandu Sabtu", user.pk)]
    # Bad input: an empty title is refused on the form, and nothing is stored.
    response = client.post("/konsol/papan/", {"title": "   "})
    assert response.status_code == 200 and Notice.objects.count() == 1


def test_its_menu_entry_is_hidden_from_those_it_does_not_serve(client):
    f.regions()
    agency = f.agency()
    client.force_login(f.staff(agency, Role.FRONT_DESK))
    assert 'href="/konsol/papan/"' not in client.get("/konsol/").content.decode()


def test_its_public_page_lists_the_agencys_notices(client):
    f.regions()
    agency = f.agency()
    Notice.objects.create(agency=agency, author=f.staff(agency, Role.FRONT_DESK), title="Kerja bakti")
    response = client.get(f"/papan/{agency.slug}/")
    assert response.status_code == 200 and "Kerja bakti" in response.content.decode()


def test_its_section_is_in_the_persons_data_export(client):
    f.regions()
    agency = f.agency()
    user = _admin(client, agency)
    client.post("/konsol/papan/", {"title": "Rapat RT"})
    export = json.loads(client.get("/akun/ekspor/").content)
    assert export["sample_notices"] == [{"agency": agency.name, "title": "Rapat RT"}]
    assert user.email  # the export is the signed-in person's


def test_the_demo_runs_its_seeder_after_the_accounts(capsys):
    from padu.accounts.demo import AGENCIES, CITIZENS

    load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
    call_command("demo", "--skip-regions")
    assert list(Notice.objects.values_list("agency__slug", "title")) == [
        ("desa-cileunyi-kulon", "Kerja bakti Minggu pagi di balai desa")
    ]
    assert "1 notices created" in capsys.readouterr().out
