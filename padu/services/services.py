"""Writes for services and applications. Atomic, audited, state changes through the table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from padu.accounts.models import BusinessMember
from padu.accounts.selectors import citizen_found_by
from padu.billing.models import Bill, BillStatus
from padu.billing.selectors import bill_for_application
from padu.billing.services import application_fee_bill_close, application_fee_bill_ensure
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.calendar import WorkCalendar, agency_today
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.models import Agency, Membership
from padu.core.roles import Role
from padu.core.tracking import new_tracking_number
from padu.documents.models import IssuedDocument
from padu.documents.selectors import letter_template_current
from padu.documents.services import document_issue
from padu.services.formdef import check_definition, clean_answers, file_field_at
from padu.services.letters import letter_context_for
from padu.services.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    ApplicationStatus,
    Audience,
    Category,
    Channel,
    FeeKind,
    Referral,
    RegisterEvent,
    RespondentEducation,
    RespondentOccupation,
    RespondentSex,
    Service,
    ServiceCharter,
    ServiceVersion,
    SurveyResponse,
    VersionStatus,
)
from padu.services.notifications import tell_applicant, tell_officer_near_due
from padu.services.permissions import (
    can_make,
    can_manage_services,
    counter_membership,
    is_applicant_side,
    serves_audience,
)
from padu.services.selectors import catalogue_changed, tracking_status_forget
from padu.services.standard import clean_standard, missing_components, publish_problems
from padu.services.survey import AGE_MAX, AGE_MIN, ELEMENT_KEYS, PROFILE_KEYS, survey_source
from padu.services.tasks import application_completed_enqueue
from padu.services.uploads import check_upload
from padu.services.workflow import WORKFLOW

# The service standard's fields, in the order people read them; with form and workflow,
# everything a version holds.
STANDARD_FIELDS = (
    "name",
    "description",
    "audience",
    "category",
    "legal_basis",
    "requirements",
    "procedure",
    "completion_days",
    "fee_kind",
    "fee_amount",
    "fee_field",
    "output",
    "complaint_channel",
    "contact",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
    "hours",
    "document_kind",
    "register_event",
)
VERSION_FIELDS = frozenset({*STANDARD_FIELDS, "form", "workflow"})


def _check_version(version: ServiceVersion) -> None:
    errors: dict[str, list[str]] = {}
    if not version.name.strip():
        errors["name"] = [_("The service needs a name.")]
    if version.category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    if not version.audience or set(version.audience) - set(Audience.values):
        errors["audience"] = [_("Choose who the service is for.")]
    if not 1 <= version.completion_days <= 365:
        errors["completion_days"] = [_("Completion time is 1 to 365 working days.")]
    if version.fee_kind not in FeeKind.values:
        errors["fee_kind"] = [_("Choose how the fee is set.")]
    elif version.fee_kind != FeeKind.FREE and version.fee_amount <= 0:
        errors["fee_amount"] = [_("A paid service needs an amount.")]
    steps = version.workflow
    if not isinstance(steps, list) or not steps or any(s.get("role") not in Role.values for s in steps):
        errors["workflow"] = [_("The workflow needs one or more steps, each done by a role.")]
    if version.register_event and version.register_event not in RegisterEvent.values:
        errors["register_event"] = [_("Choose one of the life events, or none.")]
    errors.update(clean_standard(version))  # what a draft holds must be right; it may be incomplete
    if errors:
        raise InvalidInput(_("The service is not complete."), code="service_invalid", errors=errors)
    check_definition(version.form)
    if version.fee_kind == FeeKind.COMPUTED and version.fee_field not in {f["name"] for f in version.form["fields"]}:
        raise InvalidInput(
            _("The fee is computed from a form field that does not exist."),
            code="service_invalid",
            errors={"fee_field": [_("Name a number or money field of the form.")]},
        )


@transaction.atomic
def service_create(*, actor: Actor, agency: Agency, slug: str = "", **fields: Any) -> ServiceVersion:
    """A new service with its first version, as a draft."""
    if not can_manage_services(actor, agency.pk):
        raise Forbidden()
    unknown = set(fields) - VERSION_FIELDS
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="service_invalid")
    slug = slugify(slug or fields.get("name", ""))[:80]
    if not slug:
        raise InvalidInput(_("The service needs a name."), code="service_invalid", errors={"name": [_("Required.")]})
    if Service.objects.filter(agency=agency, slug=slug).exists():
        raise Conflict(_("This agency already has a service with this short name."), code="service_slug_taken")
    service = Service.objects.create(agency=agency, slug=slug)
    version = ServiceVersion(service=service, number=1, **fields)
    _check_version(version)
    version.save()
    audit_record(actor=actor, verb="service.created", agency=agency, obj=service, changes={"name": version.name})
    return version


@transaction.atomic
def service_version_update(*, actor: Actor, version: ServiceVersion, **fields: Any) -> ServiceVersion:
    if not can_manage_services(actor, version.service.agency_id):
        raise Forbidden()
    if version.status != VersionStatus.DRAFT:
        raise Conflict(_("A published version cannot change; make a new draft."), code="version_not_draft")
    unknown = set(fields) - VERSION_FIELDS
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="service_invalid")
    for key, value in fields.items():
        setattr(version, key, value)
    _check_version(version)
    version.save()
    audit_record(
        actor=actor,
        verb="service.draft_updated",
        agency=version.service.agency,
        obj=version,
        changes={"fields": sorted(fields)},
    )
    return version


@transaction.atomic
def service_publish(*, actor: Actor, version: ServiceVersion) -> ServiceVersion:
    """Publish a draft; the version it replaces is kept for the applications made under it."""
    service = Service.objects.select_for_update().get(pk=version.service_id)
    if not can_manage_services(actor, service.agency_id):
        raise Forbidden()
    version.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise Conflict(_("Only a draft can be published."), code="version_not_draft")
    _check_version(version)
    service_publish_check(version)
    ServiceVersion.objects.filter(service=service, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.SUPERSEDED
    )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor, verb="service.published", agency=service.agency, obj=version, changes={"version": version.number}
    )
    transaction.on_commit(catalogue_changed)
    return version


def service_publish_check(version: ServiceVersion) -> None:
    """Refuse to publish a standard without all fourteen components of UU 25/2009 Pasal 21
    and the service hours (`standard_incomplete`), or whose requirements disagree with its
    form (`requirements_not_collected`); every problem by field path."""
    problems = publish_problems(version)
    if not problems:
        return
    missing = missing_components(version)
    if missing or "hours" in problems:
        names = [str(c.label) for c in missing] + ([str(_("service hours"))] if "hours" in problems else [])
        raise InvalidInput(
            _("The service standard is not complete. Missing: %(missing)s.") % {"missing": ", ".join(names)},
            code="standard_incomplete",
            errors=problems,
        )
    raise InvalidInput(
        _("The requirements and the form do not agree."), code="requirements_not_collected", errors=problems
    )


@transaction.atomic
def service_new_draft(*, actor: Actor, service: Service) -> ServiceVersion:
    if not can_manage_services(actor, service.agency_id):
        raise Forbidden()
    if service.versions.filter(status=VersionStatus.DRAFT).exists():
        raise Conflict(_("This service already has a draft."), code="draft_exists")
    latest = service.versions.order_by("-number").first()
    if latest is None:
        raise NotFound(code="service_not_found")
    copy = ServiceVersion.objects.get(pk=latest.pk)
    copy.pk = None
    copy.number = latest.number + 1
    copy.status = VersionStatus.DRAFT
    copy.published_at = None
    copy.save()
    audit_record(actor=actor, verb="service.draft_created", agency=service.agency, obj=copy)
    return copy


@transaction.atomic
def service_retire(*, actor: Actor, service: Service) -> None:
    if not can_manage_services(actor, service.agency_id):
        raise Forbidden()
    changed = service.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.RETIRED)
    if not changed:
        raise Conflict(_("The service is not published."), code="service_not_published")
    audit_record(actor=actor, verb="service.retired", agency=service.agency, obj=service)
    transaction.on_commit(catalogue_changed)


@transaction.atomic
def service_charter_save(
    *, actor: Actor, agency: Agency, text: str, signed_by_name: str, signed_by_title: str, published_on: dt.date
) -> ServiceCharter:
    """Publish (or replace) the agency's service charter (maklumat pelayanan, UU 25/2009
    Pasal 22), shown with every service of the agency and on its page."""
    if not can_manage_services(actor, agency.pk):
        raise Forbidden()
    values = {
        "text": (text or "").strip(),
        "signed_by_name": (signed_by_name or "").strip(),
        "signed_by_title": (signed_by_title or "").strip(),
    }
    errors: dict[str, list[str]] = {}
    limits = {"text": 5000, "signed_by_name": 200, "signed_by_title": 200}
    for key, value in values.items():
        if not value:
            errors[key] = [_("Required.")]
        elif len(value) > limits[key]:
            errors[key] = [_("Use at most %(n)s characters.") % {"n": limits[key]}]
    if not isinstance(published_on, dt.date):
        errors["published_on"] = [_("Enter a real date, e.g. 2026-11-27.")]
    elif published_on > agency_today(agency):
        errors["published_on"] = [_("The charter cannot be dated in the future.")]
    if errors:
        raise InvalidInput(_("The service charter is not complete."), code="charter_invalid", errors=errors)
    charter = ServiceCharter.objects.select_for_update().filter(agency=agency).first()
    before = {} if charter is None else {k: getattr(charter, k) for k in (*values, "published_on")}
    if charter is None:
        charter = ServiceCharter(agency=agency)
    for key, text in values.items():
        setattr(charter, key, text)
    charter.published_on = published_on
    charter.save()
    changed = sorted(k for k in (*values, "published_on") if before.get(k) != getattr(charter, k))
    audit_record(
        actor=actor,
        verb="service_charter.saved",
        agency=agency,
        obj=charter,
        changes={"fields": changed, "published_on": published_on.isoformat(), "new": not before},
    )
    return charter


# ---- applications ----


def _fee(version: ServiceVersion, answers: dict[str, Any]) -> int:
    if version.fee_kind == FeeKind.FIXED:
        return int(version.fee_amount)
    if version.fee_kind == FeeKind.COMPUTED:
        return int(version.fee_amount) * int(answers.get(version.fee_field) or 0)
    return 0


def _event(
    application: Application,
    actor: Actor,
    action: str,
    source: str,
    note: str = "",
    at: dt.datetime | None = None,
    extra: dict[str, Any] | None = None,
    paused_working_days: int | None = None,
) -> None:
    event = ApplicationEvent.objects.create(
        application=application,
        agency=application.agency,
        actor_id=actor.user_id,
        action=action,
        from_status=source,
        to_status=application.status,
        step=application.step,
        note=note,
        paused_working_days=paused_working_days,
    )
    if at is not None:
        ApplicationEvent.objects.filter(pk=event.pk).update(created_at=at)
    audit_record(
        actor=actor,
        verb=f"application.{action}",
        agency=application.agency,
        obj=application,
        changes={
            "from": source,
            "to": application.status,
            "step": application.step,
            "note": note[:500],
            **(extra or {}),
        },
    )


def _issue_document(actor: Actor, application: Application) -> IssuedDocument:
    """The last step's signer signs the service's letter for the applicant."""
    version = application.service_version
    template = letter_template_current(application.agency_id, version.document_kind)
    if template is None:
        raise Conflict(
            _("The agency has no letter template for this service yet; ask its administrator."),
            code="letter_template_missing",
        )
    if actor.user_id is None:
        raise Forbidden(code="signer_required")
    membership = Membership.objects.filter(
        user_id=actor.user_id, agency_id=application.agency_id, role=Role.SIGNER, is_active=True
    ).first()
    if membership is None:
        raise Forbidden(
            _("Only the agency's signer may complete a case that issues a document."), code="signer_required"
        )
    return document_issue(
        actor=actor,
        agency=application.agency,
        kind=version.document_kind,
        template=template,
        context=letter_context_for(application, actor),
        signer_membership=membership,
        title=version.name,
        # Public on the verification page: the service and case, never the person.
        subject=f"{version.name} — {application.tracking_number}",
    )


def _new_tracking_number() -> str:
    for _attempt in range(10):
        number = new_tracking_number()
        if not Application.objects.filter(tracking_number=number).exists():
            return number
    raise Conflict(_("Could not allocate a tracking number; try again."), code="tracking_exhausted")


@transaction.atomic
def application_start(
    *,
    actor: Actor,
    version: ServiceVersion,
    answers: dict[str, Any],
    applicant: Any = None,
    business_id: int | None = None,
) -> Application:
    """Save a draft application. A counter officer starts one for a walk-in applicant."""
    if actor.user_id is None:
        raise Forbidden(_("Log in to apply."), code="login_required")
    if version.status != VersionStatus.PUBLISHED:
        raise Conflict(_("This service is not open for applications."), code="service_not_published")
    applicant_id = applicant.pk if applicant is not None else actor.user_id
    if (
        business_id is not None
        and not BusinessMember.objects.filter(business_id=business_id, user_id=applicant_id).exists()
    ):
        raise Forbidden(_("You do not act for this business."), code="not_your_business")
    audience = Audience.BUSINESS if business_id is not None else Audience.CITIZEN
    if not serves_audience(version, audience):
        raise InvalidInput(_("This service is not offered to you."), code="audience_mismatch")
    agency_id = version.service.agency_id
    channel = Channel.ONLINE
    assisted_by = None
    if applicant is not None and applicant.pk != actor.user_id:
        # Assisted at the counter: by a front-desk officer of the agency that offers the
        # service, for a citizen they have just found through the (region-bound) look-up.
        assisted_by = counter_membership(actor, agency_id)
        if assisted_by is None:
            raise Forbidden(
                _("Only a front-desk officer of the agency that offers this service can apply on someone's behalf."),
                code="counter_officer_only",
            )
        if not citizen_found_by(officer_id=assisted_by.user_id, agency_id=agency_id, user_id=applicant.pk):
            raise Forbidden(
                _("Find the citizen by NIK first (Find a citizen), then start the application for them."),
                code="citizen_not_looked_up",
            )
        channel = Channel.COUNTER
    if not isinstance(answers, dict):
        raise InvalidInput(_("Answers must be an object."), code="answers_invalid")
    application = Application.objects.create(
        agency_id=agency_id,
        service_version=version,
        tracking_number=_new_tracking_number(),
        applicant_id=applicant_id,
        business_id=business_id,
        submitted_by_id=actor.user_id if channel == Channel.COUNTER else None,
        assisted_by=assisted_by,
        channel=channel,
        answers=answers,
    )
    assisted = {} if assisted_by is None else {"assisted_by": {"membership": assisted_by.pk, "agency": agency_id}}
    _event(application, actor, "start", ApplicationStatus.DRAFT, extra=assisted)
    return application


@transaction.atomic
def application_update_answers(*, actor: Actor, application: Application, answers: dict[str, Any]) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not is_applicant_side(actor, application):
        raise NotFound(code="application_not_found")
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        raise Conflict(_("Answers can change only in a draft or a returned application."), code="not_editable")
    if not isinstance(answers, dict):
        raise InvalidInput(_("Answers must be an object."), code="answers_invalid")
    application.answers = answers
    application.save(update_fields=["answers", "updated_at"])
    return application


EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


def _editable_by_applicant(actor: Actor, application: Application) -> Application:
    application = Application.objects.select_for_update().select_related("service_version").get(pk=application.pk)
    if not is_applicant_side(actor, application):
        raise NotFound(_("Application not found."), code="application_not_found")
    if application.status not in EDITABLE:
        raise Conflict(_("Documents can change only in a draft or a returned application."), code="not_editable")
    return application


def _delete_stored(name: str | None) -> None:
    # Storage is not transactional: the old file goes once the database change is final.
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def application_file_attach(
    *, actor: Actor, application: Application, field: str, upload: UploadedFile
) -> ApplicationFile:
    """Store the applicant's document for a `file` question, replacing an earlier one."""
    application = _editable_by_applicant(actor, application)
    if actor.user_id is None:  # pragma: no cover - the applicant side always has a user
        raise Forbidden(code="login_required")
    spec = file_field_at(application.service_version.form, field, application.answers)
    if spec is None:
        message = _("This form has no document question here.")
        raise InvalidInput(message, code="file_field_unknown", errors={field or "field": [message]})
    checked = check_upload(spec, field, upload)
    earlier = ApplicationFile.objects.filter(application=application, field=field).first()
    if earlier is not None:
        _delete_stored(earlier.file.name)
        earlier.delete()
    stored = ApplicationFile(
        application=application,
        field=field,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by_id=actor.user_id,
    )
    stored.file.save("upload", upload, save=False)
    try:
        stored.save()
        audit_record(
            actor=actor,
            verb="application.file_attached",
            agency=application.agency,
            obj=application,
            changes={
                "field": field,
                "content_type": checked.content_type,
                "size": checked.size,
                "sha256": checked.sha256,
                "replaced": earlier is not None,
            },
        )
    except Exception:
        application_files_discard([stored])
        raise
    return stored


