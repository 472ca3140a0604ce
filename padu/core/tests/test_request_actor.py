"""The request's actor is made once (memberships read once) and follows a change of person;
the console's office switcher; the Redis cache backend keeps its client."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from padu.core.actors import Actor, actor_from_request
from padu.core.cache import RedisCache
from padu.core.roles import Role
from padu.core.selectors import agencies_to_switch_to
from tests.factories import make_agency, make_staff

pytestmark = pytest.mark.django_db


def test_one_actor_per_request_until_the_person_changes(django_assert_num_queries):
    agency = make_agency()
    verifier = make_staff(agency, Role.VERIFIER)
    request = RequestFactory().get("/")
    request.user = verifier
    actor = actor_from_request(request)
    with django_assert_num_queries(1):
        assert actor_from_request(request).roles_in(agency.pk) == {"verifier"}
        assert actor_from_request(request).memberships == actor.memberships
    assert actor_from_request(request) is actor
    request.user = AnonymousUser()  # logged out mid-request
    assert actor_from_request(request) is not actor
    assert actor_from_request(request).memberships == []


def test_switcher_lists_own_offices_without_a_query_and_a_supervisors_whole_tree(django_assert_num_queries):
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    village = make_agency(parent=regency)
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002", parent=regency)
    verifier = Actor(user=make_staff(village, Role.VERIFIER))
    assert verifier.memberships  # read with the actor
    with django_assert_num_queries(0):
        assert agencies_to_switch_to(verifier, 200) == [village]
    supervisor = Actor(user=make_staff(regency, Role.SUPERVISOR))
    assert {a.pk for a in agencies_to_switch_to(supervisor, 200)} == {regency.pk, village.pk, other.pk}
    assert agencies_to_switch_to(supervisor, 200)[0] == regency  # tree order: the top first
    assert len(agencies_to_switch_to(supervisor, 2)) == 2


def test_redis_cache_keeps_one_client_per_pool():
    backend = RedisCache("redis://127.0.0.1:6379/9", {})
    client = backend._cache.get_client("k")
    assert backend._cache.get_client("other", write=True) is client
    assert RedisCache("redis://127.0.0.1:6379/9", {})._cache.get_client("k") is not client


def test_recent_keeps_the_newest_entries_for_a_while(monkeypatch):
    from padu.core import cache as cache_module
    from padu.core.cache import Recent

    now = [100.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    recent = Recent(size=2, seconds=10)
    recent.put("a", b"1")
    recent.put("b", b"2")
    assert recent.get("a") == b"1"  # a is now the newest
    recent.put("c", b"3")
    assert recent.get("b") is None and recent.get("a") == b"1" and recent.get("c") == b"3"
    now[0] = 111.0
    assert recent.get("a") is None  # too old
    recent.put("d", b"4")
    Recent.clear_all()
    assert recent.get("d") is None
