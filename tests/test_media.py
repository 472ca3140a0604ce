"""Uploaded files are never served by their media path, not even with DEBUG on: a citizen's
document leaves only through the views that check who asks (config/urls.py).

The file is real: citizen A uploads it to her application, and it sits under MEDIA_ROOT at
the path its media URL names (shown by serving that path with Django's static view by hand).
The URL configuration is loaded again with DEBUG on, as a development server would load it,
so that a `static(MEDIA_URL, ...)` route (which exists only when DEBUG is on at import time)
would be there to be caught."""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import clear_url_caches
from django.views.static import serve
from pypdf import PdfWriter

from padu.core.actors import Actor
from padu.services.models import ApplicationFile
from padu.services.services import application_start
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_user

pytestmark = pytest.mark.django_db

FILE_FORM = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "KTP", "en": "ID card"}}]}


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "KTP Siti Aminah"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _reload_urls() -> None:
    """Import the URL modules again under the current settings, as a fresh server would."""
    root = importlib.import_module(django_settings.ROOT_URLCONF)
    for name in sorted(n for n in sys.modules if n.startswith("padu.") and n.endswith(".urls")):
        importlib.reload(sys.modules[name])
    importlib.reload(root)
    clear_url_caches()


@pytest.fixture
def debug_server(settings: Any, tmp_path: Path) -> Iterator[Path]:
    debug, media_root = django_settings.DEBUG, django_settings.MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True
    _reload_urls()
    try:
        yield Path(settings.MEDIA_ROOT)
    finally:
        settings.DEBUG, settings.MEDIA_ROOT = debug, media_root
        _reload_urls()


@pytest.fixture
def upload(debug_server: Path) -> tuple[Any, Any, ApplicationFile, bytes]:
    agency = make_agency()
    version = make_service(agency, form=FILE_FORM)
    siti = make_citizen(make_user(full_name="Siti Aminah"), female=True).user
    budi = make_citizen(make_user(full_name="Budi Santoso"), village="32.04.05.2002").user
    application = application_start(actor=Actor(user=siti), version=version, answers=GOOD_ANSWERS)
    client = Client()
    client.force_login(siti)
    response = client.post(
        f"/api/v1/applications/{application.pk}/files",
        {"field": "ktp", "file": SimpleUploadedFile("ktp.pdf", _pdf(), content_type="application/pdf")},
    )
    assert response.status_code == 201, response.content
    stored = ApplicationFile.objects.get(pk=response.json()["id"])
    on_disk = debug_server / str(stored.file.name)
    assert on_disk.is_file()  # a real file, where MEDIA_ROOT and its name say
    return siti, budi, stored, on_disk.read_bytes()


def _media_url(stored: ApplicationFile) -> str:
    return f"/{django_settings.MEDIA_URL.strip('/')}/{stored.file.name}"


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_media_url_names_the_stored_file(upload, debug_server):
    # The control: Django's static view, pointed at MEDIA_ROOT by hand, serves this very path.
    # So the refusals below are refusals, not a wrong path.
    _, _, stored, content = upload
    request = RequestFactory().get(_media_url(stored))
    response = serve(request, str(stored.file.name), document_root=str(debug_server))
    assert response.status_code == 200 and _body(response) == content


@pytest.mark.parametrize("who", ["anonymous", "another citizen", "the owner"])
def test_an_upload_is_not_served_by_its_media_path(upload, who):
    siti, budi, stored, content = upload
    client = Client()
    if who != "anonymous":
        client.force_login(budi if who == "another citizen" else siti)
    response = client.get(_media_url(stored))
    assert response.status_code == 404, f"{who} got {response.status_code} for {_media_url(stored)}"
    assert content not in _body(response)
    # Nor under the path with the prefix twice or without it.
    for path in (f"/{stored.file.name}", f"/media{_media_url(stored)}"):
        assert content not in _body(client.get(path))


def test_the_owner_gets_the_file_through_the_download_routes_and_others_do_not(upload):
    siti, budi, stored, content = upload
    owner = Client()
    owner.force_login(siti)
    for url in (f"/akun/berkas/{stored.pk}/", f"/api/v1/files/{stored.pk}"):
        response = owner.get(url)
        assert response.status_code == 200, url
        assert _body(response) == content
        assert response["Cache-Control"] == "private, no-store"
    other = Client()
    other.force_login(budi)
    for url in (f"/akun/berkas/{stored.pk}/", f"/api/v1/files/{stored.pk}"):
        response = other.get(url)
        assert response.status_code == 404, url
        assert content not in _body(response)
    anonymous = Client().get(f"/api/v1/files/{stored.pk}")
    assert anonymous.status_code in (401, 403, 404) and content not in _body(anonymous)
