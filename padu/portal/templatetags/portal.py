"""Template helpers for GOV.UK-style form fields."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

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
