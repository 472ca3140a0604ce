"""Tenant isolation of the Django admin (/admin/), which is for the platform's operators
(superusers) only. Generated from the admin site's own URLs: for every route, agency B's
administrator (no admin access) is sent to the admin's login, and a Django staff user of
agency B without superuser rights is refused (403, or 404 for an app's index) and sees
nothing of another tenant on the pages it may open (tests/isolation/test_admin.py).

The superuser's own admin work is tested in padu/core/tests/test_admin.py; its reads are the
control here (the same GET as a superuser with two-step login succeeds)."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase

ADMIN_LOGIN = frozenset({302})
# A Django staff user without superuser rights or model permissions.
REFUSED = frozenset({403})
NOT_THERE = frozenset({404})
MISSING = "987654"  # the id used for a model without rows in the world

PUBLIC: dict[str, str] = {
    "admin/login/": "GET,POST: the admin's login form (a signed-in staff user is sent on to the index)",
    "admin/logout/": "POST: ends the caller's own session",
    "admin/jsi18n/": "the admin's JavaScript translation catalogue: no data",
}
SELF: dict[str, str] = {
    "admin/password_change/": "GET POST",
    "admin/password_change/done/": "GET",
}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}


def _object_of(world: Any, model: Any) -> str:
    """A row of `model` on A's side where the model has one, else any row, else a made-up id."""
    from padu.accounts.models import User
    from padu.core.models import Agency

    if model is Agency:
        return str(world.agency_a.pk)
    if model is User:
        return str(world.admin_a.pk)
    names = {f.name for f in model._meta.get_fields()}
    qs = model._default_manager.all()
    for field, value in (
        ("agency", world.agency_a),
        ("handling_agency", world.agency_a),
        ("user", world.citizen_owner),
        ("applicant", world.citizen_owner),
        ("recipient", world.admin_a),
    ):
        if field in names:
            row = qs.filter(**{field: value}).first()
            if row is not None:
                return str(row.pk)
    row = qs.order_by("pk").first()
    return str(row.pk) if row is not None else MISSING


def _admin_routes() -> dict[str, tuple[str, Any]]:
    """Each admin route → (its kind, the model it serves or None)."""
    from django.contrib import admin

    from tests.isolation.routes import all_routes

    models = {f"{m._meta.app_label}/{m._meta.model_name}": m for m in admin.site._registry}
    out: dict[str, tuple[str, Any]] = {}
    for route in all_routes():
        if not route.startswith("admin/") or route in PUBLIC or route in SELF:
            continue
        parts = route.split("/")
        model = models.get("/".join(parts[1:3])) if len(parts) > 3 else None
        if model is None:
            out[route] = ("site", None)
            continue
        rest = "/".join(parts[3:])
        kind = {
            "": "changelist",
            "add/": "add",
            "<path:object_id>/": "redirect",
            "<path:object_id>/change/": "change",
            "<path:object_id>/delete/": "delete",
            "<path:object_id>/history/": "history",
            "<id>/password/": "password",
        }.get(rest, "other")
        out[route] = (kind, model)
    return out


def _url(route: str, model: Any) -> Any:
    def url(world: Any) -> str:
        from django.contrib.contenttypes.models import ContentType

        if route.startswith("admin/^("):
            return "/admin/core/"
        if route.startswith("admin/(?P<url>"):
            return "/admin/tidak-ada/"
        if route.startswith("admin/r/"):
            return f"/admin/r/{ContentType.objects.get_for_model(type(world.agency_a)).pk}/{world.agency_a.pk}/"
        path = "/" + route
        if model is not None:
            path = path.replace("<path:object_id>", _object_of(world, model)).replace("<id>", str(world.admin_a.pk))
        assert "<" not in path and "(" not in path, path
        return path

    return url


# What a staff user without superuser rights meets, by kind of route.
_STAFF_EXPECT = {
    "changelist": REFUSED,
    "add": REFUSED,
    "change": REFUSED,
    "delete": REFUSED,
    # Django looks the object up before it checks permission here: a row that does not exist
    # (a model without rows in the world) is sent back to the admin's index instead.
    "history": REFUSED | frozenset({302}),
    "password": REFUSED,
    "redirect": ADMIN_LOGIN | REFUSED,  # to the change page, which refuses
    "other": REFUSED,
}
_SITE_EXPECT = {
    "admin/": frozenset({200}),  # the index, listing nothing
    "admin/autocomplete/": REFUSED,
    "admin/(?P<url>.*)$": NOT_THERE,
    "admin/r/<path:content_type_id>/<path:object_id>/": frozenset({302, 404}),
}
_NO_WRITE_CONTROL = "the superuser's admin writes are Django's own, tested in padu/core/tests/test_admin.py"


def _cases() -> dict[str, list[Call]]:
    cases: dict[str, list[Call]] = {}
    for route, (kind, model) in _admin_routes().items():
        url = _url(route, model)
        if model is None:
            staff = next((e for pattern, e in _SITE_EXPECT.items() if pattern == route), NOT_THERE)
        else:
            staff = _STAFF_EXPECT[kind]
        owner = "superuser" if kind in ("changelist", "change", "history") or route == "admin/" else None
        calls = [Call("GET", url, "admin_b", ADMIN_LOGIN, owner=owner), Call("GET", url, "staff_b", staff, owner=owner)]
        # The admin's views declare no methods: every other one, as the staff user, is refused
        # alike (the admin answers a write as it answers a read) and changes nothing.
        calls += [
            Call(
                method, url, "staff_b", staff | ADMIN_LOGIN | frozenset({405}), owner=None, no_control=_NO_WRITE_CONTROL
            )
            for method in ("POST", "PUT", "PATCH", "DELETE")
        ]
        cases[route] = calls
    return cases


CASES: dict[str, list[Call]] = _cases()


def build(world: Any) -> None:
    """A Django staff user of agency B (no superuser rights, no model permissions), and
    superusers with and without two-step login."""
    from padu.core.roles import Role
    from tests.factories import give_totp, make_staff, make_user
    from tests.isolation.world import mark

    world.staff_b = make_staff(world.agency_b, Role.FRONT_DESK, is_staff=True, full_name=f"Staf {mark('b', 'STAF')}")
    give_totp(world.staff_b)
    world.superuser = give_totp(make_user(is_staff=True, is_superuser=True, full_name="Operator Platform"))
    world.superuser_without_totp = make_user(is_staff=True, is_superuser=True, full_name="Operator Baru")
    # An administrator of agency A who has not set up two-step login yet.
    world.admin_a_without_totp = make_staff(
        world.agency_a, Role.AGENCY_ADMIN, with_mfa=False, full_name=f"Admin Baru {mark('a', 'ADMIN-BARU')}"
    )
