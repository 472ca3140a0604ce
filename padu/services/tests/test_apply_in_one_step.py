"""Starting (or revising) an application with its documents and submitting it is one service
step, all or nothing: a refusal at any point leaves no row and no stored file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from padu.core.actors import Actor
from padu.core.errors import InvalidInput
from padu.services.models import Application, ApplicationFile, ApplicationStatus
from padu.services.services import application_apply, application_revise
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from padu.services.tests.test_service_uploads import FILE_FORM
from tests import web_factories as f
from tests.factories import make_citizen, tiny_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("ktp.pdf", tiny_pdf(), content_type="application/pdf")


def _stored_files(media) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.fixture
def setup():
    f.regions()
    version = make_service(f.agency(), form=FILE_FORM)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah")).user
    return version, Actor(user=citizen)


def test_a_refused_document_leaves_no_application_and_no_stored_file(setup, media):
    version, actor = setup
    with pytest.raises(InvalidInput) as caught:
        application_apply(
            actor=actor,
            version=version,
            answers=GOOD_ANSWERS,
            uploads=[("ktp", _pdf()), ("tidak_ada", _pdf())],  # the first is stored, then the second refused
            submit=True,
        )
    assert caught.value.code == "file_field_unknown"
    assert Application.objects.count() == 0 and ApplicationFile.objects.count() == 0
    assert _stored_files(media) == []


def test_the_same_step_with_good_documents_stores_and_submits(setup, media):
    version, actor = setup
    application = application_apply(
        actor=actor, version=version, answers=GOOD_ANSWERS, uploads=[("ktp", _pdf())], submit=True
    )
    assert application.status == ApplicationStatus.IN_REVIEW
    assert list(application.files.values_list("field", flat=True)) == ["ktp"]
    assert len(_stored_files(media)) == 1


def test_a_refused_revision_keeps_the_draft_as_it_was(setup, media):
    version, actor = setup
    draft = application_apply(actor=actor, version=version, answers=GOOD_ANSWERS, uploads=[("ktp", _pdf())])
    before = _stored_files(media)
    changed = {**GOOD_ANSWERS, "keperluan": "Mendaftar sekolah"}
    with pytest.raises(InvalidInput):
        application_revise(
            actor=actor, application=draft, answers=changed, uploads=[("tidak_ada", _pdf())], action="submit"
        )
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.answers["keperluan"] == "Melamar kerja"
    assert _stored_files(media) == before
    # Owner control: the same revision without the bad document goes through and submits.
    revised = application_revise(actor=actor, application=draft, answers=changed, action="submit")
    assert revised.status == ApplicationStatus.IN_REVIEW and revised.answers["keperluan"] == "Mendaftar sekolah"
