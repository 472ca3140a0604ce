"""Tenant isolation of the kernel's lists: staff, audit trail, holidays, API tokens and the
personal-data access log. (The kernel's object cases are in tests/isolation/cases.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute, agency_api, console_list, mine, people_only, scope

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}

LIST: dict[str, list[ListCase]] = {
    "konsol/": [console_list("/konsol/")],
    "konsol/staf/": [console_list("/konsol/staf/", "ADMIN", "LOKET", "AWAS")],
    "konsol/audit/": [console_list("/konsol/audit/", "ADMIN")],
    "konsol/kalender/": [console_list("/konsol/kalender/", "LIBUR")],
    "konsol/token/": [console_list("/konsol/token/", "TOKEN")],
    "konsol/warga/": [console_list("/konsol/warga/", viewer="front_desk_{s}")],
    "api/v1/agencies/<agency_id>/staff": [
        agency_api("/api/v1/agencies/{agency}/staff", "ADMIN", "LOKET"),
        agency_api("/api/v1/agencies/{agency}/staff", "ADMIN", viewer="token_full_{s}"),
    ],
    "api/v1/agencies/<agency_id>/audit": [
        agency_api("/api/v1/agencies/{agency}/audit", "ADMIN"),
        agency_api("/api/v1/agencies/{agency}/audit", "ADMIN", viewer="token_full_{s}"),
    ],
    "api/v1/agencies/<agency_id>/holidays": [
        agency_api("/api/v1/agencies/{agency}/holidays", "LIBUR"),
        agency_api("/api/v1/agencies/{agency}/holidays", "LIBUR", viewer="token_full_{s}"),
    ],
    "api/v1/agencies/<agency_id>/tokens": [agency_api("/api/v1/agencies/{agency}/tokens", "TOKEN")],
    "akun/": [mine("/akun/", "WARGA")],
    "api/v1/me": [mine("/api/v1/me", "WARGA")],
    "api/v1/me/access-log": [mine("/api/v1/me/access-log", "AKSES")],
    "api/v1/me/export": [mine("/api/v1/me/export", "WARGA", "AKSES")],
    "akun/ekspor/": [mine("/akun/ekspor/", "WARGA", "AKSES")],
    "api/v1/me/businesses": [mine("/api/v1/me/businesses")],
}

NOT_LIST: dict[str, str] = {
    "akun/profil/": "the caller's own profile form (checked for the owner's data in the SELF test)",
    "akun/usaha/baru/": "a form to register a business",
    "konsol/pilih/": "switches the console's agency (POST); tested in cases.py",
}


_OWN = "the caller's own account: a token acts for no person"
_MANAGE = "managing the agency (holidays, tokens) is for its administrator, a person with two-step login"

TOKEN_SCOPES: dict[str, TokenRoute] = {
    "GET api/v1/agencies/<agency_id>/staff": scope("agencies:read"),
    "GET api/v1/agencies/<agency_id>/audit": scope("audit:read"),
    "GET api/v1/agencies/<agency_id>/holidays": scope("agencies:read"),
    "POST api/v1/agencies/<agency_id>/holidays": people_only(_MANAGE),
    "DELETE api/v1/agencies/<agency_id>/holidays/<holiday_id>": people_only(_MANAGE),
    "GET api/v1/agencies/<agency_id>/tokens": people_only(_MANAGE),
    "POST api/v1/agencies/<agency_id>/tokens": people_only(_MANAGE),
    "DELETE api/v1/agencies/<agency_id>/tokens/<token_id>": people_only(_MANAGE),
    "POST api/v1/agencies/<agency_id>/citizen-lookup": people_only(
        "a front-desk officer's look-up, logged for the person found",
        json={"nik": "3204051705900001", "purpose": "x"},
    ),
    "GET api/v1/me": people_only(_OWN, url=lambda w: "/api/v1/me"),
    "PUT api/v1/me/citizen": people_only(
        _OWN,
        url=lambda w: "/api/v1/me/citizen",
        json={
            "nik": "3204051705900001",
            "name": "Warga Baru",
            "birth_place": "Bandung",
            "birth_date": "1990-05-17",
            "region_code": "32.04.05.2001",
            "street": "Jl. Raya 2",
        },
    ),
    "GET api/v1/me/access-log": people_only(_OWN, url=lambda w: "/api/v1/me/access-log"),
    "GET api/v1/me/export": people_only(_OWN, url=lambda w: "/api/v1/me/export"),
    "GET api/v1/me/businesses": people_only(_OWN, url=lambda w: "/api/v1/me/businesses"),
    "POST api/v1/me/businesses": people_only(
        _OWN,
        url=lambda w: "/api/v1/me/businesses",
        json={
            "name": "CV Baru",
            "nib": "9120009876543",
            "npwp": "0012345678902000",
            "region_code": "32.04.05.2001",
            "street": "Jl. Raya 3",
        },
    ),
}


def build(world: Any) -> None:
    """A holiday on each side (added by the side's admin, so the audit trail names them), and
    a personal-data access of each side's citizen by the side's front desk."""
    from padu.core.services import holiday_add, personal_data_access_record
    from tests.factories import actor_for
    from tests.isolation.world import CITIZEN, SIDES, mark

    for s in SIDES:
        holiday = holiday_add(
            actor=actor_for(getattr(world, f"admin_{s}")),
            agency=world.agency(s),
            date=dt.date(2026, 12, 2 if s == "a" else 3),
            name=f"Hari Jadi {mark(s, 'LIBUR')}",
        )
        setattr(world, f"holiday_{s}", holiday)
        personal_data_access_record(
            actor=actor_for(getattr(world, f"front_desk_{s}")),
            subject_id=getattr(world, CITIZEN[s]).pk,
            agency=world.agency(s),
            purpose=f"Pemeriksaan {mark(s, 'AKSES')}",
            fields=["nik"],
        )
