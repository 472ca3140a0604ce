"""The register's API: areas, the search (access logged), one record (sensitive items only for
the register officer), a KK, events recorded and reversed with problem codes, proposals; tokens
and other villages refused."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.core.services import api_token_create
from padu.registries import events
from padu.registries.codes import LifeStatus, Religion
from padu.registries.models import Area, EventKind, LifeEvent, ProposalStatus, Resident, ResidentAccess
from padu.registries.tests.factories import make_family
from tests.factories import make_agency, make_staff

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def village():
    agency = make_agency()
    family, people = make_family(agency, members=3)
    Resident.objects.filter(pk=people[0].pk).update(religion=Religion.HINDU)
    return agency, family, people


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)
    return client


def _url(agency, tail: str) -> str:
    return f"/api/v1/agencies/{agency.pk}/registry/{tail}"


def test_search_one_record_and_a_family(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar)
    body = client.get(_url(agency, "residents"), {"q": "istri"}).json()
    assert body["count"] == 1 and body["results"][0]["name"] == "Istri"
    assert body["results"][0]["nik_masked"] == wife.nik_masked
    assert ResidentAccess.objects.filter(resident=wife, viewer=registrar, purpose__startswith="API").exists()
    record = client.get(_url(agency, f"residents/{head.pk}")).json()
    assert record["items"]["religion"] == Religion.HINDU and record["items"]["nik"] == head.nik
    assert record["kk_number"] == family.kk_number and record["sensitive_shown"] is True
    desk = _client(make_staff(agency, Role.FRONT_DESK))
    seen = desk.get(_url(agency, f"residents/{head.pk}")).json()
    assert "religion" not in seen["items"] and seen["sensitive_shown"] is False
    kk = client.get(_url(agency, f"families/{family.pk}")).json()
    assert [m["name"] for m in kk["members"]] == ["Kepala Keluarga", "Istri", "Anak 1"]
    assert client.get(_url(agency, "residents/999999")).json()["code"] == "resident_not_found"


def test_areas_listed_and_added(village):
    agency, _family, _people = village
    client = _client(make_staff(agency, Role.REGISTRAR))
    names = {a["name"] for a in client.get(_url(agency, "areas")).json()}
    assert names == {"Dusun Satu", "RW 001", "RT 001"}
    rw = Area.objects.get(agency=agency, name="RW 001")
    made = client.post(_url(agency, "areas"), {"level": "rt", "name": "RT 002", "parent_id": rw.pk}, "application/json")
    assert made.status_code == 201 and made.json()["parent_id"] == rw.pk
    bad = client.post(_url(agency, "areas"), {"level": "rt", "name": "RT 003"}, "application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "area_parent_invalid"


def test_events_recorded_refused_and_reversed(village):
    agency, family, (head, wife, child) = village
    client = _client(make_staff(agency, Role.REGISTRAR))
    refused = client.post(
        _url(agency, "events"),
        {"kind": "death", "occurred_on": "2026-11-20", "fields": {"resident_id": head.pk}},
        "application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "family_rules"
    assert LifeEvent.objects.filter(kind=EventKind.DEATH).count() == 0
    unknown = client.post(
        _url(agency, "events"),
        {"kind": "death", "fields": {"resident_id": head.pk, "colour": "red"}},
        "application/json",
    )
    assert unknown.status_code == 400 and "colour" in unknown.json()["errors"]
    done = client.post(
        _url(agency, "events"),
        {"kind": "death", "occurred_on": "2026-11-20", "fields": {"resident_id": head.pk, "new_head_id": wife.pk}},
        "application/json",
    )
    assert done.status_code == 201
    event = done.json()
    assert {"resident_id": head.pk, "family_id": None, "field": "life_status", "old": "ada", "new": "mati"} in event[
        "changes"
    ]
    dead_again = client.post(
        _url(agency, "events"),
        {"kind": "death", "occurred_on": "2026-11-20", "fields": {"resident_id": head.pk}},
        "application/json",
    )
    assert dead_again.status_code == 409 and dead_again.json()["code"] == "resident_not_present"
    listed = client.get(_url(agency, "events"), {"kind": "death"}).json()
    assert [e["id"] for e in listed] == [event["id"]]
    back = client.post(_url(agency, f"events/{event['id']}/reverse"), {"reason": "Salah"}, "application/json")
    assert back.status_code == 201 and back.json()["reverses_id"] == event["id"]
    assert Resident.objects.get(pk=head.pk).life_status == LifeStatus.PRESENT
    twice = client.post(_url(agency, f"events/{event['id']}/reverse"), {"reason": "Salah"}, "application/json")
    assert twice.status_code == 409 and twice.json()["code"] == "event_already_reversed"


def test_proposals_by_api(village):
    agency, _family, (head, wife, child) = village
    proposal = events.application_completed(
        agency_id=agency.pk, kind="missing", reference="SKH-1", summary="Hilang", details={"since": "x"}, nik=child.nik
    )
    assert proposal is not None
    client = _client(make_staff(agency, Role.REGISTRAR))
    listed = client.get(_url(agency, "proposals")).json()
    assert [(p["reference"], p["details"]) for p in listed] == [("SKH-1", {"since": "x"})]
    accepted = client.post(
        _url(agency, f"proposals/{proposal.pk}"),
        {"action": "accept", "occurred_on": "2026-11-20", "fields": {"resident_id": child.pk}},
        "application/json",
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == ProposalStatus.ACCEPTED
    assert Resident.objects.get(pk=child.pk).life_status == LifeStatus.MISSING
    again = client.post(
        _url(agency, f"proposals/{proposal.pk}"), {"action": "dismiss", "reason": "x"}, "application/json"
    )
    assert again.status_code == 409


def test_tokens_the_front_desk_and_other_villages_are_refused(village):
    agency, family, (head, wife, child) = village
    _token, raw = api_token_create(actor=OPERATOR, agency=agency, name="x", scopes=["registries:read"])
    by_token = Client().get(_url(agency, "residents"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert by_token.status_code == 403 and by_token.json()["code"] == "token_not_allowed"
    desk = _client(make_staff(agency, Role.FRONT_DESK))
    recorded = desk.post(
        _url(agency, "events"),
        {"kind": "death", "occurred_on": "2026-11-20", "fields": {"resident_id": child.pk}},
        "application/json",
    )
    assert recorded.status_code == 403
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    admin_b = _client(make_staff(other, Role.AGENCY_ADMIN))
    assert admin_b.get(_url(agency, "residents")).status_code in (403, 404)
    assert admin_b.get(_url(other, f"residents/{head.pk}")).status_code == 404
    cross = admin_b.post(
        _url(other, "events"),
        {"kind": "death", "occurred_on": "2026-11-20", "fields": {"resident_id": child.pk}},
        "application/json",
    )
    assert cross.status_code == 404
    assert Resident.objects.get(pk=child.pk).life_status == LifeStatus.PRESENT