@transaction.atomic
def application_file_remove(*, actor: Actor, stored: ApplicationFile) -> None:
    application = _editable_by_applicant(actor, stored.application)
    stored = ApplicationFile.objects.select_for_update().get(pk=stored.pk, application=application)
    _delete_stored(stored.file.name)
    stored.delete()
    audit_record(
        actor=actor,
        verb="application.file_removed",
        agency=application.agency,
        obj=application,
        changes={"field": stored.field, "sha256": stored.sha256},
    )


def application_files_discard(files: list[ApplicationFile]) -> None:
    """Delete the stored bytes of uploads whose transaction was rolled back."""
    for stored in files:
        name = stored.file.name
        if name:
            default_storage.delete(name)


def application_apply(
    *,
    actor: Actor,
    version: ServiceVersion,
    answers: dict[str, Any],
    uploads: Iterable[tuple[str, UploadedFile]] = (),
    submit: bool = False,
    applicant: Any = None,
) -> Application:
    """The apply page's one step: start an application with its answers and documents, and
    submit it if asked. All or nothing: a refusal at any step leaves no application, no row and
    no stored file. A counter officer passes the walk-in `applicant` (`application_start`)."""
    stored: list[ApplicationFile] = []
    try:
        with transaction.atomic():
            application = application_start(actor=actor, version=version, answers=answers, applicant=applicant)
            refused = _attach_all(actor, application, uploads, stored)
            application = _act_reporting_all(actor, application, "submit" if submit else None, refused)
    except Exception:
        application_files_discard(stored)  # rolled back: their bytes go too
        raise
    return application


