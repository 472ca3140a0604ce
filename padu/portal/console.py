"""The staff console: one active agency at a time, kept in the session.

Domain errors map to pages: Forbidden → 403, NotFound (an agency the user cannot see) → 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from padu.accounts.errors import TooManyLookups
from padu.accounts.selectors import citizen_lookup_by_nik
from padu.billing.permissions import can_read_bills
from padu.billing.reports import can_read_revenue
from padu.core.actors import Actor, actor_from_request
from padu.core.calendar import national_holidays
from padu.core.errors import Forbidden, NotFound, PaduError
from padu.core.models import Agency
from padu.core.permissions import can_manage_agency
from padu.core.selectors import (
    agencies_to_switch_to,
    agencies_visible_to,
    agency_audit_events,
    agency_get_for,
    agency_holidays,
    agency_staff,
    agency_tokens,
)
from padu.core.services import api_token_create, api_token_revoke, holiday_add, holiday_remove
from padu.information.permissions import can_handle_ppid, can_publish, can_read_ppid_report
from padu.portal.forms import AgencySwitchForm, CitizenLookupForm, HolidayForm, TokenForm
from padu.portal.views import apply_error

SESSION_KEY = "portal_agency_id"
SWITCHER_LIMIT = 200
AUDIT_PAGE_SIZE = 25

View = Callable[..., HttpResponse]


def active_agency_id(request: HttpRequest, actor: Actor) -> int | None:
    agency_id = request.session.get(SESSION_KEY)
    if agency_id is None and actor.memberships:
        agency_id = actor.memberships[0].agency_id
    if agency_id is None and actor.is_superuser:
        # An operator without memberships starts at the top of the tree.
        agency_id = agencies_visible_to(actor).order_by("tree_path").values_list("pk", flat=True).first()
    return int(agency_id) if agency_id is not None else None


def console_view(view: Callable[..., HttpResponse]) -> View:
    """Login required; resolve the actor and active agency; map domain errors to 403/404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = actor_from_request(request)
        agency_id = active_agency_id(request, actor)
        if agency_id is None:
            return render(request, "portal/console/no_agency.html", status=403)
        try:
            return view(request, actor, agency_id, *args, **kwargs)
        except Forbidden as exc:
            raise PermissionDenied(str(exc.message)) from exc
        except NotFound as exc:
            raise Http404(str(exc.message)) from exc

    return wrapper


@dataclass(frozen=True)
class NavItem:
    section: str
    url_name: str
    label: Any
    shown_to: Callable[[Actor, Agency], bool]


def _everyone(actor: Actor, agency: Agency) -> bool:
    return True


# The console menu: each entry shown only to those its page serves (the page checks again).
NAV: tuple[NavItem, ...] = (
    NavItem("overview", "portal:console", gettext_lazy("Overview"), _everyone),
    NavItem("inbox", "portal:console_inbox", gettext_lazy("Inbox"), _everyone),
    NavItem("complaints", "portal:console_complaints", gettext_lazy("Complaints"), _everyone),
    NavItem(
        "ppid",
        "portal:console_ppid",
        gettext_lazy("Public information"),
        lambda actor, agency: can_handle_ppid(actor, agency.pk) or can_read_ppid_report(actor, agency),
    ),
    NavItem("news", "portal:console_news", gettext_lazy("News"), lambda a, ag: can_publish(a, ag.pk)),
    NavItem("jdih", "portal:console_legal", gettext_lazy("Regulations (JDIH)"), lambda a, ag: can_publish(a, ag.pk)),
    NavItem("billing", "portal:console_bills", gettext_lazy("Bills"), can_read_bills),
    NavItem("billing_reports", "portal:console_revenue", gettext_lazy("Revenue"), can_read_revenue),
    NavItem("services", "portal:console_services", gettext_lazy("Services"), can_manage_agency),
    NavItem("letters", "portal:console_letters", gettext_lazy("Letters"), can_manage_agency),
    NavItem("staff", "portal:console_staff", gettext_lazy("Staff"), _everyone),
    NavItem("audit", "portal:console_audit", gettext_lazy("Audit trail"), _everyone),
    NavItem("calendar", "portal:console_calendar", gettext_lazy("Holidays"), _everyone),
    NavItem("tokens", "portal:console_tokens", gettext_lazy("API tokens"), can_manage_agency),
    NavItem("citizens", "portal:console_citizens", gettext_lazy("Find a citizen"), _everyone),
)


def console_context(request: HttpRequest, actor: Actor, agency: Agency, **extra: Any) -> dict[str, Any]:
    """What every console page shows around its content: the office switcher and the menu."""
    switcher = agencies_to_switch_to(actor, SWITCHER_LIMIT)
    if agency not in switcher:
        switcher.insert(0, agency)
    return {
        "agency": agency,
        "switcher": switcher,
        "roles": sorted({m.get_role_display() for m in actor.memberships if m.agency_id == agency.pk}),
        "can_manage": can_manage_agency(actor, agency),
        "nav": [item for item in NAV if item.shown_to(actor, agency)],
        **extra,
    }


@console_view
def overview(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    return render(request, "portal/console/overview.html", console_context(request, actor, agency, section="overview"))


@login_required
@require_POST
def switch_agency(request: HttpRequest) -> HttpResponse:
    form = AgencySwitchForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        agency = agency_get_for(actor_from_request(request), form.cleaned_data["agency"])
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
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
    today = timezone.localdate(timezone=ZoneInfo(agency.time_zone))
    national = sorted(
        (day, name)
        for year in (today.year, today.year + 1)
        for day, name in national_holidays(year).items()
        if day >= today
    )[:12]
    own = agency_holidays(agency).filter(date__gte=today - dt.timedelta(days=366))
    return render(
        request,
        "portal/console/calendar.html",
        console_context(request, actor, agency, section="calendar", form=form, national=national, own=own),
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
            try:
                citizen = citizen_lookup_by_nik(
                    actor=actor, agency_id=agency.pk, nik=form.cleaned_data["nik"], purpose=form.cleaned_data["purpose"]
                )
            except PaduError as exc:
                if isinstance(exc, Forbidden) and exc.code != "purpose_required":
                    raise
                apply_error(form, None, exc)
                if isinstance(exc, TooManyLookups):
                    status = exc.status
            else:
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
