"""Service catalogue and applications: public, applicant and staff endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from padu.accounts.models import User
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import NotFound
from padu.core.models import Agency
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for, agency_public_get
from padu.core.services import personal_data_access_record
from padu.documents.responses import pdf_response
from padu.documents.subjects import letter_download_record
from padu.services import schemas as s
from padu.services import selectors, services
from padu.services.formdef import json_schema
from padu.services.letters import application_letter_for_token
from padu.services.models import Application, ApplicationFile, ServiceVersion
from padu.services.permissions import step_role
from padu.services.standard import normalise_requirement
from padu.services.uploads import file_response

router = Router(tags=["services & applications"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}


def _summary(v: ServiceVersion) -> dict[str, Any]:
    return {
        "agency": v.service.agency.slug,
        "agency_name": v.service.agency.name,
        "slug": v.service.slug,
        "name": v.name,
        "category": v.category,
        "audience": v.audience,
        "completion_days": v.completion_days,
        "fee_kind": v.fee_kind,
        "fee_amount": v.fee_amount,
    }


def _service(v: ServiceVersion) -> dict[str, Any]:
    return {
        **_summary(v),
        "version_id": v.pk,
        "version": v.number,
        "description": v.description,
        "legal_basis": v.legal_basis,
        "requirements": [normalise_requirement(r) for r in v.requirements or []],
        "procedure": v.procedure,
        "output": v.output,
        "complaint_channel": v.complaint_channel,
        "contact": v.contact,
        "facilities": v.facilities,
        "staff_competence": v.staff_competence,
        "internal_supervision": v.internal_supervision,
        "staff_count": v.staff_count,
        "service_guarantee": v.service_guarantee,
        "security_guarantee": v.security_guarantee,
        "performance_evaluation": v.performance_evaluation,
        "hours": v.hours or {},
        "charter": selectors.service_charter_public(v.service.agency_id),
        "workflow": v.workflow,
        "form_schema": json_schema(v.form),
    }


def _version(v: ServiceVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "slug": v.service.slug,
        "number": v.number,
        "status": v.status,
        "name": v.name,
        "published_at": v.published_at,
    }


def _application(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "tracking_number": a.tracking_number,
        "agency": a.agency.slug,
        "service": a.service_version.service.slug,
        "service_version": a.service_version.number,
        "status": a.status,
        "step": a.step,
        "step_role": step_role(a) if a.status == "in_review" else None,
        "channel": a.channel,
        "answers": a.answers,
        "fee_amount": a.fee_amount,
        "submitted_at": a.submitted_at,
        "due_at": a.due_at,
        "completed_at": a.completed_at,
        "paused_at": a.paused_at,
        "paused_working_days": a.paused_working_days,
        "working_days_taken": a.working_days_taken,
        "history": [
            {
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "step": e.step,
                "note": e.note,
                "agency": e.agency.slug,
                "created_at": e.created_at,
                "paused_working_days": e.paused_working_days,
            }
            for e in a.events.all()
        ],
    }


def _record_case_read(actor: Any, application: Application) -> None:
    """A read of the case by anyone but the applicant (its answers hold their NIK, address...)
    goes in the applicant's access log, as the console's case view does."""
    personal_data_access_record(
        actor=actor,
        subject_id=application.applicant_id,
        agency=application.agency,
        purpose=_("Processing application %(number)s") % {"number": application.tracking_number},
        fields=sorted(application.answers) if isinstance(application.answers, dict) else [],
    )


@router.get("/services", response={200: list[s.ServiceSummaryOut], 404: Problem}, auth=None)
def service_list(
    request: HttpRequest, region: str | None = None, agency: str | None = None, category: str | None = None, q: str = ""
) -> object:
    """The public catalogue of published services."""
    return [
        _summary(v)
        for v in selectors.published_services(region_code=region, agency_slug=agency, category=category, query=q)[:200]
    ]


@router.get("/services/{agency}/{slug}", response={200: s.ServiceOut, 404: Problem}, auth=None)
def service_detail(request: HttpRequest, agency: str, slug: str) -> object:
    """One service's standard and the JSON schema of its form."""
    return _service(selectors.published_service(agency, slug))


@router.get("/tracking/{number}", response={200: s.TrackingOut, 404: Problem}, auth=None)
def tracking(request: HttpRequest, number: str) -> object:
    """Where an application stands, for anyone with its tracking number (no personal data)."""
    return selectors.tracking_status(number)


@router.post("/applications", response={201: s.ApplicationOut, **ERRORS}, auth=AUTH)
def application_start(request: HttpRequest, payload: s.ApplicationIn) -> object:
    """Start a draft application (a counter officer may name a walk-in applicant)."""
    actor = api_actor(request)
    version = selectors.published_service(payload.agency, payload.service)
    applicant = None
    if payload.applicant_user_id is not None:
        applicant = User.objects.filter(pk=payload.applicant_user_id, is_active=True).first()
        if applicant is None:
            raise NotFound(code="applicant_not_found")
    application = services.application_start(
        actor=actor,
        version=version,
        answers=payload.answers,
        applicant=applicant,
        business_id=payload.business_id,
    )
    return Status(201, _application(application))


