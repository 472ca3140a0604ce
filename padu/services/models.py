"""Public services (standar pelayanan), their versions, and applications (permohonan)."""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency, Membership
from padu.documents.models import IssuedDocument
from padu.services.formdef import open_answers, seal_answers


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


class RegisterEvent(models.TextChoices):
    """The life event a completed application of the service proposes to the population
    register (the register officer records or dismisses it)."""

    BIRTH = "birth", _("Birth")
    DEATH = "death", _("Death")
    MOVE_IN = "move_in", _("Moving in")
    MOVE_OUT = "move_out", _("Moving out")
    MARRIAGE = "marriage", _("Marriage")
    DIVORCE = "divorce", _("Divorce")


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
    register_event = models.CharField(
        _("life event proposed to the population register"),
        max_length=12,
        blank=True,
        choices=RegisterEvent.choices,
        help_text=_("When an application is completed, the register officer is asked to record this event."),
    )
    # The rest of the 14 components of UU 25/2009 Pasal 21 (padu/services/standard.py lists
    # all of them, in the order SiPPN publishes them), and the service hours.
    facilities = models.TextField(_("facilities, infrastructure and equipment"), blank=True)
    staff_competence = models.TextField(_("staff competence"), blank=True)
    internal_supervision = models.TextField(_("internal supervision"), blank=True)
    staff_count = models.PositiveSmallIntegerField(_("number of staff"), null=True, blank=True)
    service_guarantee = models.TextField(_("service guarantee"), blank=True)
    security_guarantee = models.TextField(_("security and safety guarantee"), blank=True)
    performance_evaluation = models.TextField(_("staff performance evaluation"), blank=True)
    # {"mon": [["08:00", "15:30"]], "fri": [["08:00", "11:00"], ["13:00", "16:00"]]}: open days
    # only, periods in order and apart (standard.clean_hours).
    hours = models.JSONField(_("service hours"), default=dict, blank=True)
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


class ServiceCharter(models.Model):
    """The agency's service charter (maklumat pelayanan, UU 25/2009 Pasal 22): its published
    promise to serve by its service standards, signed by its head. One per agency."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text of the charter"))
    signed_by_name = models.CharField(_("signed by (name)"), max_length=200)
    signed_by_title = models.CharField(_("signed by (position)"), max_length=200)
    published_on = models.DateField(_("published on"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service charter")
        verbose_name_plural = _("service charters")

    def __str__(self) -> str:
        return f"{self.agency_id} {self.published_on}"


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


# An application read from the database whose answers have not been opened yet (instance flag).
_ANSWERS_AS_STORED = "_answers_as_stored"


def _form_of(application: Application) -> Mapping[str, Any]:
    """The form of the application's service version (which answers are sealed), without
    loading the rest of the version when it is not at hand."""
    if Application.service_version.is_cached(application):
        form = application.service_version.form
    else:
        version_id = application.service_version_id
        form = ServiceVersion.objects.filter(pk=version_id).values_list("form", flat=True).first()
    return form if isinstance(form, Mapping) else {}


class _AnswersAttribute(DeferredAttribute):
    """`application.answers` always holds the answers as given: read from the database, they
    are opened on first use; set by code, they are taken as they are."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if instance.__dict__.get(_ANSWERS_AS_STORED):
            value = open_answers(_form_of(instance), value)
            instance.__dict__[self.field.attname] = value
            del instance.__dict__[_ANSWERS_AS_STORED]
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value
        instance.__dict__.pop(_ANSWERS_AS_STORED, None)


