"""Public-information (PPID) pages for the public and requesters: the agencies' registers,
the daftar informasi publik, the request form, my requests and the objection form.
Thin: parse, call a selector or service, render. Every page works without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from padu.accounts.selectors import citizen_profile_of
from padu.accounts.web import signed_in
from padu.core.actors import actor_from_request
from padu.core.calendar import agency_today
from padu.core.errors import PaduError
from padu.core.models import Agency
from padu.core.selectors import agency_directory, agency_public_get
from padu.core.uploads import download_response
from padu.core.web.forms import apply_error
from padu.ppid.models import InfoCategory, InfoRequest, RequesterKind, RequestStatus
from padu.ppid.report import annual_report, summary_rows
from padu.ppid.selectors import (
    my_request,
    my_request_file,
    my_requests,
    public_information_document,
    public_information_list,
    public_register,
    request_files,
    request_history,
    request_objection,
)
from padu.ppid.services import (
    is_overdue,
    may_object,
    objection_deadline,
    objection_submit,
    request_submit,
    request_withdraw,
)
from padu.ppid.web.forms import CategoryForm, ObjectionForm, RequestForm

REGISTER_PAGE = 25
DIRECTORY_LIMIT = 50
COMMISSION_URL = "https://komisiinformasi.go.id/"


def _agency(slug: str) -> Agency:
    return agency_public_get(slug)


# ---- public ----


@require_GET
def ppid_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    agencies = list(agency_directory(query=query)[:DIRECTORY_LIMIT])
    return render(request, "ppid/index.html", {"agencies": agencies, "query": query})


@require_GET
def agency_ppid(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    number = request.GET.get("nomor", "").strip()[:60]
    page = Paginator(public_register(agency, number), REGISTER_PAGE).get_page(request.GET.get("page"))
    counts = {c: public_information_list(agency, c).count() for c in InfoCategory.values}
    year = agency_today(agency).year
    report = annual_report(agency, year)
    return render(
        request,
        "ppid/agency.html",
        {
            "agency": agency,
            "page": page,
            "number": number,
            "tz": agency.time_zone,
            "now": timezone.now(),
            "counts": [(InfoCategory(c).label, n) for c, n in counts.items()],
            "report_year": year,
            "report_rows": summary_rows(report),
        },
    )


@require_GET
def public_information(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    form = CategoryForm(request.GET)
    category = form.cleaned_data.get("category", "") if form.is_valid() else ""
    return render(
        request,
        "ppid/public_information.html",
        {"agency": agency, "form": form, "items": public_information_list(agency, category), "category": category},
    )


@require_GET
def public_information_file(request: HttpRequest, slug: str, item_id: int) -> FileResponse:
    agency = _agency(slug)
    item = public_information_document(agency, item_id)
    return download_response(item.document, item.document_type, item.document_name, public=True)


def _prefill(request: HttpRequest) -> dict[str, str]:
    user = signed_in(request)
    values = {"requester_kind": RequesterKind.PERSON, "name": user.full_name, "email": user.email or ""}
    values["phone"] = user.phone or ""
    profile = citizen_profile_of(user)
    if profile is not None:
        values.update(
            {
                "name": profile.name,
                "nik": profile.nik,
                "address": f"{profile.street}, {profile.region.get_type_display()} {profile.region.name}",
            }
        )
    return values


@login_required
def request_new(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    actor = actor_from_request(request)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                info = request_submit(actor=actor, agency=agency, **data)
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                messages.success(
                    request,
                    _("Your request has been registered with number %(number)s.") % {"number": info.number},
                )
                return redirect("portal:my_ppid_request", info.pk)
    else:
        form = RequestForm(initial=_prefill(request))
    response = render(request, "ppid/request_form.html", {"agency": agency, "form": form})
    response["Cache-Control"] = "no-store"
    return response


# ---- the requester ----


@login_required
def my_request_list(request: HttpRequest) -> HttpResponse:
    requests = list(my_requests(actor_from_request(request)).order_by("-received_at")[:200])
    return render(request, "ppid/my_requests.html", {"requests": requests, "now": timezone.now()})


def _next_step(info: InfoRequest, now: dt.datetime) -> dict[str, Any]:
    """What happens next and by when, for the requester's page."""
    return {
        "overdue": is_overdue(info, now),
        "objection_deadline": objection_deadline(info),
        "can_object": may_object(info, now),
        "can_withdraw": info.is_open,
    }


@login_required
def my_request_page(request: HttpRequest, request_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    info = my_request(actor, request_id)
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        try:
            request_withdraw(actor=actor, request=info)
        except PaduError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Your request has been withdrawn."))
        return redirect("portal:my_ppid_request", info.pk)
    now = timezone.now()
    response = render(
        request,
        "ppid/my_request.html",
        {
            "info": info,
            "files": request_files(info),
            "history": request_history(info),
            "objection": request_objection(info),
            "tz": info.agency.time_zone,
            "now": now,
            "commission_url": COMMISSION_URL,
            **_next_step(info, now),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def objection_new(request: HttpRequest, request_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    info = my_request(actor, request_id)
    now = timezone.now()
    step = _next_step(info, now)
    problem = ""
    if request.method == "POST":
        form = ObjectionForm(request.POST)
        if form.is_valid():
            try:
                objection = objection_submit(
                    actor=actor,
                    request=info,
                    grounds=form.cleaned_data["grounds"],
                    reasons=form.cleaned_data["reasons"],
                )
            except PaduError as exc:
                if exc.errors:
                    apply_error(form, None, exc)
                else:
                    problem = str(exc.message)
            else:
                messages.success(
                    request,
                    _("Your objection has been registered with number %(number)s.") % {"number": objection.number},
                )
                return redirect("portal:my_ppid_request", info.pk)
    else:
        initial = ["c"] if step["overdue"] else (["a"] if info.status == RequestStatus.REFUSED else [])
        form = ObjectionForm(initial={"grounds": initial})
    return render(
        request,
        "ppid/objection_form.html",
        {"info": info, "form": form, "problem": problem, "tz": info.agency.time_zone, **step},
    )


@login_required
def my_file(request: HttpRequest, file_id: int) -> FileResponse:
    stored = my_request_file(actor_from_request(request), file_id)
    return download_response(stored.file, stored.content_type, stored.original_name)
