"""The apply form reports every problem in one round: a refused document no longer hides the
empty required questions (and an empty file is the domain's refusal, not the form's)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from padu.core.actors import Actor
from padu.core.errors import InvalidInput
from padu.services.models import Application, ApplicationFile, ApplicationStatus
from padu.services.services import application_apply, application_revise
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from padu.services.tests.test_service_pages import GOOD_POST, _apply_url
from padu.services.tests.test_service_uploads import FILE_FORM
from tests import web_factories as f
from tests.factories import make_citizen, tiny_pdf

pytestmark = pytest.mark.django_db

HTML = b"<html><script>alert(1)</script></html>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def setup():
    agency = f.agency()
    version = make_service(agency, form=FILE_FORM)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah")).user
    return version, citizen


def _file(data: bytes, name: str = "ktp.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _summary_links(body: str) -> list[str]:
    summary = body.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="#(id_[a-z_0-9]+)"', summary)


def test_a_refused_document_and_empty_answers_are_reported_together(client, setup, media):
    version, citizen = setup
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    post = {"nik": GOOD_ANSWERS["nik"], "ktp": _file(HTML), "pengantar_rt": _file(b"", "rt.pdf"), "submit": "1"}
    response = client.post(_apply_url(version), post)
    assert response.status_code == 200
    body = response.content.decode()
    # One round: the wrong document, the empty one and every unanswered required question.
    assert _summary_links(body) == ["id_nama", "id_keperluan", "id_sudah_menikah_0", "id_ktp", "id_pengantar_rt"]
    assert "The file must be one of: PDF, JPG, PNG." in body
    assert body.count("Answer this question.") == 6  # three questions, in the summary and at the field
    assert "The documents you chose were not saved" in body
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]
    # Owner control: the same form, answered and with a real document, goes through at once.
    response = client.post(_apply_url(version), {**GOOD_POST, "ktp": _file(tiny_pdf()), "submit": "1"})
    assert response.status_code == 302
    assert Application.objects.get(applicant=citizen).status == ApplicationStatus.IN_REVIEW


def test_the_service_reports_documents_and_answers_in_one_error(setup, media):
    version, citizen = setup
    actor = Actor(user=citizen)
    with pytest.raises(InvalidInput) as caught:
        application_apply(
            actor=actor,
            version=version,
            answers={"nik": GOOD_ANSWERS["nik"], "nama": "Siti"},
            uploads=[("pengantar_rt", _file(HTML, "rt.pdf"))],
            submit=True,
        )
    assert caught.value.code == "answers_invalid"
    errors = caught.value.errors
    assert sorted(errors) == ["keperluan", "ktp", "pengantar_rt", "sudah_menikah"]
    assert errors["ktp"] == ["Answer this question."]
    assert errors["pengantar_rt"] == ["The file must be one of: PDF."]  # the refusal, not "answer this"
    assert not Application.objects.exists()


def test_a_draft_with_a_refused_document_reports_it_alone(setup, media):
    """Saving a draft checks no answers (a draft may be incomplete); only the document."""
    version, citizen = setup
    with pytest.raises(InvalidInput) as caught:
        application_apply(
            actor=Actor(user=citizen), version=version, answers={}, uploads=[("ktp", _file(b""))], submit=False
        )
    assert caught.value.code == "file_empty" and sorted(caught.value.errors) == ["ktp"]
    assert not Application.objects.exists()


def test_a_revision_reports_everything_at_once_and_keeps_the_draft(setup, media):
    version, citizen = setup
    actor = Actor(user=citizen)
    draft = application_apply(actor=actor, version=version, answers=GOOD_ANSWERS, uploads=[("ktp", _file(tiny_pdf()))])
    with pytest.raises(InvalidInput) as caught:
        application_revise(
            actor=actor,
            application=draft,
            answers={**GOOD_ANSWERS, "keperluan": ""},
            uploads=[("pengantar_rt", _file(HTML, "rt.pdf"))],
            action="submit",
        )
    assert sorted(caught.value.errors) == ["keperluan", "pengantar_rt"]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.answers["keperluan"] == GOOD_ANSWERS["keperluan"]
    assert list(draft.files.values_list("field", flat=True)) == ["ktp"]