def application_revise(
    *,
    actor: Actor,
    application: Application,
    answers: dict[str, Any],
    uploads: Iterable[tuple[str, UploadedFile]] = (),
    remove: ApplicationFile | None = None,
    action: str | None = None,
) -> Application:
    """The applicant's edit of a draft or a returned case in one step: new answers, new
    documents, one document removed, then `action` ("submit" or "resubmit") if given. All or
    nothing, as `application_apply`."""
    stored: list[ApplicationFile] = []
    try:
        with transaction.atomic():
            application = application_update_answers(actor=actor, application=application, answers=answers)
            refused = _attach_all(actor, application, uploads, stored)
            if remove is not None:
                application_file_remove(actor=actor, stored=remove)
            application = _act_reporting_all(actor, application, action, refused)
    except Exception:
        application_files_discard(stored)
        raise
    return application


def _attach_all(
    actor: Actor, application: Application, uploads: Iterable[tuple[str, UploadedFile]], stored: list[ApplicationFile]
) -> list[InvalidInput]:
    """Attach every document; the refused ones are set aside (each in its own savepoint), so
    that the page reports them together with the answers' problems, in one round."""
    refused: list[InvalidInput] = []
    for field, upload in uploads:
        try:
            stored.append(application_file_attach(actor=actor, application=application, field=field, upload=upload))
        except InvalidInput as exc:
            refused.append(exc)
    return refused


