"""PPID lists are one agency's: the information officer's inbox, the public register of
requests and the daftar informasi publik of agency B show B's rows and none of A's.

Request numbers restart in every agency (both villages hand out `001/PPID/...`), so the rows
are told apart by markers in their text and by their ids, never by number alone. Every check
is on the rows' contents, and each test runs both ways round."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.test import Client

from padu.accounts.models import User
from padu.core.actors import Actor
from padu.core.models import Agency
from padu.core.roles import Role
from padu.ppid.models import InfoRequest, PublicInformation
from padu.ppid.services import public_information_save, request_submit
from tests.factories import make_agency, make_citizen, make_staff, make_user

pytestmark = pytest.mark.django_db


@dataclass
class Side:
    tag: str
    agency: Agency
    officer: User
    requests: list[InfoRequest]
    published: list[PublicInformation]
    hidden: list[PublicInformation]

    @property
    def informations(self) -> set[str]:
        return {r.information for r in self.requests}

    @property
    def requesters(self) -> set[str]:
        return {r.requester_name for r in self.requests}


def _side(tag: str, agency: Agency, village: str) -> Side:
    officer = make_staff(agency, Role.INFORMATION_OFFICER, full_name=f"PPID {tag}")
    requests = []
    for n in (1, 2):
        citizen = make_citizen(make_user(full_name=f"Pemohon {tag} {n}"), village=village)
        requests.append(
            request_submit(
                actor=Actor(user=citizen.user),
                agency=agency,
                requester_kind="person",
                name=citizen.user.full_name,
                nik=citizen.nik,
                address="Jl. Pandanwangi 12",
                email=f"pemohon{n}@example.id",
                information=f"Salinan dokumen {tag} nomor {n}",
                purpose="Kontrol sosial",
                obtain_method="soft_copy",
                delivery_method="email",
            )
        )

    def item(title: str, published: bool) -> PublicInformation:
        return public_information_save(
            actor=Actor(user=officer),
            agency=agency,
            category="berkala",
            title=title,
            summary=f"Ringkasan {title}",
            responsible_unit="Sekretariat",
            retention="5 tahun",
            format="soft",
            year=2026,
            is_published=published,
        )

    return Side(
        tag=tag,
        agency=agency,
        officer=officer,
        requests=requests,
        published=[item(f"DIP {tag} terbit {n}", True) for n in (1, 2)],
        hidden=[item(f"DIP {tag} draf", False)],
    )


@pytest.fixture
def sides(settings, tmp_path) -> dict[str, Side]:
    settings.MEDIA_ROOT = tmp_path
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05")
    a = _side("KULONA", make_agency(parent=district), "32.04.05.2001")
    b = _side(
        "WETANB",
        make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002", parent=district),
        "32.04.05.2002",
    )
    # The numbers alone cannot tell the agencies apart: each counts from 1.
    assert {r.number for r in a.requests} == {r.number for r in b.requests}
    return {"A": a, "B": b}


BOTH_WAYS = [("A", "B"), ("B", "A")]


def _console(user: User, agency: Agency) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


@pytest.mark.parametrize("show", ["open", "all"])
@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_ppid_inbox_lists_the_agencys_requests_and_none_of_anothers(sides, mine, theirs, show):
    me, other = sides[mine], sides[theirs]
    response = _console(me.officer, me.agency).get("/konsol/ppid/", {"show": show})
    assert response.status_code == 200
    body = response.content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/konsol/ppid/permohonan/(\d+)/"', body)}
    assert linked == {r.pk for r in me.requests}
    for value in me.informations | me.requesters:
        assert value in body
    assert other.tag not in body


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_public_register_page_lists_the_agencys_requests_and_none_of_anothers(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    response = Client().get(f"/ppid/{me.agency.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    rows = re.search(r'aria-labelledby="register-title">.*?<tbody>(.*?)</tbody>', body, re.S)
    assert rows is not None
    assert rows.group(1).count("<tr>") == len(me.requests)
    for value in me.informations:
        assert value in body
    assert other.tag not in body
    for name in me.requesters:  # the register never names a requester
        assert name not in body


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_public_register_api_lists_the_agencys_requests_and_none_of_anothers(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    response = Client().get(f"/api/v1/ppid/{me.agency.slug}/register")
    assert response.status_code == 200, response.content
    rows = response.json()
    assert len(rows) == len(me.requests)
    assert {r["information"] for r in rows} == me.informations
    assert {r["number"] for r in rows} == {r.number for r in me.requests}
    assert other.tag not in response.content.decode()


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_public_information_list_shows_the_agencys_published_entries_only(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    page = Client().get(f"/ppid/{me.agency.slug}/daftar-informasi/")
    assert page.status_code == 200
    body = page.content.decode()
    assert set(re.findall(r"<h2>(DIP [^<]*)</h2>", body)) == {i.title for i in me.published}
    assert other.tag not in body
    api = Client().get(f"/api/v1/ppid/{me.agency.slug}/public-information")
    assert api.status_code == 200, api.content
    assert {row["id"] for row in api.json()} == {i.pk for i in me.published}
    assert {row["title"] for row in api.json()} == {i.title for i in me.published}


@pytest.mark.parametrize(("mine", "theirs"), BOTH_WAYS)
def test_the_console_public_information_list_is_the_agencys_own(sides, mine, theirs):
    me, other = sides[mine], sides[theirs]
    response = _console(me.officer, me.agency).get("/konsol/ppid/daftar-informasi/")
    assert response.status_code == 200
    body = response.content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/konsol/ppid/daftar-informasi/(\d+)/"', body)}
    assert linked == {i.pk for i in me.published + me.hidden}
    assert other.tag not in body
