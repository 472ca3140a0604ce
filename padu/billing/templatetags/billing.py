"""Template filters for money and billing codes."""

from __future__ import annotations

from typing import Any

from django import template

from padu.billing.codes import group_code
from padu.core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: Any) -> str:
    """`Rp150.000`, the way Indonesian offices write money; nothing for no amount."""
    if amount is None:
        return ""
    return format_rupiah(int(amount))


register.filter("billing_code", group_code)
