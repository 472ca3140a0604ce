"""The complaints inbox is one agency's: its page, its API and its CSV export (which names
complainants) list the complaints that agency handles and none of another agency's.

Two sibling villages each hold three complaints (public, confidential, anonymous) whose
titles and complainants carry a marker of their own village. Every check is on the rows'
contents, and each test runs both ways round (A's officer, then B's)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from django.test import Client

from padu.accounts.models import User
from padu.complaints.models import Complaint
from padu.complaints.services import complaint_submit
from padu.complaints.tests.factories import TEXT, make_place
from padu.core.models import Agency, PersonalDataAccess, Region
from tests.factories import actor_for, make_citizen, make_user

pytestmark = pytest.mark.django_db

ANONYMOUS = "Pelapor anonim"  # how staff pages, the API and the CSV label an anonymous complainant


@dataclass
class Side:
    tag: str
    agency: Agency
    officer: User
    complaints: list[Complaint]

    @property
    def numbers(self) -> set[str]:
        return {c.tracking_number for c in self.complaints}

    @property
    def titles(self) -> set[str]:
        return {c.title for c in self.complaints}

    @property
    def named(self) -> set[str]:
        """The complainants staff see by name (every complaint but the anonymous one)."""
        return {c.complainant.full_name for c in self.complaints if c.complainant and not c.anonymous}


def _side(tag: str, agency: Agency, officer: User, village: str) -> Side:
    region = Region.objects.get(code=village)
    complaints = []
    for visibility in ("public", "confidential", "anonymous"):
        person = make_citizen(make_user(full_name=f"Pelapor {tag} {visibility}"), village=village).user
        complaints.append(
            complaint_submit(
                actor=actor_for(person),
                agency=agency,
                kind="complaint",
                title=f"Penanda {tag} {visibility}",
                text=TEXT,
                category="infrastruktur",
                region=region,
                visibility=visibility,
            )
        )
    return Side(tag=tag, agency=agency, officer=officer, complaints=complaints)


@pytest.fixture
def sides() -> dict[str, Side]:
    place = make_place()
    a = _side("KULONA", place.village, place.officer, "32.04.05.2001")
    b = _side("WETANB", place.other_village, place.other_officer, "32.04.05.2002")
    assert not a.numbers & b.numbers
    return {"A": a, "B": b}


BOTH_WAYS = [("A", "B"), ("B", "A")]


def _console(user: User, agency: Agency) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_inbox_page_lists_the_agencys_complaints_and_none_of_anothers(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    response = _console(me.officer, me.agency).get("/konsol/pengaduan/", {"status": "all"})
    assert response.status_code == 200
    body = response.content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/konsol/pengaduan/(\d+)/"', body)}
    assert linked == {c.pk for c in me.complaints}
    for value in me.numbers | me.titles | me.named:
        assert value in body
    assert f"Penanda {other.tag}" not in body and f"Pelapor {other.tag}" not in body
    for number in other.numbers:
        assert number not in body


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_inbox_api_lists_the_agencys_complaints_and_none_of_anothers(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    client = Client()
    client.force_login(me.officer)
    response = client.get(f"/api/v1/agencies/{me.agency.pk}/complaints", {"status": "all"})
    assert response.status_code == 200, response.content
    data = response.json()
    rows = data["rows"]
    assert data["total"] == len(rows) == len(me.complaints)
    assert {r["id"] for r in rows} == {c.pk for c in me.complaints}
    assert {r["tracking_number"] for r in rows} == me.numbers
    assert {r["title"] for r in rows} == me.titles
    assert {r["handling_agency"] for r in rows} == {me.agency.slug}
    assert {r["complainant"] for r in rows} == me.named | {ANONYMOUS}
    assert other.tag not in response.content.decode()


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_csv_export_names_only_the_agencys_complainants(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    response = _console(me.officer, me.agency).get("/konsol/pengaduan/ekspor/", {"status": "all"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    header, *rows = list(csv.reader(io.StringIO(text)))
    # Columns as web.console.export writes them (Indonesian, the default language).
    assert [header[i] for i in (0, 1, 5, 7)] == ["Nomor lacak", "Judul", "Pelapor", "Instansi penangan"]
    assert len(rows) == len(me.complaints)
    assert {r[0] for r in rows} == me.numbers
    assert {r[1] for r in rows} == me.titles
    assert {r[5] for r in rows} == me.named | {ANONYMOUS}
    assert {r[7] for r in rows} == {me.agency.name}
    assert other.tag not in text
    # The export logs a look at each complainant it names, and at nobody else.
    looked_at = set(PersonalDataAccess.objects.filter(viewer=me.officer).values_list("subject__full_name", flat=True))
    assert looked_at == me.named
