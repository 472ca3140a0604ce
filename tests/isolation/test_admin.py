"""The Django admin and the routes Django serves itself.

Admin: for every admin route (generated in tests/isolation/areas/admin.py), agency B's
administrator is sent to the admin's login and a Django staff user of agency B without
superuser rights is refused, with every method, changing nothing; what that staff user may
open (the index) shows nothing of agency A. The control: a superuser with two-step login
opens the same pages. One test per registered model keeps this quick.

Django itself: stored files (MEDIA_ROOT) are never served by their path; static files are."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from django.conf import settings

from tests.isolation.areas.admin import MISSING
from tests.isolation.cases import CASES
from tests.isolation.parse import text_of
from tests.isolation.world import changed, client_for, digest, private_prefix, send


def _groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for route in CASES:
        if route.startswith("admin/"):
            parts = route.split("/")
            known = len(parts) > 3 and not parts[1].startswith(("^", "(")) and parts[1] not in ("r", "autocomplete")
            groups["/".join(parts[:3]) if known else "admin (site)"].append(route)
    return dict(groups)


GROUPS = _groups()


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_the_admin_refuses_everyone_but_superusers(world, group):
    users = {c.as_user for route in GROUPS[group] for c in CASES[route]}
    clients: dict[str, Any] = {who: client_for(world, who) for who in sorted(users)}
    wrong = []
    before = digest()
    for route in GROUPS[group]:
        for c in CASES[route]:
            client, headers = clients[c.as_user]
            url = c.url(world)
            response = send(client, world, c.method, url, headers)
            if response.status_code not in c.expect:
                wrong.append(f"{c.method} {url} as {c.as_user}: {response.status_code}, expected {sorted(c.expect)}")
            elif response.status_code == 302 and c.as_user == "admin_b":
                if not response["Location"].startswith("/admin/login/"):
                    wrong.append(f"{c.method} {url} as {c.as_user}: sent to {response['Location']}")
            elif response.status_code == 200 and private_prefix("a") in text_of(response):
                wrong.append(f"{c.method} {url} as {c.as_user}: shows agency A's rows")
    assert wrong == [], "\n".join(wrong)
    assert changed(before, digest()) == [], "a refused admin call changed rows"


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_a_superuser_opens_the_same_admin_pages(world, group):
    """The control: the refusals above come from the admin's access rules, not broken URLs."""
    client, headers = client_for(world, "superuser")
    wrong = []
    for route in GROUPS[group]:
        for c in CASES[route]:
            if c.method == "GET" and c.as_user == "staff_b" and c.owner == "superuser":
                url = c.url(world)
                if f"/{MISSING}/" in url:
                    continue  # no row of that model to open
                response = client.get(url, **headers)
                if response.status_code != 200:
                    wrong.append(f"GET {url}: {response.status_code}")
    assert wrong == [], "\n".join(wrong)


def test_the_admin_index_lists_nothing_for_a_staff_user_without_rights(world):
    client, headers = client_for(world, "staff_b")
    response = client.get("/admin/", **headers)
    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_stored_files_are_never_served_by_their_path(world):
    """MEDIA_ROOT is not mounted: a citizen's upload or a signed letter leaves only through
    views that check who asks, not at MEDIA_URL (not even to its owner)."""
    for who, stored in (("citizen_owner", world.file_a.file), ("admin_a", world.document_a.pdf)):
        client, headers = client_for(world, who)
        for url in (settings.MEDIA_URL + stored.name, "/" + stored.name, "/media/" + stored.name):
            if not url.startswith("/"):
                url = "/" + url
            response = client.get(url, **headers)
            assert response.status_code == 404, (url, response.status_code)


def test_static_files_are_served_from_the_static_root_only(world):
    """WhiteNoise serves the static files, and nothing of MEDIA_ROOT under STATIC_URL."""
    client, headers = client_for(world, "anonymous")
    assert client.get(settings.STATIC_URL + "admin/css/base.css").status_code == 200
    assert client.get(settings.STATIC_URL + world.file_a.file.name).status_code == 404
    assert client.get(settings.STATIC_URL + "../" + world.file_a.file.name).status_code == 404
