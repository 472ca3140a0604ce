"""Every URL route Padu serves, enumerated from the live URL configuration."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def _module_of(callback: object) -> str:
    # Unwrap decorators and ninja's operation views to the code that owns the route.
    view_func = getattr(callback, "__self__", None)
    target = getattr(view_func, "api", None) or callback
    while hasattr(target, "__wrapped__"):
        target = target.__wrapped__
    return getattr(target, "__module__", "") or type(target).__module__


def all_routes() -> dict[str, str]:
    """Route template (such as `api/v1/agencies/<agency_id>/staff`) → the module of its view."""
    found: dict[str, str] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            else:
                found[prefix + str(p.pattern)] = _module_of(p.callback)

    walk(get_resolver().url_patterns, "")
    return found
