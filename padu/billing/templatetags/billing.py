"""Template filters for money and billing codes."""

from __future__ import annotations

from django import template

from padu.billing.codes import group_code
from padu.billing.rendering import rupiah

register = template.Library()

register.filter("rupiah", rupiah)
register.filter("billing_code", group_code)
