"""The isolation world: two sibling agencies A and B under one regency, their staff, two
citizens, and in every area marker rows on both sides.

Markers are distinctive strings put where lists show them: `PENANDA-A-<KEY>` in a private row
of agency A (or of the citizen who owns A-side data), `PENANDA-B-<KEY>` in its mirror on B's
side, and `UMUM-A-<KEY>` / `UMUM-B-<KEY>` in rows that are public by design (a published
service, a published news item), which any public page may show. A list seen from one side
never shows a `PENANDA-` string of the other side.

The world is built once per test module inside a transaction that is rolled back at the end
of the module; each test runs in a savepoint of its own (pytest-django's `db`), so nothing a
test does is seen by the next.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.apps import apps
from django.db import connection
from django.test import Client

SIDES = ("a", "b")
OTHER = {"a": "b", "b": "a"}
CITIZEN = {"a": "citizen_owner", "b": "citizen_other"}


def mark(side: str, key: str) -> str:
    """The private marker of `side` for `key`: shown only to that side."""
    return f"PENANDA-{side.upper()}-{key}"


def public_mark(side: str, key: str) -> str:
    """A marker in a row that is public by design (a published service or news item)."""
    return f"UMUM-{side.upper()}-{key}"


def private_prefix(side: str) -> str:
    return f"PENANDA-{side.upper()}-"


class World:
    """Attributes are set by `build_world` and by each area's `build(world)`."""

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)

    def __getattr__(self, name: str) -> Any:
        # `citizen_a` / `citizen_b`: the citizen whose data is on that side.
        if name in ("citizen_a", "citizen_b"):
            return getattr(self, CITIZEN[name[-1]])
        raise AttributeError(name)

    def agency(self, side: str) -> Any:
        return getattr(self, f"agency_{side}")

    def viewer(self, pattern: str, side: str) -> str:
        """The World attribute that names `pattern`'s user on `side` ("admin_{s}" → "admin_b")."""
        return pattern.format(s=side)


# Tables whose rows change on every request whoever makes it: the session store (cached_db)
# and django-axes' login records. Everything else must stay put across a refused call.
VOLATILE_TABLES = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})
# Columns that record use, not content: a token's last use (a refused call still used it).
VOLATILE_COLUMNS = {"core.ApiToken": frozenset({"last_used_at"})}


