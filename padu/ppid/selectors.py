"""Reads for public-information requests. Tenancy and permission are applied here."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from lokal import normalize_phone

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency
from padu.core.permissions import supervises
from padu.core.services import personal_data_access_record
from padu.ppid.models import (
    OPEN_STATUSES,
    ContactChannel,
    ContactTask,
    DeliveryMethod,
    InfoObjection,
    InfoRequest,
    ObjectionStatus,
    PublicInformation,
    RequestEvent,
    RequestFile,
)
from padu.ppid.permissions import can_handle_ppid, can_manage_public_information, can_read_ppid_report

# ---- public ----


def public_register(agency: Agency, number: str = "") -> QuerySet[InfoRequest]:
    """The register the law requires: number, dates, subject, status; never the requester.
    With `number`, that one request (how a requester without an account follows it)."""
    rows = InfoRequest.objects.filter(agency=agency)
    number = number.strip()
    if number:
        rows = rows.filter(number=number)
    return rows.only(
        "number", "received_at", "information", "status", "due_at", "decided_at", "decision", "agency_id"
    ).order_by("-received_at", "-pk")


def public_information_list(agency: Agency, category: str = "") -> QuerySet[PublicInformation]:
    items = PublicInformation.objects.filter(agency=agency, is_published=True)
    if category:
        items = items.filter(category=category)
    return items.order_by("category", "title")


def public_information_document(agency: Agency, item_id: int) -> PublicInformation:
    item = PublicInformation.objects.filter(agency=agency, pk=item_id, is_published=True).exclude(document="").first()
    if item is None:
        raise NotFound(_("This document is not published."), code="public_information_not_found")
    return item


# ---- the requester ----


def my_requests(actor: Actor) -> QuerySet[InfoRequest]:
    if actor.user_id is None or actor.token is not None:
        return InfoRequest.objects.none()
    return InfoRequest.objects.filter(requester_id=actor.user_id).select_related("agency")


def my_request(actor: Actor, request_id: int) -> InfoRequest:
    request = my_requests(actor).select_related("agency__region", "agency__parent").filter(pk=request_id).first()
    if request is None:
        raise NotFound(_("This request was not found."), code="ppid_request_not_found")
    return request


def request_files(request: InfoRequest) -> list[RequestFile]:
    return list(request.files.all())


def request_history(request: InfoRequest) -> list[RequestEvent]:
    return list(request.events.all())


def request_objection(request: InfoRequest) -> InfoObjection | None:
    return InfoObjection.objects.filter(request=request).first()


def my_request_file(actor: Actor, file_id: int) -> RequestFile:
    stored = RequestFile.objects.select_related("request").filter(pk=file_id).first()
    if stored is None or actor.user_id is None or stored.request.requester_id != actor.user_id:
        raise NotFound(_("This file was not found."), code="ppid_file_not_found")
    return stored


# ---- staff ----


def _require_handler(actor: Actor, agency_id: int) -> None:
    if not can_handle_ppid(actor, agency_id):
        raise Forbidden(_("Only the information officer (PPID) and the agency administrator see requests."))


def ppid_inbox(actor: Actor, agency_id: int, *, show: str = "open", search: str = "") -> QuerySet[InfoRequest]:
    """Requests of one agency, the soonest deadline first; `show` is open, objections, contact
    (a requester without an account is still to be told something) or all. Each row counts
    its open contact to-dos (`to_contact`)."""
    _require_handler(actor, agency_id)
    requests = (
        InfoRequest.objects.filter(agency_id=agency_id)
        .select_related("agency")
        .annotate(to_contact=Count("contact_tasks", filter=Q(contact_tasks__done_at__isnull=True)))
    )
    if show == "open":
        requests = requests.filter(status__in=OPEN_STATUSES).order_by("due_at", "pk")
    elif show == "objections":
        requests = requests.filter(objection__status=ObjectionStatus.PENDING).order_by("objection__due_at", "pk")
    elif show == "contact":
        requests = requests.filter(to_contact__gt=0).order_by("received_at", "pk")
    else:
        requests = requests.order_by("-received_at", "-pk")
    search = search.strip()
    if search:
        requests = requests.filter(Q(number__icontains=search) | Q(requester_name__icontains=search))
    return requests.select_related("objection") if show == "objections" else requests


def request_for_staff(actor: Actor, request_id: int, *, record_access: bool = True) -> InfoRequest:
    """A request with the requester's identity; the look is logged in the requester's access log."""
    request = (
        InfoRequest.objects.select_related("agency__region", "agency__parent", "requester")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not can_handle_ppid(actor, request.agency_id):
        raise NotFound(_("This request was not found."), code="ppid_request_not_found")
    if record_access and request.requester_id is not None:  # no account, no access log to write to
        personal_data_access_record(
            actor=actor,
            subject_id=request.requester_id,
            agency=request.agency,
            purpose=f"Permohonan informasi publik {request.number}",
            fields=["name", "nik", "address", "phone", "email"],
        )
    return request


def contact_tasks(request: InfoRequest) -> list[ContactTask]:
    """The request's to-dos to tell a requester without an account, the open ones first."""
    return sorted(request.contact_tasks.all(), key=lambda t: (t.done_at is not None, t.created_at, t.pk))


