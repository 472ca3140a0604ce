"""Checking an uploaded file before it is stored, and sending a stored file back out.

The one way every app does it. The type is judged by the file's first bytes (its magic
number), never by its name or the browser's content type: an HTML page named ktp.pdf is
refused. The size is counted while reading, so a lying Content-Length does not help.
Each app states what it accepts (types, size) and the field the error belongs to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput

SIGNATURES: dict[str, bytes] = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
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


def sniff(head: bytes) -> str | None:
    """The content type the bytes really have, or None if it is none we know."""
    for content_type, magic in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def type_names(allowed: Sequence[str]) -> str:
    """E.g. "PDF, JPG or PNG"."""
    names = [TYPE_NAMES[t] for t in allowed]
    if len(names) == 1:
        return names[0]
    return _("%(a)s or %(b)s") % {"a": ", ".join(names[:-1]), "b": names[-1]}


def check_upload(
    upload: UploadedFile,
    *,
    field: str,
    max_size: int,
    allowed: Sequence[str] = DOCUMENT_TYPES,
    default_name: str = "berkas",
) -> CheckedUpload:
    """Refuse an empty, oversize or wrongly typed file, with a stable code and the field."""

    def too_large() -> FileTooLarge:
        message = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_size)}
        return FileTooLarge(message, errors={field: [message]})

    if upload.size is not None and upload.size > max_size:
        raise too_large()
    digest = hashlib.sha256()
    size = 0
    head = b""
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        size += len(chunk)
        if size > max_size:
            raise too_large()
        if len(head) < 16:
            head += chunk[:16]
        digest.update(chunk)
    upload.seek(0)
    if size == 0:
        message = _("The file is empty.")
        raise InvalidInput(message, code="file_empty", errors={field: [message]})
    content_type = sniff(head)
    if content_type is None or content_type not in allowed:
        message = _("The file must be one of: %(types)s.") % {"types": ", ".join(TYPE_NAMES[t] for t in allowed)}
        raise InvalidInput(message, code="file_type_not_allowed", errors={field: [message]})
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or default_name
    return CheckedUpload(content_type=content_type, size=size, sha256=digest.hexdigest(), original_name=name)


def download_response(fieldfile: Any, content_type: str, name: str, *, public: bool = False) -> FileResponse:
    """A stored file as a download, never rendered in the browser."""
    response = FileResponse(fieldfile.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
