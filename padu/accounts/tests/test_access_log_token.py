"""The person sees, in their access log, which API token read their data and who made it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.translation import gettext

from padu.core.actors import OPERATOR, Actor
from padu.core.roles import Role
from padu.core.services import api_token_create, personal_data_access_record
from tests.factories import actor_for, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db


def test_the_access_log_api_page_and_export_name_the_token_and_its_owner():
    village = make_agency()
    admin = make_staff(village, Role.AGENCY_ADMIN, full_name="Rina Kartika")
    token, _raw = api_token_create(actor=actor_for(admin), agency=village, name="SIAK", scopes=["documents:read"])
    bare, _raw = api_token_create(actor=OPERATOR, agency=village, name="Dasbor", scopes=["documents:read"])
    citizen = make_citizen().user
    for actor in (Actor(token=token), Actor(token=bare)):
        personal_data_access_record(
            actor=actor, subject_id=citizen.pk, agency=village, purpose="Unduh surat", fields=["nik"]
        )
    owned = gettext("API token %(prefix)s (%(owner)s)") % {"prefix": token.prefix, "owner": "Rina Kartika"}
    ownerless = gettext("API token %(prefix)s") % {"prefix": bare.prefix}

    client = Client()
    client.force_login(citizen)
    rows = client.get("/api/v1/me/access-log").json()
    assert {(r["viewer"], r["token"], r["agency"]) for r in rows} == {
        (owned, token.prefix, village.name),
        (ownerless, bare.prefix, village.name),
    }
    page = client.get("/akun/").content.decode()
    assert owned in page and ownerless in page
    exported = client.get("/api/v1/me/export").json()["personal_data_accesses"]
    assert {(r["viewer"], r["token"]) for r in exported} == {(owned, token.prefix), (ownerless, bare.prefix)}
