"""API reads of a case, its files and its letter land in the applicant's personal-data access
log, as the console's case view does (UU PDP); the applicant's own reads do not."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext
from PIL import Image

from padu.core.actors import OPERATOR, Actor
from padu.core.models import Membership, PersonalDataAccess
from padu.core.roles import Role
from padu.core.services import api_token_create, number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.services.letters import LETTER_FIELDS
from padu.services.services import application_act, application_start
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests.factories import actor_for, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


BODY = "<p>Menerangkan bahwa {{ pemohon.nama }}, NIK {{ pemohon.nik }}, berdomisili di {{ pemohon.alamat }}.</p>"


def _purpose(msgid: str, number: str) -> str:
    """The purpose as stored: in the request's language (Indonesian without Accept-Language)."""
    return gettext(msgid) % {"number": number}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(db):
    village = make_agency()
    version = make_service(village)
    citizen = make_citizen(female=True).user
    application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    application = application_act(actor=Actor(user=citizen), application=application, action="submit")
    verifier = make_staff(village, Role.VERIFIER, full_name="Dedi Kurniawan")
    return village, citizen, application, verifier


def test_a_staff_read_of_a_case_is_logged_for_the_applicant(client, case):
    _village, citizen, application, verifier = case
    client.force_login(citizen)
    own = client.get(f"/api/v1/applications/{application.pk}")
    assert own.status_code == 200 and own.json()["answers"]["nik"] == GOOD_ANSWERS["nik"]
    assert not PersonalDataAccess.objects.exists()  # the applicant's own read

    client.force_login(verifier)
    response = client.get(f"/api/v1/applications/{application.pk}")
    assert response.status_code == 200 and response.json()["answers"]["nik"] == GOOD_ANSWERS["nik"]
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.token) == (citizen, verifier, None)
    assert access.agency_id == application.agency_id
    assert access.fields == sorted(GOOD_ANSWERS)
    assert access.purpose == _purpose("Processing application %(number)s", application.tracking_number)


def test_a_stranger_gets_404_and_nothing_is_logged(client, case):
    _village, _citizen, application, _verifier = case
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    client.force_login(make_staff(other, Role.VERIFIER))
    assert client.get(f"/api/v1/applications/{application.pk}").status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_the_case_an_officer_moves_through_the_api_is_logged(client, case):
    _village, citizen, application, verifier = case
    client.force_login(verifier)
    response = client.post(
        f"/api/v1/applications/{application.pk}/actions",
        {"action": "approve", "note": "Berkas lengkap"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["answers"]["nik"] == GOOD_ANSWERS["nik"]
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer) == (citizen, verifier)
    assert access.fields == sorted(GOOD_ANSWERS)


def test_a_staff_read_of_the_uploaded_files_is_logged(client, db):
    village = make_agency()
    form = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "KTP", "en": "ID card"}}]}
    version = make_service(village, form=form)
    citizen = make_citizen().user
    application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    client.force_login(citizen)
    uploaded = client.post(
        f"/api/v1/applications/{application.pk}/files",
        {"field": "ktp", "file": SimpleUploadedFile("ktp.png", _png(), content_type="image/png")},
    )
    assert uploaded.status_code == 201
    assert [f["field"] for f in client.get(f"/api/v1/applications/{application.pk}/files").json()] == ["ktp"]
    application_act(actor=Actor(user=citizen), application=application, action="submit")
    assert not PersonalDataAccess.objects.exists()

    verifier = make_staff(village, Role.VERIFIER)
    client.force_login(verifier)
    listed = client.get(f"/api/v1/applications/{application.pk}/files")
    assert [f["name"] for f in listed.json()] == ["ktp.png"]
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.fields) == (citizen, verifier, ["ktp"])
    assert access.purpose == _purpose("Checking the documents of application %(number)s", application.tracking_number)


# ---- the signed letter ----


