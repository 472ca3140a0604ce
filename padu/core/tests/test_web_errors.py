"""The one mapping from domain errors to pages (padu.core.web.errors)."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.web.errors import DomainErrorsMiddleware

pytestmark = pytest.mark.django_db


def _middleware() -> DomainErrorsMiddleware:
    return DomainErrorsMiddleware(lambda request: HttpResponse("isi halaman"))


def test_not_found_and_forbidden_become_the_sites_404_and_403_pages():
    request = RequestFactory().get("/layanan/desa-x/tidak-ada/")
    missing = _middleware().process_exception(request, NotFound("Layanan tidak ditemukan."))
    refused = _middleware().process_exception(request, Forbidden("Bukan wewenang Anda."))
    assert missing is not None and missing.status_code == 404
    assert refused is not None and refused.status_code == 403


@pytest.mark.parametrize("error", [Conflict("Sudah dibayar."), InvalidInput("Isian salah."), ValueError("bug")])
def test_other_errors_are_left_to_the_page_or_the_500_handler(error):
    assert _middleware().process_exception(RequestFactory().get("/"), error) is None


def test_a_page_that_raises_nothing_is_passed_through():
    response = _middleware()(RequestFactory().get("/"))
    assert response.status_code == 200 and response.content == b"isi halaman"


def test_a_missing_case_on_a_real_page_is_a_404(client):
    from tests import web_factories as f

    person = f.user()
    client.force_login(person)
    # The applicant's case page raises NotFound from its selector; nothing in the view maps it.
    assert client.get("/akun/permohonan/987654/").status_code == 404
    assert client.get("/akun/pengaduan/987654/").status_code == 404
    assert client.get("/akun/ppid/987654/").status_code == 404
