"""Every URL route Padu serves, enumerated from the live URL configuration, with the methods
each one accepts."""

from __future__ import annotations

import inspect
import re
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

# The methods the harness knows. A Django view that declares none accepts them all.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def path_view(callback: Any) -> Any:
    """ninja's PathView behind a route's view (its operations, one per method), or None."""
    owner = getattr(callback, "__self__", None)
    if owner is None and inspect.isfunction(callback) and callback.__closure__:
        owner = inspect.getclosurevars(callback).nonlocals.get("self")
    return owner if hasattr(owner, "operations") else None


def _module_of(callback: Any) -> str:
    # Unwrap decorators and ninja's operation views to the code that owns the route.
    view = path_view(callback)
    if view is not None:
        return str(view.operations[0].view_func.__module__)
    target = callback
    while hasattr(target, "__wrapped__"):
        target = target.__wrapped__
    return getattr(target, "__module__", "") or type(target).__module__


def _walk() -> dict[str, Any]:
    found: dict[str, Any] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            else:
                found.setdefault(prefix + str(p.pattern), p.callback)

    walk(get_resolver().url_patterns, "")
    return found


def all_routes() -> dict[str, str]:
    """Route template (such as `api/v1/agencies/<agency_id>/staff`) → the module of its view."""
    return {route: _module_of(callback) for route, callback in _walk().items()}


def _declared(callback: Any) -> frozenset[str] | None:
    """The methods a Django view declares (`require_http_methods` and its kin, a class-based
    view's handlers); None where it declares none."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        names = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
        return frozenset(names & set(METHODS))
    target = callback
    while target is not None:
        if inspect.isfunction(target):
            allowed = inspect.getclosurevars(target).nonlocals.get("request_method_list")
            if allowed is not None:
                return frozenset(m.upper() for m in allowed) & frozenset(METHODS)
        target = getattr(target, "__wrapped__", None)
    return None


def route_methods() -> dict[str, frozenset[str]]:
    """Route → the methods it accepts: a ninja path's operations, a Django view's declared
    methods, or every method of METHODS for a Django view that declares none (it answers
    them all, and so each must be covered)."""
    out: dict[str, frozenset[str]] = {}
    for route, callback in _walk().items():
        view = path_view(callback)
        if view is not None:
            out[route] = frozenset(m for op in view.operations for m in op.methods) & frozenset(METHODS)
            continue
        declared = _declared(callback)
        out[route] = declared if declared is not None else frozenset(METHODS)
    return out


def undeclared_routes() -> set[str]:
    """Django views that declare no methods (they answer every method)."""
    return {route for route, callback in _walk().items() if path_view(callback) is None and _declared(callback) is None}


_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<rname>[^>]+)>[^)]*\)")


def params_of(route: str) -> list[str]:
    return [m.group("name") or m.group("rname") for m in _PARAM.finditer(route)]


def sample_url(route: str) -> str:
    """The route with a made-up value for each parameter (an id that exists nowhere)."""

    def fill(m: re.Match[str]) -> str:
        conv = m.group("conv") or ""
        return "987654" if conv == "int" or (m.group("name") or "").endswith("_id") else "x0x"

    path = _PARAM.sub(fill, route).lstrip("^").rstrip("$")
    return "/" + path
