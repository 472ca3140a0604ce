"""A NIK answered in an application is stored encrypted (finding 7 of the security review),
yet the officer reads it in the console and through the API as before."""

import json

import pytest
from django.db import connection
from django.urls import reverse

from padu.core.crypto import SEALED_PREFIX, is_sealed, unseal
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from padu.services.models import Application
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
NIK = str(GOOD_ANSWERS["nik"])


@pytest.fixture
def desk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    village = make_agency()
    version = make_service(village)
    citizen = make_citizen(female=True).user
    verifier = make_staff(village, Role.VERIFIER)
    return village, version, citizen, verifier


def _raw_row(pk: int) -> str:
    """The application's row straight from the database, every column as text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM services_application WHERE id = %s", [pk])
        row = cursor.fetchone()
    return " ".join(v if isinstance(v, str) else json.dumps(v, default=str) for v in row)


def test_a_submitted_nik_is_stored_encrypted_and_shown_to_the_officer(client, desk):
    village, _version, citizen, verifier = desk
    client.force_login(citizen)
    started = client.post(
        "/api/v1/applications",
        {"agency": village.slug, "service": "surat-keterangan-domisili", "answers": GOOD_ANSWERS},
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    assert started.json()["answers"] == GOOD_ANSWERS  # the applicant gets back what they sent
    pk = started.json()["id"]
    submitted = client.post(f"/api/v1/applications/{pk}/actions", {"action": "submit"}, content_type="application/json")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["answers"]["nik"] == NIK

    row = _raw_row(pk)
    assert NIK not in row and SEALED_PREFIX in row
    stored = Application.objects.filter(pk=pk).values_list("answers", flat=True).get()
    assert is_sealed(stored["nik"]) and unseal(stored["nik"]) == NIK
    assert {k: v for k, v in stored.items() if k != "nik"} == {k: v for k, v in GOOD_ANSWERS.items() if k != "nik"}

    client.force_login(verifier)
    detail = client.get(f"/api/v1/applications/{pk}")
    assert detail.status_code == 200
    assert detail.json()["answers"] == GOOD_ANSWERS
    session = client.session
    session[SESSION_KEY] = village.pk
    session.save()
    page = client.get(reverse("portal:console_case", args=[pk]))
    assert page.status_code == 200
    assert NIK in page.content.decode()
