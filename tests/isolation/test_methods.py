"""Every method of every route: each method a route accepts has a case (ninja operations
and Django views that declare their methods exactly; a Django view that declares none
answers every method, and its other methods replay the route's refused cases), and a method
a route does not accept answers 405, never 500."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from tests.isolation.cases import CASES, PUBLIC, SELF, Call, framework_reason, public_methods
from tests.isolation.routes import METHODS, all_routes, route_methods, sample_url, undeclared_routes
from tests.isolation.world import changed, client_for, digest, send

ROUTES = all_routes()
ACCEPTED = route_methods()
UNDECLARED = undeclared_routes()
OURS = sorted(route for route, module in ROUTES.items() if framework_reason(route, module) is None)


def covered_methods(route: str) -> set[str]:
    methods = {c.method for c in CASES.get(route, [])}
    if route in PUBLIC:
        methods |= public_methods(route)
    if route in SELF:
        methods |= set(SELF[route].split())
    return methods


def test_every_accepted_method_has_a_case():
    """A route that declares its methods (ninja, require_http_methods, a class-based view)
    has a case, a PUBLIC reason or a SELF check for each of them."""
    missing = sorted(
        f"{method} {route}"
        for route in OURS
        if route not in UNDECLARED
        for method in ACCEPTED[route] - covered_methods(route)
    )
    assert missing == [], "accepted methods without a case in tests/isolation"


def derived_calls(route: str) -> list[Call]:
    """A Django view that declares no methods answers them all: each method without a case of
    its own replays the route's refused cases with that method (no body)."""
    cases = CASES.get(route, [])
    have = {c.method for c in cases}
    base = [c for c in cases if c.method == "GET"] or cases
    return [
        replace(c, method=method, json=None, form=None, expect=c.expect | {405})
        for method in METHODS
        if method not in have
        for c in base
    ]


DERIVED = [
    pytest.param(route, c, id=f"{route} {c.method} as {c.as_user}")
    for route in OURS
    if route in UNDECLARED and not route.startswith("admin/")  # the admin's: test_admin.py
    for c in derived_calls(route)
]


@pytest.mark.parametrize(("route", "c"), DERIVED)
def test_other_methods_of_an_undeclared_view_are_refused_too(world, route, c):
    url = c.url(world)
    client, headers = client_for(world, c.as_user, c.console_agency)
    before = digest()
    response = send(client, world, c.method, url, headers)
    assert response.status_code in c.expect, (route, c.method, response.status_code, response.content[:300])
    assert changed(before, digest()) == [], "a refused call changed rows"


def _probe_url(world, route: str) -> str:
    first = next(iter(CASES.get(route, [])), None)
    return first.url(world) if first is not None else sample_url(route)


PROBES = [pytest.param(route, id=route) for route in OURS if set(METHODS) - ACCEPTED[route]]


@pytest.mark.parametrize("route", PROBES)
def test_methods_a_route_does_not_accept_answer_405(world, route):
    """As a signed-in administrator of agency A (so no login or tenancy check answers first)."""
    url = _probe_url(world, route)
    client, headers = client_for(world, "admin_a", "agency_a")
    wrong = {}
    for method in sorted(set(METHODS) - ACCEPTED[route]):
        response = send(client, world, method, url, headers)
        if response.status_code != 405:
            wrong[method] = response.status_code
    assert wrong == {}, f"{url}: methods it does not accept must answer 405"


UNDECLARED_OPEN = [pytest.param(route, id=route) for route in OURS if route in UNDECLARED and route not in CASES]


@pytest.mark.parametrize("route", UNDECLARED_OPEN)
def test_public_and_own_pages_answer_every_method_without_error(world, route):
    """PUBLIC and SELF pages that declare no methods: no method makes them fail (5xx), and
    a method without a case of its own changes nothing, for a visitor or the other citizen."""
    url = sample_url(route) if "<" in route or "(?P" in route else "/" + route
    for who in ("anonymous", "citizen_other"):
        client, headers = client_for(world, who) if who != "anonymous" else (Client(), {})
        for method in sorted(set(METHODS) - covered_methods(route)):
            before = digest()
            response = send(client, world, method, url, headers)
            assert response.status_code < 500, (url, method, who, response.status_code)
            assert changed(before, digest()) == [], (url, method, who)
