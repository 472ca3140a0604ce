"""Reads of services and applications, with tenancy applied from the actor."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.cache import Nearby
from padu.core.calendar import agency_today
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import Agency, TimeZone
from padu.core.roles import Role
from padu.core.selectors import agency_get_for, agency_public_get
from padu.core.services import personal_data_access_record
from padu.core.tracking import normalise_tracking_number
from padu.documents.models import IssuedDocument
from padu.services.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    ApplicationStatus,
    Channel,
    Referral,
    RespondentEducation,
    RespondentOccupation,
    RespondentSex,
    ServiceCharter,
    ServiceVersion,
    SurveyResponse,
    VersionStatus,
)
from padu.services.permissions import can_read_case, is_applicant_side
from padu.services.survey import ELEMENT_KEYS, Index, compute_index, day_bounds, published_index

NEAR_DUE = dt.timedelta(days=2)
LISTING_DEFERRED = (
    "description",
    "legal_basis",
    "requirements",
    "procedure",
    "form",
    "workflow",
    "output",
    "complaint_channel",
    "contact",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
    "hours",
)
# What an inbox row shows (and `str(applicant)` reads): nothing else is loaded per row.
INBOX_ROW_FIELDS = (
    "agency_id",
    "tracking_number",
    "status",
    "step",
    "submitted_at",
    "due_at",
    "paused_working_days",
    "service_version_id",
    "applicant__full_name",
    "applicant__email",
    "applicant__phone",
)
# The public status is read far more often than it changes. It is forgotten at once, in every
# worker, when the case moves (`tracking_status_forget`, called by `application_act`); this
# lifetime only bounds how long a change made another way (a service or office renamed, a
# correction in the admin) takes to show.
TRACKING_CACHE_SECONDS = 600


def published_services(
    *, region_code: str | None = None, agency_slug: str | None = None, category: str | None = None, query: str = ""
) -> QuerySet[ServiceVersion]:
    qs = (
        ServiceVersion.objects.filter(status=VersionStatus.PUBLISHED, service__agency__is_active=True)
        .select_related("service__agency")
        # A listing shows name, category, time and fee: the form, workflow and long texts
        # (most of a version's bytes, JSON to parse) stay in the database.
        .defer(*LISTING_DEFERRED)
    )
    if region_code:
        qs = qs.filter(
            Q(service__agency__region_id=region_code) | Q(service__agency__region__code__startswith=f"{region_code}.")
        )
    if agency_slug:
        qs = qs.filter(service__agency__slug=agency_slug)
    if category:
        qs = qs.filter(category=category)
    if query.strip():
        qs = qs.filter(Q(name__icontains=query.strip()) | Q(description__icontains=query.strip()))
    return qs.order_by("name")


def published_service(agency_slug: str, slug: str) -> ServiceVersion:
    version = (
        ServiceVersion.objects.select_related("service__agency")
        .filter(service__agency__slug=agency_slug, service__slug=slug, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        raise NotFound(_("This service is not offered (or no longer)."), code="service_not_found")
    return version


def service_versions_for(actor: Actor, agency_id: int) -> QuerySet[ServiceVersion]:
    agency = agency_get_for(actor, agency_id)
    return (
        ServiceVersion.objects.filter(service__agency=agency)
        .select_related("service")
        .order_by("service__slug", "-number")
    )


def service_version_for(actor: Actor, agency_id: int, version_id: int) -> ServiceVersion:
    version = service_versions_for(actor, agency_id).filter(pk=version_id).first()
    if version is None:
        raise NotFound(code="service_not_found")
    return version


def service_charter_public(agency_id: int) -> ServiceCharter | None:
    """The agency's published service charter (maklumat pelayanan): public, as its standards are."""
    return ServiceCharter.objects.filter(agency_id=agency_id).first()


def service_charter_for(actor: Actor, agency_id: int) -> ServiceCharter | None:
    """The charter of an agency the actor can see, for its console page."""
    return service_charter_public(agency_get_for(actor, agency_id).pk)


