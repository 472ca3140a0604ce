"""Public services (standar pelayanan), their versions, and applications (permohonan)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency
from padu.documents.models import IssuedDocument


class Category(models.TextChoices):
    POPULATION = "kependudukan", _("Population and civil registration")
    LETTERS = "surat", _("Letters and certificates")
    BUSINESS = "perizinan", _("Business licensing")
    SOCIAL = "sosial", _("Social welfare")
    LAND = "pertanahan", _("Land and buildings")
    HEALTH = "kesehatan", _("Health")
    EDUCATION = "pendidikan", _("Education")
    OTHER = "lainnya", _("Other")


class Audience(models.TextChoices):
    CITIZEN = "citizen", _("Citizens")
    BUSINESS = "business", _("Businesses")
    AGENCY = "agency", _("Government agencies")


class FeeKind(models.TextChoices):
    FREE = "free", _("Free")
    FIXED = "fixed", _("Fixed fee")
    COMPUTED = "computed", _("Computed from the form")


class Service(models.Model):
    """A service an agency offers. Its content lives in versions."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="services")
    slug = models.SlugField(_("short name"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [models.UniqueConstraint(fields=["agency", "slug"], name="services_service_slug")]

    def __str__(self) -> str:
        return f"{self.agency.slug}/{self.slug}"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a newer version")
    RETIRED = "retired", _("Retired")


class ServiceVersion(models.Model):
    """One version of a service's standard (standar pelayanan), form and workflow.
    A published version is never edited: a change is a new version."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    audience = models.JSONField(_("for whom"), default=list)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    requirements = models.JSONField(_("requirements"), default=list)
    procedure = models.TextField(_("procedure"), blank=True)
    completion_days = models.PositiveSmallIntegerField(_("completion time (working days)"))
    fee_kind = models.CharField(_("fee"), max_length=10, choices=FeeKind.choices, default=FeeKind.FREE)
    fee_amount = models.PositiveBigIntegerField(_("fee (Rupiah)"), default=0)
    fee_field = models.CharField(_("form field the fee is computed from"), max_length=50, blank=True)
    output = models.CharField(_("what the applicant receives"), max_length=250)
    complaint_channel = models.CharField(_("where to complain"), max_length=250, blank=True)
    contact = models.CharField(_("contact"), max_length=250, blank=True)
    form = models.JSONField(_("form definition"), default=dict)
    workflow = models.JSONField(_("workflow steps"), default=list)
    document_kind = models.CharField(
        _("document issued on completion"),
        max_length=50,
        blank=True,
        help_text=_("The letter template and number pattern kind; empty when no document is issued."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["service", "-number"]
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        indexes = [
            # The catalogue: published versions by name, the first page read from the index.
            models.Index(fields=["status", "name"], name="services_version_listing"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="services_version_number"),
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status="published"),
                name="services_one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Being processed")
    RETURNED = "returned", _("Returned for correction")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter (assisted)")
    API = "api", _("Through another system")


class Application(models.Model):
    """A request for a service (permohonan), processed step by step through the workflow."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="applications")
    service_version = models.ForeignKey(ServiceVersion, on_delete=models.PROTECT, related_name="applications")
    tracking_number = models.CharField(max_length=11, unique=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    business_id = models.BigIntegerField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    step = models.PositiveSmallIntegerField(default=0)
    fee_amount = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The step whose officers were last reminded of the deadline (cleared on every move).
    near_due_notified_step = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    document = models.ForeignKey(
        IssuedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["agency", "status", "step", "due_at"], name="services_app_inbox"),
            models.Index(fields=["applicant", "-created_at"], name="services_app_applicant"),
        ]

    def __str__(self) -> str:
        return self.tracking_number


class ApplicationEvent(models.Model):
    """The case history both sides see: every transition with its note."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    step = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"


class Referral(models.Model):
    """A case handed from one agency to another; the sender keeps read access to it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referrals")
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_agency_id} → {self.to_agency_id}"


_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def _application_file_path(instance: ApplicationFile, filename: str) -> str:
    # A random name: the stored path says nothing about the person and cannot be guessed.
    name = secrets.token_urlsafe(24) + _EXTENSIONS.get(instance.content_type, "")
    return f"applications/{instance.application_id}/{name}"


class ApplicationFile(models.Model):
    """A document the applicant uploaded for a `file` question of the form (e.g. `ktp` or
    `anggota.0.akta`). One file per question: a new upload replaces the earlier one."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field = models.CharField(_("question"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=_application_file_path, max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "field"]
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        constraints = [models.UniqueConstraint(fields=["application", "field"], name="services_file_one_per_field")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.field}"


class SurveyResponse(models.Model):
    """One applicant's rating of a completed case, on the nine SKM elements (1 to 4)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="survey")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="survey_responses")
    u1 = models.PositiveSmallIntegerField()
    u2 = models.PositiveSmallIntegerField()
    u3 = models.PositiveSmallIntegerField()
    u4 = models.PositiveSmallIntegerField()
    u5 = models.PositiveSmallIntegerField()
    u6 = models.PositiveSmallIntegerField()
    u7 = models.PositiveSmallIntegerField()
    u8 = models.PositiveSmallIntegerField()
    u9 = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("satisfaction survey response")
        verbose_name_plural = _("satisfaction survey responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(*[models.Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}) for i in range(1, 10)]),
                name="services_survey_scale_1_4",
            )
        ]

    def __str__(self) -> str:
        return f"SKM {self.application_id}"
