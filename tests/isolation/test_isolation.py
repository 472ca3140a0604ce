"""Tenant isolation: users of agency B and citizens other than the owner never reach agency
A's or the owner's objects, on every route, and change nothing when they try."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.isolation.cases import CASES, SELF, Call, control_of, framework_reason, is_write
from tests.isolation.routes import all_routes
from tests.isolation.world import World, changed, client_for, digest, send


def test_every_route_is_covered():
    from tests.isolation.cases import PUBLIC

    routes = all_routes()
    ours = {route for route in routes if framework_reason(route, routes[route]) is None}
    assert "api/v1/agencies/<agency_id>/staff" in ours and "konsol/" in ours  # the walk sees both kinds
    assert "admin/core/agency/" in ours, "the Django admin is ours to cover"
    uncovered = sorted(ours - set(PUBLIC) - set(CASES) - set(SELF))
    assert uncovered == [], "routes without a tenant-isolation case in tests/isolation/cases.py"
    stale = sorted((set(PUBLIC) | set(CASES) | set(SELF)) - set(routes))
    assert stale == [], "cases for routes that no longer exist"


def call(world: World, c: Call) -> tuple[Any, list[str]]:
    """Make the call; the response and the tables whose rows it changed."""
    url = c.url(world)  # before the snapshot: a URL may name an object made on first use
    client, headers = client_for(world, c.as_user, c.console_agency)
    before = digest()
    response = send(client, world, c.method, url, headers, json_body=c.json, form=c.form)
    return response, changed(before, digest())


# The admin's cases run grouped by model in test_admin.py.
OURS = {route: calls for route, calls in CASES.items() if not route.startswith("admin/")}

ALL_CALLS = [
    pytest.param(route, c, id=f"{route} {c.method} as {c.as_user}") for route, calls in OURS.items() for c in calls
]


@pytest.mark.parametrize(("route", "c"), ALL_CALLS)
def test_other_tenants_are_refused(world, route, c):
    response, moved = call(world, c)
    assert response.status_code in c.expect, (route, response.status_code, response.content[:300])
    assert moved == [], f"a refused call changed rows of {moved}"


@pytest.mark.parametrize("route", sorted(SELF))
def test_self_routes_never_show_the_owners_data_to_someone_else(world, route):
    owner = world.citizen_owner
    client = Client()
    client.force_login(world.citizen_other)
    url = "/" + route
    for method in SELF[route].split():
        if method == "PUT":
            response = client.put(url, "{}", content_type="application/json")
        else:
            response = client.generic(method, url)
        body = response.content.decode(errors="replace")
        assert owner.email not in body
        assert owner.citizen.nik not in body
        assert owner.citizen.nik_masked not in body
        assert owner.full_name not in body


CONTROL_CALLS = [
    pytest.param(route, c, id=f"{route} {c.method} as {c.owner}")
    for route, calls in OURS.items()
    for c in [next((x for x in calls if x.method == "GET" and x.owner is not None), None)]
    if c is not None
]


@pytest.mark.parametrize(("route", "c"), CONTROL_CALLS)
def test_the_same_reads_succeed_for_their_owner(world, route, c):
    """A control: the refusals above come from tenancy, not from a broken route."""
    response, _moved = call(world, control_of(c))
    assert response.status_code == 200, (route, response.status_code, response.content[:300])


WRITE_CONTROLS: dict[str, Any] = {}
for _route, _calls in OURS.items():
    for _c in _calls:
        if not is_write(_c) or _c.owner is None:
            continue
        _own = control_of(_c)
        WRITE_CONTROLS.setdefault(
            _own.key(_route),
            pytest.param(_route, _own, id=f"{_route} {_own.method} as {_own.as_user} {_own.body_id()}"),
        )


def test_every_write_case_has_an_owner_control_or_says_why_not():
    missing = sorted(
        f"{c.method} {route} as {c.as_user}"
        for route, calls in OURS.items()
        for c in calls
        if is_write(c)
        if c.owner is None and not c.no_control
    )
    assert missing == [], "write cases without an owner (for the control) or a reason in `no_control`"


@pytest.mark.parametrize(("route", "c"), list(WRITE_CONTROLS.values()))
def test_the_same_writes_succeed_for_their_owner(world, route, c):
    """A control for every write case: the owner's same call succeeds and really changes rows
    (so the refusal above, with nothing changed, is tenancy at work, not a broken request)."""
    response, moved = call(world, c)
    assert response.status_code in c.expect, (route, response.status_code, response.content[:300])
    assert moved, "the owner's call succeeded but changed nothing"
    if c.changes:
        assert set(c.changes) <= set(moved), f"expected changes in {c.changes}, saw {moved}"
