"""The register's API: areas, residents (search, one record, a KK), life events (record one,
reverse one, list them) and the proposals from completed applications. For the village's
officers only (a session, not a token: another system confirms a resident through the
linking part's `registries:read` endpoint). Every response that shows a person's items logs
the read in their access log."""

from __future__ import annotations

import inspect
import math
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from padu.core.actors import Actor
from padu.core.api_auth import AUTH, api_actor
from padu.core.calendar import agency_today
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for
from padu.registries import events as services
from padu.registries import schemas as s
from padu.registries import selectors
from padu.registries.codes import SENSITIVE_FIELDS
from padu.registries.models import EventKind, LifeEvent, Resident
from padu.registries.permissions import can_find_residents, sees_sensitive
from padu.registries.rules import ITEMS
from padu.registries.services import area_save, history_value, resident_access_record

router = Router(tags=["population register"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
PAGE_SIZE = 100
PURPOSE_LIST = "API register penduduk: daftar dan pencarian warga"
PURPOSE_RESIDENT = "API register penduduk: data warga"
PURPOSE_FAMILY = "API register penduduk: data KK"
PURPOSE_EVENT = "API register penduduk: peristiwa kependudukan"
# Arguments named by id in an event's `fields`, and what each becomes.
_RESIDENTS = {"resident_id": "resident", "new_head_id": "new_head", "spouse_id": "spouse", "leaving_id": "leaving"}
_FAMILIES = {"family_id": "family", "destination_family_id": "destination_family", "into_id": "into"}


def _officer(request: HttpRequest, agency_id: int) -> tuple[Actor, Agency]:
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_not_allowed")
    agency = agency_get_for(actor, agency_id)
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(code="registry_role_required")
    return actor, agency


def _items(resident: Resident, sensitive: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in ITEMS:
        if item.name == "kk_number" or (item.sensitive and not sensitive):
            continue
        value = getattr(resident, item.name)
        out[item.name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def _event(event: LifeEvent, *, changes: bool = False) -> dict[str, Any]:
    try:
        reversed_by = event.reversed_by.pk
    except LifeEvent.DoesNotExist:
        reversed_by = None
    out = {
        "id": event.pk,
        "kind": event.kind,
        "occurred_on": event.occurred_on,
        "resident_id": event.resident_id,
        "family_id": event.family_id,
        "details": event.details,
        "note": event.note,
        "source": event.source,
        "reference": event.reference,
        "reverses_id": event.reverses_id,
        "reversed_by_id": reversed_by,
        "recorded_at": event.recorded_at,
        "changes": [],
    }
    if changes:
        out["changes"] = [
            {
                "resident_id": c.resident_id,
                "family_id": c.family_id,
                "field": c.field,
                "old": history_value(c.field, c.old),
                "new": history_value(c.field, c.new),
            }
            for c in selectors.event_changes(event)
        ]
    return out


# ---- areas ----


@router.get("/agencies/{agency_id}/registry/areas", response={200: list[s.AreaOut], **ERRORS}, auth=AUTH)
def areas(request: HttpRequest, agency_id: int) -> object:
    """The village's dusun, RW and RT with their heads."""
    _actor, agency = _officer(request, agency_id)
    return list(selectors.areas_of(agency))


@router.post("/agencies/{agency_id}/registry/areas", response={201: s.AreaOut, **ERRORS}, auth=AUTH)
def area_create(request: HttpRequest, agency_id: int, payload: s.AreaIn) -> object:
    """Add an area (or rename one, with `id`): an RW sits in a dusun, an RT in an RW."""
    actor, agency = _officer(request, agency_id)
    existing = selectors.area_for_staff(actor, agency, payload.id) if payload.id else None
    parent = selectors.area_for_staff(actor, agency, payload.parent_id) if payload.parent_id else None
    saved = area_save(
        actor=actor,
        agency=agency,
        level=existing.level if existing else payload.level,
        name=payload.name,
        parent=existing.parent if existing else parent,
        head_name=payload.head_name,
        head_phone=payload.head_phone,
        area=existing,
    )
    return Status(201, saved)


# ---- residents and families ----


@router.get("/agencies/{agency_id}/registry/residents", response={200: s.ResidentPageOut, **ERRORS}, auth=AUTH)
def residents(
    request: HttpRequest, agency_id: int, q: str = "", area: int | None = None, status: str = "", page: int = 1
) -> object:
    """Find residents: `q` an exact NIK or KK number (16 digits) or part of a name; `area` a
    dusun, RW or RT; `status` ada, mati, pindah or hilang. 100 a page."""
    actor, agency = _officer(request, agency_id)
    rows = selectors.residents_search(actor, agency, q=q, area_id=area, status=status)
    count = rows.count()
    page = max(1, page)
    people = list(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=people,
        purpose=PURPOSE_LIST,
        fields=["name", "nik", "sex", "birth_date", "area", "kk_number", "life_status"],
    )
    labels = {a.pk: selectors.rt_label(a) for a in selectors.areas_of(agency)}
    today = agency_today(agency)
    return {
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / PAGE_SIZE)),
        "results": [
            {
                "id": r.pk,
                "name": r.name,
                "nik_masked": r.nik_masked,
                "sex": r.sex,
                "age": r.age_on(today),
                "area": labels.get(r.area_id or 0, ""),
                "family_id": r.family_id,
                "kk_masked": r.family.kk_masked if r.family else "",
                "life_status": r.life_status,
            }
            for r in people
        ],
    }


@router.get(
    "/agencies/{agency_id}/registry/residents/{resident_id}", response={200: s.ResidentOut, **ERRORS}, auth=AUTH
)
def resident(request: HttpRequest, agency_id: int, resident_id: int) -> object:
    """One resident's record; religion, health and the certificates only for the register officer."""
    actor, agency = _officer(request, agency_id)
    found = selectors.resident_for_staff(actor, agency, resident_id)
    sensitive = sees_sensitive(actor, agency.pk)
    items = _items(found, sensitive)
    resident_access_record(
        actor=actor, agency=agency, residents=[found], purpose=PURPOSE_RESIDENT, fields=[*items, "kk_number"]
    )
    return {
        "id": found.pk,
        "family_id": found.family_id,
        "kk_number": found.family.kk_number if found.family else "",
        "area_id": found.area_id,
        "area": selectors.rt_label(found.area),
        "life_status": found.life_status,
        "registered_on": found.registered_on,
        "left_on": found.left_on,
        "items": items,
        "sensitive_shown": sensitive,
    }


@router.get("/agencies/{agency_id}/registry/families/{family_id}", response={200: s.FamilyOut, **ERRORS}, auth=AUTH)
def family(request: HttpRequest, agency_id: int, family_id: int) -> object:
    """One KK with its members (present and past)."""
    actor, agency = _officer(request, agency_id)
    found = selectors.family_for_staff(actor, agency, family_id)
    members = list(selectors.family_members(found))
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=members,
        purpose=PURPOSE_FAMILY,
        fields=["name", "nik", "relationship", "sex", "birth_date", "life_status"],
    )
    return {
        "id": found.pk,
        "kk_number": found.kk_number,
        "area_id": found.area_id,
        "address": found.address,
        "is_active": found.is_active,
        "members": [
            {
                "id": m.pk,
                "name": m.name,
                "nik_masked": m.nik_masked,
                "relationship": m.relationship,
                "sex": m.sex,
                "birth_date": m.birth_date,
                "life_status": m.life_status,
            }
            for m in members
        ],
    }


# ---- life events ----


def _arguments(actor: Actor, agency: Agency, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """An event's `fields` as its service's arguments: ids become the agency's records (another
    agency's id is "not found"), unknown names are refused."""
    service = services.EVENT_SERVICES.get(kind)
    if service is None:
        raise InvalidInput(code="event_kind_unknown", errors={"kind": [", ".join(services.EVENT_SERVICES)]})
    accepted = set(inspect.signature(service).parameters) - {"actor", "agency", "source", "reference"}
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _RESIDENTS:
            out[_RESIDENTS[name]] = selectors.resident_for_staff(actor, agency, int(value)) if value else None
        elif name in _FAMILIES:
            out[_FAMILIES[name]] = selectors.family_for_staff(actor, agency, int(value)) if value else None
        elif name == "area_id":
            out["area"] = selectors.area_for_staff(actor, agency, int(value)) if value else None
        elif name == "member_ids":
            out["members"] = [selectors.resident_for_staff(actor, agency, int(v)) for v in value or []]
        elif name == "relationships" and isinstance(value, dict):
            out[name] = {int(k): int(v) for k, v in value.items()}
        else:
            out[name] = value
    unknown = sorted(set(out) - accepted)
    if unknown:
        raise InvalidInput(
            code="event_invalid", errors={name: [f"Not an argument of a {kind} event."] for name in unknown}
        )
    return out


@router.post("/agencies/{agency_id}/registry/events", response={201: s.LifeEventOut, **ERRORS}, auth=AUTH)
def event_create(request: HttpRequest, agency_id: int, payload: s.EventIn) -> object:
    """Record a life event (the register officer). A KK left breaking the family rules refuses
    the whole event (400 `family_rules`, each problem listed); an event on a person no longer
    present is 409 `resident_not_present`."""
    actor, agency = _officer(request, agency_id)
    fields = dict(payload.fields)
    for name in ("resident_id", "family_id"):
        if getattr(payload, name) is not None:
            fields.setdefault(name, getattr(payload, name))
    arguments = _arguments(actor, agency, payload.kind, fields)
    if payload.kind != EventKind.CORRECTION:
        arguments.setdefault("note", payload.note)
    arguments.setdefault("occurred_on", payload.occurred_on)
    event = services.EVENT_SERVICES[payload.kind](actor=actor, agency=agency, **arguments)
    return Status(201, _event(event, changes=True))


@router.get("/agencies/{agency_id}/registry/events", response={200: list[s.LifeEventOut], **ERRORS}, auth=AUTH)
def events(request: HttpRequest, agency_id: int, kind: str = "", resident: int | None = None) -> object:
    """The village's life events, newest first (500 at most); of one resident if given."""
    actor, agency = _officer(request, agency_id)
    person = selectors.resident_for_staff(actor, agency, resident) if resident else None
    return [_event(e) for e in selectors.events_of(actor, agency, kind=kind, resident=person)[:500]]


@router.get("/agencies/{agency_id}/registry/events/{event_id}", response={200: s.LifeEventOut, **ERRORS}, auth=AUTH)
def event_detail(request: HttpRequest, agency_id: int, event_id: int) -> object:
    """One event with the items it changed (sensitive ones only for the register officer)."""
    actor, agency = _officer(request, agency_id)
    found = selectors.event_for_staff(actor, agency, event_id)
    out = _event(found, changes=True)
    if not sees_sensitive(actor, agency.pk):
        out["changes"] = [c for c in out["changes"] if c["field"] not in SENSITIVE_FIELDS]
    people = [c.resident for c in selectors.event_changes(found) if c.resident is not None]
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=people,
        purpose=PURPOSE_EVENT,
        fields=sorted({c["field"] for c in out["changes"]}),
    )
    return out


@router.post(
    "/agencies/{agency_id}/registry/events/{event_id}/reverse", response={201: s.LifeEventOut, **ERRORS}, auth=AUTH
)
def event_reverse(request: HttpRequest, agency_id: int, event_id: int, payload: s.ReverseIn) -> object:
    """Reverse an event by a correcting event (409 `event_superseded` when a later event changed
    the same items, 409 `event_already_reversed`)."""
    actor, agency = _officer(request, agency_id)
    found = selectors.event_for_staff(actor, agency, event_id)
    reversal = services.event_reverse(actor=actor, agency=agency, event=found, reason=payload.reason)
    return Status(201, _event(reversal, changes=True))


# ---- proposals ----


def _proposal(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "kind": p.kind,
        "reference": p.reference,
        "summary": p.summary,
        "status": p.status,
        "resident_id": p.resident_id,
        "event_id": p.event_id,
        "reason": p.reason,
        "created_at": p.created_at,
        "details": services.proposal_details(p),
    }


@router.get("/agencies/{agency_id}/registry/proposals", response={200: list[s.ProposalOut], **ERRORS}, auth=AUTH)
def proposals(request: HttpRequest, agency_id: int, status: str = "") -> object:
    """Events proposed by completed applications (the register officer)."""
    actor, agency = _officer(request, agency_id)
    return [_proposal(p) for p in selectors.proposals_of(actor, agency, status=status)[:500]]


@router.post(
    "/agencies/{agency_id}/registry/proposals/{proposal_id}", response={200: s.ProposalOut, **ERRORS}, auth=AUTH
)
def proposal_decide(request: HttpRequest, agency_id: int, proposal_id: int, payload: s.ProposalActionIn) -> object:
    """`accept`: record the proposed event with `fields` (as for POST …/events); `dismiss`:
    with a `reason`."""
    actor, agency = _officer(request, agency_id)
    found = selectors.proposal_for_staff(actor, agency, proposal_id)
    if payload.action == "accept":
        arguments = _arguments(actor, agency, found.kind, payload.fields)
        arguments.setdefault("occurred_on", payload.occurred_on)
        services.proposal_accept(actor=actor, agency=agency, proposal=found, fields=arguments)
    elif payload.action == "dismiss":
        services.proposal_dismiss(actor=actor, agency=agency, proposal=found, reason=payload.reason)
    else:
        raise InvalidInput(code="proposal_action_unknown", errors={"action": ["accept or dismiss"]})
    found.refresh_from_db()
    return _proposal(found)