def _with_related(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.select_related("service_version__service", "agency", "applicant", "document").prefetch_related(
        Prefetch("events", queryset=ApplicationEvent.objects.select_related("agency").order_by("created_at", "pk"))
    )


def my_applications(actor: Actor) -> QuerySet[Application]:
    if actor.user_id is None:
        return Application.objects.none()
    # A counter officer keeps the cases they opened for walk-in applicants while the front-desk
    # membership they opened them through is active (see permissions.assists_applicant).
    assisted = Q(
        channel=Channel.COUNTER,
        submitted_by_id=actor.user_id,
        assisted_by__user_id=actor.user_id,
        assisted_by__role=Role.FRONT_DESK,
        assisted_by__is_active=True,
        assisted_by__agency__is_active=True,
    )
    return _with_related(Application.objects.filter(Q(applicant_id=actor.user_id) | assisted)).order_by("-created_at")


def application_for_applicant(actor: Actor, application_id: int) -> Application:
    application = my_applications(actor).filter(pk=application_id).first()
    if application is None:
        raise NotFound(_("Application not found."), code="application_not_found")
    return application


def application_for_staff(actor: Actor, application_id: int) -> Application:
    application = _with_related(Application.objects.filter(pk=application_id)).first()
    if application is None:
        raise NotFound(_("Application not found."), code="application_not_found")
    referred_from = set(Referral.objects.filter(application=application).values_list("from_agency_id", flat=True))
    if not can_read_case(actor, application, referred_from):
        raise NotFound(_("Application not found."), code="application_not_found")
    return application


def application_for(actor: Actor, application_id: int) -> Application:
    """The applicant's or the staff's view, whichever the actor has."""
    application = _with_related(Application.objects.filter(pk=application_id)).first()
    if application is not None and is_applicant_side(actor, application):
        return application
    return application_for_staff(actor, application_id)


def application_files(application: Application) -> QuerySet[ApplicationFile]:
    """The documents of an application the caller already holds (from `application_for`)."""
    return ApplicationFile.objects.filter(application=application).order_by("field", "pk")


def application_file_for(actor: Actor, file_id: int) -> ApplicationFile:
    """A document for its applicant side or the staff who may read the case; a staff look is
    recorded in the applicant's access log (UU PDP)."""
    stored = ApplicationFile.objects.filter(pk=file_id).only("pk", "application_id").first()
    if stored is None:
        raise NotFound(_("File not found."), code="file_not_found")
    try:
        application = application_for(actor, stored.application_id)
    except NotFound as exc:
        raise NotFound(_("File not found."), code="file_not_found") from exc
    stored = ApplicationFile.objects.get(pk=file_id)
    stored.application = application
    if not is_applicant_side(actor, application):
        personal_data_access_record(
            actor=actor,
            subject_id=application.applicant_id,
            agency=application.agency,
            purpose=_("Checking the documents of application %(number)s") % {"number": application.tracking_number},
            fields=[stored.field],
        )
    return stored


def application_file_for_applicant(actor: Actor, file_id: int) -> ApplicationFile:
    """A document of one of the caller's own applications (to replace or remove it)."""
    stored = ApplicationFile.objects.select_related("application").filter(pk=file_id).first()
    if stored is None or not is_applicant_side(actor, stored.application):
        raise NotFound(_("File not found."), code="file_not_found")
    return stored


def application_history(application: Application) -> QuerySet[ApplicationEvent]:
    return ApplicationEvent.objects.filter(application=application).select_related("agency", "actor")


@dataclass(frozen=True)
class PublicStatus:
    tracking_number: str
    service: str
    agency: str
    status: str
    status_label: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    completed_at: dt.datetime | None
    time_zone: str
    # While the file is back with the applicant, the service clock stands (since then).
    paused_at: dt.datetime | None = None


def tracking_status(number: str) -> PublicStatus:
    """What anyone with the tracking number may see: no personal data."""
    normal = normalise_tracking_number(number)
    if normal is None:
        raise NotFound(_("Check the tracking number: it has a typing error."), code="tracking_number_invalid")
    key = _tracking_key(normal, get_language() or settings.LANGUAGE_CODE)
    cached = _tracking_statuses.get(key)
    if isinstance(cached, PublicStatus):
        return cached
    application = (
        Application.objects.select_related("service_version", "agency")
        .only(
            "service_version",
            "agency",
            "tracking_number",
            "status",
            "submitted_at",
            "due_at",
            "completed_at",
            "paused_at",
            "service_version__name",
            "agency__name",
            "agency__time_zone",
        )
        .filter(tracking_number=normal)
        .exclude(status=ApplicationStatus.DRAFT)
        .first()
    )
    if application is None:
        raise NotFound(_("No application has this tracking number."), code="application_not_found")
    status = PublicStatus(
        tracking_number=application.tracking_number,
        service=application.service_version.name,
        agency=application.agency.name,
        status=application.status,
        status_label=str(application.get_status_display()),
        submitted_at=application.submitted_at,
        due_at=application.due_at,
        completed_at=application.completed_at,
        time_zone=application.agency.time_zone,
        paused_at=application.paused_at if application.status == ApplicationStatus.RETURNED else None,
    )
    _tracking_statuses.set(key, status, TRACKING_CACHE_SECONDS)
    return status


CATALOGUE_VERSION_KEY = "padu:catalogue:version"

# Each worker keeps the version in memory and drops it when any worker changes the catalogue.
_catalogue_versions = Nearby(size=1, seconds=300)


def catalogue_version() -> str:
    """A token that changes whenever the published catalogue does (publish, retire): pages
    that list services key their cached copies by it."""
    version = _catalogue_versions.get(CATALOGUE_VERSION_KEY)
    if not isinstance(version, str):
        cache.add(CATALOGUE_VERSION_KEY, secrets.token_hex(8), None)  # the first worker's wins
        version = str(_catalogue_versions.get(CATALOGUE_VERSION_KEY) or "")
    return version


def catalogue_changed() -> None:
    """Give the catalogue a new version, so cached listings are not served again."""
    _catalogue_versions.forget([CATALOGUE_VERSION_KEY])


# Public statuses are kept in each worker's memory too, and dropped everywhere when the case
# moves (`tracking_status_forget`).
_tracking_statuses = Nearby(size=4096, seconds=TRACKING_CACHE_SECONDS)


def _tracking_key(number: str, language: str) -> str:
    return f"padu:tracking:{language}:{number}"


_tracking_forget_hooks: list[Callable[[str], None]] = []


def on_tracking_status_forgotten(hook: Callable[[str], None]) -> None:
    """Call `hook(tracking_number)` whenever a case's public status is forgotten because the
    case moved (e.g. the services pages drop their cached status page)."""
    if hook not in _tracking_forget_hooks:
        _tracking_forget_hooks.append(hook)


def tracking_status_forget(number: str) -> None:
    """Drop the cached public status of a case (in every language) after it changed."""
    _tracking_statuses.forget([_tracking_key(number, code) for code, _name in settings.LANGUAGES])
    for hook in _tracking_forget_hooks:
        hook(number)


@dataclass
class Inbox:
    agency: Agency
    rows: list[Application]
    total: int
    overdue: int
    near_due: int
    by_role: dict[str, int]


def inbox(
    actor: Actor,
    agency_id: int,
    *,
    search: str = "",
    service_id: int | None = None,
    overdue_only: bool = False,
    order: str = "due",
    limit: int = 50,
) -> Inbox:
    """Cases waiting for one of the actor's roles in the agency, soonest due first."""
    agency = agency_get_for(actor, agency_id)
    roles = actor.roles_in(agency.pk)
    qs = Application.objects.filter(agency=agency, status=ApplicationStatus.IN_REVIEW)
    waiting = Application.objects.none()
    # Versions of the cases here (a referred case keeps the sending agency's version).
    versions = {
        v.pk: v
        for v in ServiceVersion.objects.filter(pk__in=qs.values("service_version_id").distinct()).only(
            "pk", "name", "workflow"
        )
    }
    for version in versions.values():
        steps = [i for i, step in enumerate(version.workflow) if step.get("role") in roles]
        if steps:
            waiting = waiting | qs.filter(service_version=version, step__in=steps)
    now = timezone.now()
    if search.strip():
        term = search.strip()
        normal = normalise_tracking_number(term)
        waiting = waiting.filter(Q(tracking_number=normal or term.upper()) | Q(applicant__full_name__icontains=term))
    if service_id:
        waiting = waiting.filter(service_version__service_id=service_id)
    counts = waiting.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        near_due=Count("pk", filter=Q(due_at__gte=now, due_at__lt=now + NEAR_DUE)),
    )
    if overdue_only:
        waiting = waiting.filter(due_at__lt=now)
    ordering = {"due": ["due_at", "pk"], "-due": ["-due_at", "-pk"], "new": ["-submitted_at", "-pk"]}.get(
        order, ["due_at"]
    )
    # The list shows number, service, applicant, step and due date: no history, no answers,
    # no form definitions (which select_related would otherwise read and parse for each row).
    rows = list(
        waiting.select_related("applicant").only(*INBOX_ROW_FIELDS).order_by(*ordering)[: max(1, min(limit, 200))]
    )
    by_role: dict[str, int] = {}
    for row in rows:
        row.service_version = versions[row.service_version_id]  # read above, once per version
        role = row.service_version.workflow[row.step]["role"]
        by_role[role] = by_role.get(role, 0) + 1
    return Inbox(
        agency=agency,
        rows=rows,
        total=counts["total"],
        overdue=counts["overdue"],
        near_due=counts["near_due"],
        by_role=by_role,
    )


