"""Uploading documents in the apply and my-application forms; staff download them from the case."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.services.models import Application, ApplicationFile, ApplicationStatus
from padu.services.tests.factories import FORM, make_service
from padu.services.tests.test_service_pages import GOOD_POST, _apply_url, _officer
from tests import web_factories as f
from tests.factories import make_citizen, tiny_pdf

PDF = tiny_pdf()

pytestmark = pytest.mark.django_db

FILE_FORM = {
    "fields": [
        *FORM["fields"],
        {"name": "ktp", "type": "file", "label": {"id": "Foto KTP", "en": "ID card photo"}},
        {
            "name": "pengantar_rt",
            "type": "file",
            "label": "Surat pengantar RT/RW",
            "required": False,
            "accept": ["application/pdf"],
        },
    ]
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def setup():
    agency = f.agency()
    version = make_service(agency, form=FILE_FORM)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah")).user
    return agency, version, citizen


def _pdf(name="ktp.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_the_form_asks_for_files(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    body = client.get(_apply_url(version)).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'type="file" name="ktp"' in body and 'accept="application/pdf,image/jpeg,image/png"' in body
    assert 'accept="application/pdf"' in body
    assert "PDF, JPG or PNG, at most 5.0" in body


def test_apply_with_a_file_and_submit(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    response = client.post(_apply_url(version), {**GOOD_POST, "ktp": _pdf(), "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get(applicant=citizen)
    assert application.status == ApplicationStatus.IN_REVIEW
    stored = ApplicationFile.objects.get(application=application)
    assert (stored.field, stored.original_name, stored.content_type) == ("ktp", "ktp.pdf", "application/pdf")
    body = client.get(response["Location"]).content.decode()
    assert "ktp.pdf" in body
    download = client.get(reverse("portal:my_application_file", args=[stored.pk]))
    assert b"".join(download.streaming_content) == stored.file.read()


def test_html_named_pdf_is_refused_at_the_field_and_nothing_is_kept(client, setup, media):
    _agency, version, citizen = setup
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    html = _pdf(data=b"<html><script>alert(1)</script></html>")
    response = client.post(_apply_url(version), {**GOOD_POST, "ktp": html, "submit": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_ktp_error"' in body and 'href="#id_ktp"' in body
    assert "The file must be one of: PDF, JPG, PNG." in body
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_required_file_missing_at_submit_is_shown_at_the_field(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    response = client.post(_apply_url(version), {**GOOD_POST, "submit": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ktp_error"' in body and "Answer this question." in body
    assert not Application.objects.exists()


def test_draft_then_upload_remove_and_submit(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    response = client.post(_apply_url(version), {**GOOD_POST, "save": "1"})
    application = Application.objects.get(applicant=citizen)
    url = reverse("portal:my_application", args=[application.pk])
    client.post(url, {**GOOD_POST, "action": "save", "ktp": _pdf(), "pengantar_rt": _pdf("rt.pdf")})
    assert ApplicationFile.objects.filter(application=application).count() == 2
    body = client.get(url).content.decode()
    assert "rt.pdf" in body and 'name="remove_file"' in body
    rt = ApplicationFile.objects.get(field="pengantar_rt")
    response = client.post(url, {**GOOD_POST, "remove_file": str(rt.pk)})
    assert response.status_code == 302
    assert list(ApplicationFile.objects.values_list("field", flat=True)) == ["ktp"]
    response = client.post(url, {**GOOD_POST, "action": "submit"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    # After submission the form is gone: no more uploads.
    assert client.post(url, {**GOOD_POST, "action": "save", "ktp": _pdf()}).status_code == 404


def test_staff_download_from_the_case_is_logged_and_kept_to_the_agency(client, setup):
    agency, version, citizen = setup
    client.force_login(citizen)
    client.post(_apply_url(version), {**GOOD_POST, "ktp": _pdf(), "submit": "1"})
    application = Application.objects.get(applicant=citizen)
    stored = ApplicationFile.objects.get()
    officer = _officer(agency, Role.VERIFIER, "verifikator@example.id", client)
    body = client.get(reverse("portal:console_case", args=[application.pk])).content.decode()
    link = reverse("portal:console_case_file", args=[stored.pk])
    assert link in body and "ktp.pdf" in body
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored.file.read()
    assert response["Content-Disposition"].startswith("attachment")
    assert PersonalDataAccess.objects.filter(
        subject=citizen, viewer=officer, purpose__contains=application.tracking_number, fields=["ktp"]
    ).exists()

    other = f.agency("Desa Cimenyan", region_code="32.04.06.2001")
    _officer(other, Role.VERIFIER, "lain@example.id", client)
    assert client.get(link).status_code == 404
    client.force_login(make_citizen(f.user("budi@example.id", full_name="Budi")).user)
    assert client.get(link).status_code == 404
    assert client.get(reverse("portal:my_application_file", args=[stored.pk])).status_code == 404
