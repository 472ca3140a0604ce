"""Complaints (pengaduan), aspirations and questions from the public, as in SP4N-LAPOR!."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency, Region


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    ASPIRATION = "aspiration", _("Aspiration")
    QUESTION = "question", _("Question")


class Visibility(models.TextChoices):
    # As in LAPOR!: public shows the complaint and the name; anonymous shows the complaint
    # but hides the name from everyone but the complainant (the agency included);
    # confidential hides the complaint from the public but not the name from the agency.
    PUBLIC = "public", _("Public")
    ANONYMOUS = "anonymous", _("Anonymous")
    CONFIDENTIAL = "confidential", _("Confidential")


class Category(models.TextChoices):
    INFRASTRUCTURE = "infrastruktur", _("Roads, bridges and public works")
    POPULATION = "kependudukan", _("Population documents (KTP, KK, certificates)")
    LICENSING = "perizinan", _("Permits and licences")
    TAX = "pajak", _("Local taxes and levies")
    HEALTH = "kesehatan", _("Health")
    EDUCATION = "pendidikan", _("Education")
    SOCIAL = "sosial", _("Social aid")
    ENVIRONMENT = "lingkungan", _("Environment and waste")
    ORDER = "ketertiban", _("Public order and safety")
    SERVICE = "pelayanan", _("Conduct of officers and service quality")
    OTHER = "lainnya", _("Other")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Received, waiting for verification")
    FORWARDED = "forwarded", _("Forwarded to the responsible agency")
    VERIFIED = "verified", _("Verified, being followed up")
    ANSWERED = "answered", _("Answered")
    REOPENED = "reopened", _("Reopened by the complainant")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Not processed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")


OPEN_STATUSES = (Status.SUBMITTED, Status.FORWARDED, Status.VERIFIED, Status.REOPENED)
FINISHED_STATUSES = (Status.CLOSED, Status.REJECTED, Status.WITHDRAWN)


class Complaint(models.Model):
    """One report. `agency` is where it was sent first; `handling_agency` holds it now."""

    tracking_number = models.CharField(max_length=11, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints_received")
    handling_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints_handled")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("what happened"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices)
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="complaints")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField()
    # The deadline of the current step: verification (3 working days) or follow-up (5).
    due_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    # Fixed at the first answer, for the public statistics.
    answered_on_time = models.BooleanField(null=True, blank=True)
    answer_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # The complainant may reopen an answer until the end of this day; then it closes on its own.
    reopen_until = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Escalation to the supervising agency when a deadline passes; once per deadline.
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    escalated_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalation_count = models.PositiveSmallIntegerField(default=0)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    # Moderation hides the title and text from the public; the complainant and officers still see them.
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["handling_agency", "status", "due_at"], name="complaints_inbox"),
            models.Index(fields=["complainant", "-submitted_at"], name="complaints_mine"),
            models.Index(fields=["visibility", "-submitted_at"], name="complaints_public"),
            models.Index(fields=["status", "due_at"], name="complaints_sweep"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="complaints_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_public(self) -> bool:
        return self.visibility != Visibility.CONFIDENTIAL

    @property
    def is_anonymous(self) -> bool:
        return self.visibility == Visibility.ANONYMOUS

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ComplaintEvent(models.Model):
    """The history both sides see (internal details stay in the audit trail)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    agency = models.ForeignKey(Agency, null=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action}"


class Forward(models.Model):
    """A complaint handed from one agency to another; the sender keeps read access."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="forwards")
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_agency_id} → {self.to_agency_id}"


class Author(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    OFFICER = "officer", _("Officer")


class Message(models.Model):
    """The thread between complainant and officers. Internal notes are for officers only."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_side = models.CharField(max_length=12, choices=Author.choices)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    internal = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["complaint", "created_at"], name="complaints_msg_thread")]

    def __str__(self) -> str:
        return f"{self.complaint_id} #{self.pk}"


_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def _attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the stored path says nothing about the person and cannot be guessed.
    return f"complaints/{instance.complaint_id}/{secrets.token_urlsafe(24)}{_EXTENSIONS.get(instance.content_type, '')}"


class Attachment(models.Model):
    """A photo or document with the complaint or a message; never served by path."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    original_name = models.CharField(max_length=255)
    file = models.FileField(upload_to=_attachment_path, max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Officers' files on internal notes stay internal.
    internal = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.original_name}"