def _act_reporting_all(
    actor: Actor, application: Application, action: str | None, refused: list[InvalidInput]
) -> Application:
    """Make `action` (if any) and raise every problem at once: the refused documents and, for a
    submission, the answers. A refused document's own message stands for its question (not
    "Answer this question" as well). Raising rolls the whole step back."""
    problems: dict[str, list[str]] = {}
    for exc in refused:
        for path, messages in exc.errors.items():
            problems.setdefault(path, []).extend(messages)
    if action is not None:
        try:
            application = application_act(actor=actor, application=application, action=action)
        except InvalidInput as exc:
            if not refused:
                raise
            for path, messages in exc.errors.items():
                problems.setdefault(path, messages)
            raise InvalidInput(exc.message, code=exc.code, errors=problems) from exc
    if refused:
        first = refused[0]
        raise type(first)(first.message, code=first.code, errors=problems, extra=first.extra) from first
    return application


def _clock_resume(application: Application, now: dt.datetime, *, move_due: bool) -> int:
    """Restart the service clock that stopped when the case was returned: the working days it
    stood are added to the case's total and, when the case goes on, to its due date.

    The paused days are the agency's working days after the day of the return up to and
    including the day of the resubmission (as a submission day does not count towards the
    completion time, the resubmission day does not either); a return and a resubmission on the
    same day pause nothing."""
    started = application.paused_at
    application.paused_at = None
    if started is None:  # returned before the clock was kept: nothing to add
        return 0
    calendar = WorkCalendar(application.agency)
    days = max(0, calendar.working_days_between(started, now))
    application.paused_working_days += days
    if move_due and days and application.due_at is not None:
        application.due_at = calendar.deadline(application.due_at, days)
    return days


