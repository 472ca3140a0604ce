"""Complaint pages for the public and complainants: send a report one question at a time,
the public list and page, tracking, statistics, and "my complaints" with the thread.

Thin: parse, call a selector or service, render. The draft of a report lives in the session
until it is sent, so the form works step by step without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.complaints.models import Category, Complaint, Kind
from padu.complaints.permissions import is_complainant
from padu.complaints.routing import agencies_for_place, suggest_agency
from padu.complaints.selectors import (
    attachment_for,
    attachments_of,
    complainant_label_public,
    complainant_name,
    complainant_thread,
    complaint_by_number_for,
    complaint_statistics,
    my_complaint,
    my_complaints,
    overdue,
    public_complaints,
    public_history,
    public_thread,
)
from padu.complaints.services import (
    attachments_add,
    complainant_actions,
    complaint_act,
    complaint_submit,
    message_post,
)
from padu.complaints.uploads import MAX_FILES, file_response
from padu.complaints.web.forms import (
    AgencyForm,
    ListForm,
    RateForm,
    ReopenForm,
    ReplyForm,
    SendForm,
    StatsForm,
    TrackForm,
    WhatForm,
)
from padu.complaints.web.where import start_code, where_step
from padu.complaints.workflow import ACTION_LABELS
from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Forbidden, InvalidInput, NotFound, PaduError
from padu.core.models import Agency, Region
from padu.core.selectors import agency_public_get, region_get
from padu.core.web.regionpicker import build_picker

DRAFT_KEY = "complaint_draft"
PAGE_SIZE = 20
STEPS = ("what", "where", "agency", "send")
STEP_TITLES = {
    "what": gettext_lazy("What is it about?"),
    "where": gettext_lazy("Where did it happen?"),
    "agency": gettext_lazy("Which agency should handle it?"),
    "send": gettext_lazy("Who may see it, and send"),
}


def _draft_region(draft: dict[str, Any]) -> Region | None:
    try:
        return region_get(str(draft.get("region", "")))
    except NotFound:
        return None


def _start_agency_region(draft: dict[str, Any]) -> str:
    """The region of the agency the person came from (`?instansi=<slug>`), if any."""
    try:
        return agency_public_get(str(draft.get("start_agency", ""))).region_id if draft.get("start_agency") else ""
    except NotFound:
        return ""


def _draft_agency(draft: dict[str, Any]) -> Agency | None:
    try:
        return agency_public_get(str(draft.get("agency", "")))
    except NotFound:
        return None


def latest_answer(history: list[Any]) -> Any:
    """The agency's last answer, shown at the top of the page (the history keeps them all)."""
    return next((event for event in reversed(history) if event.action == "answer"), None)


def labelled_history(complaint: Complaint) -> list[Any]:
    """The history with each step's name in the reader's language."""
    events = public_history(complaint)
    for event in events:
        setattr(event, "label", str(ACTION_LABELS.get(event.action, event.action)))  # noqa: B010
    return events


# ---- sending a report, one question at a time ----


def _draft(request: HttpRequest) -> dict[str, Any]:
    draft = request.session.get(DRAFT_KEY)
    return dict(draft) if isinstance(draft, dict) else {}


def _save_draft(request: HttpRequest, draft: dict[str, Any]) -> None:
    request.session[DRAFT_KEY] = draft


def _first_missing(draft: dict[str, Any]) -> str:
    if not draft.get("title"):
        return "what"
    if not draft.get("region"):
        return "where"
    if not draft.get("agency"):
        return "agency"
    return "send"


def _agency_choices(region: Region, category: str) -> tuple[list[tuple[str, str]], str, str]:
    suggestion = suggest_agency(region, category)
    agencies = agencies_for_place(region)
    if suggestion is not None and suggestion.agency not in agencies:
        agencies.insert(0, suggestion.agency)
    if suggestion is not None:
        agencies.sort(key=lambda a: a.pk != suggestion.agency.pk)
    choices = [(a.slug, a.name) for a in agencies]
    return choices, suggestion.agency.slug if suggestion else "", suggestion.reason if suggestion else ""


