"""List contents: every list, search, filter, export, feed and register shows its own side's
rows and none of the other side's (see tests/isolation/world.py for the markers).

Each LIST case is fetched from both sides: as A's user on A's list and as B's user on B's
list (for a citizen's own lists: the owner, then the other citizen). Seeing the own side's
markers is the control that the list really shows those rows; not seeing the other side's is
the isolation."""

from __future__ import annotations

import pytest

from tests.isolation.cases import LIST, NOT_LIST, PUBLIC, ListCase, framework_reason
from tests.isolation.parse import text_of
from tests.isolation.routes import all_routes, params_of, route_methods
from tests.isolation.world import OTHER, SIDES, client_for, mark, private_prefix, public_mark

# Path parameters that scope a list (an agency, a format) rather than name one object.
LIST_SCOPE_PARAMS = frozenset({"agency_id", "agency", "slug", "agency_slug", "fmt", "kind", "channel"})


def list_like_routes() -> set[str]:
    """Our routes that answer GET and name no object: each may list rows of a tenant."""
    routes = all_routes()
    methods = route_methods()
    return {
        route
        for route, module in routes.items()
        if framework_reason(route, module) is None
        and not route.startswith("admin/")  # the admin's lists: tests/isolation/test_admin.py
        and "GET" in methods[route]
        and set(params_of(route)) <= LIST_SCOPE_PARAMS
    }


def test_every_list_route_has_a_list_case():
    candidates = list_like_routes()
    assert "konsol/pengaduan/ekspor/" in candidates and "api/v1/me/applications" in candidates
    missing = sorted(candidates - set(LIST) - set(PUBLIC) - set(NOT_LIST))
    assert missing == [], "list-like routes without a LIST case (or a PUBLIC or NOT_LIST reason) in tests/isolation"
    stale = sorted((set(LIST) | set(NOT_LIST)) - set(all_routes()))
    assert stale == [], "LIST or NOT_LIST entries for routes that no longer exist"
    assert not set(LIST) & set(NOT_LIST), "a route is both a list and not one"


LIST_CASES = [
    pytest.param(route, case, side, id=f"{route} {case.label or case.viewer} side {side}")
    for route, cases in LIST.items()
    for case in cases
    for side in SIDES
]


@pytest.mark.parametrize(("route", "case", "side"), LIST_CASES)
def test_a_list_shows_its_own_side_and_nothing_of_the_other(world, route, case: ListCase, side):
    other = OTHER[side]
    viewer = case.viewer.format(s=side)
    client, headers = client_for(world, viewer, f"agency_{side}" if case.console else None)
    url = case.url(world, side)
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, viewer, response.status_code, response.content[:300])
    text = text_of(response)

    expected = [mark(side, key) for key in case.markers]
    expected += [public_mark(side, key) for key in (*case.public, *case.shared)]
    expected += [public_mark(other, key) for key in case.shared]
    expected += case.rows(world, side) if case.rows else []
    missing = [m for m in expected if m not in text]
    assert missing == [], f"{url} as {viewer} does not show {missing} (the control: the list shows these rows)"

    forbidden = [private_prefix(other)]
    if viewer == "anonymous":
        forbidden.append(private_prefix(side))
    forbidden += [public_mark(other, key) for key in case.public]
    forbidden += case.rows(world, other) if case.rows else []
    leaked = sorted({line.strip()[:120] for f in forbidden for line in text.splitlines() if f in line})
    assert leaked == [], f"{url} as {viewer} shows rows of side {other}: {leaked}"
