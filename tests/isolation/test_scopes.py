"""The scope matrix: every API scope × every route that accepts a token, in the token's own
agency. A token holding only scope S gets 200/201 on the routes that declare S and 403
`token_scope_missing` on those that declare another scope; on routes for people only
(no scope opens them) it is refused, or gets an empty list, and changes nothing.
Declarations: TOKEN_SCOPES in tests/isolation/cases.py and the areas. A route whose behaviour
is a known bug carries it in its declaration (`known_bug`): a strict xfail."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client

from padu.core.api_auth import TokenAuth
from padu.core.roles import API_SCOPES
from tests.isolation.cases import CASES, TOKEN_SCOPES, Call, TokenRoute
from tests.isolation.routes import _walk, path_view
from tests.isolation.world import World, changed, digest, send


def token_operations() -> set[str]:
    """ "METHOD route" of every API operation that accepts an agency's token."""
    found: set[str] = set()
    for route, callback in _walk().items():
        view = path_view(callback)
        if view is None:
            continue
        for op in view.operations:
            if any(isinstance(a, TokenAuth) for a in op.auth_callbacks or []):
                found.update(f"{m} {route}" for m in op.methods)
    return found


def test_every_token_route_declares_its_scope():
    ops = token_operations()
    assert "GET api/v1/agencies/<agency_id>/documents" in ops
    missing = sorted(ops - set(TOKEN_SCOPES))
    assert missing == [], "token routes without a declared scope (TOKEN_SCOPES in tests/isolation)"
    stale = sorted(set(TOKEN_SCOPES) - ops)
    assert stale == [], "TOKEN_SCOPES for routes that take no token (or no longer exist)"


def test_issued_documents_need_their_own_scope():
    """Letters hold personal data: `documents:read` exists, and no other scope opens them."""
    assert "documents:read" in API_SCOPES
    for key, declared in TOKEN_SCOPES.items():
        if "/documents" in key and "legal-documents" not in key or key.endswith("/document"):
            assert declared.scopes == ("documents:read",), key


def _shows_no_rows(value: object) -> bool:
    """An empty list, or an object whose lists are all empty (an inbox with its counts at 0)."""
    if isinstance(value, list):
        return value == []
    if isinstance(value, dict):
        return all(_shows_no_rows(v) for v in value.values() if isinstance(v, (list, dict)))
    return True


def _request(key: str, declared: TokenRoute) -> Call:
    method, route = key.split(" ", 1)
    first = next((c for c in CASES.get(route, []) if c.method == method), None)
    url = declared.url or (first.url if first else None)
    assert url is not None, f"{key}: no case to take the URL from; give TokenRoute a url"
    body_json = declared.json if declared.json is not None else (first.json if first and not declared.form else None)
    form = declared.form if declared.form is not None else (first.form if first and declared.json is None else None)
    return Call(method, url, "token", json=body_json, form=form)


MATRIX = [
    pytest.param(
        key,
        declared,
        id=key,
        marks=[pytest.mark.xfail(strict=True, reason=declared.known_bug)] if declared.known_bug else [],
    )
    for key, declared in sorted(TOKEN_SCOPES.items())
]


@pytest.mark.parametrize(("key", "declared"), MATRIX)
def test_a_token_reaches_exactly_what_its_scope_opens(world: World, key: str, declared: TokenRoute):
    request = _request(key, declared)
    url = request.url(world)
    outcome = {}
    for held in API_SCOPES:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {world.scope_tokens[held]}"}
        with transaction.atomic():
            before = digest()
            response = send(Client(), world, request.method, url, headers, json_body=request.json, form=request.form)
            moved = changed(before, digest())
            transaction.set_rollback(True)
        code = ""
        if response.get("Content-Type", "").startswith("application/problem+json"):
            code = json.loads(response.content).get("code", "")
        elif response.get("Content-Type", "").startswith("application/json") and response.status_code == 200:
            code = "empty" if _shows_no_rows(json.loads(response.content)) else "data"
        outcome[held] = (response.status_code, code, moved)

    wrong = {}
    for held, (status, code, moved) in outcome.items():
        if held in declared.scopes:
            ok = status in (200, 201)
        elif declared.scopes:
            ok = status == 403 and code == "token_scope_missing" and moved == []
        else:
            # Refused, or (a person's own list asked for by a system) an empty answer.
            ok = (400 <= status < 500 or (status == 200 and code == "empty")) and moved == []
        if not ok:
            wrong[held] = outcome[held]
    assert wrong == {}, f"{key} declares {declared.scopes or 'no scope (people only)'}; got {wrong}"
