"""What a complaint accepts as attachments (photos or PDFs), and how they are sent back.

The checking itself is the kernel's (`padu.core.uploads`), and so is the cleaning: a photo
is stored without its EXIF (the GPS position of an anonymous complainant's home, their
name, their phone), XMP, IPTC or ICC profile, a PDF without its author or other metadata.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from padu.core.uploads import CheckedUpload, download_response
from padu.core.uploads import check_upload as check_file

MAX_SIZE = 5 * 1024 * 1024
MAX_FILES = 5


def limits_hint() -> str:
    return _("Photos (JPG, PNG) or PDF, at most %(count)s files of %(size)s each.") % {
        "count": MAX_FILES,
        "size": filesizeformat(MAX_SIZE),
    }


def check_upload(upload: UploadedFile, field: str = "attachments") -> CheckedUpload:
    """Refuse an empty, oversize, wrongly typed or unreadable file, with a stable code; the
    upload is cleaned of its metadata in place."""
    return check_file(upload, field=field, max_size=MAX_SIZE, default_name="lampiran")


def file_response(stored: Any) -> FileResponse:
    """The one way an attachment leaves Padu over HTTP: as a download, never rendered."""
    return download_response(stored.file, stored.content_type, stored.original_name)
