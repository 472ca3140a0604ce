"""Uploaded documents: sniffed by content, limited by the form, kept to those who may read the case."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from padu.core.actors import Actor
from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.services.models import ApplicationFile
from padu.services.services import application_act, application_file_attach, application_start
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests.factories import give_totp, make_agency, make_citizen, make_staff, tiny_image, tiny_pdf

PDF = tiny_pdf()
PNG = tiny_image()

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><script>alert(1)</script>"
FILE_FORM = {
    "fields": [
        *FORM["fields"],
        {"name": "ktp", "type": "file", "label": {"id": "KTP", "en": "ID card"}},
        {
            "name": "pengantar_rt",
            "type": "file",
            "label": "Surat pengantar RT/RW",
            "required": False,
            "accept": ["application/pdf"],
            "max_size": 1024,
        },
    ]
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(db):
    village = make_agency()
    version = make_service(village, form=FILE_FORM)
    citizen = make_citizen(female=True).user
    application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    return village, version, citizen, application


def _upload(client, user, application_id, field, name, data, content_type="application/pdf"):
    client.force_login(user)
    return client.post(
        f"/api/v1/applications/{application_id}/files",
        {"field": field, "file": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def test_a_pdf_and_a_png_are_accepted_with_their_hash(client, desk):
    _, _, citizen, application = desk
    response = _upload(client, citizen, application.pk, "ktp", "ktp.pdf", PDF)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "application/pdf"
    # The hash and size are the stored file's (written anew without its metadata).
    kept = ApplicationFile.objects.get(pk=body["id"]).file.read()
    assert kept.startswith(b"%PDF-")
    assert body["sha256"] == hashlib.sha256(kept).hexdigest() and body["size"] == len(kept)
    # A PNG replaces it, judged by content although the browser called it a PDF.
    again = _upload(client, citizen, application.pk, "ktp", "foto.png", PNG, content_type="application/pdf")
    assert again.status_code == 201 and again.json()["content_type"] == "image/png"
    assert ApplicationFile.objects.filter(application=application).count() == 1
    stored = ApplicationFile.objects.get(application=application)
    name = str(stored.file.name)
    assert name.startswith(f"applications/{application.pk}/") and "foto" not in name
    listed = client.get(f"/api/v1/applications/{application.pk}/files").json()
    assert [f["name"] for f in listed] == ["foto.png"]


def test_html_named_pdf_is_refused(client, desk):
    _, _, citizen, application = desk
    response = _upload(client, citizen, application.pk, "ktp", "ktp.pdf", HTML)
    assert response.status_code == 400
    assert response.json()["code"] == "file_type_not_allowed" and "ktp" in response.json()["errors"]
    assert not ApplicationFile.objects.exists()


def test_type_outside_the_fields_accept_list_is_refused(client, desk):
    _, _, citizen, application = desk
    response = _upload(client, citizen, application.pk, "pengantar_rt", "rt.png", PNG)
    assert response.json()["code"] == "file_type_not_allowed"


def test_oversize_and_empty_files_are_refused(client, desk, settings, tmp_path):
    _, _, citizen, application = desk
    too_big = _upload(client, citizen, application.pk, "pengantar_rt", "rt.pdf", PDF + b"x" * 2000)
    assert too_big.status_code == 413 and too_big.json()["code"] == "file_too_large"
    over_cap = _upload(client, citizen, application.pk, "ktp", "big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert over_cap.status_code == 413 and over_cap.json()["errors"]["ktp"]
    empty = _upload(client, citizen, application.pk, "ktp", "kosong.pdf", b"")
    assert empty.status_code == 400 and empty.json()["code"] == "file_empty"
    assert not ApplicationFile.objects.exists()
    assert not list((tmp_path / "media").rglob("*.pdf"))


def test_unknown_or_non_file_question_is_refused(client, desk):
    _, _, citizen, application = desk
    assert _upload(client, citizen, application.pk, "nama", "a.pdf", PDF).json()["code"] == "file_field_unknown"
    assert _upload(client, citizen, application.pk, "tidak_ada", "a.pdf", PDF).status_code == 400


def test_upload_to_someone_elses_application_is_404(client, desk):
    _, _, _, application = desk
    other = make_citizen(village="32.04.05.2002", district="32.04.05").user
    response = _upload(client, other, application.pk, "ktp", "ktp.pdf", PDF)
    assert response.status_code == 404
    assert not ApplicationFile.objects.exists()


def test_upload_after_submission_is_409(client, desk):
    _, _, citizen, application = desk
    assert _upload(client, citizen, application.pk, "ktp", "ktp.pdf", PDF).status_code == 201
    application_act(actor=Actor(user=citizen), application=application, action="submit")
    response = _upload(client, citizen, application.pk, "ktp", "ktp2.pdf", PDF)
    assert response.status_code == 409 and response.json()["code"] == "not_editable"
    file_id = ApplicationFile.objects.get().pk
    assert client.delete(f"/api/v1/files/{file_id}").status_code == 409


def test_required_file_missing_at_submit_is_an_error_at_the_field(client, desk):
    _, _, citizen, application = desk
    client.force_login(citizen)
    response = client.post(
        f"/api/v1/applications/{application.pk}/actions",
        {"action": "submit"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"ktp": ["Answer this question."]}
    _upload(client, citizen, application.pk, "ktp", "ktp.pdf", PDF)
    done = client.post(
        f"/api/v1/applications/{application.pk}/actions", {"action": "submit"}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["answers"]["ktp"] == ApplicationFile.objects.get().pk


def test_the_applicant_can_remove_a_draft_file(client, desk):
    _, _, citizen, application = desk
    file_id = _upload(client, citizen, application.pk, "ktp", "ktp.pdf", PDF).json()["id"]
    other = make_citizen(village="32.04.05.2002", district="32.04.05").user
    client.force_login(other)
    assert client.delete(f"/api/v1/files/{file_id}").status_code == 404
    client.force_login(citizen)
    assert client.delete(f"/api/v1/files/{file_id}").status_code == 204
    assert not ApplicationFile.objects.exists()


def test_staff_download_is_logged_and_others_get_404(client, desk):
    village, _, citizen, application = desk
    file_id = _upload(client, citizen, application.pk, "ktp", "ktp.pdf", PDF).json()["id"]
    application_act(actor=Actor(user=citizen), application=application, action="submit")
    kept = ApplicationFile.objects.get(pk=file_id).file.read()
    own = client.get(f"/api/v1/files/{file_id}")
    assert own.status_code == 200 and b"".join(own.streaming_content) == kept
    assert not PersonalDataAccess.objects.exists()  # the applicant's own look is not logged

    verifier = make_staff(village, Role.VERIFIER)
    client.force_login(verifier)
    response = client.get(f"/api/v1/files/{file_id}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == kept
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    access = PersonalDataAccess.objects.get()
    assert access.subject_id == citizen.pk and access.viewer_id == verifier.pk
    assert application.tracking_number in access.purpose

    other_agency = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    admin_b = make_staff(other_agency, Role.AGENCY_ADMIN)
    give_totp(admin_b)
    client.force_login(admin_b)
    assert client.get(f"/api/v1/files/{file_id}").status_code == 404
    other = make_citizen(village="32.04.05.2002", district="32.04.05").user
    client.force_login(other)
    assert client.get(f"/api/v1/files/{file_id}").status_code == 404
    assert client.get(f"/api/v1/applications/{application.pk}/files").status_code == 404
    assert PersonalDataAccess.objects.count() == 1


def test_the_service_refuses_a_file_for_a_hidden_question(desk):
    _, version, citizen, application = desk
    form = {
        "fields": [
            {"name": "punya_kk", "type": "yesno", "label": "KK?"},
            {"name": "kk", "type": "file", "label": "KK", "show_if": {"field": "punya_kk", "equals": True}},
        ]
    }
    version.form = form
    version.save()
    application.answers = {"punya_kk": False}
    application.save()
    from padu.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        application_file_attach(
            actor=Actor(user=citizen), application=application, field="kk", upload=SimpleUploadedFile("kk.pdf", PDF)
        )
