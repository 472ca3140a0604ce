"""Reads of kernel data. Tenancy and permission are applied here, from the actor."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.calendar import agency_lineage
from padu.core.errors import Forbidden, NotFound
from padu.core.models import (
    Agency,
    AgencyHoliday,
    ApiToken,
    AuditEvent,
    Membership,
    PersonalDataAccess,
    Region,
)
from padu.core.permissions import can_manage_agency, can_read_agency
from padu.core.roles import Role
from padu.core.text import search_key

# ---- regions (public data) ----


def region_get(code: str) -> Region:
    region = Region.objects.select_related("parent").filter(code=code.strip()).first()
    if region is None:
        raise NotFound(_("Region %(code)s is not known.") % {"code": code}, code="region_not_found")
    return region


def region_children(code: str | None) -> QuerySet[Region]:
    if code:
        region_get(code)
        return Region.objects.filter(parent_id=code).order_by("name")
    # Provinces are the roots: the (parent, name) index answers this without reading the tree.
    return Region.objects.filter(parent__isnull=True).order_by("name")


def region_ancestors(region: Region) -> list[Region]:
    parts = region.code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts))]
    by_code = Region.objects.in_bulk(codes)
    return [by_code[c] for c in codes if c in by_code]


def region_search(query: str, *, within: str | None = None, level: int | None = None, limit: int = 20) -> list[Region]:
    key = search_key(query)
    if len(key) < 2:
        return []
    qs = Region.objects.all()
    if within:
        qs = qs.filter(code__startswith=f"{within}.")
    if level:
        qs = qs.filter(level=level)
    # Whole-name prefix matches first, then matches anywhere in the name.
    starts = list(qs.filter(search_name__startswith=key).order_by("level", "name")[:limit])
    if len(starts) < limit:
        seen = {r.code for r in starts}
        more = qs.filter(search_name__contains=f" {key}").exclude(code__in=seen).order_by("level", "name")
        starts += list(more[: limit - len(starts)])
    return starts


# ---- agencies ----


def agency_directory(*, region_code: str | None = None, query: str = "") -> QuerySet[Agency]:
    """Public directory: active agencies in and below a region. Only public fields are shown."""
    qs = Agency.objects.filter(is_active=True).select_related("region")
    if region_code:
        region_get(region_code)
        qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=f"{region_code}."))
    if query:
        qs = qs.filter(name__icontains=query.strip())
    return qs.order_by("level", "name")


def agency_public_get(slug: str) -> Agency:
    agency = Agency.objects.select_related("region", "parent").filter(slug=slug, is_active=True).first()
    if agency is None:
        raise NotFound(_("Agency not found."), code="agency_not_found")
    return agency


def agency_children(agency: Agency) -> QuerySet[Agency]:
    """The active agencies directly beneath one, for its public page."""
    return Agency.objects.filter(parent=agency, is_active=True).select_related("region").order_by("name")


def agencies_visible_to(actor: Actor) -> QuerySet[Agency]:
    """Agencies whose internal data the actor may read: their own, and for a supervisor
    everything beneath theirs. An API token sees its own agency."""
    if actor.is_superuser:
        return Agency.objects.all()
    if actor.token is not None:
        return Agency.objects.filter(pk=actor.token.agency_id)
    condition = Q(pk__in=[m.agency_id for m in actor.memberships])
    for m in actor.memberships:
        if m.role == Role.SUPERVISOR:
            condition |= Q(tree_path__startswith=m.agency.tree_path)
    if not actor.memberships:
        return Agency.objects.none()
    return Agency.objects.filter(condition)


def agencies_to_switch_to(actor: Actor, limit: int) -> list[Agency]:
    """The offices a person may work in, in tree order (the console's switcher). Without a
    supervisor role these are just their memberships' agencies, already read with the actor."""
    if actor.is_superuser or actor.token is not None or any(m.role == Role.SUPERVISOR for m in actor.memberships):
        return list(agencies_visible_to(actor).order_by("tree_path")[:limit])
    own = {m.agency_id: m.agency for m in actor.memberships}
    return sorted(own.values(), key=lambda a: a.tree_path)[:limit]


def agency_get_for(actor: Actor, agency_id: int, *, manage: bool = False) -> Agency:
    """One agency's internal view. 404 for an agency the actor cannot see at all, so that
    ids are not probed; 403 where they may see it but not do this."""
    own = next((m.agency for m in actor.memberships if m.agency_id == agency_id), None)
    if own is not None and not manage:
        return own  # a member reads their own agency, already read with their memberships
    agency = own or Agency.objects.select_related("region", "parent").filter(pk=agency_id).first()
    if agency is None or not can_read_agency(actor, agency):
        raise NotFound(_("Agency not found."), code="agency_not_found")
    if manage and not can_manage_agency(actor, agency):
        raise Forbidden()
    return agency


def agency_staff(actor: Actor, agency_id: int) -> QuerySet[Membership]:
    agency = agency_get_for(actor, agency_id)
    return Membership.objects.filter(agency=agency).select_related("user").order_by("role", "user__full_name")


def agency_audit_events(actor: Actor, agency_id: int) -> QuerySet[AuditEvent]:
    agency = agency_get_for(actor, agency_id)
    return AuditEvent.objects.filter(agency_id=agency.pk).order_by("-seq")


def agency_holidays(agency: Agency, year: int | None = None) -> QuerySet[AgencyHoliday]:
    qs = AgencyHoliday.objects.filter(agency=agency)
    if year:
        qs = qs.filter(date__year=year)
    return qs


def agency_holidays_inherited(agency: Agency, *, since: dt.date | None = None) -> QuerySet[AgencyHoliday]:
    """The days off the offices above the agency declared, which count for it too (with the
    declaring office; the office higher up first where two declared the same day), by date."""
    above = agency_lineage(agency)[:-1]
    qs = AgencyHoliday.objects.filter(agency_id__in=above).select_related("agency")
    if since is not None:
        qs = qs.filter(date__gte=since)
    return qs.order_by("date", "agency__tree_path")


def agency_tokens(actor: Actor, agency_id: int) -> QuerySet[ApiToken]:
    agency = agency_get_for(actor, agency_id, manage=True)
    return ApiToken.objects.filter(agency=agency).order_by("-created_at")


def personal_data_accesses(*, subject_id: int) -> QuerySet[PersonalDataAccess]:
    """Who looked at a person's data: shown to the person themself."""
    return PersonalDataAccess.objects.filter(subject_id=subject_id).select_related("viewer", "agency", "token")
