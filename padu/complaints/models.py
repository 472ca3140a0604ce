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
    """The two flags of SP4N-LAPOR! read together (for lists, exports and older API clients):
    `anonymous` hides the complainant's identity from everyone but the complainant, the
    agency's officers included; `confidential` keeps the complaint off public pages."""

    PUBLIC = "public", _("Public")
    ANONYMOUS = "anonymous", _("Anonymous")
    CONFIDENTIAL = "confidential", _("Confidential")
    ANONYMOUS_CONFIDENTIAL = "anonymous_confidential", _("Anonymous and confidential")


def visibility_of(anonymous: bool, confidential: bool) -> str:
    if anonymous and confidential:
        return Visibility.ANONYMOUS_CONFIDENTIAL
    if anonymous:
        return Visibility.ANONYMOUS
    return Visibility.CONFIDENTIAL if confidential else Visibility.PUBLIC


def flags_of(visibility: str) -> tuple[bool, bool] | None:
    """(anonymous, confidential) of a visibility name; None for an unknown one."""
    return {
        Visibility.PUBLIC: (False, False),
        Visibility.ANONYMOUS: (True, False),
        Visibility.CONFIDENTIAL: (False, True),
        Visibility.ANONYMOUS_CONFIDENTIAL: (True, True),
    }.get(visibility)  # type: ignore[call-overload]


class Channel(models.TextChoices):
    """How the agency received the complaint. Off-line ones are recorded by an officer."""

    ONLINE = "online", _("Online, in Padu")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Telephone")
    IN_PERSON = "in_person", _("In person, at the office")


OFFLINE_CHANNELS = tuple(c for c in Channel.values if c != Channel.ONLINE)


class ContactChannel(models.TextChoices):
    """How the complainant wants to be reached (for those recorded by an officer)."""

    PHONE = "phone", _("Telephone call")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter to their address")
    IN_PERSON = "in_person", _("They come to the office")


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
    # SP4N-LAPOR!'s two flags, independent of each other; the verifier may change them.
    anonymous = models.BooleanField(_("anonymous"), default=False)
    confidential = models.BooleanField(_("confidential"), default=False)
    # Empty for a complaint recorded by an officer for a person without an account: then the
    # contact_* fields say who they are and how to reach them.
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    channel = models.CharField(_("received by"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telephone or WhatsApp"), max_length=30, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    contact_channel = models.CharField(_("contact by"), max_length=12, choices=ContactChannel.choices, blank=True)
    # Who entered an off-line complaint, and when; `submitted_at` is when the agency received it.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # When the agency received it (online: when it was sent); the deadlines count from here.
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
            models.Index(fields=["confidential", "-submitted_at"], name="complaints_public"),
            models.Index(fields=["status", "due_at"], name="complaints_sweep"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="complaints_rating_1_5",
            ),
            # A complaint sent online comes from an account; one recorded off-line from an
            # account or from a person named (or an anonymous one).
            models.CheckConstraint(
                condition=~models.Q(channel=Channel.ONLINE) | models.Q(complainant__isnull=False),
                name="complaints_online_has_account",
            ),
            models.CheckConstraint(
                condition=models.Q(complainant__isnull=False) | ~models.Q(contact_name="") | models.Q(anonymous=True),
                name="complaints_complainant_known",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_public(self) -> bool:
        return not self.confidential

    @property
    def is_anonymous(self) -> bool:
        return self.anonymous

    @property
    def visibility(self) -> str:
        return visibility_of(self.anonymous, self.confidential)

    def get_visibility_display(self) -> str:
        return str(dict(Visibility.choices)[self.visibility])

    @property
    def has_account(self) -> bool:
        return self.complainant_id is not None

    @property
    def is_offline(self) -> bool:
        return self.channel != Channel.ONLINE

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
    # An officer's contact outside Padu (a call, a WhatsApp message, a letter), recorded in the
    # thread: "contacted by telephone". Empty for a message written in Padu.
    contact_channel = models.CharField(max_length=12, choices=ContactChannel.choices, blank=True)
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
