"""Verification by code and by upload: authentic, revoked, altered, unknown; bad uploads refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from padu.core.errors import InvalidInput
from padu.documents.rendering import html_to_pdf
from padu.documents.selectors import Verdict, document_verify_upload
from padu.documents.services import document_revoke
from tests.factories import actor_for


def _flip_one_byte(pdf: bytes) -> bytes:
    # A byte inside the page content, well before the signature dictionary.
    index = pdf.index(b"stream", len(pdf) // 10) + 40
    changed = bytearray(pdf)
    changed[index] ^= 0x01
    return bytes(changed)


def test_the_issued_file_is_authentic(issue):
    doc = issue()
    result = document_verify_upload(doc.pdf.read())
    assert result.verdict == Verdict.AUTHENTIC and result.document == doc


def test_one_changed_byte_is_altered(issue):
    doc = issue()
    result = document_verify_upload(_flip_one_byte(doc.pdf.read()))
    assert result.verdict == Verdict.ALTERED
    assert result.document == doc


def test_a_pdf_from_elsewhere_is_unknown(pki, db):
    assert document_verify_upload(html_to_pdf("<p>Surat palsu</p>")).verdict == Verdict.UNKNOWN


def test_a_revoked_document_is_revoked(issue, signer):
    doc = issue()
    document_revoke(actor=actor_for(signer.user), document=doc, reason="Salah ketik nama")
    assert document_verify_upload(doc.pdf.read()).verdict == Verdict.REVOKED


def test_non_pdf_is_refused_by_content():
    with pytest.raises(InvalidInput) as err:
        document_verify_upload(b"PK\x03\x04 not a pdf at all")
    assert err.value.code == "not_a_pdf"


def test_verify_page_by_code_shows_public_facts_only(issue, client: Client):
    doc = issue()
    response = client.get(f"/verifikasi/{doc.verification_code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert doc.number in body and doc.sha256 in body and "Asep Suryana" in body
    assert "Budi Santoso" not in body  # the applicant's name is in the PDF only
    assert "notice--success" in body


def test_verify_page_for_an_unknown_code_is_404(db, client: Client):
    assert client.get("/verifikasi/tidak-ada/").status_code == 404


def test_verify_page_for_a_revoked_document(issue, signer, client: Client):
    doc = issue()
    document_revoke(actor=actor_for(signer.user), document=doc, reason="Dicabut")
    body = client.get(f"/verifikasi/{doc.verification_code}/").content.decode()
    assert "notice--error" in body and "Dicabut" in body


def _upload(client: Client, data: bytes, name: str = "surat.pdf"):
    return client.post("/verifikasi/", {"document": SimpleUploadedFile(name, data, "application/pdf")})


def test_upload_page_answers_authentic_altered_unknown(issue, client: Client):
    doc = issue()
    pdf = doc.pdf.read()
    assert client.get("/verifikasi/").status_code == 200
    assert "notice--success" in _upload(client, pdf).content.decode()
    response = _upload(client, _flip_one_byte(pdf))
    assert "notice--error" in response.content.decode()
    response = _upload(client, html_to_pdf("<p>x</p>"))
    assert "notice--warning" in response.content.decode()


def test_upload_page_refuses_a_non_pdf_named_pdf(db, client: Client):
    response = _upload(client, b"<html>not a pdf</html>", "surat.pdf")
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body and "PDF" in body


def test_upload_page_refuses_oversize(db, client: Client, settings):
    settings.PADU_DOCUMENT_MAX_UPLOAD = 1000
    response = _upload(client, b"%PDF-1.7\n" + b"0" * 2000)
    assert "error-summary" in response.content.decode()


def test_api_verify_by_code_and_upload(issue, client: Client):
    doc = issue()
    response = client.get(f"/api/v1/documents/verify/{doc.verification_code}")
    assert response.status_code == 200
    data = response.json()
    assert data["number"] == doc.number and data["status"] == "valid" and data["agency_name"] == doc.agency.name
    assert "subject" not in data and "verification_code" not in data
    response = client.post("/api/v1/documents/verify", {"file": io.BytesIO(doc.pdf.read())})
    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == "authentic"
    assert client.get("/api/v1/documents/verify/nope").json()["code"] == "document_not_found"


def test_api_upload_errors_are_problem_json(db, client: Client, settings):
    bad = SimpleUploadedFile("x.pdf", b"GIF89a...", "application/pdf")
    response = client.post("/api/v1/documents/verify", {"file": bad})
    assert response.status_code == 400 and response.json()["code"] == "not_a_pdf"
    settings.PADU_DOCUMENT_MAX_UPLOAD = 100
    big = SimpleUploadedFile("x.pdf", b"%PDF-1.7" + b"0" * 500, "application/pdf")
    response = client.post("/api/v1/documents/verify", {"file": big})
    assert response.status_code == 413 and response.json()["code"] == "payload_too_large"


def test_agency_api_lists_and_serves_the_pdf(issue, agency, signer, client: Client):
    doc = issue()
    client.force_login(signer.user)
    listing = client.get(f"/api/v1/agencies/{agency.pk}/documents")
    assert listing.status_code == 200 and listing.json()[0]["number"] == doc.number
    pdf = client.get(f"/api/v1/agencies/{agency.pk}/documents/{doc.pk}/pdf")
    assert pdf.status_code == 200 and pdf.getvalue() == doc.pdf.read()
