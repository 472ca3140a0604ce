"""Tenant isolation of the population statistics: the public pages, CSV and API publish
suppressed figures to anyone; the exact numbers (console and API) reach only the village's
keepers and supervisors above it, never another village's staff, the front desk or a token."""

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
    public_list,
)

PUBLIC: dict[str, str] = {
    "statistik-penduduk/": "the list of offices that publish population statistics: names and links only",
    "statistik-penduduk/<slug:slug>/": "an office's published population statistics: counts only, every cell under"
    " PADU_STATS_MIN_CELL suppressed (padu/registries/tests/test_statistics_pages.py)",
    "statistik-penduduk/<slug:slug>/<slug:dimension>.csv": "one table of the published statistics as CSV, with the"
    " same suppressed cells",
    "api/v1/registry/statistics/<agency_slug>": "an office's published population statistics: counts only, small"
    " cells null",
}
CASES: dict[str, list[Call]] = {
    "konsol/penduduk/statistik/": [
        page("GET", "/konsol/penduduk/statistik/"),  # B's admin with A as the active office
        page("GET", "/konsol/penduduk/statistik/", "front_desk_a"),  # the front desk reads no numbers
        page("GET", "/konsol/penduduk/statistik/", "citizen_owner", console_agency=None),
        Call(
            "GET",
            lambda w: f"/konsol/penduduk/statistik/?agency={w.agency_a.pk}",
            "admin_b",
            console_agency="agency_b",
        ),
        Call(
            "GET",
            lambda w: f"/konsol/penduduk/statistik/?agency={w.agency_a.pk}",
            "supervisor_b",
            console_agency="agency_b",
        ),
    ],
    "api/v1/agencies/<agency_id>/registry/statistics": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/registry/statistics"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/registry/statistics", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/registry/statistics", "front_desk_a"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/registry/statistics", "citizen_owner"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/registry/statistics", "token_b"),
    ],
}
SELF: dict[str, str] = {}
# A dusun's name is public (it heads a row of the statistics): it carries a public marker.
LIST: dict[str, list[ListCase]] = {
    "konsol/penduduk/statistik/": [console_list("/konsol/penduduk/statistik/", public=("DUSUN",))],
    "api/v1/agencies/<agency_id>/registry/statistics": [
        agency_api("/api/v1/agencies/{agency}/registry/statistics", public=("DUSUN",))
    ],
    "statistik-penduduk/<slug:slug>/": [public_list("/statistik-penduduk/{slug}/", public=("DUSUN",))],
    "api/v1/registry/statistics/<agency_slug>": [public_list("/api/v1/registry/statistics/{slug}", public=("DUSUN",))],
}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {
    "GET api/v1/agencies/<agency_id>/registry/statistics": people_only(
        "exact small counts can single a person out: the register's officers and supervisors read them, no token"
    ),
}


def build(world: Any) -> None:
    """On each side a dusun named with the side's public marker, and one resident in it (so
    the office has a register to publish)."""
    from padu.registries.tests.factories import make_resident, make_rt
    from tests.isolation.world import SIDES, public_mark

    for s in SIDES:
        agency = world.agency(s)
        rt = make_rt(agency, dusun=f"Dusun {public_mark(s, 'DUSUN')}", rw="RW 009", rt="RT 009")
        make_resident(
            agency, area=rt, name="Warga Statistik", birth=dt.date(1985, 6, 7), registered_on=dt.date(2021, 1, 4)
        )
