"""Tenant isolation of accounts linked to residents and of the token confirmation: another
office's staff and tokens, the front desk and tokens without `registries:read` never reach a
village's links or confirm its residents; a citizen's register page shows only their own.

The world: on each side a resident of the side's village carrying the side's citizen's NIK
(`PENANDA-<S>-LINK` in the name), linked to that citizen's account."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute, api, console_list, mine, page, scope
from tests.isolation.world import CITIZEN, SIDES, mark, public_mark

PUBLIC: dict[str, str] = {}
SELF: dict[str, str] = {
    "akun/data-kependudukan/": "GET",
}

CONFIRM = "api/v1/agencies/<agency_id>/registry/confirm"
LINKS = "konsol/penduduk/tautan-akun/"
# A NIK nobody has: the answer is {found: false, ...}, so a token's call reads no one.
NOBODY = {"nik": "3204051403809999", "purpose": "residence"}
# The owner's control (A's register officer) confirms A's resident: the read is logged.
OWNED = {"nik": "{citizen_owner.citizen.nik}", "purpose": "residence"}


def _confirm_url(world: Any) -> str:
    return f"/api/v1/agencies/{world.agency_a.pk}/registry/confirm"


def _unlink() -> dict[str, Any]:
    return {"action": "unlink", "resident": "{link_resident_a}", "reason": "Sisipan"}


CASES: dict[str, list[Call]] = {
    CONFIRM: [
        api("POST", _confirm_url, "token_b", json=NOBODY, owner_json=OWNED),  # another office's token
        api("POST", _confirm_url, "admin_b", json=NOBODY, owner_json=OWNED),
        api("POST", _confirm_url, "front_desk_a", json=NOBODY, owner_json=OWNED),  # finds residents, confirms none
        api("POST", _confirm_url, "supervisor_a", json=NOBODY, owner_json=OWNED),
        api("POST", _confirm_url, "citizen_owner", json=NOBODY, owner_json=OWNED),
    ],
    LINKS: [
        page("GET", "/konsol/penduduk/tautan-akun/"),
        page("GET", "/konsol/penduduk/tautan-akun/", "front_desk_a"),
        page("GET", "/konsol/penduduk/tautan-akun/", "supervisor_b", console_agency="agency_b"),
        page("POST", "/konsol/penduduk/tautan-akun/", form=_unlink),
        page("POST", "/konsol/penduduk/tautan-akun/", "front_desk_a", form=_unlink),
        Call(
            "POST",
            lambda w: "/konsol/penduduk/tautan-akun/",
            "admin_b",
            form=_unlink,
            console_agency="agency_b",
            expect=frozenset({400, 404}),  # in B's console, A's resident is unknown
            owner_expect=frozenset({302}),
        ),
    ],
}
LIST: dict[str, list[ListCase]] = {
    LINKS: [console_list("/konsol/penduduk/tautan-akun/", "LINK")],
    "akun/data-kependudukan/": [mine("/akun/data-kependudukan/", "LINK")],
}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {
    f"POST {CONFIRM}": scope("registries:read", json=NOBODY),
}


def build(world: Any) -> None:
    """On each side, a resident of the side's village with the side's citizen's NIK, linked."""
    from padu.registries.codes import Sex
    from padu.registries.models import Resident
    from padu.registries.tests.factories import make_resident, make_rt

    for side in SIDES:
        agency = world.agency(side)
        citizen = getattr(world, CITIZEN[side])
        profile = citizen.citizen
        female = profile.gender == "P"
        rt = make_rt(agency, dusun=f"Dusun {public_mark(side, 'DUSUN')}")
        resident = make_resident(
            agency,
            area=rt,
            nik=profile.nik,
            name=f"Warga {mark(side, 'LINK')}",
            birth=profile.birth_date,
            sex=Sex.FEMALE if female else Sex.MALE,
        )
        Resident.objects.filter(pk=resident.pk).update(
            user=citizen, linked_at=dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC), linked_by=None
        )
        setattr(world, f"link_resident_{side}", resident)
