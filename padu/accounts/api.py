"""People endpoints: the caller's own account, profiles, access log, export; counter look-up."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from padu.accounts import schemas as s
from padu.accounts import selectors, services
from padu.accounts.models import CitizenProfile
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import Forbidden
from padu.core.schemas import Problem

router = Router(tags=["people"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
LIMITED: dict[int, type[Problem]] = {**ERRORS, 429: Problem}


def _person(request: HttpRequest) -> Any:
    actor = api_actor(request)
    if actor.user_id is None:
        raise Forbidden(code="person_only")
    return actor


def _citizen_out(p: CitizenProfile) -> dict[str, Any]:
    return {
        "nik_masked": p.nik_masked,
        "name": p.name,
        "birth_place": p.birth_place,
        "birth_date": p.birth_date,
        "gender": p.gender,
        "region_code": p.region_id,
        "street": p.street,
        "birth_date_check": p.birth_date_check,
    }


def _own_citizen_out(p: CitizenProfile) -> dict[str, Any]:
    return {**_citizen_out(p), "warnings": [w.as_dict() for w in selectors.citizen_profile_notices(p)]}


@router.get("/me", response={200: s.MeOut, **ERRORS}, auth=AUTH)
def me(request: HttpRequest) -> object:
    actor = _person(request)
    user = actor.user
    profile = selectors.citizen_profile_of(user)
    return {
        "id": user.pk,
        "email": user.email,
        "phone": user.phone,
        "full_name": user.full_name,
        "language": user.language,
        "citizen": _own_citizen_out(profile) if profile else None,
        "memberships": [{"agency_id": m.agency_id, "agency": m.agency.name, "role": m.role} for m in actor.memberships],
    }


@router.put("/me/citizen", response={200: s.CitizenOut, **LIMITED}, auth=AUTH)
def citizen_save(request: HttpRequest, payload: s.CitizenIn) -> object:
    actor = _person(request)
    """Your identity data. Accepted with `warnings`: a NIK whose region code is not in today's
    list (`nik_district_unknown`: a NIK keeps the code of its first issue, from before a split)
    and a birth date that differs from the NIK (`nik_birth_date_differs`: an officer confirms
    it; `birth_date_check` is then `to_confirm`). A NIK an office registered at its counter is
    taken over with the `claim_code` printed for you there (409 `nik_registered_at_counter`
    without it)."""
    profile = services.citizen_profile_save(actor=actor, user=actor.user, **payload.dict())
    return _own_citizen_out(profile)


@router.get("/me/access-log", response={200: list[s.AccessOut], **ERRORS}, auth=AUTH)
def access_log(request: HttpRequest) -> object:
    """Every time an officer, or another system with an agency's API token, viewed your
    personal data (UU PDP)."""
    actor = _person(request)
    return [
        {
            "created_at": a.created_at,
            "viewer": a.viewer_label,
            "token": a.token.prefix if a.token is not None else None,
            "agency": a.agency.name if a.agency else None,
            "purpose": a.purpose,
            "fields": a.fields,
        }
        for a in selectors.my_access_log(actor.user)[:200]
    ]


@router.get("/me/export", response={200: dict[str, Any], **ERRORS}, auth=AUTH)
def export(request: HttpRequest) -> object:
    """All data Padu holds about you, as JSON (data-subject request, UU PDP)."""
    return selectors.account_export(_person(request).user)


@router.get("/me/businesses", response={200: list[s.BusinessOut], **ERRORS}, auth=AUTH)
def business_list(request: HttpRequest) -> object:
    return list(selectors.businesses_of(_person(request).user))


@router.post("/me/businesses", response={201: s.BusinessOut, **ERRORS}, auth=AUTH)
def business_create(request: HttpRequest, payload: s.BusinessIn) -> object:
    actor = _person(request)
    return Status(201, services.business_profile_create(actor=actor, **payload.dict()))


@router.post("/agencies/{agency_id}/citizen-lookup", response={200: s.LookupOut, 429: Problem, **ERRORS}, auth=AUTH)
def citizen_lookup(request: HttpRequest, agency_id: int, payload: s.LookupIn) -> object:
    """A counter officer finds a citizen by NIK. The look-up is logged and shown to the citizen.

    Only citizens living within the agency's region, or with an open case at the agency, are
    found (`citizen_not_found` otherwise, as for an unknown NIK). An officer may look up
    `PADU_CITIZEN_LOOKUP_LIMIT` citizens per `PADU_CITIZEN_LOOKUP_WINDOW` seconds; beyond that
    the answer is 429 `lookup_rate_limited`. Every look-up, found or not, is audited."""
    actor = _person(request)
    p = selectors.citizen_lookup_by_nik(actor=actor, agency_id=agency_id, nik=payload.nik, purpose=payload.purpose)
    return {"user_id": p.user_id, **_citizen_out(p)}


@router.post("/agencies/{agency_id}/walk-in-citizens", response={201: s.WalkInOut, **LIMITED}, auth=AUTH)
def walk_in_register(request: HttpRequest, agency_id: int, payload: s.WalkInIn) -> object:
    """A front-desk officer registers a citizen who has no account and no email, to serve them
    at the counter (no password; the phone is optional). Print the `claim_code` for the person:
    registering later with the same NIK and that code gives them the profile and its cases.
    `warnings` as for `PUT /me/citizen`. A NIK already registered is 409 `nik_taken`; the
    registration counts as a look-up towards the officer's limit (429 `lookup_rate_limited`)."""
    actor = _person(request)
    walk_in = services.citizen_walk_in_register(actor=actor, agency_id=agency_id, **payload.dict())
    p = walk_in.profile
    return Status(
        201,
        {
            "user_id": p.user_id,
            **_citizen_out(p),
            "claim_code": walk_in.claim_code,
            "warnings": [w.as_dict() for w in walk_in.warnings],
        },
    )


@router.post(
    "/agencies/{agency_id}/citizens/{user_id}/birth-date-confirmation",
    response={200: s.LookupOut, **ERRORS},
    auth=AUTH,
)
def birth_date_confirm(request: HttpRequest, agency_id: int, user_id: int, payload: s.BirthDateConfirmIn) -> object:
    """A front-desk officer or the agency administrator confirms a birth date that differs from
    the NIK (Dukcapil does not reissue a NIK when a birth date is corrected), naming the
    document checked. Only for a citizen the officer found through the look-up for this agency
    (`citizen_not_found` otherwise); audited."""
    actor = _person(request)
    p = services.citizen_birth_date_confirm(
        actor=actor, agency_id=agency_id, user_id=user_id, evidence=payload.evidence
    )
    return {"user_id": p.user_id, **_citizen_out(p)}
