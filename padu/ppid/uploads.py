"""What a PPID file may be: PDF, JPG or PNG up to 10 MB.

The checking and the cleaning of metadata are the kernel's (`padu.core.uploads`), as for
applications' documents: a released or published file carries no author, camera or GPS.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from padu.core.uploads import CheckedUpload, check_upload

MAX_SIZE = 10 * 1024 * 1024


def limits_hint() -> str:
    return _("PDF, JPG or PNG, at most %(size)s.") % {"size": filesizeformat(MAX_SIZE)}


def check_file(upload: UploadedFile, field: str = "file") -> CheckedUpload:
    """Refuse an empty, oversize, wrongly typed or unreadable file, with a stable code and the
    field; the upload is cleaned of its metadata in place."""
    return check_upload(upload, field=field, max_size=MAX_SIZE)