def application_status_rollup(actor: Actor, agency_id: int) -> dict[int, dict[str, int]]:
    """Applications by status for the agency and every agency beneath it ({agency id:
    {status: count}}), e.g. a province's view of its regencies, districts and villages.
    Counts only, no personal data: anyone who can read the top agency may see them."""
    agency = agency_get_for(actor, agency_id)
    rows = (
        Application.objects.filter(agency__tree_path__startswith=agency.tree_path)
        .values_list("agency_id", "status")
        # COUNT(*), not COUNT(id): PostgreSQL can then answer from the (agency, status, …)
        # index alone, without reading a million rows of the table.
        .annotate(n=Count("*"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {}
    for row_agency, status, n in rows:
        result.setdefault(row_agency, {})[status] = n
    return result


def application_for_staff_view(actor: Actor, application_id: int) -> Application:
    """The staff's case view, with the look at the applicant's answers recorded (UU PDP)."""
    application = application_for_staff(actor, application_id)
    personal_data_access_record(
        actor=actor,
        subject_id=application.applicant_id,
        agency=application.agency,
        purpose=_("Processing application %(number)s") % {"number": application.tracking_number},
        fields=sorted(application.answers) if isinstance(application.answers, dict) else [],
    )
    return application


def application_document(actor: Actor, application_id: int) -> IssuedDocument:
    """The signed document of a completed case, for its applicant and the staff who may read it."""
    application = application_for(actor, application_id)
    if application.document is None:
        raise NotFound(_("No document has been issued for this application yet."), code="document_not_issued")
    return application.document


def _local_days(field: str, start: dt.date | None, end: dt.date | None, *, time_zone: str | None, zone_field: str) -> Q:
    """`field` within whole local days from `start` to `end`: in `time_zone` (one agency's),
    or, across agencies, each row in the time zone of its own agency (`zone_field`)."""
    if start is None and end is None:
        return Q()
    condition = Q()
    for zone in [time_zone] if time_zone else TimeZone.values:
        since, until = day_bounds(start, end, zone)
        part = Q() if time_zone else Q(**{zone_field: zone})
        if since is not None:
            part &= Q(**{f"{field}__gte": since})
        if until is not None:
            part &= Q(**{f"{field}__lt": until})
        condition |= part
    return condition


_PROFILE_COUNTS = {
    "sex": RespondentSex.values,
    "education": RespondentEducation.values,
    "occupation": RespondentOccupation.values,
}


def satisfaction_index(
    *,
    agency_slug: str | None = None,
    service_slug: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agency: Agency | None = None,
) -> Index:
    """The public IKM of a service or an agency over a period of whole days in the agency's
    time zone (both ends included; across agencies, each in its own). Published only when the
    period has the answers `survey.sample_minimum` asks for its completed applications;
    otherwise only the counts (`Index.published` is false)."""
    if service_slug and not (agency_slug or agency):
        raise InvalidInput(_("Name the agency of the service too."), code="agency_required")
    if start and end and end < start:
        raise InvalidInput(_("The period ends before it starts."), code="period_invalid")
    responses = SurveyResponse.objects.all()
    completed = Application.objects.filter(status=ApplicationStatus.COMPLETED)
    time_zone = None
    if agency is not None:
        responses, completed = responses.filter(agency=agency), completed.filter(agency=agency)
        time_zone = agency.time_zone
    elif agency_slug:
        responses, completed = responses.filter(agency__slug=agency_slug), completed.filter(agency__slug=agency_slug)
        if start or end:
            time_zone = Agency.objects.filter(slug=agency_slug).values_list("time_zone", flat=True).first()
    if service_slug:
        responses = responses.filter(service__slug=service_slug)
        completed = completed.filter(service_version__service__slug=service_slug)
    responses = responses.filter(
        _local_days("created_at", start, end, time_zone=time_zone, zone_field="agency__time_zone")
    )
    completed = completed.filter(
        _local_days("completed_at", start, end, time_zone=time_zone, zone_field="agency__time_zone")
    )
    counts = {
        f"{key}:{value}": Count("pk", filter=Q(**{key: value}))
        for key, values in _PROFILE_COUNTS.items()
        for value in values
    }
    totals = responses.aggregate(n=Count("pk"), **{key: Sum(key) for key in ELEMENT_KEYS}, **counts)
    respondents: dict[str, dict[str, int]] = {key: {} for key in _PROFILE_COUNTS}
    for name in counts:
        key, value = name.split(":")
        respondents[key][value] = int(totals[name])
    index = compute_index({key: int(totals[key] or 0) for key in ELEMENT_KEYS}, int(totals["n"]))
    return published_index(
        index, population=completed.count(), floor=settings.PADU_SKM_MIN_RESPONSES, respondents=respondents
    )


@dataclass(frozen=True)
class PublicSatisfaction:
    """What a public page shows: this year's index so far (in the agency's time zone) and,
    while it is not published yet, last year's when that was."""

    year: int
    current: Index
    previous: Index | None  # last year's, only when this year's is not published and last year's is


def satisfaction_public(agency: Agency, service_slug: str | None = None) -> PublicSatisfaction:
    """The index block of an agency's or a service's public page."""
    today = agency_today(agency)
    current = satisfaction_index(
        agency=agency, service_slug=service_slug, start=dt.date(today.year, 1, 1), end=dt.date(today.year, 12, 31)
    )
    previous = None
    if not current.published:
        last = satisfaction_index(
            agency=agency,
            service_slug=service_slug,
            start=dt.date(today.year - 1, 1, 1),
            end=dt.date(today.year - 1, 12, 31),
        )
        previous = last if last.published else None
    return PublicSatisfaction(today.year, current, previous)


@dataclass(frozen=True)
class ClockPause:
    """A time the service clock stood because the file was back with the applicant."""

    started: dt.datetime
    ended: dt.datetime | None  # None: it stands now
    working_days: int | None  # added to the due date when it ended; None while it stands


def clock_pauses(application: Application) -> list[ClockPause]:
    """The pauses of a case the caller already holds (from `application_for` and the like),
    read from its history: each return up to the resubmission (or withdrawal) that ended it.
    A return resubmitted before the clock was kept is left out: it moved no date."""
    pauses: list[ClockPause] = []
    started: dt.datetime | None = None
    for event in sorted(application.events.all(), key=lambda e: (e.created_at, e.pk)):
        if event.action == "return":
            started = event.created_at
        elif started is not None and event.from_status == ApplicationStatus.RETURNED:
            if event.paused_working_days is not None:
                pauses.append(ClockPause(started, event.created_at, event.paused_working_days))
            started = None
    if application.status == ApplicationStatus.RETURNED and application.paused_at is not None:
        pauses.append(ClockPause(application.paused_at, None, None))
    return pauses


@dataclass(frozen=True)
class OnTime:
    """Completed applications against their due dates, each moved by its clock's pauses."""

    key: str  # the service's short name; "" for the agency's total
    label: str
    completed: int
    on_time: int
    paused: int  # completed cases whose clock stood at least one working day
    average_working_days: float | None  # taken from submission to completion, pauses excluded

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.completed, 1) if self.completed else None


@dataclass(frozen=True)
class OnTimeReport:
    agency: str
    agency_name: str
    start: dt.date | None
    end: dt.date | None
    total: OnTime
    by_service: list[OnTime]


def _on_time_counts() -> dict[str, Any]:
    return {
        "completed": Count("pk"),
        "on_time": Count("pk", filter=Q(due_at__isnull=False, completed_at__lte=F("due_at"))),
        "paused": Count("pk", filter=Q(paused_working_days__gt=0)),
        "days": Avg("working_days_taken"),
    }


def _on_time(key: str, label: str, row: Mapping[str, Any]) -> OnTime:
    days = row.get("days")
    return OnTime(
        key=key,
        label=label,
        completed=int(row.get("completed") or 0),
        on_time=int(row.get("on_time") or 0),
        paused=int(row.get("paused") or 0),
        average_working_days=round(float(days), 1) if days is not None else None,
    )


def on_time_figures(
    *,
    agency_slug: str,
    service_slug: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> OnTimeReport:
    """The public on-time figures of an agency's completed applications, in total and by
    service (counts only, no personal data): completed by the due date as moved by the
    clock's pauses, and the working days taken without them. The period is of completion
    dates in the agency's time zone, both ends included."""
    agency = agency_public_get(agency_slug)
    if start and end and end < start:
        raise InvalidInput(
            _("The end of the period is before its start."), code="period_invalid", errors={"end": [_("Too early.")]}
        )
    qs = Application.objects.filter(agency=agency, status=ApplicationStatus.COMPLETED, completed_at__isnull=False)
    zone = ZoneInfo(agency.time_zone)
    if start:
        qs = qs.filter(completed_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    if end:
        qs = qs.filter(completed_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone))
    if service_slug:
        qs = qs.filter(service_version__service__slug=service_slug)
    rows = list(qs.values("service_version__service_id").annotate(**_on_time_counts()).order_by())
    services = {
        service_id: (slug, name)
        for service_id, slug, name in ServiceVersion.objects.filter(
            service_id__in=[r["service_version__service_id"] for r in rows]
        )
        .order_by("service_id", "number")  # the latest version's name wins
        .values_list("service_id", "service__slug", "name")
    }
    by_service = sorted(
        (_on_time(*services[r["service_version__service_id"]], r) for r in rows), key=lambda o: o.label.lower()
    )
    total = _on_time("", agency.name, qs.aggregate(**_on_time_counts()))
    return OnTimeReport(
        agency=agency.slug, agency_name=agency.name, start=start, end=end, total=total, by_service=by_service
    )


def service_offered(service_id: int) -> bool:
    """The service has a published version (a rejected applicant may apply again there)."""
    return ServiceVersion.objects.filter(service_id=service_id, status=VersionStatus.PUBLISHED).exists()


def survey_done(application: Application) -> bool:
    return SurveyResponse.objects.filter(application=application).exists()


OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.IN_REVIEW, ApplicationStatus.RETURNED)


def has_open_application(agency_id: int, user_id: int) -> bool:
    """The person has a case still open at the agency (registered with the counter look-up)."""
    return Application.objects.filter(agency_id=agency_id, applicant_id=user_id, status__in=OPEN_STATUSES).exists()


def applications_export(user: Any) -> list[dict[str, Any]]:
    """The person's applications, for their data export (registered with accounts)."""
    rows = Application.objects.filter(applicant=user).select_related("agency", "service_version").order_by("pk")
    return [
        {
            "tracking_number": a.tracking_number,
            "service": a.service_version.name,
            "agency": a.agency.name,
            "status": a.status,
            "channel": a.channel,
            "answers": a.answers,
            "fee_amount": a.fee_amount,
            "created_at": a.created_at.isoformat(),
            "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            "completed_at": a.completed_at.isoformat() if a.completed_at else None,
        }
        for a in rows
    ]
