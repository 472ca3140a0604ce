"""Document endpoints: public verification, and the agency's register of issued documents."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from ninja import File, Router
from ninja.files import UploadedFile

from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import InvalidInput
from padu.core.schemas import Problem
from padu.documents import schemas as s
from padu.documents import selectors
from padu.documents.errors import PayloadTooLarge
from padu.documents.forms import read_pdf_upload
from padu.documents.models import IssuedDocument
from padu.documents.responses import pdf_response
from padu.documents.subjects import letter_download_record

router = Router(tags=["documents"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem}
# Paging out of range is clamped: an offset past this is past the end of any real list, and
# one beyond the database's integer range would fail the query.
MAX_OFFSET = 1_000_000_000


def _public(document: IssuedDocument) -> IssuedDocument:
    document.status = "revoked" if document.revoked_at else "valid"  # type: ignore[attr-defined]
    return document


@router.get("/documents/verify/{code}", response={200: s.DocumentPublicOut, 404: Problem}, auth=None)
def verify_code(request: HttpRequest, code: str) -> object:
    """The public facts of a document by the verification code printed in its QR code."""
    return _public(selectors.document_public_get(code))


@router.post("/documents/verify", response={200: s.VerificationOut, 400: Problem, 413: Problem}, auth=None)
def verify_upload(request: HttpRequest, file: File[UploadedFile]) -> object:
    """Check an uploaded PDF (multipart field `file`): `authentic`, `revoked`, `altered` or `unknown`."""
    try:
        data = read_pdf_upload(file)
    except ValidationError as exc:
        if exc.code == "too_large":
            raise PayloadTooLarge(exc.messages[0]) from exc
        raise InvalidInput(exc.messages[0], code="not_a_pdf") from exc
    result = selectors.document_verify_upload(data)
    return {
        "verdict": str(result.verdict),
        "sha256": result.sha256,
        "document": _public(result.document) if result.document is not None else None,
    }


@router.get("/agencies/{agency_id}/documents", response={200: list[s.DocumentOut], **ERRORS}, auth=AUTH)
def document_list(request: HttpRequest, agency_id: int, limit: int = 50, offset: int = 0) -> object:
    """The agency's issued documents, newest first: its staff and supervisors above it, or
    its API token with `documents:read`."""
    actor = api_actor(request, "documents:read")
    qs = selectors.documents_for_agency(actor, agency_id)
    offset = max(0, min(offset, MAX_OFFSET))
    return list(qs[offset : offset + max(1, min(limit, 200))])


@router.get("/agencies/{agency_id}/documents/{document_id}/pdf", response={200: None, **ERRORS}, auth=AUTH)
def document_pdf(request: HttpRequest, agency_id: int, document_id: int) -> FileResponse:
    """The signed PDF as issued (it holds its subject's name, NIK, birth date and address):
    the agency's staff and supervisors above it, or its API token with `documents:read`. The
    download is recorded in the subject's personal-data access log."""
    actor = api_actor(request, "documents:read")
    document = selectors.document_get_for(actor, agency_id, document_id)
    letter_download_record(actor=actor, document=document)
    return pdf_response(document)
