"""The number of SQL queries of the hot pages and endpoints is pinned.

Each is requested with a few rows and with more rows: the count must be the same (an N+1
query fails here) and equal to the pinned number (a new query on a hot path is a decision,
made by changing the number here). The benchmark (`python -m bench.run`) measures what these
queries cost at a million applications; docs/performance.md explains both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.models import Application
from padu.services.selectors import catalogue_changed, tracking_status_forget
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db

# Pinned query counts. Change one only with a reason (and say it in the commit message).
TRACKING_UNCACHED = 1  # the case with its service and agency, in one query
TRACKING_CACHED = 0  # served from the cache until the case moves
CATALOGUE = 2  # published services (with agency) + the region picker's provinces
CATALOGUE_SHARED = 0  # anonymous visitors get the cached page until the catalogue changes
INBOX_PAGE = 5  # user, memberships with their agencies (read once per request), versions, counts, rows;
# the session comes from the cache (cached_db)
INBOX_API = 5
MY_APPLICATIONS_PAGE = 4
MY_APPLICATIONS_API = 3
SUBMIT_API = 31


@pytest.fixture
def office(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    agency = make_agency()
    version = make_service(agency)
    verifier = make_staff(agency, Role.VERIFIER)
    citizen = make_citizen().user
    return agency, version, verifier, citizen


def _submitted(version: Any, citizen: Any, n: int) -> list[Application]:
    out = []
    for _ in range(n):
        draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
        out.append(application_act(actor=Actor(user=citizen), application=draft, action="submit"))
    return out


def _same_count(
    django_assert_num_queries: Any, expected: int, grow: Callable[[], None], request: Callable[[], Any]
) -> None:
    """`request` makes `expected` queries, and still `expected` after `grow` adds rows."""
    request()  # warm: sessions, content types, per-process caches
    with django_assert_num_queries(expected):
        assert request().status_code == 200
    grow()
    request()
    with django_assert_num_queries(expected):
        assert request().status_code == 200


def test_tracking_page_and_api_take_one_query_then_none(office, django_assert_num_queries):
    _agency, version, _verifier, citizen = office
    (application,) = _submitted(version, citizen, 1)
    client = Client()
    for url in (f"/lacak/{application.tracking_number}/", f"/api/v1/tracking/{application.tracking_number}"):
        tracking_status_forget(application.tracking_number)
        with django_assert_num_queries(TRACKING_UNCACHED):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(TRACKING_CACHED):
            assert client.get(url).status_code == 200


def test_tracking_shows_the_new_status_as_soon_as_the_case_moves(office):
    agency, version, verifier, citizen = office
    (application,) = _submitted(version, citizen, 1)
    client = Client()
    url = f"/api/v1/tracking/{application.tracking_number}"
    assert client.get(url).json()["status"] == "in_review"  # now cached
    application_act(actor=Actor(user=verifier), application=application, action="reject", note="Bukan warga desa ini.")
    assert client.get(url).json()["status"] == "rejected"


def test_catalogue_page(office, django_assert_num_queries):
    agency, _version, _verifier, _citizen = office
    client = Client()

    def grow() -> None:
        for i in range(4):
            make_service(agency, name=f"Surat Keterangan {i}", slug=f"surat-{i}")

    def rendered() -> Any:
        catalogue_changed()  # not the shared copy: the queries of rendering it
        return client.get("/layanan/")

    _same_count(django_assert_num_queries, CATALOGUE, grow, rendered)
    with django_assert_num_queries(CATALOGUE_SHARED):
        assert client.get("/layanan/").status_code == 200


def test_inbox_page_and_api(office, django_assert_num_queries):
    agency, version, verifier, citizen = office
    _submitted(version, citizen, 2)
    client = Client()
    client.force_login(verifier)

    def grow() -> None:
        _submitted(version, make_citizen().user, 3)

    _same_count(django_assert_num_queries, INBOX_PAGE, grow, lambda: client.get("/konsol/kotak-masuk/?order=due"))
    _same_count(
        django_assert_num_queries,
        INBOX_API,
        grow,
        lambda: client.get(f"/api/v1/agencies/{agency.pk}/inbox?order=due&limit=50"),
    )


def test_my_applications_page_and_api(office, django_assert_num_queries):
    _agency, version, _verifier, citizen = office
    _submitted(version, citizen, 2)
    client = Client()
    client.force_login(citizen)

    def grow() -> None:
        _submitted(version, citizen, 3)

    _same_count(django_assert_num_queries, MY_APPLICATIONS_PAGE, grow, lambda: client.get("/akun/permohonan/"))
    _same_count(django_assert_num_queries, MY_APPLICATIONS_API, grow, lambda: client.get("/api/v1/me/applications"))


def test_submit_api(office, django_assert_num_queries):
    _agency, version, _verifier, citizen = office
    client = Client()
    client.force_login(citizen)
    counts = []
    for _ in range(2):
        draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
        with django_assert_num_queries(SUBMIT_API) as captured:
            response = client.post(
                f"/api/v1/applications/{draft.pk}/actions", {"action": "submit"}, content_type="application/json"
            )
        assert response.status_code == 200, response.content
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_rollup_counts_every_agency_beneath_in_one_query(office, django_assert_num_queries):
    from padu.core.actors import OPERATOR
    from padu.core.errors import NotFound
    from padu.services.selectors import application_status_rollup

    village, version, verifier, citizen = office
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    village.parent = regency
    village.tree_path = f"{regency.tree_path}{village.pk}/"
    village.save(update_fields=["parent", "tree_path"])
    first, second, _third = _submitted(version, citizen, 3)
    application_act(actor=Actor(user=verifier), application=first, action="reject", note="Bukan warga desa ini.")
    application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    with django_assert_num_queries(2):  # the top agency, then one grouped count
        rollup = application_status_rollup(OPERATOR, regency.pk)
    assert rollup == {village.pk: {"in_review": 2, "rejected": 1, "draft": 1}}
    assert application_status_rollup(OPERATOR, village.pk) == rollup
    with pytest.raises(NotFound):
        application_status_rollup(Actor(user=citizen), regency.pk)
