"""Staff console pages for applications: the inbox and the case view with its decisions.

Thin: parse, call a selector or service, render. Domain errors map as in console.py:
Forbidden → 403, NotFound → 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.actors import Actor, actor_from_request
from padu.core.errors import InvalidInput, NotFound, PaduError
from padu.core.models import Agency
from padu.core.selectors import agency_children, agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.pagecache import remembered
from padu.portal.applyform import answer_rows, file_label
from padu.services.models import Application
from padu.services.permissions import can_make, step_role
from padu.services.selectors import (
    application_file_for,
    application_files,
    application_for_staff_view,
    application_history,
    inbox,
)
from padu.services.services import application_act
from padu.services.uploads import file_response
from padu.services.workflow import Who, allowed_actions

STAFF_ACTIONS = ("approve", "return", "reject", "refer")


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tracking number or applicant's name"), required=False, max_length=100)
    overdue = forms.BooleanField(label=gettext_lazy("Only overdue cases"), required=False)
    order = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            ("due", gettext_lazy("Due date, soonest first")),
            ("-due", gettext_lazy("Due date, latest first")),
            ("new", gettext_lazy("Newest first")),
        ],
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in STAFF_ACTIONS])
    note = forms.CharField(required=False, max_length=2000)
    to_agency = forms.IntegerField(required=False)


@console_view
def inbox_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    form = InboxFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    box = inbox(
        actor,
        agency_id,
        search=data.get("q", ""),
        overdue_only=bool(data.get("overdue")),
        order=data.get("order") or "due",
    )
    tz, now = box.agency.time_zone, timezone.now()
    rows = [_inbox_row(a, tz, now) for a in box.rows]
    return render(
        request,
        "portal/console/inbox.html",
        console_context(request, actor, box.agency, section="inbox", form=form, box=box, rows=rows),
    )


def _inbox_row(a: Application, tz: str, now: dt.datetime) -> SafeString:
    """One inbox row, rendered once per worker for as long as what it shows stays the same."""
    applicant = a.applicant.full_name or str(a.applicant)
    overdue = a.due_at is not None and a.due_at < now
    shows = (a.pk, a.tracking_number, a.service_version.name, applicant, step_role(a), a.due_at, overdue, tz)
    context = {"a": a, "applicant": applicant, "overdue": overdue, "tz": tz}
    return remembered("portal/console/inbox_row.html", context, shows)


def _staff_actions(actor: Actor, application: Application) -> list[str]:
    return [
        t.action
        for t in allowed_actions(application.status)
        if t.who is Who.STEP_ROLE and can_make(actor, application, t)
    ]


def _refer_targets(agency: Agency) -> list[Agency]:
    """The parent agency and its other children (siblings)."""
    parent = agency.parent
    if parent is None:
        return list(agency_children(agency))
    return [parent, *[a for a in agency_children(parent) if a.pk != agency.pk]]


@console_view
def case_page(request: HttpRequest, actor: Actor, agency_id: int, application_id: int) -> HttpResponse:
    application = application_for_staff_view(actor, application_id)
    agency = agency_get_for(actor, agency_id)
    actions = _staff_actions(actor, application)
    targets = _refer_targets(application.agency) if "refer" in actions else []
    if not targets and "refer" in actions:
        actions.remove("refer")  # no office to refer to
    errors: dict[str, str] = {}
    failed_action = ""
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid() and form.cleaned_data["action"] in actions:
            action = form.cleaned_data["action"]
            to_agency = next((a for a in targets if a.pk == form.cleaned_data.get("to_agency")), None)
            try:
                application_act(
                    actor=actor,
                    application=application,
                    action=action,
                    note=form.cleaned_data.get("note") or "",
                    to_agency=to_agency,
                )
            except InvalidInput as exc:
                failed_action = action
                errors[action] = str(exc.message)
            except PaduError:
                raise
            else:
                messages.success(request, _DONE.get(action, _("Done.")) % {"number": application.tracking_number})
                return redirect("portal:console_inbox")
        else:
            failed_action = str(request.POST.get("action", ""))
            errors[failed_action] = _("This action is not available for this case.")
    context: dict[str, Any] = {
        "application": application,
        "version": application.service_version,
        "answers": answer_rows(application.service_version.form, application.answers),
        "files": [
            {"file": f, "label": file_label(application.service_version.form, f.field)}
            for f in application_files(application)
        ],
        "history": application_history(application),
        "actions": actions,
        "targets": targets,
        "errors": errors,
        "failed_action": failed_action,
        "posted_note": request.POST.get("note", "") if request.method == "POST" else "",
        "step_role": step_role(application),
        "tz": application.agency.time_zone,
        "now": timezone.now(),
    }
    response = render(
        request, "portal/console/case.html", console_context(request, actor, agency, section="inbox", **context)
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_file(request: HttpRequest, file_id: int) -> FileResponse:
    """A document of a case, for the staff who may read it; the look is recorded for the applicant."""
    try:
        return file_response(application_file_for(actor_from_request(request), file_id))
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


_DONE = {
    "approve": gettext_lazy("Application %(number)s approved."),
    "return": gettext_lazy("Application %(number)s returned to the applicant."),
    "reject": gettext_lazy("Application %(number)s rejected."),
    "refer": gettext_lazy("Application %(number)s referred."),
}
