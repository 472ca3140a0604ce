"""Complaints: public list and statistics, the complainant's own, and the officers' actions."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Router, Status
from ninja.files import UploadedFile

from padu.complaints import schemas as s
from padu.complaints import selectors, services
from padu.complaints.models import Complaint, ComplaintEvent, Message
from padu.complaints.permissions import is_complainant, is_officer, public_sees_identity, staff_sees_identity
from padu.complaints.routing import suggest_agency
from padu.complaints.uploads import file_response
from padu.complaints.workflow import ACTION_LABELS, Who, allowed_actions
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import Agency
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for, agency_public_get, region_get
from padu.core.services import DataLook, personal_data_accesses_record

router = Router(tags=["complaints"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
# Past the end of any real list, and well inside every database's integer range.
MAX_OFFSET = 1_000_000_000


def _event(e: ComplaintEvent) -> dict[str, Any]:
    return {
        "action": e.action,
        "label": str(ACTION_LABELS.get(e.action, e.action)),
        "to_status": e.to_status,
        "agency": e.agency.name if e.agency else None,
        "note": e.note,
        "created_at": e.created_at,
    }


def _message(m: Message, complaint: Complaint, viewer: str) -> dict[str, Any]:
    """`viewer`: public, complainant or staff. Officers appear as their agency to the public and
    the complainant; the complainant by name only where the viewer may know it."""
    if m.author_side == "officer":
        author = m.author.full_name if viewer == "staff" else (m.agency.name if m.agency else "")
    elif viewer == "complainant":
        author = selectors.complainant_name(complaint)
    elif viewer == "staff":
        author = selectors.complainant_label_staff(complaint)
    else:
        author = selectors.complainant_label_public(complaint)
    hidden = m.hidden_at is not None
    return {
        "id": m.pk,
        "author": author,
        "side": m.author_side,
        "internal": m.internal,
        "contact_channel": m.contact_channel,
        "hidden": hidden,
        "hidden_reason": m.hidden_reason if viewer != "public" else "",
        "body": "" if hidden and viewer == "public" else m.body,
        "attachments": [a.pk for a in m.attachments.all()] if viewer != "public" else [],
        "created_at": m.created_at,
    }


def public_view(c: Complaint) -> dict[str, Any]:
    hidden = c.moderated_at is not None
    return {
        "tracking_number": c.tracking_number,
        "kind": c.kind,
        "title": "" if hidden else c.title,
        "text": "" if hidden else c.text,
        "moderated": hidden,
        "category": c.category,
        "region": c.region_id,
        "region_name": c.region.name,
        "agency": c.agency.slug,
        "agency_name": c.agency.name,
        "handling_agency": c.handling_agency.slug,
        "handling_agency_name": c.handling_agency.name,
        "complainant": selectors.complainant_label_public(c) if public_sees_identity(c) else "anonymous",
        "anonymous": c.anonymous,
        "confidential": c.confidential,
        "channel": c.channel,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "submitted_at": c.submitted_at,
        "due_at": c.due_at,
        "overdue": selectors.overdue(c),
        "escalated": c.escalated_at is not None,
        "answered_at": c.answered_at,
        "closed_at": c.closed_at,
        "rating": c.rating,
        "time_zone": c.handling_agency.time_zone,
    }


def _contact(c: Complaint, mine: bool) -> dict[str, Any]:
    """How to reach the complainant; the name only where the caller may know it."""
    info = selectors.contact_info(c)
    return {
        "name": selectors.complainant_name(c) if mine or staff_sees_identity(c) else "",
        "has_account": c.has_account,
        "channel": info.channel,
        "address": info.address,
        "phone": c.contact_phone,
        "email": c.contact_email,
        "postal_address": c.contact_address,
        "through_padu": info.through_padu,
        "pending": info.pending,
    }


def _full(c: Complaint, actor: Any) -> dict[str, Any]:
    mine = is_complainant(actor, c)
    viewer = "complainant" if mine else "staff"
    data = public_view(c)
    data.update(
        {
            "id": c.pk,
            "title": c.title,
            "text": c.text,
            "visibility": c.visibility,
            "recorded_at": c.recorded_at,
            "contact": _contact(c, mine),
            "complainant": selectors.complainant_name(c) if mine else selectors.complainant_label_staff(c),
            "latitude": c.latitude,
            "longitude": c.longitude,
            "reopen_until": c.reopen_until,
            "rating_comment": c.rating_comment,
            "moderation_reason": c.moderation_reason,
            "escalated_to": c.escalated_to.slug if c.escalated_to else None,
            "history": [_event(e) for e in selectors.public_history(c)],
            "messages": [
                _message(m, c, viewer) for m in (selectors.complainant_thread(c) if mine else selectors.staff_thread(c))
            ],
            "forwards": [
                {
                    "from_agency": f.from_agency.slug,
                    "to_agency": f.to_agency.slug,
                    "reason": f.reason,
                    "created_at": f.created_at,
                }
                for f in selectors.forwards_of(c)
            ],
            "attachments": [
                {
                    "id": a.pk,
                    "original_name": a.original_name,
                    "content_type": a.content_type,
                    "size": a.size,
                    "internal": a.internal,
                }
                for a in selectors.attachments_of(c, include_internal=not mine)
            ],
            "allowed_actions": [
                t.action
                for t in allowed_actions(c.status)
                if (t.who is Who.COMPLAINANT and mine) or (t.who is Who.OFFICER and is_officer(actor, c) and not mine)
            ],
        }
    )
    return data


def _identity_look(c: Complaint, purpose: str) -> DataLook:
    """The complainant's name shown to staff, for their access log (none for an anonymous one)."""
    return DataLook(c.complainant_id if staff_sees_identity(c) else None, c.handling_agency, purpose, ["full_name"])


