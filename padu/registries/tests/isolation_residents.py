"""Tenant isolation of the register itself: another village's officers, supervisors, citizens
and tokens never reach a village's residents, KKs, areas, events or proposals; the front desk
finds and reads residents but records nothing and sees no proposal. On each side `build` adds
an RT (its name is public, on the statistics), a KK of three residents whose names carry the
side's marker, and a proposal."""

from __future__ import annotations

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

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}

AREA_FORM = {"level": "dusun", "name": "Dusun Sisipan"}
CORRECTION_FORM = {"resident": "{registry_resident_a}", "item": "name", "value": "Nama Sisipan", "reason": "x"}
CORRECTION = {
    "kind": "correction",
    "resident_id": "{registry_resident_a}",
    "fields": {"values": {"name": "Nama Sisipan"}, "reason": "x"},
}


def _console(method: str, url: Any, as_user: str = "admin_b", console: str | None = "agency_a", **kw: Any) -> Call:
    return Call(method, url, as_user, console_agency=console, **kw)


def _res(w: Any) -> int:
    return int(w.registry_resident_a.pk)


def _fam(w: Any) -> int:
    return int(w.registry_family_a.pk)


def _event(w: Any) -> int:
    return int(w.registry_event_a.pk)


def _proposal(w: Any) -> int:
    return int(w.registry_proposal_a.pk)


def _api(w: Any, tail: str, side: str = "a") -> str:
    return f"/api/v1/agencies/{w.agency(side).pk}/registry/{tail}"


