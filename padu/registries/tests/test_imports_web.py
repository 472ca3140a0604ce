"""The import pages and API: upload, the progress bar, the diff with its tabs, apply with the
officer's consent, discard, the template downloads, and the access log of what was shown."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from padu.registries.imports import import_analyse, import_upload
from padu.registries.imports.template import HEADERS
from padu.registries.models import ImportBatch, ImportStatus, Resident, ResidentAccess
from padu.registries.tests import importfiles as files
from padu.registries.tests.factories import make_family
from tests.factories import actor_for, give_totp, load_regions, make_agency, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def office():
    load_regions(["32.04.05.2001"])
    agency = make_agency()
    return agency, make_staff(agency, Role.REGISTRAR)


def console(user, agency) -> Client:
    give_totp(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies["django_language"] = "en"
    return client


def a_file_with_every_outcome(agency):
    """The register's family (one person changed), one new family, and one bad row."""
    _family, people = make_family(agency, members=3)
    persons = files.register_persons(agency)
    persons[0] = persons[0].replace(occupation="GURU")
    new = files.people(1)
    bad = [files.people(1, start=50, children=0)[0].replace(nik="99")]
    return files.siak_csv(persons + new + bad), people


def test_upload_page_shows_the_formats_and_refuses_a_pdf_at_the_field(office):
    agency, user = office
    client = console(user, agency)
    page = client.get("/konsol/penduduk/impor/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "templat.csv" in text and "templat.xlsx" in text and "SIAK" in text
    bad = client.post(
        "/konsol/penduduk/impor/", {"file": SimpleUploadedFile("surat.pdf", files.pdf_file())}, follow=False
    )
    assert bad.status_code == 400
    assert "error-summary" in bad.content.decode() and "not in a format Padu reads" in bad.content.decode()
    assert ImportBatch.objects.count() == 0


def test_upload_diff_and_apply_through_the_pages(office, django_capture_on_commit_callbacks):
    agency, user = office
    content, people = a_file_with_every_outcome(agency)
    client = console(user, agency)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konsol/penduduk/impor/", {"file": SimpleUploadedFile("siak.csv", content)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/konsol/penduduk/impor/{batch.pk}/"
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    assert {k: batch.counts[k] for k in ("new", "changed", "same", "missing", "invalid")} == {
        "new": 4,
        "changed": 1,
        "same": 2,
        "missing": 0,
        "invalid": 1,
    }
    changed = client.get(f"/konsol/penduduk/impor/{batch.pk}/?hasil=changed").content.decode()
    assert "Occupation: <del>Private employee</del> → <ins>Teacher</ins>" in changed
    assert people[0].nik not in changed and people[0].nik_masked in changed
    # Showing the changed person is logged in their access log.
    assert ResidentAccess.objects.filter(resident=people[0], viewer=user).exists()
    invalid = client.get(f"/konsol/penduduk/impor/{batch.pk}/?hasil=invalid").content.decode()
    assert "16 digits" in invalid or "NIK" in invalid
    # Without the tick, nothing is written.
    refused = client.post(f"/konsol/penduduk/impor/{batch.pk}/", {"action": "apply"})
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    assert Resident.objects.count() == 3
    applied = client.post(f"/konsol/penduduk/impor/{batch.pk}/", {"action": "apply", "without_invalid": "on"})
    assert applied.status_code == 302
    assert Resident.objects.count() == 7
    people[0].refresh_from_db()
    assert people[0].occupation == 65


def test_the_page_shows_a_progress_bar_that_refreshes_while_the_file_is_read(office):
    agency, user = office
    batch = import_upload(
        actor=actor_for(user), agency=agency, name="besar.csv", content=files.siak_csv(files.people(1))
    )
    ImportBatch.objects.filter(pk=batch.pk).update(rows_total=20000, rows_done=5000)
    text = console(user, agency).get(f"/konsol/penduduk/impor/{batch.pk}/").content.decode()
    assert '<progress id="progress" max="20000" value="5000">' in text
    assert '<meta http-equiv="refresh" content="2">' in text
    import_analyse(batch.pk)
    text = console(user, agency).get(f"/konsol/penduduk/impor/{batch.pk}/").content.decode()
    assert "<progress" not in text and 'http-equiv="refresh"' not in text


def test_discard_from_the_page_and_the_front_desk_is_refused(office):
    agency, user = office
    batch = import_upload(actor=actor_for(user), agency=agency, name="x.csv", content=files.siak_csv(files.people(1)))
    import_analyse(batch.pk)
    desk = console(make_staff(agency, Role.FRONT_DESK), agency)
    assert desk.get(f"/konsol/penduduk/impor/{batch.pk}/").status_code == 403
    assert desk.post(f"/konsol/penduduk/impor/{batch.pk}/", {"action": "discard"}).status_code == 403
    assert desk.get("/konsol/penduduk/impor/").status_code == 403
    response = console(user, agency).post(f"/konsol/penduduk/impor/{batch.pk}/", {"action": "discard"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED


def test_the_template_downloads_are_the_documented_columns_with_one_example(office):
    agency, user = office
    client = console(user, agency)
    text = client.get("/konsol/penduduk/impor/templat.csv").content.decode()
    header, example = text.strip().splitlines()
    assert tuple(header.split(",")) == HEADERS and example.startswith("3204051403800001,")
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(io.BytesIO(client.get("/konsol/penduduk/impor/templat.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(rows) == 2
    # The example itself imports cleanly.
    batch = import_upload(actor=actor_for(user), agency=agency, name="t.csv", content=text.encode())
    import_analyse(batch.pk)
    batch.refresh_from_db()
    assert (batch.format, batch.counts["new"], batch.counts["invalid"]) == ("padu", 1, 0)


def test_the_api_uploads_lists_reads_rows_applies_and_refuses_tokens(office, api_client):
    agency, user = office
    content, people = a_file_with_every_outcome(agency)
    give_totp(user)
    api_client.force_login(user)
    base = f"/api/v1/agencies/{agency.pk}/registry/imports"
    created = api_client.post(base, {"file": SimpleUploadedFile("siak.csv", content)})
    assert created.status_code == 201, created.content
    batch_id = created.json()["id"]
    assert created.json()["format"] == "siak"
    ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.ANALYSING)
    import_analyse(batch_id)  # on_commit does not run inside the test's transaction
    listed = api_client.get(base).json()
    assert [b["id"] for b in listed] == [batch_id]
    detail = api_client.get(f"{base}/{batch_id}").json()
    assert detail["status"] == "ready" and detail["counts"]["changed"] == 1 and detail["rows_done"] == 8
    changed = api_client.get(f"{base}/{batch_id}/rows?outcome=changed").json()
    assert changed[0]["changes"] == {"occupation": [15, 65]} and changed[0]["nik_masked"] == people[0].nik_masked
    bad = api_client.get(f"{base}/{batch_id}/rows?outcome=whatever")
    assert bad.status_code == 400
    refused = api_client.post(f"{base}/{batch_id}/apply", {}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "import_file_invalid"
    applied = api_client.post(f"{base}/{batch_id}/apply", {"without_invalid": True}, content_type="application/json")
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    again = api_client.post(f"{base}/{batch_id}/discard")
    assert again.status_code == 409 and again.json()["code"] == "import_not_ready"
    wrong = api_client.post(base, {"file": SimpleUploadedFile("x.pdf", files.pdf_file())})
    assert wrong.status_code == 400 and wrong.json()["code"] == "import_format_unknown"


def test_a_token_with_every_scope_cannot_reach_imports(office):
    from padu.core.actors import OPERATOR
    from padu.core.roles import API_SCOPES
    from padu.core.services import api_token_create

    agency, user = office
    _token, raw = api_token_create(actor=OPERATOR, agency=agency, name="x", scopes=list(API_SCOPES))
    response = Client().get(f"/api/v1/agencies/{agency.pk}/registry/imports", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