@router.get("/me/applications", response={200: list[s.ApplicationOut], **ERRORS}, auth=AUTH)
def my_applications(request: HttpRequest) -> object:
    return [_application(a) for a in selectors.my_applications(api_actor(request))[:100]]


@router.get("/applications/{application_id}", response={200: s.ApplicationOut, **ERRORS}, auth=AUTH)
def application_detail(request: HttpRequest, application_id: int) -> object:
    """The applicant's view, or the staff's (recorded in the applicant's access log)."""
    actor = api_actor(request)
    application = selectors.application_for(actor, application_id)
    _record_case_read(actor, application)
    return _application(application)


@router.get(
    "/applications/{application_id}/document",
    response={200: None, **ERRORS},
    auth=AUTH,
    openapi_extra={"responses": {"200": {"content": {"application/pdf": {}}, "description": "The signed PDF"}}},
)
def application_document(request: HttpRequest, application_id: int) -> FileResponse:
    """The signed PDF issued for a completed application; for the applicant only once the
    service fee is paid (`fee_unpaid` otherwise). Another system's token needs `documents:read`;
    a download by anyone but the applicant is recorded in the applicant's access log."""
    actor = api_actor(request, "documents:read")
    if actor.token is not None:
        document = application_letter_for_token(actor, application_id)
    else:
        document = selectors.application_document(actor, application_id)
        services.application_document_release_check(
            actor=actor, application=selectors.application_for(actor, application_id)
        )
    letter_download_record(actor=actor, document=document)
    return pdf_response(document)


@router.put("/applications/{application_id}/answers", response={200: s.ApplicationOut, **ERRORS}, auth=AUTH)
def application_answers(request: HttpRequest, application_id: int, payload: s.AnswersIn) -> object:
    actor = api_actor(request)
    application = selectors.application_for_applicant(actor, application_id)
    return _application(
        services.application_update_answers(actor=actor, application=application, answers=payload.answers)
    )


def _file(f: ApplicationFile) -> dict[str, Any]:
    return {
        "id": f.pk,
        "field": f.field,
        "name": f.original_name,
        "content_type": f.content_type,
        "size": f.size,
        "sha256": f.sha256,
        "created_at": f.created_at,
    }


@router.post("/applications/{application_id}/files", response={201: s.FileOut, 413: Problem, **ERRORS}, auth=AUTH)
def application_file_upload(
    request: HttpRequest, application_id: int, field: Form[str], file: File[UploadedFile]
) -> object:
    """Upload the document for a `file` question (multipart: `field`, the question's path, and
    `file`); PDF, JPEG or PNG by content. A new upload for the same question replaces the old."""
    actor = api_actor(request)
    application = selectors.application_for_applicant(actor, application_id)
    stored = services.application_file_attach(actor=actor, application=application, field=field, upload=file)
    return Status(201, _file(stored))


@router.get("/applications/{application_id}/files", response={200: list[s.FileOut], **ERRORS}, auth=AUTH)
def application_file_list(request: HttpRequest, application_id: int) -> object:
    """The uploaded documents; a staff read is recorded in the applicant's access log."""
    actor = api_actor(request)
    application = selectors.application_for(actor, application_id)
    files = list(selectors.application_files(application))
    if files:
        personal_data_access_record(
            actor=actor,
            subject_id=application.applicant_id,
            agency=application.agency,
            purpose=_("Checking the documents of application %(number)s") % {"number": application.tracking_number},
            fields=sorted({f.field for f in files}),
        )
    return [_file(f) for f in files]


@router.get(
    "/files/{file_id}",
    response={200: None, **ERRORS},
    auth=AUTH,
    openapi_extra={"responses": {"200": {"content": {"application/octet-stream": {}}, "description": "The file"}}},
)
def application_file_download(request: HttpRequest, file_id: int) -> FileResponse:
    """An uploaded document, as an attachment; a staff download is recorded for the applicant."""
    return file_response(selectors.application_file_for(api_actor(request), file_id))


@router.delete("/files/{file_id}", response={204: None, **ERRORS}, auth=AUTH)
def application_file_delete(request: HttpRequest, file_id: int) -> object:
    actor = api_actor(request)
    stored = selectors.application_file_for_applicant(actor, file_id)
    services.application_file_remove(actor=actor, stored=stored)
    return Status(204, None)


@router.post("/applications/{application_id}/actions", response={200: s.ApplicationOut, **ERRORS}, auth=AUTH)
def application_action(request: HttpRequest, application_id: int, payload: s.ActionIn) -> object:
    """Move the case: submit, resubmit, approve, return, reject, refer or withdraw."""
    actor = api_actor(request)
    application = selectors.application_for(actor, application_id)
    to_agency: Agency | None = agency_public_get(payload.to_agency) if payload.to_agency else None
    updated = services.application_act(
        actor=actor, application=application, action=payload.action, note=payload.note, to_agency=to_agency
    )
    # Read back with its history and the history's agencies in two queries (serialising the
    # returned object loaded each event's agency one by one).
    application = selectors.application_for(actor, updated.pk)
    _record_case_read(actor, application)
    return _application(application)


