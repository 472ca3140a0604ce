"""Another system confirms a resident of the register: one NIK, one stated purpose, only the
answer that purpose needs (`POST /agencies/{agency_id}/registry/confirm`)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from padu.core.api_auth import AUTH, api_actor
from padu.core.schemas import Problem
from padu.registries.linking import confirm_resident

router = Router(tags=["population register"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem}


class ConfirmIn(Schema):
    nik: str
    purpose: str
    name: str | None = None
    kk_number: str | None = None


@router.post(
    "/agencies/{agency_id}/registry/confirm",
    response={200: dict[str, object], **ERRORS},
    auth=AUTH,
)
def registry_confirm(request: HttpRequest, agency_id: int, payload: ConfirmIn) -> object:
    """Confirm a resident by NIK for a purpose, with a token of the agency holding
    `registries:read` (or as its register officer). Purposes and their answers:

    - `residence`: `found`, `present`, `area` ("RT 001/RW 003/Dusun Satu");
    - `identity`: `found`, `present`, `name_matches` (when `name` is given, else null), `sex`
      (L/P), `birth_date`;
    - `family`: `found`, `present`, `kk_matches` (when `kk_number` is given), `relationship`
      (the SHDK code).

    Nothing else is returned. An unknown purpose is 400 `purpose_unknown`, a malformed NIK 400
    `nik_invalid`; another agency's token or a token without the scope is 403. Every answer
    about a resident who is found is logged in their access log (purpose, keys returned, the
    token and its creator)."""
    actor = api_actor(request, "registries:read")
    return confirm_resident(
        actor=actor,
        agency_id=agency_id,
        nik=payload.nik,
        purpose=payload.purpose,
        name=payload.name,
        kk_number=payload.kk_number,
    )