def _record_staff_read(actor: Any, c: Complaint) -> None:
    """An officer's read of a known complainant's case, as the console's case view records it;
    the complainant's own read is not recorded."""
    if not is_complainant(actor, c):
        personal_data_accesses_record(
            actor=actor,
            looks=[_identity_look(c, _("Handling complaint %(number)s") % {"number": c.tracking_number})],
        )


@router.get("/complaints/suggest-agency", response={200: s.SuggestionOut, **ERRORS}, auth=None)
def complaint_suggest(request: HttpRequest, region: str, category: str) -> object:
    """Which agency should receive a complaint about this topic at this place (see the rule in the docs)."""
    suggestion = suggest_agency(region_get(region), category)
    if suggestion is None:
        raise NotFound(_("No agency receives complaints for this place yet."), code="no_agency_for_place")
    return {"agency": suggestion.agency.slug, "agency_name": suggestion.agency.name, "reason": suggestion.reason}


@router.post("/complaints", response={201: s.ComplaintOut, **ERRORS}, auth=AUTH)
def complaint_submit(request: HttpRequest, payload: s.ComplaintIn) -> object:
    """Send a complaint, aspiration or question. Attach files afterwards with the attachments endpoint."""
    actor = api_actor(request)
    region = region_get(payload.region)
    agency: Agency
    if payload.agency:
        agency = agency_public_get(payload.agency)
    else:
        suggestion = suggest_agency(region, payload.category)
        if suggestion is None:
            message = _("Choose the agency.")
            raise InvalidInput(message, code="agency_required", errors={"agency": [message]})
        agency = suggestion.agency
    complaint = services.complaint_submit(
        actor=actor,
        agency=agency,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        category=payload.category,
        region=region,
        visibility=payload.visibility,
        anonymous=payload.anonymous,
        confidential=payload.confidential,
        latitude=payload.latitude,
        longitude=payload.longitude,
    )
    return Status(201, _full(selectors.my_complaint(actor, complaint.pk), actor))


@router.get("/complaints/public", response={200: list[s.PublicComplaintOut], **ERRORS}, auth=None)
def complaint_public_list(
    request: HttpRequest,
    agency: str = "",
    region: str = "",
    category: str = "",
    status: str = "",
    q: str = "",
    limit: int = 50,
    offset: int = 0,
) -> object:
    """Complaints that are not confidential, newest first; never a confidential one, never an anonymous name."""
    qs = selectors.public_complaints(agency_slug=agency, region_code=region, category=category, status=status, query=q)
    # As every list of the API: out-of-range paging is clamped, never refused.
    limit = max(1, min(limit, 200))
    offset = max(0, min(offset, MAX_OFFSET))
    return [public_view(c) for c in qs[offset : offset + limit]]


