from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from padu.core.actors import actor_from_request
from padu.core.manifest import site_links


def _is_staff_member(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    actor = actor_from_request(request)  # the request's own: its memberships are read once
    return bool(actor.is_superuser or actor.memberships)


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": "Padu",
        "show_console_link": SimpleLazyObject(lambda: _is_staff_member(request)),
        # The main navigation: each app's links from its manifest.
        "site_links": site_links(),
    }