@pytest.fixture
def letter(tmp_path, settings, db):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    pki_init()
    village = make_agency()
    number_pattern_set(
        actor=OPERATOR, agency=village, kind="sk-domisili", pattern="[nomor,3]/470/[bulan_romawi]/[tahun]"
    )
    letter_template_save(
        actor=OPERATOR, agency=village, kind="sk-domisili", name="Surat Keterangan Domisili", body=BODY
    )
    version = make_service(village, document_kind="sk-domisili", workflow=[{"role": "signer"}])
    citizen = make_citizen(female=True).user
    kades = make_staff(village, Role.SIGNER, full_name="H. Ujang Suryana")
    Membership.objects.filter(user=kades).update(position="Kepala Desa Cileunyi Kulon")
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    app = application_act(actor=Actor(user=kades), application=app, action="approve")
    assert app.document is not None
    return village, app, citizen


def _token(village, scopes):
    admin = make_staff(village, Role.AGENCY_ADMIN, full_name="Rina Kartika")
    token, raw = api_token_create(actor=actor_for(admin), agency=village, name="SIAK", scopes=scopes)
    return admin, token, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_token_reads_the_letter_only_with_documents_read_and_the_applicant_sees_it(client, letter):
    village, app, citizen = letter
    url = f"/api/v1/agencies/{village.pk}/documents/{app.document.pk}/pdf"

    _admin, _weak, weak_auth = _token(village, ["agencies:read"])
    refused = client.get(url, **weak_auth)
    assert refused.status_code == 403 and refused.json()["code"] == "token_scope_missing"
    assert not PersonalDataAccess.objects.exists()

    admin, token, auth = _token(village, ["documents:read"])
    response = client.get(url, **auth)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == app.document.sha256
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.token, access.viewer) == (citizen, token, admin)
    assert access.fields == [*LETTER_FIELDS, *sorted(GOOD_ANSWERS)] and "nik" in access.fields
    assert access.purpose == _purpose("Downloading letter %(number)s", app.document.number)

    # The applicant's own access log names the token and the person who made it.
    client.force_login(citizen)
    [row] = client.get("/api/v1/me/access-log").json()
    assert row["token"] == token.prefix
    assert token.prefix in row["viewer"] and "Rina Kartika" in row["viewer"]
    page = client.get("/akun/").content.decode()
    assert f"{token.prefix} (Rina Kartika)" in page


def test_the_case_letter_endpoint_needs_documents_read_for_a_token(client, letter):
    village, app, citizen = letter
    url = f"/api/v1/applications/{app.pk}/document"
    _admin, _weak, weak_auth = _token(village, ["agencies:read"])
    refused = client.get(url, **weak_auth)
    assert refused.status_code == 403 and refused.json()["code"] == "token_scope_missing"
    assert not PersonalDataAccess.objects.exists()

    admin, token, auth = _token(village, ["documents:read"])
    response = client.get(url, **auth)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == app.document.sha256
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.token, access.viewer) == (citizen, token, admin)
    assert access.fields == [*LETTER_FIELDS, *sorted(GOOD_ANSWERS)]
    # The token gets the letter, never the case.
    assert client.get(f"/api/v1/applications/{app.pk}", **auth).status_code in (403, 404)

    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    _stranger, _foreign, foreign_auth = _token(other, ["documents:read"])
    missing = client.get(url, **foreign_auth)
    assert missing.status_code == 404 and missing.json()["code"] == "application_not_found"
    assert PersonalDataAccess.objects.count() == 1


def test_a_staff_download_of_the_case_letter_is_logged_and_the_applicants_is_not(client, letter):
    village, app, citizen = letter
    url = f"/api/v1/applications/{app.pk}/document"
    client.force_login(citizen)
    assert client.get(url).status_code == 200
    assert not PersonalDataAccess.objects.exists()

    verifier = make_staff(village, Role.VERIFIER)
    client.force_login(verifier)
    assert client.get(url).status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.token) == (citizen, verifier, None)
    assert access.purpose == _purpose("Downloading letter %(number)s", app.document.number)
