"""Signed letters hold their subject's name, NIK, birth date and address: an API token reads
them only with `documents:read`, and every download by staff or a token lands in the
subject's personal-data access log, naming the token and the person who created it."""

from __future__ import annotations

import hashlib

import pytest
from django.utils.translation import gettext

from padu.core.actors import OPERATOR
from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.core.services import api_token_create
from padu.documents import subjects
from padu.documents.subjects import LetterSubject
from tests.factories import actor_for, make_citizen, make_staff

pytestmark = pytest.mark.django_db

FIELDS = ("name", "nik", "birth_date", "address")


@pytest.fixture
def letter(issue, monkeypatch):
    """A letter about a citizen, whose subject a source above (here: the test) knows."""
    document = issue()
    citizen = make_citizen().user
    monkeypatch.setitem(
        subjects._sources,
        "test",
        lambda ids: {document.pk: LetterSubject(citizen.pk, FIELDS)} if document.pk in ids else {},
    )
    return document, citizen


def _token(agency, scopes, *, by=None):
    actor = actor_for(by) if by is not None else OPERATOR
    token, raw = api_token_create(actor=actor, agency=agency, name="SIAK Kabupaten", scopes=scopes)
    return token, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _pdf_url(document):
    return f"/api/v1/agencies/{document.agency_id}/documents/{document.pk}/pdf"


def test_a_token_with_only_agencies_read_gets_no_letter_and_no_list(client, agency, letter):
    document, _citizen = letter
    _token_row, auth = _token(agency, ["agencies:read"])
    response = client.get(_pdf_url(document), **auth)
    assert response.status_code == 403 and response.json()["code"] == "token_scope_missing"
    listed = client.get(f"/api/v1/agencies/{agency.pk}/documents", **auth)
    assert listed.status_code == 403 and listed.json()["code"] == "token_scope_missing"
    assert not PersonalDataAccess.objects.exists()


def test_a_token_with_documents_read_gets_the_pdf_and_the_subject_sees_who(client, agency, letter):
    document, citizen = letter
    admin = make_staff(agency, Role.AGENCY_ADMIN, full_name="Rina Kartika")
    token, auth = _token(agency, ["documents:read"], by=admin)

    listed = client.get(f"/api/v1/agencies/{agency.pk}/documents", **auth)
    assert listed.status_code == 200 and [d["number"] for d in listed.json()] == [document.number]
    assert not PersonalDataAccess.objects.exists()  # the register shows no personal data

    response = client.get(_pdf_url(document), **auth)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256

    access = PersonalDataAccess.objects.get()
    assert access.subject == citizen
    assert access.token == token and access.viewer == admin
    assert access.agency == agency
    assert access.fields == list(FIELDS)
    # In the language the request ran in (Indonesian without Accept-Language), as it was stored.
    assert access.purpose == gettext("Downloading letter %(number)s") % {"number": document.number}
    assert access.viewer_label == gettext("API token %(prefix)s (%(owner)s)") % {
        "prefix": token.prefix,
        "owner": "Rina Kartika",
    }
    assert token.prefix in access.viewer_label and "Rina Kartika" in access.viewer_label


def test_a_token_made_at_the_command_line_is_named_without_an_owner(client, agency, letter):
    document, citizen = letter
    token, auth = _token(agency, ["documents:read"])
    assert client.get(_pdf_url(document), **auth).status_code == 200
    access = PersonalDataAccess.objects.get(subject=citizen)
    assert access.token == token and access.viewer is None
    assert access.viewer_label == gettext("API token %(prefix)s") % {"prefix": token.prefix}


def test_a_token_of_another_agency_gets_nothing(client, agency, letter):
    from tests.factories import make_agency

    document, _citizen = letter
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    _token_row, auth = _token(other, ["documents:read"])
    assert client.get(_pdf_url(document), **auth).status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_a_staff_download_is_logged_with_the_officer(client, agency, letter):
    document, citizen = letter
    clerk = make_staff(agency, Role.VERIFIER, full_name="Dedi Kurniawan")
    client.force_login(clerk)
    assert client.get(_pdf_url(document)).status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.token) == (citizen, clerk, None)
    assert access.viewer_label == "Dedi Kurniawan"


def test_a_letter_about_nobody_known_logs_nothing(client, agency, issue):
    document = issue()
    _token_row, auth = _token(agency, ["documents:read"])
    assert client.get(_pdf_url(document), **auth).status_code == 200
    assert not PersonalDataAccess.objects.exists()