CASES.update(
    {
        "konsol/penduduk/": [
            page("GET", "/konsol/penduduk/"),
            page(
                "GET",
                "/konsol/penduduk/",
                "supervisor_b",
                console_agency="agency_b",
                owner=None,
                no_control="B's supervisor in B's console reads no register (403), A's list is tested in LIST",
            ),
            page("GET", "/konsol/penduduk/", "citizen_owner", console_agency=None),
        ],
        "konsol/penduduk/warga/<int:resident_id>/": [
            _console("GET", lambda w: f"/konsol/penduduk/warga/{_res(w)}/"),
            _console("GET", lambda w: f"/konsol/penduduk/warga/{_res(w)}/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/penduduk/warga/{_res(w)}/", "supervisor_b", console="agency_b"),
            _console("GET", lambda w: f"/konsol/penduduk/warga/{_res(w)}/", "citizen_owner", console=None),
        ],
        "konsol/penduduk/kk/<int:family_id>/": [
            _console("GET", lambda w: f"/konsol/penduduk/kk/{_fam(w)}/"),
            _console("GET", lambda w: f"/konsol/penduduk/kk/{_fam(w)}/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/penduduk/kk/{_fam(w)}/", "citizen_owner", console=None),
        ],
        "konsol/penduduk/wilayah/": [
            page("GET", "/konsol/penduduk/wilayah/"),
            page("POST", "/konsol/penduduk/wilayah/", form=AREA_FORM, changes=("registries.Area",)),
            page("POST", "/konsol/penduduk/wilayah/", "front_desk_a", form=AREA_FORM, changes=("registries.Area",)),
        ],
        "konsol/penduduk/peristiwa/": [
            page("GET", "/konsol/penduduk/peristiwa/"),
            page("GET", "/konsol/penduduk/peristiwa/", "citizen_owner", console_agency=None),
        ],
        "konsol/penduduk/peristiwa/<int:event_id>/": [
            _console("GET", lambda w: f"/konsol/penduduk/peristiwa/{_event(w)}/"),
            _console("GET", lambda w: f"/konsol/penduduk/peristiwa/{_event(w)}/", console="agency_b"),
            _console(
                "POST",
                lambda w: f"/konsol/penduduk/peristiwa/{_event(w)}/",
                console="agency_b",
                form={"reason": "x"},
                changes=("registries.LifeEvent",),
            ),
            _console(
                "POST",
                lambda w: f"/konsol/penduduk/peristiwa/{_event(w)}/",
                "front_desk_a",
                form={"reason": "x"},
                changes=("registries.LifeEvent",),
            ),
        ],
        "konsol/penduduk/peristiwa/<slug:kind>/": [
            _console("GET", lambda w: f"/konsol/penduduk/peristiwa/koreksi/?resident={_res(w)}"),
            _console("GET", lambda w: f"/konsol/penduduk/peristiwa/koreksi/?resident={_res(w)}", console="agency_b"),
            _console("GET", lambda w: f"/konsol/penduduk/peristiwa/koreksi/?resident={_res(w)}", "front_desk_a"),
            _console(
                "POST",
                lambda w: "/konsol/penduduk/peristiwa/koreksi/",
                console="agency_b",
                form=CORRECTION_FORM,
                changes=("registries.LifeEvent", "registries.Resident"),
            ),
            _console(
                "POST",
                lambda w: "/konsol/penduduk/peristiwa/koreksi/",
                "front_desk_a",
                form=CORRECTION_FORM,
                changes=("registries.LifeEvent", "registries.Resident"),
            ),
        ],
        "konsol/penduduk/usulan/": [
            page("GET", "/konsol/penduduk/usulan/"),
            page("GET", "/konsol/penduduk/usulan/", "front_desk_a"),
        ],
        "konsol/penduduk/usulan/<int:proposal_id>/": [
            _console("GET", lambda w: f"/konsol/penduduk/usulan/{_proposal(w)}/"),
            _console("GET", lambda w: f"/konsol/penduduk/usulan/{_proposal(w)}/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/penduduk/usulan/{_proposal(w)}/", "front_desk_a"),
            _console(
                "POST",
                lambda w: f"/konsol/penduduk/usulan/{_proposal(w)}/",
                console="agency_b",
                form={"reason": "x"},
                changes=("registries.EventProposal",),
            ),
            _console(
                "POST",
                lambda w: f"/konsol/penduduk/usulan/{_proposal(w)}/",
                "front_desk_a",
                form={"reason": "x"},
                changes=("registries.EventProposal",),
            ),
        ],
        "api/v1/agencies/<agency_id>/registry/areas": [
            api("GET", lambda w: _api(w, "areas")),
            api("GET", lambda w: _api(w, "areas"), "token_b"),
            api("GET", lambda w: _api(w, "areas"), "citizen_owner"),
            api("POST", lambda w: _api(w, "areas"), json=AREA_FORM, changes=("registries.Area",)),
            api("POST", lambda w: _api(w, "areas"), "front_desk_a", json=AREA_FORM, changes=("registries.Area",)),
        ],
        "api/v1/agencies/<agency_id>/registry/residents": [
            api("GET", lambda w: _api(w, "residents")),
            api("GET", lambda w: _api(w, "residents"), "supervisor_b"),
            api("GET", lambda w: _api(w, "residents"), "token_b"),
            api("GET", lambda w: _api(w, "residents"), "citizen_owner"),
        ],
        "api/v1/agencies/<agency_id>/registry/residents/<resident_id>": [
            api("GET", lambda w: _api(w, f"residents/{_res(w)}")),
            api(
                "GET",
                lambda w: _api(w, f"residents/{_res(w)}", "b"),
                owner=None,
                no_control="the resident is A's: through B's agency it is not found for anyone",
            ),
            api("GET", lambda w: _api(w, f"residents/{_res(w)}"), "token_b"),
            api("GET", lambda w: _api(w, f"residents/{_res(w)}"), "citizen_owner"),
        ],
        "api/v1/agencies/<agency_id>/registry/families/<family_id>": [
            api("GET", lambda w: _api(w, f"families/{_fam(w)}")),
            api(
                "GET",
                lambda w: _api(w, f"families/{_fam(w)}", "b"),
                owner=None,
                no_control="the KK is A's: through B's agency it is not found for anyone",
            ),
            api("GET", lambda w: _api(w, f"families/{_fam(w)}"), "token_b"),
        ],
        "api/v1/agencies/<agency_id>/registry/events": [
            api("GET", lambda w: _api(w, "events")),
            api("GET", lambda w: _api(w, "events"), "token_b"),
            api(
                "POST",
                lambda w: _api(w, "events"),
                json=CORRECTION,
                changes=("registries.LifeEvent", "registries.Resident"),
            ),
            api(
                "POST",
                lambda w: _api(w, "events"),
                "front_desk_a",
                json=CORRECTION,
                changes=("registries.LifeEvent", "registries.Resident"),
            ),
            api(
                "POST",
                lambda w: _api(w, "events"),
                "token_b",
                json=CORRECTION,
                changes=("registries.LifeEvent", "registries.Resident"),
            ),
        ],
        "api/v1/agencies/<agency_id>/registry/events/<event_id>": [
            api("GET", lambda w: _api(w, f"events/{_event(w)}")),
            api(
                "GET",
                lambda w: _api(w, f"events/{_event(w)}", "b"),
                owner=None,
                no_control="the event is A's: through B's agency it is not found for anyone",
            ),
            api("GET", lambda w: _api(w, f"events/{_event(w)}"), "token_b"),
        ],
        "api/v1/agencies/<agency_id>/registry/events/<event_id>/reverse": [
            api(
                "POST",
                lambda w: _api(w, f"events/{_event(w)}/reverse"),
                json={"reason": "x"},
                changes=("registries.LifeEvent",),
            ),
            api(
                "POST",
                lambda w: _api(w, f"events/{_event(w)}/reverse"),
                "front_desk_a",
                json={"reason": "x"},
                changes=("registries.LifeEvent",),
            ),
        ],
        "api/v1/agencies/<agency_id>/registry/proposals": [
            api("GET", lambda w: _api(w, "proposals")),
            api("GET", lambda w: _api(w, "proposals"), "front_desk_a"),
            api("GET", lambda w: _api(w, "proposals"), "token_b"),
        ],
        "api/v1/agencies/<agency_id>/registry/proposals/<proposal_id>": [
            api(
                "POST",
                lambda w: _api(w, f"proposals/{_proposal(w)}"),
                json={"action": "dismiss", "reason": "x"},
                changes=("registries.EventProposal",),
            ),
            api(
                "POST",
                lambda w: _api(w, f"proposals/{_proposal(w)}"),
                "front_desk_a",
                json={"action": "dismiss", "reason": "x"},
                changes=("registries.EventProposal",),
            ),
        ],
    }
)

