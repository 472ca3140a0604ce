"""Template helpers for the PPID pages."""

from __future__ import annotations

from typing import Any

from django import template

from padu.ppid.models import RequestStatus
from padu.ppid.workflow import ACTION_LABELS

register = template.Library()


@register.filter
def ppid_action(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@register.filter
def ppid_status(status: Any) -> str:
    try:
        return str(RequestStatus(str(status)).label)
    except ValueError:
        return str(status)
