"""Staff console pages for complaints: the inbox with due dates, the case page with its
decisions (verify, forward, answer, reject, close), replies, internal notes and moderation,
and a CSV export. Anonymous complainants appear as "Anonymous complainant" everywhere here.

Thin: parse, call a selector or service, render. Errors map as in padu.core.web.console."""

from __future__ import annotations

import csv
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.complaints.permissions import can_moderate, is_officer
from padu.complaints.selectors import (
    attachments_of,
    complainant_label_staff,
    complaint_for_staff_view,
    complaint_message,
    forward_targets,
    forwards_of,
    inbox,
    overdue,
    record_export,
    staff_thread,
)
from padu.complaints.services import (
    complaint_act,
    complaint_moderate,
    message_moderate,
    message_post,
    officer_actions,
)
from padu.complaints.web.forms import DecisionForm, InboxFilterForm, ModerationForm, StaffReplyForm
from padu.complaints.web.pages import labelled_history
from padu.core.actors import Actor
from padu.core.errors import InvalidInput, PaduError
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
            request, actor, agency, section="complaints", form=form, box=box, rows=rows, tz=agency.time_zone
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
    reply_form = StaffReplyForm()
    if request.method == "POST":
        what = str(request.POST.get("what", "decide"))
        posted = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        try:
            if what == "reply":
                reply_form = StaffReplyForm(request.POST)
                if reply_form.is_valid():
                    message_post(
                        actor=actor,
                        complaint=complaint,
                        body=reply_form.cleaned_data["body"],
                        internal=reply_form.cleaned_data["internal"],
                    )
                    messages.success(
                        request,
                        _("Internal note saved.") if reply_form.cleaned_data["internal"] else _("Reply sent."),
                    )
                    return redirect("portal:console_complaint", complaint_id=complaint.pk)
                failed = "reply"
                errors["reply"] = " ".join(str(m) for m in reply_form.errors.get("body", [])) or _("Write a message.")
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
                    complaint_act(
                        actor=actor,
                        complaint=complaint,
                        action=action,
                        note=decision.cleaned_data.get("note") or "",
                        to_agency=to_agency,
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
        "tz": tz,
    }
    response = render(
        request,
        "complaints/console_case.html",
        console_context(request, actor, agency, section="complaints", **context),
    )
    response["Cache-Control"] = "no-store"
    return response
