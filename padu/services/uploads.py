"""Checking an uploaded document before it is stored, and sending it back out.

The type is judged by the file's first bytes (its magic number), never by its name or the
browser's content type: an HTML page named ktp.pdf is refused. The limits come from the
form's `file` field: `accept` (MIME types, default PDF, JPEG and PNG) and `max_size` (bytes,
default 5 MiB, never above the 10 MiB hard cap).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput
from padu.services.formdef import ALLOWED_FILE_TYPES, DEFAULT_MAX_FILE

HARD_CAP = 10 * 1024 * 1024
SIGNATURES: dict[str, bytes] = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
CHUNK = 64 * 1024


class FileTooLarge(InvalidInput):
    status = 413
    code = "file_too_large"


def sniff(head: bytes) -> str | None:
    """The content type the bytes really have, or None if it is none we know."""
    for content_type, magic in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def accepted_types(spec: Mapping[str, Any]) -> list[str]:
    accept = spec.get("accept")
    if isinstance(accept, list) and accept:
        return [t for t in accept if t in ALLOWED_FILE_TYPES] or sorted(ALLOWED_FILE_TYPES)
    return ["application/pdf", "image/jpeg", "image/png"]


def max_size(spec: Mapping[str, Any]) -> int:
    try:
        size = int(spec.get("max_size") or DEFAULT_MAX_FILE)
    except (TypeError, ValueError):
        size = DEFAULT_MAX_FILE
    return max(1, min(size, HARD_CAP))


def limits_hint(spec: Mapping[str, Any]) -> str:
    """E.g. "PDF, JPG or PNG, at most 5.0 MB" for the form's hint."""
    names = [TYPE_NAMES[t] for t in accepted_types(spec)]
    kinds = names[0] if len(names) == 1 else _("%(a)s or %(b)s") % {"a": ", ".join(names[:-1]), "b": names[-1]}
    return _("%(kinds)s, at most %(size)s.") % {"kinds": kinds, "size": filesizeformat(max_size(spec))}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str
    original_name: str


def check_upload(spec: Mapping[str, Any], path: str, upload: UploadedFile) -> CheckedUpload:
    """Refuse an empty, oversize or wrongly typed file, with a stable code and the field path."""
    limit = max_size(spec)

    def too_large() -> FileTooLarge:
        message = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
        return FileTooLarge(message, errors={path: [message]})

    if upload.size is not None and upload.size > limit:
        raise too_large()
    digest = hashlib.sha256()
    size = 0
    head = b""
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_large()
        if len(head) < 16:
            head += chunk[:16]
        digest.update(chunk)
    upload.seek(0)
    if size == 0:
        message = _("The file is empty.")
        raise InvalidInput(message, code="file_empty", errors={path: [message]})
    content_type = sniff(head)
    allowed = accepted_types(spec)
    if content_type not in allowed:
        names = ", ".join(TYPE_NAMES[t] for t in allowed)
        message = _("The file must be one of: %(types)s.") % {"types": names}
        raise InvalidInput(message, code="file_type_not_allowed", errors={path: [message]})
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255] or "berkas"
    return CheckedUpload(content_type=content_type, size=size, sha256=digest.hexdigest(), original_name=name)


def file_response(stored: Any) -> FileResponse:
    """The one way an applicant's document leaves Padu over HTTP: as a download, never rendered."""
    response = FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        as_attachment=True,
        filename=stored.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
