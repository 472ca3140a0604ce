"""Households in the API: the list (reads logged), one household with its problems, making one
and changing it with problem codes, refusals that change nothing, tokens and the front desk
refused for changes, another village's records not found, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.core.services import api_token_create
from padu.registries import events
from padu.registries import households as hh
from padu.registries.models import Household, LifeEvent, Resident, ResidentAccess
from padu.registries.tests.factories import make_family, make_resident
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
    return agency, family, people


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=False)
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def _url(agency, tail: str = "") -> str:
    return f"/api/v1/agencies/{agency.pk}/registry/households{tail}"


def _rows() -> tuple:
    return (
        sorted(Household.objects.values_list("pk", "number", "is_active")),
        sorted(Resident.objects.values_list("pk", "household_id", "is_household_head")),
        LifeEvent.objects.count(),
    )


def test_make_read_and_list_a_household(village):
    agency, family, (head, wife, child) = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar)
    made = client.post(_url(agency), {"head_id": head.pk}, "application/json")
    assert made.status_code == 201
    body = made.json()
    assert body["number"] == "RT-0001" and body["head_id"] == head.pk and body["problems"] == []
    assert [(m["id"], m["is_head"], m["relationship"]) for m in body["members"]] == [
        (head.pk, True, 1),
        (wife.pk, False, 3),
        (child.pk, False, 4),
    ]
    assert body["area"] == "RT 001 / RW 001 / Dusun Satu"
    one = client.get(_url(agency, f"/{body['id']}")).json()
    assert one == body
    listed = client.get(_url(agency)).json()
    assert listed["count"] == 1
    assert listed["results"] == [
        {
            "id": body["id"],
            "number": "RT-0001",
            "head_id": head.pk,
            "head_name": "Kepala Keluarga",
            "members": 3,
            "area_id": head.area_id,
            "area": "RT 001 / RW 001 / Dusun Satu",
            "is_active": True,
            "needs_head": False,
        }
    ]
    assert client.get(_url(agency), {"q": "nobody"}).json()["count"] == 0
    assert ResidentAccess.objects.filter(resident=child, viewer=registrar, purpose__startswith="API").exists()
    # The front desk reads.
    desk = _client(make_staff(agency, Role.FRONT_DESK))
    assert desk.get(_url(agency, f"/{body['id']}")).json()["number"] == "RT-0001"


def test_change_a_household_with_problem_codes(village):
    agency, family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head, with_family=False)
    client = _client(make_staff(agency, Role.REGISTRAR))
    url = _url(agency, f"/{home.pk}")
    added = client.post(url, {"action": "add", "family_id": family.pk}, "application/json")
    assert added.status_code == 200 and {m["id"] for m in added.json()["members"]} == {head.pk, wife.pk, child.pk}
    before = _rows()
    refused = client.post(url, {"action": "remove", "resident_ids": [head.pk]}, "application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "household_rules"
    assert refused.json()["errors"]["household"] == [
        "A household has exactly one head among its present members; this one has 0."
    ]
    assert _rows() == before
    headed = client.post(url, {"action": "set_head", "head_id": wife.pk}, "application/json")
    assert headed.status_code == 200 and headed.json()["head_id"] == wife.pk
    out = client.post(url, {"action": "remove", "resident_ids": [child.pk]}, "application/json")
    assert out.status_code == 200 and child.pk not in {m["id"] for m in out.json()["members"]}
    # A death leaves the head marked: the household shows it needs a head.
    events.event_death(actor=OPERATOR, agency=agency, resident=wife, occurred_on=dt.date(2026, 11, 20))
    shown = client.get(url).json()
    assert shown["head_id"] is None and len(shown["problems"]) == 2
    assert client.get(_url(agency), {"status": "attention"}).json()["results"][0]["needs_head"] is True


def test_bad_input_is_refused_and_changes_nothing(village):
    agency, _family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    elsewhere = make_agency(name="Pemerintah Desa Lain", region="32.04.05.2002")
    _f, (stranger, *_r) = make_family(elsewhere, members=1)
    theirs = hh.household_create(actor=OPERATOR, agency=elsewhere, head=stranger)
    loner = make_resident(agency, name="Sendiri")
    client = _client(make_staff(agency, Role.REGISTRAR))
    before = _rows()
    unknown = client.post(_url(agency), {"head_id": 999999}, "application/json")
    assert unknown.status_code == 404 and unknown.json()["code"] == "resident_not_found"
    foreign = client.post(_url(agency), {"head_id": stranger.pk}, "application/json")
    assert foreign.status_code == 404 and foreign.json()["code"] == "resident_not_found"
    empty = client.post(_url(agency), {"head_id": loner.pk, "number": "  "}, "application/json")
    assert empty.status_code == 400 and empty.json()["code"] == "household_invalid"
    taken = client.post(_url(agency), {"head_id": loner.pk, "number": "RT-0001"}, "application/json")
    assert taken.status_code == 400 and taken.json()["code"] == "household_number_taken"
    url = _url(agency, f"/{home.pk}")
    assert client.post(url, {"action": "explode"}, "application/json").json()["code"] == "household_action_unknown"
    assert client.post(url, {"action": "set_head"}, "application/json").status_code == 400
    add_foreign = client.post(url, {"action": "add", "resident_ids": [stranger.pk]}, "application/json")
    assert add_foreign.status_code == 404
    assert client.get(_url(agency, f"/{theirs.pk}")).json()["code"] == "household_not_found"
    cross = client.post(_url(agency, f"/{theirs.pk}"), {"action": "set_head", "head_id": head.pk}, "application/json")
    assert cross.status_code == 404
    assert _rows() == before
    # Owner control: the same body with a good number is made.
    assert client.post(_url(agency), {"head_id": loner.pk, "number": "RT-9"}, "application/json").status_code == 201


def test_tokens_and_the_front_desk_change_nothing(village):
    agency, _family, (head, wife, child) = village
    home = hh.household_create(actor=OPERATOR, agency=agency, head=head)
    admin = make_staff(agency, Role.AGENCY_ADMIN)
    _token, secret = api_token_create(actor=OPERATOR, agency=agency, name="Sistem lain", scopes=["registries:read"])
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bearer.get(_url(agency)).json()["code"] == "token_not_allowed"
    desk = _client(make_staff(agency, Role.FRONT_DESK))
    before = _rows()
    body = {"action": "set_head", "head_id": wife.pk}
    assert bearer.post(_url(agency, f"/{home.pk}"), body, "application/json").status_code == 403
    assert desk.post(_url(agency, f"/{home.pk}"), body, "application/json").status_code == 403
    assert desk.post(_url(agency), {"head_id": child.pk}, "application/json").status_code == 403
    assert _rows() == before
    # Owner control: the agency administrator may.
    assert _client(admin).post(_url(agency, f"/{home.pk}"), body, "application/json").status_code == 200