@router.get("/complaints/public/{number}", response={200: s.PublicComplaintOut, **ERRORS}, auth=None)
def complaint_public_detail(request: HttpRequest, number: str) -> object:
    c = selectors.public_complaint(number)
    data = public_view(c)
    data["history"] = [_event(e) for e in selectors.public_history(c)]
    data["messages"] = [_message(m, c, "public") for m in selectors.public_thread(c)]
    return data


@router.get("/complaints/statistics", response={200: s.StatisticsOut, **ERRORS}, auth=None)
def complaint_statistics(request: HttpRequest, agency: str = "", region: str = "", year: int | None = None) -> object:
    """Received, answered on time, average working days to answer, satisfaction and overdue counts."""
    stats = selectors.complaint_statistics(agency_slug=agency, region_code=region, year=year)
    return {
        "total": stats.total.as_dict(),
        "by_agency": [r.as_dict() for r in stats.by_agency],
        "by_region": [r.as_dict() for r in stats.by_region],
    }


@router.get("/me/complaints", response={200: list[s.PublicComplaintOut], **ERRORS}, auth=AUTH)
def my_complaints(request: HttpRequest) -> object:
    actor = api_actor(request)
    rows = []
    for c in selectors.my_complaints(actor)[:200]:
        data = public_view(c)
        data.update({"title": c.title, "text": c.text, "complainant": selectors.complainant_name(c)})
        rows.append(data)
    return rows


@router.get("/complaints/{complaint_id}", response={200: s.ComplaintOut, **ERRORS}, auth=AUTH)
def complaint_detail(request: HttpRequest, complaint_id: int) -> object:
    """The complainant's view, or the officers' (identity hidden for anonymous complaints; a look
    at a known complainant is recorded in their access log)."""
    actor = api_actor(request)
    c = selectors.complaint_for(actor, complaint_id)
    if not is_complainant(actor, c):
        c = selectors.complaint_for_staff_view(actor, complaint_id)
    return _full(c, actor)


@router.post("/complaints/{complaint_id}/actions", response={200: s.ComplaintOut, **ERRORS}, auth=AUTH)
def complaint_action(request: HttpRequest, complaint_id: int, payload: s.ComplaintActionIn) -> object:
    """verify, forward (with to_agency), answer, reject, close (officers); rate (1–5), reopen, withdraw
    (the complainant). An action not allowed in the current status is 409 `transition_not_allowed`."""
    actor = api_actor(request)
    c = selectors.complaint_for(actor, complaint_id)
    to_agency = agency_public_get(payload.to_agency) if payload.to_agency else None
    services.complaint_act(
        actor=actor,
        complaint=c,
        action=payload.action,
        note=payload.note,
        to_agency=to_agency,
        rating=payload.rating,
        anonymous=payload.anonymous,
        confidential=payload.confidential,
    )
    c = selectors.complaint_for(actor, complaint_id)
    _record_staff_read(actor, c)
    return _full(c, actor)


@router.post("/complaints/{complaint_id}/messages", response={201: s.MessageOut, **ERRORS}, auth=AUTH)
def complaint_reply(request: HttpRequest, complaint_id: int, payload: s.MessageIn) -> object:
    """A reply in the thread; officers may post an internal note (`internal: true`), or record a
    contact made outside Padu (`contact_channel`: e.g. `phone`), which is how a complainant
    without an account or email is answered."""
    actor = api_actor(request)
    c = selectors.complaint_for(actor, complaint_id)
    m = services.message_post(
        actor=actor,
        complaint=c,
        body=payload.body,
        internal=payload.internal,
        contact_channel=payload.contact_channel,
    )
    return Status(201, _message(m, c, "complainant" if is_complainant(actor, c) else "staff"))


@router.post("/complaints/{complaint_id}/attachments", response={201: list[s.AttachmentOut], **ERRORS}, auth=AUTH)
def complaint_attach(request: HttpRequest, complaint_id: int, file: File[UploadedFile]) -> object:
    """The complainant adds a photo (JPG, PNG) or PDF of at most 5 MB to an open complaint."""
    actor = api_actor(request)
    c = selectors.my_complaint(actor, complaint_id)
    stored = services.attachments_add(actor=actor, complaint=c, uploads=[file])
    return Status(
        201,
        [
            {
                "id": a.pk,
                "original_name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "internal": a.internal,
            }
            for a in stored
        ],
    )


@router.get(
    "/complaint-attachments/{attachment_id}",
    response={200: None, **ERRORS},
    auth=AUTH,
    openapi_extra={"responses": {"200": {"content": {"application/octet-stream": {}}, "description": "The file"}}},
)
def complaint_attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    return file_response(selectors.attachment_for(api_actor(request), attachment_id))