@login_required
def submit(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    if request.method == "GET" and request.GET.get("instansi"):
        # Sent from an agency's page: the place starts at that agency's area.
        draft["start_agency"] = str(request.GET["instansi"])[:80]
        _save_draft(request, draft)
    requested = str(request.POST.get("step") or request.GET.get("langkah") or "")
    step = requested if requested in STEPS else _first_missing(draft)
    # Never skip ahead of a missing answer.
    if STEPS.index(step) > STEPS.index(_first_missing(draft)):
        step = _first_missing(draft)
    context: dict[str, Any] = {"step": step, "steps": STEPS, "step_number": STEPS.index(step) + 1, "draft": draft}
    context["step_title"] = STEP_TITLES[step]
    post = request.method == "POST" and request.POST.get("step") == step
    if step == "what":
        form: forms.Form = WhatForm(request.POST if post else None, initial=draft or {"kind": Kind.COMPLAINT})
        if post and form.is_valid():
            draft.update({k: form.cleaned_data[k] for k in ("kind", "title", "text", "category")})
            draft.pop("agency", None)  # the topic may have changed the right agency
            _save_draft(request, draft)
            return redirect(f"{request.path}?langkah=where")
        context["form"] = form
    elif step == "where":
        start = start_code(draft.get("region", ""), _start_agency_region(draft))
        where, continuing = where_step(
            request.POST if post else None,
            start=start,
            latitude=draft.get("latitude", ""),
            longitude=draft.get("longitude", ""),
        )
        if continuing and where.region is not None:
            draft.update({"region": where.region.code, "latitude": where.latitude, "longitude": where.longitude})
            draft.pop("agency", None)
            _save_draft(request, draft)
            return redirect(f"{request.path}?langkah=agency")
        context["where"] = where
    elif step == "agency":
        region = _draft_region(draft)
        if region is None:
            return redirect(f"{request.path}?langkah=where")
        choices, suggested, reason = _agency_choices(region, draft.get("category", ""))
        form = AgencyForm(request.POST if post else None, initial={"agency": draft.get("agency") or suggested})
        form.fields["agency"].choices = choices  # type: ignore[attr-defined]
        if post and form.is_valid():
            draft["agency"] = form.cleaned_data["agency"]
            _save_draft(request, draft)
            return redirect(f"{request.path}?langkah=send")
        context.update(
            {"form": form, "suggested": suggested, "reason": reason, "region": region, "no_agency": not choices}
        )
    else:
        form = SendForm(request.POST or None, request.FILES or None) if post else SendForm()
        agency = _draft_agency(draft)
        region = _draft_region(draft)
        if agency is None or region is None:
            return redirect(f"{request.path}?langkah=agency")
        if post and form.is_valid():
            try:
                complaint = complaint_submit(
                    actor=actor_from_request(request),
                    agency=agency,
                    kind=draft.get("kind", ""),
                    title=draft.get("title", ""),
                    text=draft.get("text", ""),
                    category=draft.get("category", ""),
                    region=region,
                    anonymous=form.cleaned_data["anonymous"],
                    confidential=form.cleaned_data["confidential"],
                    latitude=draft.get("latitude") or None,
                    longitude=draft.get("longitude") or None,
                    uploads=request.FILES.getlist("attachments"),
                )
            except InvalidInput as exc:
                _place_errors(form, exc)
            else:
                request.session.pop(DRAFT_KEY, None)
                messages.success(
                    request,
                    _("Your report has been sent. Its tracking number is %(number)s.")
                    % {"number": complaint.tracking_number},
                )
                return redirect("portal:my_complaint", complaint_id=complaint.pk)
        context.update({"form": form, "agency": agency, "region": region, "max_files": MAX_FILES})
        context["kind_label"] = dict(Kind.choices).get(draft.get("kind", ""), "")
        context["category_label"] = dict(Category.choices).get(draft.get("category", ""), "")
    return render(request, "complaints/submit.html", context)


def _place_errors(form: forms.Form, exc: PaduError) -> None:
    placed = False
    for field, errors in exc.errors.items():
        name = field if field in form.fields else None
        for error in errors:
            form.add_error(name, error)
            placed = True
    if not placed:
        form.add_error(None, str(exc.message))


# ---- the public ----


def public_list(request: HttpRequest) -> HttpResponse:
    form = ListForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    qs = public_complaints(
        category=data.get("category") or "", status=data.get("status") or "", query=data.get("q") or ""
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("halaman"))
    now = timezone.now()
    rows = [{"c": c, "overdue": overdue(c, now)} for c in page.object_list]
    return render(request, "complaints/list.html", {"form": form, "page": page, "rows": rows})


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        try:
            complaint = complaint_by_number_for(actor_from_request(request), form.cleaned_data["number"])
        except NotFound as exc:
            form.add_error("number", str(exc.message))
        else:
            return redirect("portal:complaint_public", number=complaint.tracking_number)
    return render(request, "complaints/track.html", {"form": form})


def public_page(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_from_request(request)
    complaint = complaint_by_number_for(actor, number)
    if not complaint.is_public:  # only its complainant reaches a confidential one
        return redirect("portal:my_complaint", complaint_id=complaint.pk)
    history = labelled_history(complaint)
    return render(
        request,
        "complaints/public.html",
        {
            "complaint": complaint,
            "complainant": complainant_label_public(complaint),
            "history": history,
            "answer": latest_answer(history),
            "thread": public_thread(complaint),
            "overdue": overdue(complaint),
            "mine": is_complainant(actor, complaint),
            "tz": complaint.handling_agency.time_zone,
        },
    )


def statistics(request: HttpRequest) -> HttpResponse:
    form = StatsForm(request.GET)
    picker = build_picker(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    stats = complaint_statistics(
        agency_slug=data.get("agency") or "", region_code=picker.selected_code, year=data.get("year")
    )
    return render(request, "complaints/statistics.html", {"form": form, "picker": picker, "stats": stats})


# ---- the complainant ----


@login_required
def my_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [{"c": c, "overdue": overdue(c, now)} for c in my_complaints(actor_from_request(request))[:200]]
    return render(request, "complaints/my_list.html", {"rows": rows})


@login_required
def my_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    complaint = my_complaint(actor, complaint_id)
    actions = complainant_actions(complaint)
    forms_: dict[str, forms.Form] = {
        "reply": ReplyForm(),
        "rate": RateForm(prefix="rate"),
        "reopen": ReopenForm(prefix="reopen"),
    }
    failed = ""
    if request.method == "POST":
        what = str(request.POST.get("what", ""))
        try:
            response = _my_post(request, actor, complaint, what, actions, forms_)
        except Forbidden:
            raise  # the page answers 404/403 (padu.core.web.errors)
        except NotFound:
            raise  # the page answers 404/403 (padu.core.web.errors)
        except PaduError as exc:  # e.g. the reopen window closed while the page was open
            messages.error(request, str(exc.message))
            return redirect("portal:my_complaint", complaint_id=complaint.pk)
        if response is not None:
            return response
        failed = what
    tz = complaint.handling_agency.time_zone
    history = labelled_history(complaint)
    response = render(
        request,
        "complaints/my_detail.html",
        {
            "complaint": complaint,
            "thread": complainant_thread(complaint),
            "attachments": attachments_of(complaint, include_internal=False),
            "history": history,
            "answer": latest_answer(history),
            "actions": actions,
            "forms": forms_,
            "failed": failed,
            "overdue": overdue(complaint),
            "tz": tz,
            "complainant_name": complainant_name(complaint),
            "can_reply": complaint.status not in ("closed", "rejected", "withdrawn"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _my_post(
    request: HttpRequest,
    actor: Actor,
    complaint: Complaint,
    what: str,
    actions: set[str],
    forms_: dict[str, forms.Form],
) -> HttpResponse | None:
    done = redirect("portal:my_complaint", complaint_id=complaint.pk)
    if what == "reply":
        form: forms.Form = ReplyForm(request.POST, request.FILES)
        forms_["reply"] = form
        if form.is_valid():
            try:
                message_post(
                    actor=actor,
                    complaint=complaint,
                    body=form.cleaned_data["body"],
                    uploads=request.FILES.getlist("attachments"),
                )
            except InvalidInput as exc:
                _place_errors(form, exc)
                return None
            messages.success(request, _("Your reply has been sent to the officers."))
            return done
        return None
    if what == "files":
        form = ReplyForm(request.POST, request.FILES)
        try:
            attachments_add(actor=actor, complaint=complaint, uploads=request.FILES.getlist("attachments"))
        except InvalidInput as exc:
            _place_errors(form, exc)
            forms_["reply"] = form
            return None
        messages.success(request, _("The files have been added."))
        return done
    if what not in actions:
        messages.error(request, _("This step is not available for your report any more."))
        return done
    if what == "rate":
        form = RateForm(request.POST, prefix="rate")
        forms_["rate"] = form
        if form.is_valid():
            complaint_act(
                actor=actor,
                complaint=complaint,
                action="rate",
                rating=form.cleaned_data["rating"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Thank you for rating the answer."))
            return done
        return None
    if what == "reopen":
        form = ReopenForm(request.POST, prefix="reopen")
        forms_["reopen"] = form
        if form.is_valid():
            try:
                complaint_act(actor=actor, complaint=complaint, action="reopen", note=form.cleaned_data["note"])
            except InvalidInput as exc:
                _place_errors(form, exc)
                return None
            messages.success(request, _("Your report has been reopened. The officers will follow it up again."))
            return done
        return None
    if what == "withdraw":
        complaint_act(actor=actor, complaint=complaint, action="withdraw")
        messages.success(request, _("Your report has been withdrawn."))
        return done
    return done


@login_required
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    """An attachment, for its complainant or the officers who may read the complaint."""
    return file_response(attachment_for(actor_from_request(request), attachment_id))
