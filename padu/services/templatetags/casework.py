"""Template helpers of casework pages: a case-history event's action, the role a case waits for."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from padu.core.roles import role_label
from padu.services.permissions import step_role

register = template.Library()


_EVENT_ACTIONS = {
    "start": _("Draft started"),
    "submit": _("Submitted"),
    "resubmit": _("Sent again after correction"),
    "approve": _("Approved at a step"),
    "return": _("Returned for correction"),
    "reject": _("Rejected"),
    "refer": _("Referred to another office"),
    "received": _("Received from another office"),
    "withdraw": _("Withdrawn"),
}


@register.filter
def event_action(action: str) -> str:
    """A case-history event's action in words."""
    return str(_EVENT_ACTIONS.get(action, action))


@register.filter
def step_role_label(application: Any) -> str:
    """The name of the role a case in review waits for (its current workflow step)."""
    role = step_role(application)
    return role_label(role) if role else ""
