"""Households (rumah tangga) in the register's API: find them, make one, read one with its
members and the rule's problems, and change one (add residents or a KK, take residents out,
name the head). For the village's officers only (a session, not a token); changes for the
register officer. Every response that shows people logs the read in their access log."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from padu.core.actors import Actor
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for
from padu.registries import households as hh
from padu.registries import selectors
from padu.registries.codes import LifeStatus
from padu.registries.models import Household
from padu.registries.permissions import can_find_residents
from padu.registries.services import require_keeper, resident_access_record

router = Router(tags=["population register"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
PAGE_SIZE = 100
PURPOSE_LIST = "API register penduduk: daftar rumah tangga"
PURPOSE_HOUSEHOLD = "API register penduduk: data rumah tangga"
MEMBER_FIELDS = ["name", "nik", "relationship", "sex", "birth_date", "life_status", "household"]


class HouseholdRowOut(Schema):
    id: int
    number: str
    head_id: int | None
    head_name: str
    members: int = Field(description="Present members")
    area_id: int | None
    area: str
    is_active: bool
    needs_head: bool = Field(description="The household breaks the rule: it needs a new head")


class HouseholdPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[HouseholdRowOut]


class HouseholdMemberOut(Schema):
    id: int
    name: str
    nik_masked: str
    family_id: int | None
    relationship: int | None = Field(description="SHDK in the member's own KK")
    is_head: bool
    life_status: str


class HouseholdOut(Schema):
    id: int
    number: str
    area_id: int | None
    area: str
    address: str
    is_active: bool
    head_id: int | None
    members: list[HouseholdMemberOut] = Field(description="Everyone placed here, present members first")
    problems: list[str] = Field(description="What breaks the household rule (empty: nothing)")


class HouseholdIn(Schema):
    head_id: int
    number: str | None = Field(None, description="Left out: the next free RT-nnnn")
    address: str = ""
    area_id: int | None = Field(None, description="An RT; left out: the head's")
    with_family: bool = Field(True, description="The present members of the head's KK join too")
    note: str = ""


class HouseholdActionIn(Schema):
    action: str = Field(description="add, remove or set_head")
    resident_ids: list[int] = Field(default_factory=list, description="add, remove: the residents")
    family_id: int | None = Field(None, description="add: a KK whose present members join")
    head_id: int | None = Field(None, description="set_head: the new head")
    new_head_id: int | None = Field(None, description="remove: the new head when the head leaves")
    note: str = ""


def _officer(request: HttpRequest, agency_id: int) -> tuple[Actor, Agency]:
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_not_allowed")
    agency = agency_get_for(actor, agency_id)
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(code="registry_role_required")
    return actor, agency


def _household(actor: Actor, agency: Agency, household: Household) -> dict[str, Any]:
    members = list(hh.household_members(household))
    resident_access_record(
        actor=actor, agency=agency, residents=members, purpose=PURPOSE_HOUSEHOLD, fields=MEMBER_FIELDS
    )
    head = next((m for m in members if m.is_household_head and m.life_status == LifeStatus.PRESENT), None)
    return {
        "id": household.pk,
        "number": household.number,
        "area_id": household.area_id,
        "area": selectors.rt_label(household.area),
        "address": household.address,
        "is_active": household.is_active,
        "head_id": head.pk if head else None,
        "members": [
            {
                "id": m.pk,
                "name": m.name,
                "nik_masked": m.nik_masked,
                "family_id": m.family_id,
                "relationship": m.relationship,
                "is_head": m.is_household_head,
                "life_status": m.life_status,
            }
            for m in members
        ],
        "problems": hh.household_problems(household),
    }


@router.get("/agencies/{agency_id}/registry/households", response={200: HouseholdPageOut, **ERRORS}, auth=AUTH)
def households(request: HttpRequest, agency_id: int, q: str = "", status: str = "", page: int = 1) -> object:
    """Find households: `q` part of the number or of the head's name; `status` active, inactive
    or attention (needs a new head). 100 a page."""
    actor, agency = _officer(request, agency_id)
    rows = hh.households_search(actor, agency, q=q, status=status)
    count = rows.count()
    page = max(1, page)
    found = list(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    heads = hh.heads_of(found)
    resident_access_record(
        actor=actor, agency=agency, residents=list(heads.values()), purpose=PURPOSE_LIST, fields=["name", "household"]
    )
    labels = {a.pk: selectors.rt_label(a) for a in selectors.areas_of(agency)}
    results = []
    for h in found:
        head = heads.get(h.pk)
        needs = (h.present_heads != 1 or h.absent_heads > 0) if h.is_active else h.present_count > 0  # type: ignore[attr-defined]
        results.append(
            {
                "id": h.pk,
                "number": h.number,
                "head_id": head.pk if head else None,
                "head_name": head.name if head else "",
                "members": h.present_count,  # type: ignore[attr-defined]
                "area_id": h.area_id,
                "area": labels.get(h.area_id or 0, ""),
                "is_active": h.is_active,
                "needs_head": bool(needs),
            }
        )
    return {"count": count, "page": page, "pages": max(1, math.ceil(count / PAGE_SIZE)), "results": results}


@router.post("/agencies/{agency_id}/registry/households", response={201: HouseholdOut, **ERRORS}, auth=AUTH)
def household_create(request: HttpRequest, agency_id: int, payload: HouseholdIn) -> object:
    """Make a household headed by a present resident (the register officer); by default the
    present members of the head's KK join. 400 `household_number_taken`, `household_invalid`
    (an empty number), `household_rules` (a household they leave would break the rule, each
    problem listed); 409 `resident_not_present`; another village's resident is 404."""
    actor, agency = _officer(request, agency_id)
    require_keeper(actor, agency)
    head = selectors.resident_for_staff(actor, agency, payload.head_id)
    area = selectors.area_for_staff(actor, agency, payload.area_id) if payload.area_id else None
    created = hh.household_create(
        actor=actor,
        agency=agency,
        head=head,
        number=payload.number,
        address=payload.address,
        area=area,
        with_family=payload.with_family,
        note=payload.note,
    )
    return Status(201, _household(actor, agency, created))


