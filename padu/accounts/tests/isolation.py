"""Tenant isolation of people's data at the counter: registering a walk-in citizen and
confirming a birth date that differs from the NIK. (The look-up's cases are in
tests/isolation/cases.py; the counter pages' in padu/services/tests/isolation_counter.py.)"""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute, api, people_only

PUBLIC: dict[str, str] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}

# A person the refused calls try to register at agency A; the owner's control registers her.
REGISTER = {
    "nik": "3204055208520031",
    "name": "Warga Loket",
    "birth_place": "Bandung",
    "birth_date": "1952-08-12",
    "region_code": "32.04.05.2001",
    "street": "Kp. Babakan RT 03/RW 07",
}
EVIDENCE = {"evidence": "Akta kelahiran yang dibetulkan"}


def _register_at_a(world: Any) -> str:
    return f"/api/v1/agencies/{world.agency_a.pk}/walk-in-citizens"


def _confirm_at(agency: str) -> Any:
    def url(world: Any) -> str:
        return f"/api/v1/agencies/{getattr(world, agency).pk}/citizens/{world.walk_in_a.pk}/birth-date-confirmation"

    return url


_SAME_PERSON = "the walk-in was found by A's front desk only: the owner's control is the case at agency A"

CASES: dict[str, list[Call]] = {
    "api/v1/agencies/<agency_id>/walk-in-citizens": [
        api("POST", _register_at_a, "front_desk_b", json=REGISTER, owner="front_desk_a"),
        api("POST", _register_at_a, "admin_a", json=REGISTER, owner="front_desk_a"),  # not at the counter
        api("POST", _register_at_a, "citizen_other", json=REGISTER, owner="front_desk_a"),
    ],
    "api/v1/agencies/<agency_id>/citizens/<user_id>/birth-date-confirmation": [
        api("POST", _confirm_at("agency_a"), "front_desk_b", json=EVIDENCE, owner="front_desk_a"),
        api("POST", _confirm_at("agency_a"), "citizen_other", json=EVIDENCE, owner="front_desk_a"),
        # B's own office, A's walk-in: B's front desk never found her.
        api("POST", _confirm_at("agency_b"), "front_desk_b", json=EVIDENCE, owner=None, no_control=_SAME_PERSON),
    ],
}

_COUNTER = "a front-desk officer's work at the counter, audited to a named person"

TOKEN_SCOPES: dict[str, TokenRoute] = {
    "POST api/v1/agencies/<agency_id>/walk-in-citizens": people_only(_COUNTER, json=REGISTER),
    "POST api/v1/agencies/<agency_id>/citizens/<user_id>/birth-date-confirmation": people_only(
        _COUNTER, url=_confirm_at("agency_a"), json=EVIDENCE
    ),
}


def build(world: Any) -> None:
    """A walk-in citizen registered at A's counter, her birth date differing from her NIK (to
    be confirmed): `walk_in_a`, found by A's front desk."""
    import datetime as dt

    from padu.accounts.services import citizen_walk_in_register
    from padu.core.actors import Actor
    from tests.isolation.world import mark

    walk_in = citizen_walk_in_register(
        actor=Actor(user=world.front_desk_a),
        agency_id=world.agency_a.pk,
        nik="3204055208520021",
        name=f"Enah {mark('a', 'LOKET-WARGA')}",
        birth_place="Bandung",
        birth_date=dt.date(1952, 8, 21),  # the NIK says the 12th
        region_code="32.04.05.2001",
        street="Kp. Babakan RT 03/RW 07",
    )
    world.walk_in_a = walk_in.profile.user
