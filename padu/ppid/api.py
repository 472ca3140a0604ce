"""Public-information requests (PPID): the public register and list, the requester's and the
officers' endpoints, and the annual report."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Status

from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import Forbidden, InvalidInput, NotFound
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for, agency_public_get
from padu.core.services import personal_data_access_record
from padu.ppid import schemas as s
from padu.ppid import selectors as selectors
from padu.ppid import services as services
from padu.ppid.models import InfoRequest
from padu.ppid.report import annual_report

router = Router(tags=["public information (PPID)"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
MAX_ROWS = 500


def _request(info: InfoRequest, *, staff: bool = False) -> dict[str, Any]:
    objection = selectors.request_objection(info)
    return {
        "id": info.pk,
        "number": info.number,
        "agency": info.agency.slug,
        "status": info.status,
        "requester_kind": info.requester_kind,
        "requester_name": info.requester_name,
        "has_account": info.requester_id is not None,
        "channel": info.channel,
        "contact_channel": info.contact_channel,
        "information": info.information,
        "purpose": info.purpose,
        "obtain_method": info.obtain_method,
        "delivery_method": info.delivery_method,
        "received_at": info.received_at,
        "submitted_at": info.submitted_at,
        "due_at": info.due_at,
        "overdue": services.is_overdue(info),
        "extended_at": info.extended_at,
        "extension_reason": info.extension_reason,
        "decision": info.decision,
        "decided_at": info.decided_at,
        "decision_note": info.decision_note,
        "withheld_part": info.withheld_part,
        "exemption": info.exemption,
        "held_by": info.held_by,
        "fee_amount": info.fee_amount,
        "objection_deadline": services.objection_deadline(info),
        "objection": None
        if objection is None
        else {
            "number": objection.number,
            "channel": objection.channel,
            "received_at": objection.received_at,
            "grounds": objection.grounds,
            "reasons": objection.reasons,
            "status": objection.status,
            "submitted_at": objection.submitted_at,
            "due_at": objection.due_at,
            "outcome": objection.outcome,
            "answer": objection.answer,
            "answered_at": objection.answered_at,
        },
        "files": [
            {
                "id": f.pk,
                "kind": f.kind,
                "name": f.original_name,
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
                "handed_over_at": f.handed_over_at,
                "handed_over_to": f.handed_over_to,
            }
            for f in selectors.request_files(info)
        ],
        "contact_tasks": [
            {
                "id": t.pk,
                "kind": t.kind,
                "channel": t.channel,
                "message": t.message,
                "created_at": t.created_at,
                "done_at": t.done_at,
            }
            for t in selectors.contact_tasks(info)
        ]
        if staff
        else [],
    }


def _readable(request: HttpRequest, request_id: int) -> tuple[Any, InfoRequest, bool]:
    """The requester's own request, or one the actor handles as PPID or its superior (then
    `staff` is true)."""
    actor = api_actor(request)
    if actor.token is not None:
        raise NotFound(code="ppid_request_not_found")
    try:
        return actor, selectors.my_request(actor, request_id), False
    except NotFound:
        return actor, selectors.request_for_staff(actor, request_id), True


@router.get("/ppid/{agency}/register", response={200: list[s.RegisterRowOut], 404: Problem}, auth=None)
def register(request: HttpRequest, agency: str) -> object:
    """The agency's public register of requests (newest first; no requester identity)."""
    return list(selectors.public_register(agency_public_get(agency))[:MAX_ROWS])


@router.get("/ppid/{agency}/public-information", response={200: list[s.PublicInformationOut], 404: Problem}, auth=None)
def public_information(request: HttpRequest, agency: str, category: str = "") -> object:
    """The agency's daftar informasi publik; `category` is berkala, serta_merta or setiap_saat."""
    found = agency_public_get(agency)
    return [
        {
            "id": item.pk,
            "category": item.category,
            "title": item.title,
            "summary": item.summary,
            "responsible_unit": item.responsible_unit,
            "retention": item.retention,
            "format": item.format,
            "year": item.year,
            "document_url": request.build_absolute_uri(reverse("portal:ppid_dip_file", args=[found.slug, item.pk]))
            if item.document
            else None,
            "document_size": item.document_size,
        }
        for item in selectors.public_information_list(found, category)[:MAX_ROWS]
    ]


@router.post("/ppid/{agency}/requests", response={201: s.RequestOut, **ERRORS}, auth=AUTH)
def request_create(request: HttpRequest, agency: str, payload: s.RequestIn) -> object:
    """Request public information as the signed-in person; due in 10 working days."""
    info = services.request_submit(actor=api_actor(request), agency=agency_public_get(agency), **payload.dict())
    return Status(201, _request(info))


@router.post("/agencies/{agency_id}/ppid/requests", response={201: s.RequestOut, **ERRORS}, auth=AUTH)
def request_record(request: HttpRequest, agency_id: int, payload: s.RecordIn) -> object:
    """The information officer records a request received by letter, email, WhatsApp,
    telephone or in person; the 10 working days count from `received_at`. Refused to anyone
    else (403 `ppid_role_required`); bad input is 400 `ppid_request_invalid` with the fields."""
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_not_allowed")
    agency = agency_get_for(actor, agency_id)
    data = payload.dict()
    info = services.request_record(actor=actor, agency=agency, requester_id=data.pop("requester_user_id"), **data)
    return Status(201, _request(info, staff=True))