class AnswersField(models.JSONField):
    """An application's answers, every answer to a NIK question encrypted in the database
    (`formdef.SEALED_FIELD_TYPES`, ADR 0004): sealed when the application is saved, opened when
    its answers are first read. What bypasses the model (`.values()`, raw SQL, a migration's
    historical model, `QuerySet.update`) sees and writes them as stored: seal with
    `formdef.seal_answers` before writing that way."""

    descriptor_class = _AnswersAttribute

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        stored = model_instance.__dict__
        if stored.get(_ANSWERS_AS_STORED):  # read and never opened: still sealed
            return stored[self.attname]
        return seal_answers(_form_of(model_instance), stored[self.attname])

    def value_to_string(self, obj: Any) -> Any:
        # Serialised (dumpdata) as stored, so that a dump holds no NIK either.
        stored = obj.__dict__
        if stored.get(_ANSWERS_AS_STORED):
            return stored[self.attname]
        return seal_answers(_form_of(obj), self.value_from_object(obj))


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
    # For a counter application: the front-desk membership (so the agency) through which the
    # officer opened it; they act for the applicant only while it is active.
    assisted_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    answers = AnswersField(default=dict)  # NIK answers encrypted at rest
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    step = models.PositiveSmallIntegerField(default=0)
    fee_amount = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The step whose officers were last reminded of the deadline (cleared on every move).
    near_due_notified_step = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The service clock stops while the file is back with the applicant: when the current pause
    # began (set on return, cleared on resubmission), and the working days paused so far, by
    # which due_at has been moved (the counting rule: services README, "The service clock").
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    paused_working_days = models.PositiveSmallIntegerField(default=0, editable=False)
    # On completion: the working days from submission to completion, less the paused ones.
    working_days_taken = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
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

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kw: Any) -> Application:
        application = super().from_db(db, field_names, values, **kw)
        if "answers" in application.__dict__:
            application.__dict__[_ANSWERS_AS_STORED] = True  # opened on first read
        return application


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
    # On the event that restarts the service clock (a resubmission): the working days it stood.
    paused_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
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


class RespondentSex(models.TextChoices):
    """Jenis kelamin, as on the PermenPANRB 14/2017 questionnaire."""

    MALE = "L", _("Male (L)")
    FEMALE = "P", _("Female (P)")


class RespondentEducation(models.TextChoices):
    """Pendidikan, the questionnaire's categories."""

    SD = "sd", _("Primary school (SD) or less")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1, D2, D3, D4)")
    S1 = "s1", _("Bachelor's degree (S1)")
    S2 = "s2", _("Master's degree or higher (S2, S3)")


class RespondentOccupation(models.TextChoices):
    """Pekerjaan, the questionnaire's categories."""

    CIVIL_SERVANT = "pns", _("Civil servant (PNS)")
    MILITARY = "tni", _("Armed forces (TNI)")
    POLICE = "polri", _("Police (POLRI)")
    PRIVATE = "swasta", _("Private employee (swasta)")
    SELF_EMPLOYED = "wirausaha", _("Self-employed (wirausaha)")
    OTHER = "lainnya", _("Other")


class SurveySource(models.TextChoices):
    ONLINE = "online", _("Answered online by the applicant")
    PAPER = "paper", _("Paper questionnaire entered at the counter")


class SurveyResponse(models.Model):
    """One applicant's rating of a completed case, on the nine SKM elements (1 to 4), with the
    respondent profile of the PermenPANRB 14/2017 questionnaire (every part optional)."""

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
    sex = models.CharField(_("sex"), max_length=1, choices=RespondentSex.choices, blank=True)
    age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=10, choices=RespondentEducation.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=10, choices=RespondentOccupation.choices, blank=True)
    source = models.CharField(max_length=10, choices=SurveySource.choices, default=SurveySource.ONLINE)
    # When the respondent answered (a paper questionnaire may be entered later): the period
    # the answer counts in.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("satisfaction survey response")
        verbose_name_plural = _("satisfaction survey responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(*[models.Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}) for i in range(1, 10)]),
                name="services_survey_scale_1_4",
            ),
            models.CheckConstraint(
                condition=models.Q(age__isnull=True) | models.Q(age__gte=10, age__lte=120),
                name="services_survey_age_10_120",
            ),
        ]

    def __str__(self) -> str:
        return f"SKM {self.application_id}"
