from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from padu.documents.selectors import PDF_MAGIC


def read_pdf_upload(upload: UploadedFile) -> bytes:
    """The upload's bytes if it is a PDF within the size limit; ValidationError otherwise."""
    limit = settings.PADU_DOCUMENT_MAX_UPLOAD
    if upload.size is None or upload.size > limit:
        raise forms.ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_large"
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise forms.ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_large"
        )
    # Judged by content, never by the name or the browser's content type.
    if PDF_MAGIC not in data[:1024]:
        raise forms.ValidationError(_("This file is not a PDF. Choose the PDF document you received."), code="not_pdf")
    return data


class VerifyUploadForm(forms.Form):
    document = forms.FileField(
        label=_("PDF document"),
        help_text=_("The signed PDF you received. It is checked and not stored."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_document(self) -> bytes:
        return read_pdf_upload(self.cleaned_data["document"])
