"""Template helpers for GOV.UK-style form fields."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from lokal import format_rupiah

from padu.core.roles import Role
from padu.services.permissions import step_role

register = template.Library()


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """Render the widget with its hint and error linked through aria-describedby."""
    described = []
    attrs: dict[str, Any] = {}
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    css = "input"
    if field.errors:
        css += " input--error"
    attrs["class"] = css
    return field.as_widget(attrs=attrs)


@register.simple_tag
def query_with(request: Any, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = request.GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.filter
def rupiah(amount: Any) -> str:
    """An amount in Rupiah as Indonesians write it: Rp15.000."""
    try:
        return str(format_rupiah(int(amount)))
    except (TypeError, ValueError):
        return ""


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


@register.filter
def role_label(code: Any) -> str:
    """`verifier` → "Verifier" / "Verifikator": a role's name in the reader's language."""
    try:
        return str(Role(str(code)).label)
    except ValueError:
        return str(code)
