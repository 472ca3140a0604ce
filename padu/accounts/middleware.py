"""Staff whose roles approve, sign or move money must have two-factor login set up
before they use the staff console."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from padu.accounts.permissions import needs_mfa_setup

CONSOLE_PREFIX = "/konsol/"


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(CONSOLE_PREFIX) and needs_mfa_setup(request.user):
            return redirect("portal:mfa_required")
        return self.get_response(request)
