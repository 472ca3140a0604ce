"""The complaints API shows officers a known complainant's name: each such read lands in the
complainant's personal-data access log (UU PDP), never an anonymous one's, never their own."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from padu.complaints.services import complaint_submit
from padu.complaints.tests.factories import TEXT, make_place, submit
from padu.core.models import PersonalDataAccess, Region
from tests.factories import actor_for, make_citizen

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _submit_as(place: Any, user: Any, visibility: str, title: str = "Jalan berlubang di depan SD") -> Any:
    return complaint_submit(
        actor=actor_for(user),
        agency=place.village,
        kind="complaint",
        title=title,
        text=TEXT,
        category="infrastruktur",
        region=Region.objects.get(code="32.04.05.2001"),
        visibility=visibility,
    )


def _inserts(captured: CaptureQueriesContext) -> int:
    return sum(1 for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "core_personaldataaccess"'))


def test_the_inbox_logs_each_named_complainant_once_in_one_insert():
    place = make_place()
    submit(place, visibility="public", title="Jalan berlubang")
    submit(place, visibility="public", title="Lampu jalan mati")  # the same complainant again
    confidential = _submit_as(place, place.stranger, "confidential")
    hidden = make_citizen(female=True).user
    _submit_as(place, hidden, "anonymous")

    with CaptureQueriesContext(connection) as captured:
        response = _client(place.officer).get(f"/api/v1/agencies/{place.village.pk}/complaints")
    assert response.status_code == 200
    labels = {r["complainant"] for r in response.json()["rows"]}
    assert {place.citizen.full_name, place.stranger.full_name} <= labels
    assert hidden.full_name not in labels
    assert _inserts(captured) == 1

    rows = {a.subject: a for a in PersonalDataAccess.objects.all()}
    assert set(rows) == {place.citizen, place.stranger}  # never the anonymous complainant
    for access in rows.values():
        assert access.viewer == place.officer and access.token is None
        assert access.fields == ["full_name"] and access.agency == place.village
    template = gettext("Listing the complaints inbox (%(number)s)")
    assert rows[place.stranger].purpose == template % {"number": confidential.tracking_number}
    assert rows[place.citizen].purpose in {
        template % {"number": c.tracking_number} for c in place.citizen.complaints.all()
    }


def test_an_officers_action_is_logged_and_the_complainants_own_is_not():
    place = make_place()
    complaint = submit(place)
    url = f"/api/v1/complaints/{complaint.pk}/actions"
    verified = _post(_client(place.officer), url, {"action": "verify"})
    assert verified.status_code == 200 and verified.json()["complainant"] == place.citizen.full_name
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.fields) == (place.citizen, place.officer, ["full_name"])
    assert access.purpose == gettext("Handling complaint %(number)s") % {"number": complaint.tracking_number}

    withdrawn = _post(_client(place.citizen), url, {"action": "withdraw"})
    assert withdrawn.status_code == 200
    assert PersonalDataAccess.objects.count() == 1


def test_moderation_is_logged_for_a_known_complainant_only():
    place = make_place()
    known = submit(place, title="Judul kasar sekali")
    response = _post(_client(place.officer), f"/api/v1/complaints/{known.pk}/moderation", {"reason": "Kata kasar"})
    assert response.status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.fields) == (place.citizen, place.officer, ["full_name"])

    anonymous = _submit_as(place, place.stranger, "anonymous", title="Judul kasar lagi")
    url = f"/api/v1/complaints/{anonymous.pk}/moderation"
    assert _post(_client(place.officer), url, {"reason": "Kata kasar"}).status_code == 200
    assert not PersonalDataAccess.objects.filter(subject=place.stranger).exists()
