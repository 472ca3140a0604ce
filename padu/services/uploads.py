"""The limits an application form's `file` field sets on an upload, and its downloads.

The checking and the cleaning of metadata are the kernel's (`padu.core.uploads`). The
limits come from the form's `file` field: `accept` (MIME types, default PDF, JPEG and PNG)
and `max_size` (bytes, default 5 MiB, never above the 10 MiB hard cap).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from padu.core.uploads import DOCUMENT_TYPES, CheckedUpload, download_response, type_names
from padu.core.uploads import check_upload as check_file
from padu.services.formdef import ALLOWED_FILE_TYPES, DEFAULT_MAX_FILE

HARD_CAP = 10 * 1024 * 1024


def accepted_types(spec: Mapping[str, Any]) -> list[str]:
    accept = spec.get("accept")
    if isinstance(accept, list) and accept:
        return [t for t in accept if t in ALLOWED_FILE_TYPES] or sorted(ALLOWED_FILE_TYPES)
    return list(DOCUMENT_TYPES)


def max_size(spec: Mapping[str, Any]) -> int:
    try:
        size = int(spec.get("max_size") or DEFAULT_MAX_FILE)
    except (TypeError, ValueError):
        size = DEFAULT_MAX_FILE
    return max(1, min(size, HARD_CAP))


def limits_hint(spec: Mapping[str, Any]) -> str:
    """E.g. "PDF, JPG or PNG, at most 5.0 MB" for the form's hint."""
    kinds = type_names(accepted_types(spec))
    return _("%(kinds)s, at most %(size)s.") % {"kinds": kinds, "size": filesizeformat(max_size(spec))}


def check_upload(spec: Mapping[str, Any], path: str, upload: Any) -> CheckedUpload:
    """Refuse an empty, oversize, wrongly typed or unreadable file, with a stable code and the
    field path; the upload is cleaned of its metadata in place."""
    return check_file(upload, field=path, max_size=max_size(spec), allowed=accepted_types(spec))


def file_response(stored: Any) -> FileResponse:
    """The one way an applicant's document leaves Padu over HTTP: as a download, never rendered."""
    return download_response(stored.file, stored.content_type, stored.original_name)
