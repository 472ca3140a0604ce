"""Tenant isolation of the statutory books: only the register's keepers of the village read them
(page, files, API); another village's admin, the front desk, a supervisor, a citizen and every
token are refused. Each side's register holds one resident named with the side's marker, so the
books' lists show their own side only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.isolation.cases import (
    Call,
    ListCase,
    TokenRoute,
    agency_api,
    api,
    console_list,
    page,
    people_only,
)
from tests.isolation.world import SIDES, mark

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}

_PAGES = {
    "konsol/penduduk/buku/": "/konsol/penduduk/buku/",
    "konsol/penduduk/buku/<slug:book>/": "/konsol/penduduk/buku/induk/",
    "konsol/penduduk/buku/<slug:book>/unduh.xlsx": "/konsol/penduduk/buku/induk/unduh.xlsx",
    "konsol/penduduk/buku/<slug:book>/unduh.pdf": "/konsol/penduduk/buku/sementara/unduh.pdf",
}
for _route, _url in _PAGES.items():
    CASES[_route] = [
        page("GET", _url),  # B's admin with A as the console's agency
        page("GET", _url, "front_desk_a"),
        page("GET", _url, "supervisor_a"),
        page("GET", _url, "citizen_owner", console_agency=None),
    ]

_API = {
    "api/v1/agencies/<agency_id>/registry/books/<book>": "induk",
    "api/v1/agencies/<agency_id>/registry/books/<book>.xlsx": "induk.xlsx",
    "api/v1/agencies/<agency_id>/registry/books/<book>.pdf": "sementara.pdf",
}


def _api_url(tail: str) -> Any:
    return lambda w: f"/api/v1/agencies/{w.agency_a.pk}/registry/books/{tail}"


for _route, _tail in _API.items():
    CASES[_route] = [
        api("GET", _api_url(_tail)),
        api("GET", _api_url(_tail), "front_desk_a"),
        api("GET", _api_url(_tail), "supervisor_a"),
        api("GET", _api_url(_tail), "citizen_owner"),
        api("GET", _api_url(_tail), "token_b"),
    ]
    TOKEN_SCOPES[f"GET {_route}"] = people_only(
        "the books list every resident of the village: the register's keepers signed in only"
    )

LIST.update(
    {
        "konsol/penduduk/buku/<slug:book>/": [
            console_list("/konsol/penduduk/buku/induk/", "BUKU"),
            console_list("/konsol/penduduk/buku/ktp-kk/", "BUKU"),
        ],
        "api/v1/agencies/<agency_id>/registry/books/<book>": [
            agency_api("/api/v1/agencies/{agency}/registry/books/induk", "BUKU"),
        ],
    }
)
NOT_LIST["konsol/penduduk/buku/"] = "the five books' names and a month form: no rows of the register"


def build(world: Any) -> None:
    """A resident with the side's marker in each village's register (since 2020: in every
    month's book), in a KK so that the KTP and KK book lists them too."""
    from padu.core.actors import OPERATOR
    from padu.registries.codes import Relationship
    from padu.registries.models import EventKind
    from padu.registries.services import event_open, family_get_or_create
    from padu.registries.tests.factories import make_kk, make_resident, make_rt

    for side in SIDES:
        agency = world.agency(side)
        area = make_rt(agency)
        event = event_open(actor=OPERATOR, agency=agency, kind=EventKind.IMPORT, occurred_on=dt.date(2020, 1, 2))
        family = family_get_or_create(event=event, agency=agency, kk=make_kk(), area=area, address="Jl. Sisipan")
        make_resident(
            agency,
            family=family,
            area=area,
            name=f"Warga {mark(side, 'BUKU')}",
            relationship=Relationship.HEAD,
        )