@router.get("/agencies/{agency_id}/inbox", response={200: s.InboxOut, **ERRORS}, auth=AUTH)
def staff_inbox(
    request: HttpRequest,
    agency_id: int,
    search: str = "",
    service: int | None = None,
    overdue: bool = False,
    order: str = "due",
    limit: int = 50,
) -> object:
    """Cases waiting for your roles, soonest due first."""
    box = selectors.inbox(
        api_actor(request), agency_id, search=search, service_id=service, overdue_only=overdue, order=order, limit=limit
    )
    now = timezone.now()
    return {
        "total": box.total,
        "overdue": box.overdue,
        "near_due": box.near_due,
        "by_role": box.by_role,
        "rows": [
            {
                "id": a.pk,
                "tracking_number": a.tracking_number,
                "service": a.service_version.name,
                "applicant": str(a.applicant),
                "step_role": step_role(a) or "",
                "submitted_at": a.submitted_at,
                "due_at": a.due_at,
                "overdue": bool(a.due_at and a.due_at < now),
                "paused_working_days": a.paused_working_days,
            }
            for a in box.rows
        ],
    }


@router.get("/agencies/{agency_id}/services", response={200: list[s.VersionOut], **ERRORS}, auth=AUTH)
def agency_services(request: HttpRequest, agency_id: int) -> object:
    """Every version of the agency's services, drafts included (a token needs `agencies:read`)."""
    return [_version(v) for v in selectors.service_versions_for(api_actor(request, "agencies:read"), agency_id)]


@router.post("/agencies/{agency_id}/services", response={201: s.VersionOut, **ERRORS}, auth=AUTH)
def service_create(request: HttpRequest, agency_id: int, payload: s.ServiceIn) -> object:
    actor = api_actor(request)
    agency = agency_get_for(actor, agency_id)
    data = payload.dict()
    slug = data.pop("slug")
    v = services.service_create(actor=actor, agency=agency, slug=slug, **data)
    return Status(201, _version(v))


@router.put("/agencies/{agency_id}/services/{version_id}", response={200: s.VersionOut, **ERRORS}, auth=AUTH)
def service_update(request: HttpRequest, agency_id: int, version_id: int, payload: s.ServiceIn) -> object:
    actor = api_actor(request)
    version = selectors.service_version_for(actor, agency_id, version_id)
    data = payload.dict()
    data.pop("slug")
    return _version(services.service_version_update(actor=actor, version=version, **data))


@router.post("/agencies/{agency_id}/services/{version_id}/publish", response={200: s.VersionOut, **ERRORS}, auth=AUTH)
def service_publish(request: HttpRequest, agency_id: int, version_id: int) -> object:
    actor = api_actor(request)
    version = selectors.service_version_for(actor, agency_id, version_id)
    return _version(services.service_publish(actor=actor, version=version))


@router.post("/applications/{application_id}/survey", response={201: None, **ERRORS}, auth=AUTH)
def survey(request: HttpRequest, application_id: int, payload: s.SurveyIn) -> object:
    """Rate a completed service on the nine elements of the public-satisfaction survey: the
    applicant, or for a counter case a front-desk officer entering the paper questionnaire."""
    actor = api_actor(request)
    application = selectors.application_for(actor, application_id)
    services.survey_submit(
        actor=actor, application=application, scores=payload.scores, comment=payload.comment, profile=payload.profile
    )
    return Status(201, None)


@router.get("/satisfaction", response={200: s.IndexOut, 400: Problem}, auth=None)
def satisfaction(
    request: HttpRequest,
    agency: str | None = None,
    service: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> object:
    """The public satisfaction index (IKM) of an agency or one of its services over a period of
    whole days in the agency's time zone. The index stays null until the period has the
    responses `required` names for its completed applications (Krejcie-Morgan sample)."""
    return selectors.satisfaction_index(agency_slug=agency, service_slug=service, start=start, end=end)


@router.get("/on-time", response={200: s.OnTimeReportOut, 400: Problem, 404: Problem}, auth=None)
def on_time(
    request: HttpRequest,
    agency: str,
    service: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> object:
    """How many of an agency's completed applications were completed on time, in total and by
    service: by the due date as moved by the days the file was back with the applicant, and
    the working days taken without those pauses. The period is of completion dates in the
    agency's time zone, both ends included. Counts only, no personal data."""
    report = selectors.on_time_figures(agency_slug=agency, service_slug=service, start=start, end=end)
    return {
        "agency": report.agency,
        "agency_name": report.agency_name,
        "start": report.start,
        "end": report.end,
        "total": _on_time(report.total),
        "by_service": [_on_time(row) for row in report.by_service],
    }


def _on_time(row: selectors.OnTime) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "completed": row.completed,
        "on_time": row.on_time,
        "on_time_percent": row.on_time_percent,
        "paused": row.paused,
        "average_working_days": row.average_working_days,
    }
