"""Kernel endpoints: regions, the agency directory, agency administration, the calendar."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from padu.core import schemas as s
from padu.core import selectors, services
from padu.core.api_auth import AUTH, api_actor
from padu.core.calendar import WorkCalendar, agency_local_date
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import AgencyHoliday, ApiToken

router = Router(tags=["regions & agencies"])
ERRORS: dict[int, type[s.Problem]] = {400: s.Problem, 401: s.Problem, 403: s.Problem, 404: s.Problem}


@router.get("/regions", response={200: list[s.RegionOut], 404: s.Problem}, auth=None)
def region_children(request: HttpRequest, parent: str | None = None) -> object:
    """The provinces, or the direct children of `parent` (e.g. `32.04`)."""
    return list(selectors.region_children(parent))


@router.get("/regions/search", response={200: list[s.RegionOut], 400: s.Problem}, auth=None)
def region_search(
    request: HttpRequest, q: str, within: str | None = None, level: int | None = None, limit: int = 20
) -> object:
    """Search by name, ignoring case and accents. `within` limits to a region's descendants."""
    return selectors.region_search(q, within=within, level=level, limit=max(1, min(limit, 50)))


@router.get("/regions/{code}", response={200: s.RegionDetailOut, 404: s.Problem}, auth=None)
def region_detail(request: HttpRequest, code: str) -> object:
    region = selectors.region_get(code)
    region.ancestors = selectors.region_ancestors(region)  # type: ignore[attr-defined]
    region.children_count = region.children.count()  # type: ignore[attr-defined]
    return region


@router.get("/agencies", response={200: list[s.AgencyPublicOut], 404: s.Problem}, auth=None)
def agency_directory(request: HttpRequest, region: str | None = None, q: str = "") -> object:
    """The public directory of agencies in and below a region."""
    return list(selectors.agency_directory(region_code=region, query=q)[:200])


@router.get("/agencies/{slug}", response={200: s.AgencyPublicOut, 404: s.Problem}, auth=None)
def agency_public(request: HttpRequest, slug: str) -> object:
    return selectors.agency_public_get(slug)


@router.get("/agencies/{slug}/deadline", response={200: s.DeadlineOut, 400: s.Problem, 404: s.Problem}, auth=None)
def agency_deadline(request: HttpRequest, slug: str, days: int, start: dt.date | None = None) -> object:
    """The date `days` working days after `start` in this agency's calendar."""
    agency = selectors.agency_public_get(slug)
    if not 0 <= days <= 365:
        raise InvalidInput(_("Choose between 0 and 365 working days."), code="days_out_of_range")
    begin = start or agency_local_date(agency, timezone.now())
    return {
        "start": begin,
        "working_days": days,
        "due_date": WorkCalendar(agency).add_working_days(begin, days),
        "time_zone": agency.time_zone,
    }


@router.get("/agencies/{agency_id}/staff", response={200: list[s.MembershipOut], **ERRORS}, auth=AUTH)
def agency_staff(request: HttpRequest, agency_id: int) -> object:
    actor = api_actor(request, "agencies:read")
    return [
        {
            "id": m.pk,
            "user_id": m.user_id,
            "name": str(m.user),
            "role": m.role,
            "position": m.position,
            "is_active": m.is_active,
        }
        for m in selectors.agency_staff(actor, agency_id)
    ]


@router.get("/agencies/{agency_id}/audit", response={200: list[s.AuditEventOut], **ERRORS}, auth=AUTH)
def agency_audit(request: HttpRequest, agency_id: int, before_seq: int | None = None, limit: int = 50) -> object:
    """The agency's audit trail, newest first; page with `before_seq`."""
    actor = api_actor(request, "audit:read")
    qs = selectors.agency_audit_events(actor, agency_id)
    if before_seq:
        qs = qs.filter(seq__lt=before_seq)
    return list(qs[: max(1, min(limit, 200))])


@router.get("/agencies/{agency_id}/holidays", response={200: list[s.HolidayOut], **ERRORS}, auth=AUTH)
def holiday_list(request: HttpRequest, agency_id: int, year: int | None = None) -> object:
    actor = api_actor(request, "agencies:read")
    agency = selectors.agency_get_for(actor, agency_id)
    return list(selectors.agency_holidays(agency, year))


@router.post("/agencies/{agency_id}/holidays", response={201: s.HolidayOut, 409: s.Problem, **ERRORS}, auth=AUTH)
def holiday_add(request: HttpRequest, agency_id: int, payload: s.HolidayIn) -> object:
    actor = api_actor(request)
    agency = selectors.agency_get_for(actor, agency_id, manage=True)
    return Status(201, services.holiday_add(actor=actor, agency=agency, date=payload.date, name=payload.name))


@router.delete("/agencies/{agency_id}/holidays/{holiday_id}", response={204: None, **ERRORS}, auth=AUTH)
def holiday_remove(request: HttpRequest, agency_id: int, holiday_id: int) -> object:
    actor = api_actor(request)
    agency = selectors.agency_get_for(actor, agency_id, manage=True)
    holiday = AgencyHoliday.objects.filter(agency=agency, pk=holiday_id).first()
    if holiday is None:
        raise NotFound(code="holiday_not_found")
    services.holiday_remove(actor=actor, holiday=holiday)
    return Status(204, None)


@router.get("/agencies/{agency_id}/tokens", response={200: list[s.TokenOut], **ERRORS}, auth=AUTH)
def token_list(request: HttpRequest, agency_id: int) -> object:
    return list(selectors.agency_tokens(api_actor(request), agency_id))


@router.post("/agencies/{agency_id}/tokens", response={201: s.TokenCreatedOut, **ERRORS}, auth=AUTH)
def token_create(request: HttpRequest, agency_id: int, payload: s.TokenIn) -> object:
    actor = api_actor(request)
    agency = selectors.agency_get_for(actor, agency_id, manage=True)
    token, raw = services.api_token_create(
        actor=actor, agency=agency, name=payload.name, scopes=payload.scopes, expires_at=payload.expires_at
    )
    token.token = raw  # type: ignore[attr-defined]
    return Status(201, token)


@router.delete("/agencies/{agency_id}/tokens/{token_id}", response={204: None, **ERRORS}, auth=AUTH)
def token_revoke(request: HttpRequest, agency_id: int, token_id: int) -> object:
    actor = api_actor(request)
    agency = selectors.agency_get_for(actor, agency_id, manage=True)
    token = ApiToken.objects.filter(agency=agency, pk=token_id).first()
    if token is None:
        raise NotFound(code="token_not_found")
    services.api_token_revoke(actor=actor, token=token)
    return Status(204, None)
