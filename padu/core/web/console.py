"""The staff console's frame, for every app's console pages: one active agency at a time, kept
in the session, and the menu built from the apps' manifests.

Domain errors rise to padu.core.web.errors: Forbidden → 403, NotFound (an agency the user
cannot see) → 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from padu.core.actors import Actor, actor_from_request
from padu.core.manifest import menu_entries
from padu.core.models import Agency
from padu.core.permissions import can_manage_agency
from padu.core.selectors import agencies_to_switch_to, agencies_visible_to

SESSION_KEY = "portal_agency_id"
SWITCHER_LIMIT = 200

View = Callable[..., HttpResponse]


def active_agency_id(request: HttpRequest, actor: Actor) -> int | None:
    agency_id = request.session.get(SESSION_KEY)
    if agency_id is None and actor.memberships:
        agency_id = actor.memberships[0].agency_id
    if agency_id is None and actor.is_superuser:
        # An operator without memberships starts at the top of the tree.
        agency_id = agencies_visible_to(actor).order_by("tree_path").values_list("pk", flat=True).first()
    return int(agency_id) if agency_id is not None else None


def console_view(view: Callable[..., HttpResponse]) -> View:
    """Login required; resolve the actor and the active agency."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = actor_from_request(request)
        agency_id = active_agency_id(request, actor)
        if agency_id is None:
            return render(request, "portal/console/no_agency.html", status=403)
        # Forbidden and NotFound rise to padu.core.web.errors: 403 and 404 pages.
        return view(request, actor, agency_id, *args, **kwargs)

    return wrapper


def console_context(request: HttpRequest, actor: Actor, agency: Agency, **extra: Any) -> dict[str, Any]:
    """What every console page shows around its content: the office switcher and the menu."""
    switcher = agencies_to_switch_to(actor, SWITCHER_LIMIT)
    if agency not in switcher:
        switcher.insert(0, agency)
    return {
        "agency": agency,
        "switcher": switcher,
        "roles": sorted({m.get_role_display() for m in actor.memberships if m.agency_id == agency.pk}),
        "can_manage": can_manage_agency(actor, agency),
        "nav": [item for item in menu_entries() if item.shown_to(actor, agency)],
        **extra,
    }
