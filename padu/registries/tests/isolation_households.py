"""Tenant isolation of households: another village's officers, supervisors, citizens and tokens
never reach a village's households; the front desk reads them and changes nothing. On each side
`build` adds, in the residents part's RT, a KK of three whose names carry the side's
`HOUSEHOLD` marker, made a household numbered `RT-PENANDA-<S>-HH` headed by the KK's head, and
a resident in no household (`household_spare_<s>`)."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute, agency_api, api, console_list, page, people_only

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}

LIST_ROUTE = "konsol/penduduk/rumah-tangga/"
NEW_ROUTE = "konsol/penduduk/rumah-tangga/baru/"
PAGE_ROUTE = "konsol/penduduk/rumah-tangga/<int:household_id>/"
API_LIST = "api/v1/agencies/<agency_id>/registry/households"
API_ONE = "api/v1/agencies/<agency_id>/registry/households/<household_id>"

HEAD_FORM = {"action": "set_head", "set_head-head": "{household_wife_a}"}
NEW_FORM = {"resident": "{household_spare_a}", "number": "RT-SISIPAN"}
CREATE = {"head_id": "{household_spare_a}", "number": "RT-SISIPAN", "with_family": False}
SET_HEAD = {"action": "set_head", "head_id": "{household_wife_a}"}
CHANGED = ("registries.LifeEvent", "registries.Resident")


def _hh(w: Any) -> int:
    return int(w.household_a.pk)


def _console(method: str, url: Any, as_user: str = "admin_b", console: str | None = "agency_a", **kw: Any) -> Call:
    return Call(method, url, as_user, console_agency=console, **kw)


def _api(w: Any, tail: str = "", side: str = "a") -> str:
    return f"/api/v1/agencies/{w.agency(side).pk}/registry/households{tail}"


CASES.update(
    {
        LIST_ROUTE: [
            page("GET", "/konsol/penduduk/rumah-tangga/"),
            page(
                "GET",
                "/konsol/penduduk/rumah-tangga/",
                "supervisor_b",
                console_agency="agency_b",
                owner=None,
                no_control="B's supervisor in B's console reads no register (403); A's list is tested in LIST",
            ),
            page("GET", "/konsol/penduduk/rumah-tangga/", "citizen_owner", console_agency=None),
            page("GET", "/konsol/penduduk/rumah-tangga/", "supervisor_a", console_agency="agency_a"),
        ],
        NEW_ROUTE: [
            _console("GET", lambda w: f"/konsol/penduduk/rumah-tangga/baru/?resident={w.household_spare_a.pk}"),
            _console(
                "GET",
                lambda w: f"/konsol/penduduk/rumah-tangga/baru/?resident={w.household_spare_a.pk}",
                console="agency_b",
            ),
            _console(
                "GET",
                lambda w: f"/konsol/penduduk/rumah-tangga/baru/?resident={w.household_spare_a.pk}",
                "front_desk_a",
            ),
            _console(
                "POST",
                lambda w: "/konsol/penduduk/rumah-tangga/baru/",
                console="agency_b",
                form=NEW_FORM,
                changes=("registries.Household", *CHANGED),
            ),
            _console(
                "POST",
                lambda w: "/konsol/penduduk/rumah-tangga/baru/",
                "front_desk_a",
                form=NEW_FORM,
                changes=("registries.Household", *CHANGED),
            ),
        ],
        PAGE_ROUTE: [
            _console("GET", lambda w: f"/konsol/penduduk/rumah-tangga/{_hh(w)}/"),
            _console("GET", lambda w: f"/konsol/penduduk/rumah-tangga/{_hh(w)}/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/penduduk/rumah-tangga/{_hh(w)}/", "supervisor_a"),
            _console("GET", lambda w: f"/konsol/penduduk/rumah-tangga/{_hh(w)}/", "citizen_owner", console=None),
            _console(
                "POST",
                lambda w: f"/konsol/penduduk/rumah-tangga/{_hh(w)}/",
                console="agency_b",
                form=HEAD_FORM,
                changes=CHANGED,
            ),
            _console(
                "POST",
                lambda w: f"/konsol/penduduk/rumah-tangga/{_hh(w)}/",
                "front_desk_a",
                form=HEAD_FORM,
                changes=CHANGED,
            ),
        ],
        API_LIST: [
            api("GET", lambda w: _api(w)),
            api("GET", lambda w: _api(w), "supervisor_b"),
            api("GET", lambda w: _api(w), "token_b"),
            api("GET", lambda w: _api(w), "citizen_owner"),
            api("POST", lambda w: _api(w), json=CREATE, changes=("registries.Household", *CHANGED)),
            api("POST", lambda w: _api(w), "front_desk_a", json=CREATE, changes=("registries.Household", *CHANGED)),
            api("POST", lambda w: _api(w), "token_b", json=CREATE, changes=("registries.Household", *CHANGED)),
        ],
        API_ONE: [
            api("GET", lambda w: _api(w, f"/{_hh(w)}")),
            api(
                "GET",
                lambda w: _api(w, f"/{_hh(w)}", "b"),
                owner=None,
                no_control="the household is A's: through B's agency it is not found for anyone",
            ),
            api("GET", lambda w: _api(w, f"/{_hh(w)}"), "token_b"),
            api("GET", lambda w: _api(w, f"/{_hh(w)}"), "citizen_owner"),
            api("POST", lambda w: _api(w, f"/{_hh(w)}"), json=SET_HEAD, changes=CHANGED),
            api("POST", lambda w: _api(w, f"/{_hh(w)}"), "front_desk_a", json=SET_HEAD, changes=CHANGED),
            api("POST", lambda w: _api(w, f"/{_hh(w)}"), "token_b", json=SET_HEAD, changes=CHANGED),
        ],
    }
)

LIST.update(
    {
        LIST_ROUTE: [
            console_list("/konsol/penduduk/rumah-tangga/", "HH", "HOUSEHOLD", public=("RT",)),
            console_list("/konsol/penduduk/rumah-tangga/?q=PENANDA", "HH", "HOUSEHOLD", label="search"),
            console_list(
                "/konsol/penduduk/rumah-tangga/", "HH", "HOUSEHOLD", viewer="front_desk_{s}", label="front desk"
            ),
        ],
        API_LIST: [agency_api("/api/v1/agencies/{agency}/registry/households", "HH", "HOUSEHOLD", public=("RT",))],
    }
)
NOT_LIST.update({NEW_ROUTE: "a form to make one household, for the resident named by ?resident="})

_PEOPLE = "the register's console API is for the village's officers, people; systems use registries:read"
TOKEN_SCOPES.update(
    {
        f"GET {API_LIST}": people_only(_PEOPLE),
        f"POST {API_LIST}": people_only(_PEOPLE, json=CREATE),
        f"GET {API_ONE}": people_only(_PEOPLE),
        f"POST {API_ONE}": people_only(_PEOPLE, json=SET_HEAD),
    }
)


def build(world: Any) -> None:
    """On each side: a KK of three (names with the `HOUSEHOLD` marker) made a household
    `RT-PENANDA-<S>-HH` (`household_<s>`, the wife `household_wife_<s>`), and a present resident
    in no household (`household_spare_<s>`), in the RT of the residents part."""
    from padu.core.actors import OPERATOR
    from padu.registries.households import household_create
    from padu.registries.models import Resident
    from padu.registries.tests.factories import make_family, make_resident, make_rt
    from tests.isolation.world import SIDES, mark, public_mark

    for s in SIDES:
        agency = world.agency(s)
        rt = make_rt(agency, dusun=f"Dusun {s.upper()}", rw="RW 001", rt=f"RT 001 {public_mark(s, 'RT')}")
        _family, people = make_family(agency, area=rt, members=3)
        for person in people:
            Resident.objects.filter(pk=person.pk).update(name=f"{person.name} {mark(s, 'HOUSEHOLD')}")
        spare = make_resident(agency, area=rt, name=f"Warga Lepas {mark(s, 'HOUSEHOLD')}", birth=people[0].birth_date)
        household = household_create(
            actor=OPERATOR, agency=agency, head=Resident.objects.get(pk=people[0].pk), number=f"RT-{mark(s, 'HH')}"
        )
        setattr(world, f"household_{s}", household)
        setattr(world, f"household_wife_{s}", Resident.objects.get(pk=people[1].pk))
        setattr(world, f"household_spare_{s}", spare)
