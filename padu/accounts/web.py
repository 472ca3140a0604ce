"""Helpers for pages of every app that serve a signed-in person."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from padu.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The logged-in person (views that call this are behind `login_required`)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
