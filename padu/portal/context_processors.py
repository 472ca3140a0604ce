from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _is_staff_member(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.memberships.filter(is_active=True).exists())


def portal(request: HttpRequest) -> dict[str, Any]:
    return {"site_name": "Padu", "show_console_link": SimpleLazyObject(lambda: _is_staff_member(request))}
