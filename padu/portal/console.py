"""The staff console: one active agency at a time, kept in the session.

Domain errors map to pages: Forbidden → 403, NotFound (an agency the user cannot see) → 404.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from padu.accounts.web import citizen_lookup_on_form
from padu.core.actors import Actor, actor_from_request
from padu.core.calendar import agency_today, national_holidays, years_without_cuti_bersama
from padu.core.errors import Forbidden, PaduError
from padu.core.selectors import (
    agency_audit_events,
    agency_get_for,
    agency_holidays,
    agency_holidays_inherited,
    agency_staff,
    agency_tokens,
)
from padu.core.services import api_token_create, api_token_revoke, holiday_add, holiday_remove
from padu.core.web.console import SESSION_KEY, console_context, console_view
from padu.core.web.forms import apply_error
from padu.portal.forms import AgencySwitchForm, CitizenLookupForm, HolidayForm, TokenForm

AUDIT_PAGE_SIZE = 25


@console_view
def overview(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    context = console_context(request, actor, agency, section="overview")
    if context["can_manage"]:
        context["years_without_cuti_bersama"] = years_without_cuti_bersama(agency_today(agency))
    return render(request, "portal/console/overview.html", context)


@login_required
@require_POST
def switch_agency(request: HttpRequest) -> HttpResponse:
    form = AgencySwitchForm(request.POST)
    if not form.is_valid():
        raise Http404
    agency = agency_get_for(actor_from_request(request), form.cleaned_data["agency"])
    request.session[SESSION_KEY] = agency.pk
    messages.info(request, _("You are now working in %(agency)s.") % {"agency": agency.name})
    return redirect("portal:console")


@console_view
def staff(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    members = agency_staff(actor, agency_id)
    agency = agency_get_for(actor, agency_id)
    return render(
        request, "portal/console/staff.html", console_context(request, actor, agency, section="staff", members=members)
    )


@console_view
def audit(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    events = agency_audit_events(actor, agency_id)
    agency = agency_get_for(actor, agency_id)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/console/audit.html",
        console_context(request, actor, agency, section="audit", page=page, tz=ZoneInfo(agency.time_zone)),
    )


@console_view
def calendar(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    form = HolidayForm()
    if request.method == "POST":
        form = HolidayForm(request.POST)
        if form.is_valid():
            try:
                holiday_add(actor=actor, agency=agency, date=form.cleaned_data["date"], name=form.cleaned_data["name"])
            except Forbidden:
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                messages.success(request, _("The holiday has been added."))
                return redirect("portal:console_calendar")
    today = agency_today(agency)
    national = sorted(
        (day, name)
        for year in (today.year, today.year + 1)
        for day, name in national_holidays(year).items()
        if day >= today
    )[:12]
    own = agency_holidays(agency).filter(date__gte=today - dt.timedelta(days=366))
    inherited = agency_holidays_inherited(agency, since=today - dt.timedelta(days=366))
    return render(
        request,
        "portal/console/calendar.html",
        console_context(
            request,
            actor,
            agency,
            section="calendar",
            form=form,
            national=national,
            own=own,
            inherited=inherited,
            years_without_cuti_bersama=years_without_cuti_bersama(today),
        ),
    )


@console_view
@require_POST
def holiday_delete(request: HttpRequest, actor: Actor, agency_id: int, holiday_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    holiday = agency_holidays(agency).filter(pk=holiday_id).first()
    if holiday is None:
        raise Http404
    holiday_remove(actor=actor, holiday=holiday)
    messages.success(request, _("The holiday has been removed."))
    return redirect("portal:console_calendar")


@console_view
def tokens(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    token_list = agency_tokens(actor, agency_id)
    agency = agency_get_for(actor, agency_id)
    form = TokenForm()
    raw_token = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            expires = form.cleaned_data["expires_at"]
            try:
                _token, raw_token = api_token_create(
                    actor=actor,
                    agency=agency,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    expires_at=dt.datetime.combine(expires, dt.time(23, 59, 59), tzinfo=ZoneInfo(agency.time_zone))
                    if expires
                    else None,
                )
            except Forbidden:
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                form = TokenForm()
    response = render(
        request,
        "portal/console/tokens.html",
        console_context(request, actor, agency, section="tokens", tokens=token_list, form=form, raw_token=raw_token),
    )
    response["Cache-Control"] = "no-store"
    return response


@console_view
@require_POST
def token_revoke(request: HttpRequest, actor: Actor, agency_id: int, token_id: int) -> HttpResponse:
    token = agency_tokens(actor, agency_id).filter(pk=token_id).first()
    if token is None:
        raise Http404
    api_token_revoke(actor=actor, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("portal:console_tokens")


@console_view
def citizen_lookup(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    form = CitizenLookupForm()
    citizen = None
    status = 200
    if request.method == "POST":
        form = CitizenLookupForm(request.POST)
        if form.is_valid():
            citizen, status = citizen_lookup_on_form(form, actor, agency.pk)
            if citizen is not None:
                # Show the person with the masked NIK only; do not echo the typed number.
                form = CitizenLookupForm()
    response = render(
        request,
        "portal/console/citizen_lookup.html",
        console_context(request, actor, agency, section="citizens", form=form, citizen=citizen),
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response
