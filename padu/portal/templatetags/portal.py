"""Template helpers of the shell, for every app's pages: GOV.UK-style form fields, query strings,
Rupiah amounts, role names."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from padu.core.money import format_rupiah
from padu.core.roles import role_label as core_role_label

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


@register.filter
def role_label(code: Any) -> str:
    """`verifier` → "Verifier" / "Verifikator": a role's name in the reader's language."""
    return core_role_label(code)