LIST.update(
    {
        "konsol/penduduk/": [
            console_list("/konsol/penduduk/", "RESIDENT", public=("RT",)),
            console_list("/konsol/penduduk/?q=PENANDA", "RESIDENT", label="search"),
            console_list("/konsol/penduduk/", "RESIDENT", viewer="front_desk_{s}", label="front desk"),
        ],
        "konsol/penduduk/wilayah/": [console_list("/konsol/penduduk/wilayah/", public=("RT",))],
        "konsol/penduduk/peristiwa/": [console_list("/konsol/penduduk/peristiwa/", "RESIDENT")],
        "konsol/penduduk/usulan/": [console_list("/konsol/penduduk/usulan/", "USULAN")],
        "api/v1/agencies/<agency_id>/registry/areas": [
            agency_api("/api/v1/agencies/{agency}/registry/areas", public=("RT",))
        ],
        "api/v1/agencies/<agency_id>/registry/residents": [
            agency_api("/api/v1/agencies/{agency}/registry/residents", "RESIDENT", public=("RT",))
        ],
        "api/v1/agencies/<agency_id>/registry/events": [agency_api("/api/v1/agencies/{agency}/registry/events")],
        "api/v1/agencies/<agency_id>/registry/proposals": [
            agency_api("/api/v1/agencies/{agency}/registry/proposals", "USULAN")
        ],
    }
)
NOT_LIST.update({"konsol/penduduk/peristiwa/<slug:kind>/": "a form to record one life event"})

_PEOPLE = "the register's console API is for the village's officers, people; systems use registries:read"
TOKEN_SCOPES.update(
    {
        "GET api/v1/agencies/<agency_id>/registry/areas": people_only(_PEOPLE),
        "POST api/v1/agencies/<agency_id>/registry/areas": people_only(_PEOPLE, json=AREA_FORM),
        "GET api/v1/agencies/<agency_id>/registry/residents": people_only(_PEOPLE),
        "GET api/v1/agencies/<agency_id>/registry/residents/<resident_id>": people_only(_PEOPLE),
        "GET api/v1/agencies/<agency_id>/registry/families/<family_id>": people_only(_PEOPLE),
        "GET api/v1/agencies/<agency_id>/registry/events": people_only(_PEOPLE),
        "POST api/v1/agencies/<agency_id>/registry/events": people_only(_PEOPLE, json=CORRECTION),
        "GET api/v1/agencies/<agency_id>/registry/events/<event_id>": people_only(_PEOPLE),
        "POST api/v1/agencies/<agency_id>/registry/events/<event_id>/reverse": people_only(_PEOPLE),
        "GET api/v1/agencies/<agency_id>/registry/proposals": people_only(_PEOPLE),
        "POST api/v1/agencies/<agency_id>/registry/proposals/<proposal_id>": people_only(_PEOPLE),
    }
)


def build(world: Any) -> None:
    """On each side: an RT named with the side's marker, a KK of three whose names carry the
    marker (A's child is `registry_resident_a`, its KK `registry_family_a`, the child's import
    event `registry_event_a`), and a pending proposal (`registry_proposal_a`)."""
    from padu.registries.events import application_completed
    from padu.registries.models import EventKind, LifeEvent, Resident
    from padu.registries.tests.factories import make_family, make_rt
    from tests.isolation.world import SIDES, mark, public_mark

    for s in SIDES:
        agency = world.agency(s)
        rt = make_rt(agency, dusun=f"Dusun {s.upper()}", rw="RW 001", rt=f"RT 001 {public_mark(s, 'RT')}")
        family, people = make_family(agency, area=rt, members=3)
        for person in people:
            Resident.objects.filter(pk=person.pk).update(name=f"{person.name} {mark(s, 'RESIDENT')}")
        child = Resident.objects.get(pk=people[2].pk)
        setattr(world, f"registry_resident_{s}", child)
        setattr(world, f"registry_family_{s}", family)
        setattr(world, f"registry_event_{s}", LifeEvent.objects.get(resident=child, kind=EventKind.IMPORT))
        setattr(
            world,
            f"registry_proposal_{s}",
            application_completed(
                agency_id=agency.pk,
                kind=EventKind.MISSING,
                reference=f"ISOLASI-{s.upper()}-1",
                summary=f"Laporan orang hilang {mark(s, 'USULAN')}",
                details={},
            ),
        )
