"""Staff whose roles approve, sign or move money, and superusers and users with Django-admin
access, must have two-factor login set up before they use the staff console or the Django
admin. (API writes are checked by the API itself, after it knows who authenticated: a header
a request merely carries says nothing about who it acts as.)"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from padu.accounts.permissions import needs_mfa_setup
from padu.core.actors import actor_from_request

GATED_PREFIXES = ("/konsol/", "/admin/")


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(GATED_PREFIXES) and needs_mfa_setup(actor_from_request(request)):
            return redirect("portal:mfa_required")
        return self.get_response(request)
