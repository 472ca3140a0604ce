"""Template filters for stored rich text: `{{ item.body|richtext }}`, `{{ item.body|richtext_text:200 }}`."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from padu.core import richtext as rt

register = template.Library()


@register.filter(name="richtext")
def richtext(value: str) -> SafeString:
    return rt.render(value or "")


@register.filter(name="richtext_text")
def richtext_text(value: str, limit: int | None = None) -> str:
    return rt.to_text(value or "", limit=int(limit) if limit else None)
