"""Letter templates and the registry of issued, signed documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency


class BodyFormat(models.TextChoices):
    TEXT = "text", _("Plain text with placeholders")
    HTML = "html", _("HTML (for experts)")


class LetterTemplate(models.Model):
    """One version of an agency's letter body. Saving makes a new version; documents keep
    pointing at the version they were issued under."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(_("document kind"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    body = models.TextField(_("body"), help_text=_("HTML with placeholders such as {{ pemohon.nama }}."))
    # How the administrator wrote it: as plain paragraphs (kept in `body_text`, `body` made from
    # them) or as HTML. The editor shows a version the way it was written.
    body_format = models.CharField(_("written as"), max_length=4, choices=BodyFormat.choices, default=BodyFormat.HTML)
    body_text = models.TextField(_("body as written"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "kind", "-version"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "version"], name="documents_template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


def _pdf_path(instance: IssuedDocument, filename: str) -> str:
    return f"documents/{instance.agency_id}/{filename}"


class IssuedDocument(models.Model):
    """A signed document as issued. Only public facts are kept here: the subject summary
    carries no personal data, so the verification page can show it to anyone."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="issued_documents")
    kind = models.CharField(_("document kind"), max_length=50)
    template = models.ForeignKey(LetterTemplate, null=True, on_delete=models.PROTECT, related_name="documents")
    number = models.CharField(_("number"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=_pdf_path, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # SHA-256 of the signature's /Contents bytes: recognises an altered copy of this document.
    signature_sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    certificate_sha256 = models.CharField(max_length=64, editable=False)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_position = models.CharField(_("position"), max_length=150, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    verification_code = models.CharField(max_length=40, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        indexes = [models.Index(fields=["agency", "-signed_at"], name="documents_issued_agency_time")]
        # A letter number identifies one letter of the agency (its agenda, the QR check).
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="documents_issued_number_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
