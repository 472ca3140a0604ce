"""What a PPID file may be: PDF, JPG or PNG up to 10 MB.

The checking itself is the kernel's (`padu.core.uploads`), as for applications' documents.
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
    """Refuse an empty, oversize or wrongly typed file, with a stable code and the field."""
    return check_upload(upload, field=field, max_size=MAX_SIZE)