@router.get("/me/ppid-requests", response={200: list[s.RequestOut], **ERRORS}, auth=AUTH)
def my_requests(request: HttpRequest) -> object:
    return [_request(info) for info in selectors.my_requests(api_actor(request)).order_by("-submitted_at")[:100]]


@router.get("/ppid-requests/{request_id}", response={200: s.RequestOut, **ERRORS}, auth=AUTH)
def request_detail(request: HttpRequest, request_id: int) -> object:
    _actor, info, staff = _readable(request, request_id)
    return _request(info, staff=staff)


@router.post("/ppid-requests/{request_id}/actions", response={200: s.RequestOut, **ERRORS}, auth=AUTH)
def request_action(request: HttpRequest, request_id: int, payload: s.RequestActionIn) -> object:
    """`extend` once by 7 working days (officer, with `reason`); `decide` (officer: `decision`,
    `note`, and for a refusal `exemption` and `consequence_test`); `withdraw` (requester).
    A step the request's state does not allow is 409 `ppid_transition_not_allowed`."""
    actor, info, staff = _readable(request, request_id)
    if payload.action == "extend":
        info = services.request_extend(actor=actor, request=info, reason=payload.reason)
    elif payload.action == "decide":
        info = services.request_decide(
            actor=actor,
            request=info,
            decision=payload.decision,
            note=payload.note,
            withheld_part=payload.withheld_part,
            exemption=payload.exemption,
            consequence_test=payload.consequence_test,
            held_by=payload.held_by,
            fee_amount=payload.fee_amount,
        )
    elif payload.action == "withdraw":
        info = services.request_withdraw(actor=actor, request=info)
    elif payload.action == "hand_over":
        stored = selectors.staff_request_file(actor, payload.file_id or 0)
        if stored.request_id != info.pk:
            raise NotFound(code="ppid_file_not_found")
        services.request_file_hand_over(actor=actor, stored=stored, handed_to=payload.handed_to)
    elif payload.action == "contacted":
        task = selectors.staff_contact_task(actor, info, payload.contact_id or 0)
        services.contact_task_done(actor=actor, task=task, note=payload.note)
    else:
        raise InvalidInput(
            code="ppid_action_unknown", errors={"action": ["extend, decide, withdraw, hand_over or contacted"]}
        )
    info.refresh_from_db()
    return _request(info, staff=staff)


@router.post("/ppid-requests/{request_id}/objection", response={201: s.RequestOut, **ERRORS}, auth=AUTH)
def objection_create(request: HttpRequest, request_id: int, payload: s.ObjectionIn) -> object:
    """The requester objects to the PPID's superior (within 30 working days)."""
    actor = api_actor(request)
    info = selectors.my_request(actor, request_id)
    services.objection_submit(actor=actor, request=info, grounds=payload.grounds, reasons=payload.reasons)
    info.refresh_from_db()
    return Status(201, _request(info))


@router.post("/ppid-requests/{request_id}/objection/record", response={201: s.RequestOut, **ERRORS}, auth=AUTH)
def objection_record(request: HttpRequest, request_id: int, payload: s.RecordObjectionIn) -> object:
    """The information officer records an objection received by letter or at the desk; its
    windows count from `received_at`."""
    actor = api_actor(request)
    if actor.token is not None:
        raise NotFound(code="ppid_request_not_found")
    info = selectors.request_for_staff(actor, request_id)
    services.objection_record(actor=actor, request=info, **payload.dict())
    info.refresh_from_db()
    return Status(201, _request(info, staff=True))


@router.post("/ppid-requests/{request_id}/objection/answer", response={200: s.RequestOut, **ERRORS}, auth=AUTH)
def objection_reply(request: HttpRequest, request_id: int, payload: s.ObjectionAnswerIn) -> object:
    """The PPID's superior (the agency administrator) answers the objection."""
    actor = api_actor(request)
    info = selectors.request_for_staff(actor, request_id, record_access=False)
    services.objection_answer(actor=actor, request=info, outcome=payload.outcome, answer=payload.answer)
    info.refresh_from_db()
    # The answer shows the requester's name: recorded as the console's case view records it.
    if info.requester_id is not None:
        personal_data_access_record(
            actor=actor,
            subject_id=info.requester_id,
            agency=info.agency,
            purpose=f"Permohonan informasi publik {info.number}",
            fields=["name"],
        )
    return _request(info, staff=True)


@router.get("/agencies/{agency_id}/ppid/report", response={200: s.ReportOut, **ERRORS}, auth=AUTH)
def report(request: HttpRequest, agency_id: int, year: int) -> object:
    """The annual PPID report of one agency (the PPID, its administrator, supervisors above)."""
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_not_allowed")
    agency = agency_get_for(actor, agency_id)
    if not 2008 <= year <= 2100:
        raise InvalidInput(code="year_invalid", errors={"year": ["2008 … 2100"]})
    selectors.report_agencies(actor, agency)
    data = annual_report(agency, year)
    return {
        "agency": agency.slug,
        "year": year,
        **{key: getattr(data, key) for key in s.ReportOut.model_fields if key not in ("agency", "year")},
    }