def _tables() -> list[tuple[str, str, list[str]]]:
    seen: dict[str, tuple[str, list[str]]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in VOLATILE_TABLES or meta.db_table in seen:
            continue
        skip = VOLATILE_COLUMNS.get(meta.label, frozenset())
        columns = [str(f.column) for f in meta.concrete_fields if f.name not in skip]
        seen[meta.db_table] = (meta.label, columns)
    return sorted((label, table, columns) for table, (label, columns) in seen.items())


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def digest() -> dict[str, str]:
    """A hash of every row of every table (but the volatile ones), per model: an UPDATE that
    keeps every count equal still changes its table's hash."""
    out: dict[str, str] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label, table, columns in _tables():
            names = ", ".join(quote(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {quote(table)} ORDER BY 1")  # noqa: S608 - names from the models
            rows = [tuple(_plain(v) for v in row) for row in cursor.fetchall()]
            out[label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))


# ---- the world ----------------------------------------------------------------------------


def build_world() -> World:
    """Agencies, staff, citizens and tokens; then each area adds its objects and markers."""
    from padu.core.actors import OPERATOR
    from padu.core.roles import API_SCOPES, Role
    from padu.core.services import api_token_create
    from tests.factories import make_agency, make_business, make_citizen, make_staff, make_user
    from tests.isolation.areas import areas

    w = World()
    w.regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    w.agency_a = make_agency(parent=w.regency)
    w.agency_b = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002", parent=w.regency)
    for s in SIDES:
        agency = w.agency(s)
        setattr(w, f"admin_{s}", make_staff(agency, Role.AGENCY_ADMIN, full_name=f"Admin {mark(s, 'ADMIN')}"))
        setattr(w, f"front_desk_{s}", make_staff(agency, Role.FRONT_DESK, full_name=f"Loket {mark(s, 'LOKET')}"))
        # A supervisor of the side's own subtree: never its sibling.
        setattr(w, f"supervisor_{s}", make_staff(agency, Role.SUPERVISOR, full_name=f"Pengawas {mark(s, 'AWAS')}"))
    owner = make_citizen(make_user(full_name=f"Budi {mark('a', 'WARGA')}"))
    make_business(owner.user)
    other = make_citizen(
        make_user(full_name=f"Sari {mark('b', 'WARGA')}"), village="32.04.05.2002", district="32.04.05", female=True
    )
    w.citizen_owner = owner.user
    w.citizen_other = other.user

    # API tokens: A's (an object, for cases that revoke it), B's (raw, for calls), one with
    # every scope on each side (list cases) and, on A's side, one per scope (the scope matrix).
    w.token_a, _ = api_token_create(
        actor=OPERATOR, agency=w.agency_a, name=mark("a", "TOKEN"), scopes=["agencies:read"]
    )
    _, w.token_b = api_token_create(
        actor=OPERATOR, agency=w.agency_b, name=mark("b", "TOKEN"), scopes=["agencies:read", "audit:read"]
    )
    for s in SIDES:
        _, raw = api_token_create(
            actor=OPERATOR, agency=w.agency(s), name=mark(s, "TOKEN-PENUH"), scopes=list(API_SCOPES)
        )
        setattr(w, f"token_full_{s}", raw)
    w.scope_tokens = {
        scope: api_token_create(actor=OPERATOR, agency=w.agency_a, name=f"scope {scope}", scopes=[scope])[1]
        for scope in API_SCOPES
    }

    for area in areas():
        area.build(w)
    return w


# ---- making calls -------------------------------------------------------------------------


def client_for(
    world: World, who: str, console_agency: str | None = None, *, totp: bool = True
) -> tuple[Client, dict[str, Any]]:
    """A client acting as `who`: a World user (logged in, with two-step login set up where the
    role needs it unless `totp` is False), a raw token (`token_…`, sent as a bearer token) or
    "anonymous"."""
    from padu.core.roles import MFA_REQUIRED_ROLES
    from tests.factories import give_totp

    client = Client()
    headers: dict[str, Any] = {}
    if who == "anonymous":
        return client, headers
    if who.startswith("token_"):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {getattr(world, who)}"
        return client, headers
    user = getattr(world, who)
    if totp and (
        user.is_staff
        or user.is_superuser
        or user.memberships.filter(role__in=[str(r) for r in MFA_REQUIRED_ROLES]).exists()
    ):
        give_totp(user)
    client.force_login(user)
    if console_agency:
        session = client.session
        session["portal_agency_id"] = getattr(world, console_agency).pk
        session.save()
    return client, headers


def placeholder(world: World, value: Any) -> Any:
    """`"{agency_a}"` in a case's body stands for that world object's id, `"{a.b}"` for an
    attribute's value."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        found: Any = world
        for name in value[1:-1].split("."):  # "{citizen_owner.citizen.nik}": an attribute path
            found = getattr(found, name)
        return found.pk if hasattr(found, "pk") else found
    return value


def send(
    client: Client,
    world: World,
    method: str,
    url: str,
    headers: dict[str, Any],
    *,
    json_body: dict[str, Any] | None = None,
    form: dict[str, Any] | Any = None,
) -> Any:
    if json_body is not None:
        body = {k: placeholder(world, v) for k, v in json_body.items()}
        return client.generic(method, url, json.dumps(body), content_type="application/json", **headers)
    if form is not None:
        # A callable body is made anew for each call (a fresh upload); it may take the world.
        data = (form(world) if form.__code__.co_argcount else form()) if callable(form) else form
        data = {k: placeholder(world, v) for k, v in data.items()}
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)  # an upload read by an earlier call of the same case
        if method == "POST":
            return client.post(url, data, **headers)
        from django.test.client import MULTIPART_CONTENT, encode_multipart

        return client.generic(
            method, url, encode_multipart("BoUnDaRy", data), MULTIPART_CONTENT + "; boundary=BoUnDaRy", **headers
        )
    return client.generic(method, url, **headers)