@router.post("/complaints/{complaint_id}/moderation", response={200: s.ComplaintOut, **ERRORS}, auth=AUTH)
def complaint_moderation(request: HttpRequest, complaint_id: int, payload: s.ModerationIn) -> object:
    """Hide abusive text from public view, with a reason (or show it again): the complaint's title and
    text, or one message (`message_id`). The complainant and officers still see it."""
    actor = api_actor(request)
    c = selectors.complaint_for_staff(actor, complaint_id)
    if payload.message_id is not None:
        message = Message.objects.filter(pk=payload.message_id, complaint=c).first()
        if message is None:
            raise NotFound(_("Message not found."), code="message_not_found")
        services.message_moderate(actor=actor, message=message, reason=payload.reason, hide=payload.hide)
    else:
        services.complaint_moderate(actor=actor, complaint=c, reason=payload.reason, hide=payload.hide)
    c = selectors.complaint_for_staff(actor, complaint_id)
    _record_staff_read(actor, c)
    return _full(c, actor)


@router.get("/agencies/{agency_id}/complaints", response={200: s.ComplaintInboxOut, **ERRORS}, auth=AUTH)
def complaint_inbox(
    request: HttpRequest,
    agency_id: int,
    status: str = "open",
    overdue: bool = False,
    escalated: bool = False,
    category: str = "",
    q: str = "",
    limit: int = 100,
) -> object:
    """Complaints the agency handles or that escalated to it, soonest due first."""
    actor = api_actor(request)
    if actor.token is not None:
        raise NotFound(_("Agency not found."), code="agency_not_found")
    box = selectors.inbox(
        actor,
        agency_id,
        status=status,
        overdue_only=overdue,
        escalated_only=escalated,
        category=category,
        search=q,
        limit=limit,
    )
    # The known complainants' names are listed: one row in each one's access log, in one insert.
    personal_data_accesses_record(
        actor=actor,
        looks=[
            _identity_look(c, _("Listing the complaints inbox (%(number)s)") % {"number": c.tracking_number})
            for c in box.rows
        ],
    )
    now = timezone.now()
    return {
        "total": box.total,
        "overdue": box.overdue,
        "escalated": box.escalated,
        "rows": [
            {
                "id": c.pk,
                "tracking_number": c.tracking_number,
                "title": c.title,
                "kind": c.kind,
                "category": c.category,
                "complainant": selectors.complainant_label_staff(c),
                "visibility": c.visibility,
                "anonymous": c.anonymous,
                "confidential": c.confidential,
                "channel": c.channel,
                "status": c.status,
                "handling_agency": c.handling_agency.slug,
                "submitted_at": c.submitted_at,
                "due_at": c.due_at,
                "overdue": selectors.overdue(c, now),
                "escalated": c.escalated_at is not None,
            }
            for c in box.rows
        ],
    }


@router.post("/agencies/{agency_id}/complaints", response={201: s.ComplaintOut, **ERRORS}, auth=AUTH)
def complaint_record(request: HttpRequest, agency_id: int, payload: s.ComplaintRecordIn) -> object:
    """An officer records a complaint the agency received by letter, email, WhatsApp, telephone or
    in person, from a person with or without an account. The deadlines count from `received_at`
    (not in the future, not before the agency existed in Padu)."""
    actor = api_actor(request)
    if actor.token is not None:
        raise NotFound(_("Agency not found."), code="agency_not_found")
    agency = agency_get_for(actor, agency_id)
    try:
        region = region_get(payload.region)
    except NotFound:
        region = None
    complaint = services.complaint_record(
        actor=actor,
        agency=agency,
        channel=payload.channel,
        received_at=payload.received_at,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        category=payload.category,
        region=region,
        contact=services.Contact(
            name=payload.contact.name,
            phone=payload.contact.phone,
            email=payload.contact.email,
            address=payload.contact.address,
            channel=payload.contact.channel,
        ),
        complainant_nik=payload.complainant_nik,
        anonymous=payload.anonymous,
        confidential=payload.confidential,
        latitude=payload.latitude,
        longitude=payload.longitude,
    )
    c = selectors.complaint_for_staff_view(actor, complaint.pk)
    return Status(201, _full(c, actor))
