"""Checking a photo or document before it is stored with a complaint, and sending it back.

The type is judged by the first bytes (magic number), never by the name or the browser's
content type: an HTML page named foto.jpg is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput

MAX_SIZE = 5 * 1024 * 1024
MAX_FILES = 5
SIGNATURES: dict[str, bytes] = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
CHUNK = 64 * 1024


class FileTooLarge(InvalidInput):
    status = 413
    code = "file_too_large"


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str
    original_name: str


def limits_hint() -> str:
    return _("Photos (JPG, PNG) or PDF, at most %(count)s files of %(size)s each.") % {
        "count": MAX_FILES,
        "size": filesizeformat(MAX_SIZE),
    }


def check_upload(upload: UploadedFile, field: str = "attachments") -> CheckedUpload:
    """Refuse an empty, oversize or wrongly typed file, with a stable code."""

    def too_large() -> FileTooLarge:
        message = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(MAX_SIZE)}
        return FileTooLarge(message, errors={field: [message]})

    if upload.size is not None and upload.size > MAX_SIZE:
        raise too_large()
    digest = hashlib.sha256()
    size = 0
    head = b""
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        size += len(chunk)
        if size > MAX_SIZE:
            raise too_large()
        if len(head) < 16:
            head += chunk[:16]
        digest.update(chunk)
    upload.seek(0)
    if size == 0:
        message = _("The file is empty.")
        raise InvalidInput(message, code="file_empty", errors={field: [message]})
    content_type = next((t for t, magic in SIGNATURES.items() if head.startswith(magic)), None)
    if content_type is None:
        message = _("The file must be a photo (JPG, PNG) or a PDF.")
        raise InvalidInput(message, code="file_type_not_allowed", errors={field: [message]})
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255] or "lampiran"
    return CheckedUpload(content_type=content_type, size=size, sha256=digest.hexdigest(), original_name=name)


def file_response(stored: Any) -> FileResponse:
    """The one way an attachment leaves Padu over HTTP: as a download, never rendered."""
    response = FileResponse(
        stored.file.open("rb"), content_type=stored.content_type, as_attachment=True, filename=stored.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
