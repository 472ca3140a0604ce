"""The one way an issued document leaves Padu over HTTP."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.text import slugify

from padu.documents.models import IssuedDocument


def pdf_response(document: IssuedDocument) -> FileResponse:
    response = FileResponse(
        document.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{slugify(document.title) or 'dokumen'}-{document.verification_code[:8]}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