def _working_days_taken(application: Application, now: dt.datetime) -> int | None:
    """Working days from submission to `now`, less the days the clock stood."""
    if application.submitted_at is None:
        return None
    counted = WorkCalendar(application.agency).working_days_between(application.submitted_at, now)
    return max(0, counted - application.paused_working_days)


@transaction.atomic
def application_act(
    *,
    actor: Actor,
    application: Application,
    action: str,
    note: str = "",
    to_agency: Agency | None = None,
    at: dt.datetime | None = None,
) -> Application:
    """Make one transition of the state machine. Anything not in the table is refused.

    `at` records a step taken earlier (a case moved over from a paper register); it may
    not lie in the future. Deadlines are counted from it."""
    application = (
        # Lock only the application row: locking its version and agency too (FOR UPDATE on the
        # whole join) queued every submission of a service behind each other and deadlocked
        # with new drafts taking a key-share lock on the same version.
        Application.objects.select_for_update(of=("self",))
        .select_related("service_version", "agency")
        .get(pk=application.pk)
    )
    # The cached public status goes now (for reads in this transaction) and again once the
    # change is visible to everyone (a reader in between may have cached the old status).
    tracking_status_forget(application.tracking_number)
    transaction.on_commit(partial(tracking_status_forget, application.tracking_number))
    note = note.strip()
    transition = WORKFLOW.check(action, application.status, may=lambda t: can_make(actor, application, t), reason=note)
    source = application.status
    application.near_due_notified_step = None
    now = timezone.now()
    if at is not None:
        if at > now:
            raise InvalidInput(_("A step cannot be recorded in the future."), code="time_in_future")
        now = at
    version = application.service_version
    paused_days: int | None = None  # on the event that restarts the service clock
    clock: dict[str, Any] = {}  # the clock's change, in the audit record
    if action in ("submit", "resubmit"):
        # The answers are checked in full at each submission.
        uploaded = dict(ApplicationFile.objects.filter(application=application).values_list("field", "pk"))
        application.answers = clean_answers(version.form, application.answers, files=uploaded)
        application.fee_amount = _fee(version, application.answers)
        application.status = ApplicationStatus.IN_REVIEW
        if action == "submit":
            application.step = 0
            application.submitted_at = now
            application.due_at = WorkCalendar(application.agency).deadline(now, version.completion_days)
        else:
            paused_days = _clock_resume(application, now, move_due=True)
            clock = {"clock_paused_working_days": paused_days, "due_at": _iso(application.due_at)}
        application_fee_bill(actor=actor, application=application)
    elif action == "approve":
        if application.step + 1 < len(version.workflow):
            application.step += 1
        else:
            application.status = ApplicationStatus.COMPLETED
            application.completed_at = now
            application.working_days_taken = _working_days_taken(application, now)
            clock = {"working_days_taken": application.working_days_taken}
            if version.document_kind:
                application.document = _issue_document(actor, application)
            if version.register_event:
                # The register proposes the life event to its officer, once the case is done.
                transaction.on_commit(partial(application_completed_enqueue, application.pk))
    elif action == "refer":
        if to_agency is None or to_agency.pk == application.agency_id:
            raise InvalidInput(_("Choose the agency to refer the case to."), code="refer_target_invalid")
        Referral.objects.create(
            application=application, from_agency_id=application.agency_id, to_agency=to_agency, reason=note
        )
        _event(application, actor, "refer", source, note, at)
        application.agency = to_agency
        application.step = 0
        application.due_at = WorkCalendar(to_agency).deadline(now, version.completion_days)
        application.save()
        _event(application, actor, "received", source, note, at)
        return application
    else:
        application.status = transition.target
        if application.status == ApplicationStatus.RETURNED:
            # The file is back with the applicant: the service clock stops until they resubmit.
            application.paused_at = now
            clock = {"clock_paused_at": _iso(now)}
        elif source == ApplicationStatus.RETURNED:  # withdrawn while returned: the pause ends
            paused_days = _clock_resume(application, now, move_due=False)
            clock = {"clock_paused_working_days": paused_days}
        if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            application.completed_at = now
            application_fee_bill_close(
                actor=actor,
                tracking_number=application.tracking_number,
                reason=_("The application was rejected.")
                if application.status == ApplicationStatus.REJECTED
                else _("The application was withdrawn."),
            )
    try:
        application.save()
    except IntegrityError as exc:  # pragma: no cover - constraints guard the table above
        raise Conflict(code="conflict") from exc
    # The notification first, the event and its audit record last: appending to the audit
    # chain locks the agency's chain head until the commit, so everything done after it
    # queues the agency's other cases behind this one.
    tell_applicant(application, action, note)
    _event(application, actor, action, source, note, at, extra=clock, paused_working_days=paused_days)
    return application


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@transaction.atomic
def cases_remind_near_due(*, within: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Tell the officers holding each case's current step that it is due soon; once per step.
    A case back with its applicant is not with the officers, and its clock stands: no reminder."""
    now = timezone.now()
    due = (
        Application.objects.select_for_update(skip_locked=True)
        .select_related("service_version", "agency")
        .filter(
            status=ApplicationStatus.IN_REVIEW,
            paused_at__isnull=True,
            due_at__lte=now + within,
            near_due_notified_step__isnull=True,
        )
    )
    count = 0
    for application in due:
        role = application.service_version.workflow[application.step]["role"]
        for membership in Membership.objects.filter(
            agency=application.agency, role=role, is_active=True
        ).select_related("user"):
            tell_officer_near_due(application, membership.user)
            count += 1
        application.near_due_notified_step = application.step
        application.save(update_fields=["near_due_notified_step"])
    return count


@transaction.atomic
def survey_submit(
    *,
    actor: Actor,
    application: Application,
    scores: dict[str, int],
    comment: str = "",
    profile: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> SurveyResponse:
    """A completed case is rated once, on the nine SKM elements (1 to 4), with the optional
    respondent profile of PermenPANRB 14/2017 (sex, age, education, occupation). The applicant
    answers online; for a case taken at the counter, a front-desk officer of the agency may
    enter the applicant's paper questionnaire instead (`survey.survey_source`).

    `at` is when the answers were given (a paper questionnaire entered later): the period they
    count in. Not in the future, and not before the case was completed."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    source = survey_source(actor, application)
    if source is None:
        raise NotFound(code="application_not_found")
    if application.status != ApplicationStatus.COMPLETED:
        raise Conflict(_("You can rate the service once your application is completed."), code="survey_too_early")
    answered = timezone.now()
    if at is not None:
        if at > answered:
            raise InvalidInput(_("A step cannot be recorded in the future."), code="time_in_future")
        if application.completed_at is not None and at < application.completed_at:
            raise InvalidInput(
                _("The questionnaire cannot be dated before the application was completed."),
                code="survey_before_completion",
            )
        answered = at
    if SurveyResponse.objects.filter(application=application).exists():
        raise Conflict(_("This service has already been rated for this application. Thank you."), code="survey_done")
    errors = {
        key: [str(_("Choose 1 (not good) to 4 (very good)."))]
        for key in ELEMENT_KEYS
        if not isinstance(scores.get(key), int) or not 1 <= scores[key] <= 4
    }
    unknown = set(scores) - set(ELEMENT_KEYS)
    errors.update({key: [str(_("Not a survey question."))] for key in unknown})
    about, profile_errors = _survey_profile(profile or {})
    if errors:
        errors.update(profile_errors)
        raise InvalidInput(_("Answer all nine questions."), code="survey_invalid", errors=errors)
    if profile_errors:
        raise InvalidInput(_("Check the answers about the respondent."), code="survey_invalid", errors=profile_errors)
    response = SurveyResponse.objects.create(
        application=application,
        agency_id=application.agency_id,
        service_id=application.service_version.service_id,
        comment=comment.strip()[:2000],
        source=source,
        created_at=answered,
        **about,
        **{key: scores[key] for key in ELEMENT_KEYS},
    )
    audit_record(
        actor=actor,
        verb="survey.submitted",
        agency=application.agency,
        obj=response,
        changes={"source": source, "application": application.tracking_number},
    )
    return response


def _survey_profile(profile: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The respondent profile's answers, each optional (empty or missing: not stated)."""
    about: dict[str, Any] = {"sex": "", "age": None, "education": "", "occupation": ""}
    errors: dict[str, list[str]] = {}
    choices = {
        "sex": RespondentSex.values,
        "education": RespondentEducation.values,
        "occupation": RespondentOccupation.values,
    }
    for key, value in profile.items():
        if key not in PROFILE_KEYS:
            errors[key] = [str(_("Not a survey question."))]
        elif value in (None, ""):
            continue
        elif key == "age":
            if isinstance(value, bool) or not isinstance(value, int) or not AGE_MIN <= value <= AGE_MAX:
                errors[key] = [
                    str(_("Give the age in years, from %(min)d to %(max)d.") % {"min": AGE_MIN, "max": AGE_MAX})
                ]
            else:
                about[key] = value
        elif value not in choices[key]:
            errors[key] = [str(_("Choose one of the answers offered."))]
        else:
            about[key] = value
    return about, errors


def application_fee_bill(*, actor: Actor, application: Application) -> Bill | None:
    """The fee bill of a submitted application, issued (or re-issued when the fee changed
    or the bill expired) in the caller's transaction. The document waits for its payment."""
    applicant = application.applicant
    return application_fee_bill_ensure(
        actor=actor,
        agency=application.agency,
        tracking_number=application.tracking_number,
        payer_user_id=application.applicant_id,
        payer_name=applicant.full_name or str(applicant),
        service_name=application.service_version.name,
        amount=application.fee_amount,
    )


def application_document_release_check(*, actor: Actor, application: Application) -> None:
    """The applicant gets the output document only once the fee is paid; staff always can."""
    if application.fee_amount <= 0 or not is_applicant_side(actor, application):
        return
    bill = bill_for_application(application.tracking_number)
    if bill is not None and bill.status == BillStatus.PAID:
        return
    if bill is not None and bill.status == BillStatus.UNPAID:
        message = _("Pay the service fee first, with billing code %(code)s; the document is released once it is paid.")
        raise Conflict(message % {"code": bill.code}, code="fee_unpaid", extra={"billing_code": bill.code})
    raise Conflict(_("Pay the service fee first; the document is released once it is paid."), code="fee_unpaid")
