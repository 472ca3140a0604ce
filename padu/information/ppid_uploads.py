"""Checking a PPID file before it is stored, and sending it out.

As for applications' documents (padu.services), the type is judged by the file's first
bytes, never by its name or the browser's content type, and the size is capped.
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

MAX_SIZE = 10 * 1024 * 1024
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
class CheckedFile:
    content_type: str
    size: int
    sha256: str
    original_name: str


def limits_hint() -> str:
    return _("PDF, JPG or PNG, at most %(size)s.") % {"size": filesizeformat(MAX_SIZE)}


def check_file(upload: UploadedFile, field: str = "file") -> CheckedFile:
    """Refuse an empty, oversize or wrongly typed file, with a stable code and the field."""

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
        message = _("The file must be one of: %(types)s.") % {"types": "PDF, JPG, PNG"}
        raise InvalidInput(message, code="file_type_not_allowed", errors={field: [message]})
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "berkas"
    return CheckedFile(content_type=content_type, size=size, sha256=digest.hexdigest(), original_name=name)


def download(fieldfile: Any, content_type: str, name: str, *, public: bool = False) -> FileResponse:
    """A stored file as a download, never rendered in the browser."""
    response = FileResponse(fieldfile.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