def staff_contact_task(actor: Actor, request: InfoRequest, task_id: int) -> ContactTask:
    task = ContactTask.objects.filter(pk=task_id, request=request).first()
    if task is None or not can_handle_ppid(actor, request.agency_id):
        raise NotFound(code="ppid_contact_not_found")
    return task


def staff_request_file(actor: Actor, file_id: int) -> RequestFile:
    stored = RequestFile.objects.select_related("request").filter(pk=file_id).first()
    if stored is None or not can_handle_ppid(actor, stored.request.agency_id):
        raise NotFound(_("This file was not found."), code="ppid_file_not_found")
    return stored


def staff_public_information(actor: Actor, agency_id: int) -> QuerySet[PublicInformation]:
    if not can_manage_public_information(actor, agency_id):
        raise Forbidden()
    return PublicInformation.objects.filter(agency_id=agency_id).order_by("category", "title")


def staff_public_information_item(actor: Actor, agency_id: int, item_id: int) -> PublicInformation:
    item = staff_public_information(actor, agency_id).filter(pk=item_id).first()
    if item is None:
        raise NotFound(code="public_information_not_found")
    return item


def report_agencies(actor: Actor, agency: Agency) -> list[Agency]:
    """The agency itself (where the actor may read its report) and, for a supervisor, every
    active agency beneath it."""
    if not can_read_ppid_report(actor, agency):
        raise Forbidden(_("Only the PPID, the agency administrator and supervisors see the annual report."))
    found = [agency]
    if actor.is_superuser or supervises(actor, agency):
        found += list(
            Agency.objects.filter(tree_path__startswith=agency.tree_path, is_active=True)
            .exclude(pk=agency.pk)
            .order_by("tree_path")
        )
    return found


def report_agency(actor: Actor, agency_id: int, base: Agency) -> Agency:
    """One of `report_agencies(actor, base)` by id."""
    for candidate in report_agencies(actor, base):
        if candidate.pk == agency_id:
            return candidate
    raise NotFound(code="agency_not_found")


def requests_export(user: Any) -> list[dict[str, Any]]:
    """The person's public-information requests, for their data export (registered with accounts)."""
    rows = InfoRequest.objects.filter(requester=user).select_related("agency").order_by("pk")
    return [
        {
            "number": r.number,
            "agency": r.agency.name,
            "requester_name": r.requester_name,
            "address": r.address,
            "phone": r.phone,
            "email": r.email,
            "information": r.information,
            "purpose": r.purpose,
            "status": r.status,
            "decision": r.decision,
            "channel": r.channel,
            "received_at": r.received_at.isoformat(),
            "submitted_at": r.submitted_at.isoformat(),
            "due_at": r.due_at.isoformat(),
        }
        for r in rows
    ]


def contact_hints(info: InfoRequest) -> list[dict[str, str]]:
    """How to reach the requester, the channel they asked for first: what, where, and a link
    that opens it (WhatsApp, a call, an email) where there is one."""
    hints: list[dict[str, str]] = []
    channel = info.contact_channel
    phone = (normalize_phone(info.phone) or "") if info.phone else ""
    if info.requester_id is not None:
        hints.append({"how": _("Their account on this site"), "where": _("Padu sends in-app messages and email")})
    whatsapp = {
        "how": _("WhatsApp"),
        "where": info.phone,
        "href": f"https://wa.me/{phone.lstrip('+')}" if phone else "",
    }
    call = {"how": _("Telephone or SMS"), "where": info.phone, "href": f"tel:{phone}" if phone else ""}
    mail = {"how": _("Email"), "where": info.email, "href": f"mailto:{info.email}"}
    post = {"how": _("Letter by post"), "where": info.address}
    desk = {"how": _("At the office"), "where": _("the requester comes back to the desk")}
    first = (
        {
            ContactChannel.WHATSAPP: whatsapp,
            ContactChannel.PHONE: call,
            ContactChannel.EMAIL: mail,
            ContactChannel.POST: post,
            ContactChannel.IN_PERSON: desk,
        }.get(ContactChannel(channel))
        if channel
        else None
    )
    if first is not None:
        hints.append(first)
    if info.phone:
        hints += [h for h in (whatsapp, call) if h is not first]
    if info.email and mail is not first:
        hints.append(mail)
    if post is not first and info.delivery_method == DeliveryMethod.POST:
        hints.append(post)
    return hints
