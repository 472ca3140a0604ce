"""People who must log in with two factors and have not set them up yet: an administrator of
agency A (a role that requires it) and a superuser. Until they set up TOTP they change nothing
through the API (403 `mfa_required`, also when the request carries some `Authorization:
Bearer` header that authenticates nothing) and reach neither the console nor the admin (sent
to the page that asks them to set it up). Once it is set up, the same calls go through."""

from __future__ import annotations

import json

import pytest

from tests.factories import give_totp
from tests.isolation.cases import CASES, TOKEN_SCOPES
from tests.isolation.routes import _walk, path_view, route_methods
from tests.isolation.world import changed, client_for, digest, send

MFA_PAGE = "/akun/keamanan/wajib-2fa/"
WITHOUT_TOTP = ("admin_a_without_totp", "superuser_without_totp")
# A header that looks like a system's token but authenticates nothing: the session decides.
BOGUS_BEARER = {"HTTP_AUTHORIZATION": "Bearer x"}


def api_writes() -> list[tuple[str, str]]:
    """(method, route) of every API write that needs someone signed in."""
    found = []
    for route, callback in _walk().items():
        view = path_view(callback)
        if view is None:
            continue
        for op in view.operations:
            if op.auth_callbacks:
                found += [(m, route) for m in op.methods if m != "GET"]
    return sorted(found)


def _write_call(method: str, route: str):
    declared = TOKEN_SCOPES.get(f"{method} {route}")
    first = next((c for c in CASES.get(route, []) if c.method == method), None)
    url = (declared.url if declared and declared.url else None) or (first.url if first else None)
    assert url is not None, f"no URL for {method} {route}"
    body = (declared.json if declared and declared.json is not None else None) or (first.json if first else None)
    form = (declared.form if declared and declared.form is not None else None) or (first.form if first else None)
    return url, body, form


@pytest.mark.parametrize(("method", "route"), [pytest.param(m, r, id=f"{m} {r}") for m, r in api_writes()])
def test_api_writes_wait_for_two_step_login(world, method, route):
    url_of, body, form = _write_call(method, route)
    url = url_of(world)
    wrong = {}
    for who in WITHOUT_TOTP:
        for extra in ({}, BOGUS_BEARER):
            client, headers = client_for(world, who, totp=False)
            before = digest()
            response = send(
                client, world, method, url, {**headers, **extra}, json_body=None if form else body or {}, form=form
            )
            moved = changed(before, digest())
            code = json.loads(response.content).get("code") if response.status_code == 403 else None
            if response.status_code != 403 or code != "mfa_required" or moved:
                wrong[f"{who}{' with Bearer x' if extra else ''}"] = (response.status_code, code, moved)
    assert wrong == {}, f"{method} {url}: expected 403 mfa_required, nothing changed"


def console_and_admin_pages() -> list[str]:
    methods = route_methods()
    return sorted(r for r in _walk() if r.startswith(("konsol/", "admin/")) and "GET" in methods[r])


def _page_url(world, route: str) -> str:
    first = next((c for c in CASES.get(route, []) if c.method == "GET"), None)
    if first is not None:
        return first.url(world)
    return "/" + route


CONSOLE = [r for r in console_and_admin_pages() if r.startswith("konsol/")]
ADMIN = [r for r in console_and_admin_pages() if r.startswith("admin/") and not r.startswith("admin/login/")]


@pytest.mark.parametrize("route", CONSOLE + ["admin/", "admin/core/agency/", "admin/accounts/citizenprofile/"])
def test_the_console_and_admin_wait_for_two_step_login(world, route):
    url = _page_url(world, route)
    wrong = {}
    for who in WITHOUT_TOTP:
        if route.startswith("admin/") and who == "admin_a_without_totp":
            continue  # not staff: the admin sends them to its login anyway
        for extra in ({}, BOGUS_BEARER):
            client, headers = client_for(world, who, "agency_a", totp=False)
            response = client.get(url, **{**headers, **extra})
            if response.status_code != 302 or response["Location"] != MFA_PAGE:
                wrong[f"{who}{' with Bearer x' if extra else ''}"] = (response.status_code, response.get("Location"))
    assert wrong == {}, f"GET {url}: expected a redirect to {MFA_PAGE}"


def test_once_two_step_login_is_set_up_the_same_people_get_through(world):
    """The control: the refusals above are the missing second factor, nothing else."""
    for day, who in enumerate(WITHOUT_TOTP, start=24):
        give_totp(getattr(world, who))
        client, headers = client_for(world, who, "agency_a", totp=False)
        assert client.get("/konsol/", **headers).status_code == 200, who
        response = send(
            client,
            world,
            "POST",
            f"/api/v1/agencies/{world.agency_a.pk}/holidays",
            headers,
            json_body={"date": f"2026-12-{day}", "name": f"Libur {who}"},
        )
        assert response.status_code == 201, (who, response.content[:300])
    client, headers = client_for(world, "superuser_without_totp", totp=False)
    assert client.get("/admin/", **headers).status_code == 200
    assert client.get("/admin/core/agency/", **headers).status_code == 200