@router.get(
    "/agencies/{agency_id}/registry/households/{household_id}", response={200: HouseholdOut, **ERRORS}, auth=AUTH
)
def household(request: HttpRequest, agency_id: int, household_id: int) -> object:
    """One household with its members and what breaks its rule."""
    actor, agency = _officer(request, agency_id)
    return _household(actor, agency, hh.household_for_staff(actor, agency, household_id))


@router.post(
    "/agencies/{agency_id}/registry/households/{household_id}", response={200: HouseholdOut, **ERRORS}, auth=AUTH
)
def household_change(request: HttpRequest, agency_id: int, household_id: int, payload: HouseholdActionIn) -> object:
    """`add` residents (`resident_ids`) or a KK (`family_id`); `remove` residents (with
    `new_head_id` when the head leaves and others stay); `set_head` (`head_id`). A change that
    leaves a household breaking the rule is 400 `household_rules` and changes nothing."""
    actor, agency = _officer(request, agency_id)
    require_keeper(actor, agency)
    found = hh.household_for_staff(actor, agency, household_id)
    people = [selectors.resident_for_staff(actor, agency, pk) for pk in payload.resident_ids]
    if payload.action == "add":
        family = selectors.family_for_staff(actor, agency, payload.family_id) if payload.family_id else None
        hh.household_add(
            actor=actor, agency=agency, household=found, residents=people, family=family, note=payload.note
        )
    elif payload.action == "remove":
        new_head = selectors.resident_for_staff(actor, agency, payload.new_head_id) if payload.new_head_id else None
        hh.household_remove(
            actor=actor, agency=agency, household=found, residents=people, new_head=new_head, note=payload.note
        )
    elif payload.action == "set_head":
        if payload.head_id is None:
            raise InvalidInput(code=hh.HOUSEHOLD_INVALID, errors={"head_id": ["Required for set_head."]})
        head = selectors.resident_for_staff(actor, agency, payload.head_id)
        hh.household_set_head(actor=actor, agency=agency, household=found, head=head, note=payload.note)
    else:
        raise InvalidInput(code="household_action_unknown", errors={"action": ["add, remove or set_head"]})
    found.refresh_from_db()
    return _household(actor, agency, found)
