"""Property-based fuzzing of the whole public API from its own OpenAPI document.

Every operation is called with generated input (valid and invalid) by every kind of caller:
nobody, a signed-in session of each staff role, a citizen, a business owner and a superuser
(writes with their CSRF token), and an API token with every scope for the village and for
the district. Path parameters often name real objects of a small world, so the calls reach
past "not found". Each answer must be no server error, a status code the operation
declares, in the declared media type, and a body that matches the declared schema.

Bounded for CI: a fixed number of generated inputs per operation, derandomised (the same
inputs on every run), no deadline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from config.wsgi import application
from tests.fuzz.world import Caller, World, build_world

# Inputs generated per operation; each is sent by every caller (15 of them).
MAX_EXAMPLES = 3
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20261111,
        "suppress-health-check": ["all"],
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
            # The callers bring their own credentials; generated ones would only ever be refused.
            "with-security-parameters": False,
        },
        # The examples phase would send the schema's own examples (it has none); the coverage
        # phase enumerates boundary values per parameter, far more calls than CI can afford
        # for 15 callers. Fuzzing, derandomised, covers both kinds of input within the bound.
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}},
    }
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

# Filled in by the world fixture: values that name real objects, for path and query parameters.
_KNOWN: dict[str, list[Any]] = {}
_KNOWN_BY_PATH: dict[tuple[str, str], list[Any]] = {}
_KNOWN_QUERY: dict[str, list[Any]] = {}
# caller → operation → status codes seen, for the summary.
SEEN: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    """Half the time a path parameter names a real object of the world, so calls get past 404."""
    if not path_parameters:
        return st.just(path_parameters)
    path = context.operation.path.removeprefix("/api/v1")
    choices = {}
    for name, value in path_parameters.items():
        known = _KNOWN_BY_PATH.get((path, name), _KNOWN.get(name, []))
        choices[name] = st.one_of(st.just(value), st.sampled_from(known)) if known else st.just(value)
    return st.fixed_dictionaries(choices)


@schema.hook
def flatmap_query(context: Any, query: dict[str, Any]) -> Any:
    """Half the time a filter names a real place, agency or category, so filters get applied."""
    if not query:
        return st.just(query)
    choices = {}
    for name, value in query.items():
        known = _KNOWN_QUERY.get(name, [])
        choices[name] = st.one_of(st.just(value), st.sampled_from(known)) if known else st.just(value)
    return st.fixed_dictionaries(choices)


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world for the whole module, in a transaction rolled back at the end (each test's
    own changes are rolled back to a savepoint by pytest-django)."""
    # A request through the WSGI handler ends by closing the database connection, which would
    # end the test's transaction; Django's test client disconnects the same signal.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("fuzz-media"))
    media.enable()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            built = build_world()
            _KNOWN.update(built.known)
            _KNOWN_BY_PATH.update(built.known_by_path)
            _KNOWN_QUERY.update(built.known_query)
            try:
                yield built
            finally:
                transaction.set_rollback(True)
    finally:
        media.disable()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_every_caller_gets_a_declared_answer(case: Any, world: World, db: Any) -> None:
    for caller in world.callers:
        note(f"caller: {caller.name}")
        response = case.call(headers=dict(caller.headers), cookies=dict(caller.cookies))
        SEEN[caller.name][case.operation.label].add(response.status_code)
        case.validate_response(response, checks=CHECKS)


def _send(caller: Caller, method: str, path: str, **kwargs: Any) -> Any:
    """A request as the fuzzer sends it: through the WSGI application, with the caller's credentials."""
    client = WsgiClient(application)
    for name, value in caller.cookies.items():
        client.set_cookie(name, value)
    return client.open(path, method=method, headers=dict(caller.headers), **kwargs)


def test_every_caller_is_who_it_claims(world: World, db: Any) -> None:
    """The fuzzing means something only if the callers get in: a session is its person, a
    token its agency, and a session's write passes the CSRF check with the token it carries."""
    for caller in world.callers:
        if caller.user_id is not None:
            me = _send(caller, "GET", "/api/v1/me")
            assert me.status_code == 200 and me.json["id"] == caller.user_id, caller.name
        elif caller.agency_id is not None:
            staff = _send(caller, "GET", f"/api/v1/agencies/{caller.agency_id}/staff")
            assert staff.status_code == 200 and staff.json, caller.name
        else:
            assert _send(caller, "GET", "/api/v1/me").status_code == 401
    citizen = next(c for c in world.callers if c.user_id == world.people["citizen"].pk)
    body = {
        "kind": "complaint",
        "title": "Sampah menumpuk",
        "text": "Sampah di pasar desa belum diangkut sejak minggu lalu dan baunya sampai ke jalan.",
        "category": "lingkungan",
        "region": "32.04.05.2001",
        "agency": world.village.slug,
        "visibility": "public",
    }
    sent = _send(citizen, "POST", "/api/v1/complaints", json=body)
    assert sent.status_code == 201, sent.json
    forged = replace(citizen, headers={})
    refused = _send(forged, "POST", "/api/v1/complaints", json=body)
    assert refused.status_code == 403 and "csrf" in refused.json["code"]
