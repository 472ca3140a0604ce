"""Staff console pages for complaints: the inbox with due dates, the case page with its
decisions (verify, with who may see it; forward, answer, reject, close), replies, internal
notes, contacts made outside Padu and moderation, a CSV export, and the page that records a
complaint received off-line (letter, email, WhatsApp, telephone, at the counter) with its
receipt. Anonymous complainants appear as "Anonymous complainant" everywhere here.

Thin: parse, call a selector or service, render. Errors map as in padu.core.web.console."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.complaints.notifications import tracking_url
from padu.complaints.permissions import can_moderate, can_record, is_officer
from padu.complaints.selectors import (
    attachments_of,
    complainant_label_staff,
    complaint_for_staff_view,
    complaint_message,
    contact_info,
    forward_targets,
    forwards_of,
    inbox,
    overdue,
    record_export,
    staff_thread,
)
from padu.complaints.services import (
    CONTACT_FOR_CHANNEL,
    Contact,
    complaint_act,
    complaint_moderate,
    complaint_record,
    message_moderate,
    message_post,
    officer_actions,
)
from padu.complaints.web.forms import DecisionForm, InboxFilterForm, ModerationForm, RecordForm, StaffReplyForm
from padu.complaints.web.pages import labelled_history
from padu.complaints.web.where import where_step
from padu.core.actors import Actor
from padu.core.errors import Forbidden, InvalidInput, NotFound, PaduError
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view

EXPORT_LIMIT = 5000


def _filters(request: HttpRequest) -> tuple[InboxFilterForm, dict[str, Any]]:
    form = InboxFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {
        "status": data.get("status") or "open",
        "overdue_only": bool(data.get("overdue")),
        "escalated_only": bool(data.get("escalated")),
        "category": data.get("category") or "",
        "search": data.get("q") or "",
    }


@console_view
def inbox_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    form, filters = _filters(request)
    box = inbox(actor, agency_id, **filters)
    now = timezone.now()
    rows = [{"c": c, "who": complainant_label_staff(c), "overdue": overdue(c, now)} for c in box.rows]
    return render(
        request,
        "complaints/console_inbox.html",
        console_context(
            request,
            actor,
            agency,
            section="complaints",
            form=form,
            box=box,
            rows=rows,
            tz=agency.time_zone,
            can_record=can_record(actor, agency.pk),
        ),
    )


@console_view
def export(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    """The inbox as CSV (same filters). Never a name of an anonymous complainant; no contact data."""
    agency = agency_get_for(actor, agency_id)
    _form, filters = _filters(request)
    box = inbox(actor, agency_id, limit=EXPORT_LIMIT, **filters)
    record_export(actor, box.rows)
    zone = ZoneInfo(agency.time_zone)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pengaduan-{agency.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Tracking number"),
            _("Title"),
            _("Kind"),
            _("Category"),
            _("Visibility"),
            _("Complainant"),
            _("Status"),
            _("Handling agency"),
            _("Submitted"),
            _("Due by"),
            _("Escalated"),
            _("Received through"),
        ]
    )

    def safe(value: str) -> str:
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

    for c in box.rows:
        writer.writerow(
            [
                c.tracking_number,
                safe(c.title),
                c.get_kind_display(),
                c.get_category_display(),
                c.get_visibility_display(),
                safe(complainant_label_staff(c)),
                c.get_status_display(),
                c.handling_agency.name,
                c.submitted_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                c.due_at.astimezone(zone).strftime("%Y-%m-%d") if c.due_at else "",
                _("yes") if c.escalated_at else "",
                c.get_channel_display(),
            ]
        )
    return response


_DONE = {
    "verify": gettext_lazy("Complaint %(number)s verified."),
    "forward": gettext_lazy("Complaint %(number)s forwarded."),
    "answer": gettext_lazy("Complaint %(number)s answered; the complainant has been told."),
    "reject": gettext_lazy("Complaint %(number)s will not be processed; the complainant has been told."),
    "close": gettext_lazy("Complaint %(number)s closed."),
}


@console_view
def case_page(request: HttpRequest, actor: Actor, agency_id: int, complaint_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    complaint = complaint_for_staff_view(actor, complaint_id)
    actions = officer_actions(actor, complaint)
    targets = forward_targets(complaint) if "forward" in actions else []
    errors: dict[str, str] = {}
    failed = ""
    posted: dict[str, str] = {}
    contact = contact_info(complaint)
    reply_form = StaffReplyForm(
        through_padu=contact.through_padu,
        initial={"contact_channel": "" if contact.through_padu else contact.channel},
    )
    if request.method == "POST":
        what = str(request.POST.get("what", "decide"))
        posted = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        try:
            if what == "reply":
                reply_form = StaffReplyForm(request.POST, through_padu=contact.through_padu)
                if reply_form.is_valid():
                    internal = reply_form.cleaned_data["internal"]
                    reached = "" if internal else reply_form.cleaned_data.get("contact_channel") or ""
                    message_post(
                        actor=actor,
                        complaint=complaint,
                        body=reply_form.cleaned_data["body"],
                        internal=internal,
                        contact_channel=reached,
                    )
                    messages.success(
                        request,
                        _("Internal note saved.")
                        if internal
                        else (_("The contact is recorded in the conversation.") if reached else _("Reply sent.")),
                    )
                    return redirect("portal:console_complaint", complaint_id=complaint.pk)
                failed = "reply"
                errors["reply"] = " ".join(
                    str(m) for m in [*reply_form.errors.get("body", []), *reply_form.errors.get("contact_channel", [])]
                ) or _("Write a message.")
            elif what == "moderate":
                form = ModerationForm(request.POST)
                if form.is_valid():
                    hide = form.cleaned_data["hide"]
                    message_id = form.cleaned_data.get("message")
                    if message_id:
                        target = complaint_message(complaint, message_id)
                        message_moderate(actor=actor, message=target, reason=form.cleaned_data["reason"], hide=hide)
                    else:
                        complaint_moderate(
                            actor=actor, complaint=complaint, reason=form.cleaned_data["reason"], hide=hide
                        )
                    messages.success(request, _("Hidden from public view.") if hide else _("Shown again."))
                    return redirect("portal:console_complaint", complaint_id=complaint.pk)
            else:
                decision = DecisionForm(request.POST)
                action = str(request.POST.get("action", ""))
                if decision.is_valid() and action in actions:
                    to_agency = next((a for a in targets if a.pk == decision.cleaned_data.get("to_agency")), None)
                    flags = action == "verify" and decision.cleaned_data.get("flags")
                    complaint_act(
                        actor=actor,
                        complaint=complaint,
                        action=action,
                        note=decision.cleaned_data.get("note") or "",
                        to_agency=to_agency,
                        anonymous=bool(decision.cleaned_data.get("anonymous")) if flags else None,
                        confidential=bool(decision.cleaned_data.get("confidential")) if flags else None,
                    )
                    messages.success(request, _DONE[action] % {"number": complaint.tracking_number})
                    if action == "forward":
                        return redirect("portal:console_complaints")
                    return redirect("portal:console_complaint", complaint_id=complaint.pk)
                failed = action
                errors[action] = _("This action is not available for this complaint.")
        except InvalidInput as exc:
            failed = what if what in ("reply", "moderate") else str(request.POST.get("action", ""))
            errors[failed] = str(exc.message) + "".join(
                f" {m}" for msgs in exc.errors.values() for m in msgs if m != str(exc.message)
            )
        except PaduError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, str(exc.message))
            return redirect("portal:console_complaint", complaint_id=complaint.pk)
    tz = complaint.handling_agency.time_zone
    context: dict[str, Any] = {
        "complaint": complaint,
        "who": complainant_label_staff(complaint),
        "thread": staff_thread(complaint),
        "attachments": attachments_of(complaint, include_internal=True),
        "forwards": forwards_of(complaint),
        "history": labelled_history(complaint),
        "actions": actions,
        "targets": targets,
        "errors": errors,
        "failed": failed,
        "posted": posted,
        "reply_form": reply_form,
        "can_moderate": can_moderate(actor, complaint),
        "can_reply": is_officer(actor, complaint),
        "overdue": overdue(complaint),
        "contact": contact,
        "tz": tz,
    }
    response = render(
        request,
        "complaints/console_case.html",
        console_context(request, actor, agency, section="complaints", **context),
    )
    response["Cache-Control"] = "no-store"
    return response


def _received_at(form: RecordForm, zone: ZoneInfo) -> dt.datetime | None:
    day, time = form.cleaned_data.get("received_date"), form.cleaned_data.get("received_time")
    if day is None or time is None:
        return None
    return dt.datetime.combine(day, time, tzinfo=zone)


def _record_errors(form: RecordForm, where: Any, error: PaduError) -> None:
    """A service refusal on the record page: each message at its field (or the place's)."""
    placed = False
    for name, msgs in error.errors.items():
        for msg in msgs:
            if name == "received_at":
                form.add_error("received_date", msg)
            elif name == "region":
                where.picker.error = str(msg)
                where.errors["region"] = str(msg)
            elif name in ("latitude", "longitude"):
                where.location_error = str(msg)
                where.errors["location"] = str(msg)
            elif name in form.fields:
                form.add_error(name, msg)
            else:
                continue
            placed = True
    if not placed:
        form.add_error(None, str(error.message))


@console_view
def record_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    """Record a complaint received by letter, email, WhatsApp, telephone or at the counter."""
    agency = agency_get_for(actor, agency_id)
    if not can_record(actor, agency.pk):
        raise Forbidden(_("Only the agency's complaint officers record complaints."), code="not_complaint_officer")
    zone = ZoneInfo(agency.time_zone)
    post = request.method == "POST"
    where, continuing = where_step(request.POST if post else None, start=agency.region_id)
    form: RecordForm
    if post and continuing:
        form = RecordForm(request.POST)
        # The service checks everything again and gives every error at once, the place's too.
        if form.is_valid() and not (set(where.errors) - {"region"}):
            data = form.cleaned_data
            try:
                complaint = complaint_record(
                    actor=actor,
                    agency=agency,
                    channel=data["channel"],
                    received_at=_received_at(form, zone),
                    kind=data["kind"],
                    title=data["title"],
                    text=data["text"],
                    category=data["category"],
                    region=where.region,
                    contact=Contact(
                        name=data["contact_name"],
                        phone=data["contact_phone"],
                        email=data["contact_email"],
                        address=data["contact_address"],
                        channel=data["contact_channel"],
                    ),
                    complainant_nik=data["complainant_nik"],
                    anonymous=data["anonymous"],
                    confidential=data["confidential"],
                    latitude=where.latitude or None,
                    longitude=where.longitude or None,
                )
            except InvalidInput as exc:
                _record_errors(form, where, exc)
            else:
                messages.success(
                    request,
                    _("Complaint recorded. Its tracking number is %(number)s: give it to the complainant.")
                    % {"number": complaint.tracking_number},
                )
                return redirect("portal:console_complaint", complaint_id=complaint.pk)
    elif post:
        # A search or the next level of the place: keep what was typed, check nothing yet.
        form = RecordForm(initial=request.POST.dict())
    else:
        now = timezone.now().astimezone(zone)
        form = RecordForm(
            initial={"received_date": now.date(), "received_time": now.strftime("%H:%M"), "kind": "complaint"}
        )
    response = render(
        request,
        "complaints/console_record.html",
        console_context(
            request,
            actor,
            agency,
            section="complaint_record",
            form=form,
            where=where,
            contact_defaults=CONTACT_FOR_CHANNEL,
            has_errors=bool(form.errors or where.errors or where.search_error),
        ),
    )
    response["Cache-Control"] = "no-store"
    return response


@console_view
def receipt_page(request: HttpRequest, actor: Actor, agency_id: int, complaint_id: int) -> HttpResponse:
    """The receipt (tanda terima) for the person who brought or phoned in a complaint: its
    tracking number, when it was received, by when it is verified, and how to follow it."""
    agency = agency_get_for(actor, agency_id)
    complaint = complaint_for_staff_view(actor, complaint_id)
    if not complaint.is_offline:
        raise NotFound(_("Complaint not found."), code="complaint_not_found")
    response = render(
        request,
        "complaints/console_receipt.html",
        console_context(
            request,
            actor,
            agency,
            section="complaints",
            complaint=complaint,
            who=complainant_label_staff(complaint),
            tracking_url=tracking_url(),
            tz=complaint.agency.time_zone,
        ),
    )
    response["Cache-Control"] = "no-store"
    return response
