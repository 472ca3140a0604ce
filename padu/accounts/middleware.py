"""Staff whose roles approve, sign or move money must have two-factor login set up
before they use the staff console or change anything through the API with their session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from padu.accounts.permissions import needs_mfa_setup
from padu.core.actors import actor_from_request

CONSOLE_PREFIX = "/konsol/"
API_PREFIX = "/api/"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(CONSOLE_PREFIX) and needs_mfa_setup(actor_from_request(request)):
            return redirect("portal:mfa_required")
        if (
            path.startswith(API_PREFIX)
            and request.method not in SAFE_METHODS
            and "HTTP_AUTHORIZATION" not in request.META  # a system's token, not a person's session
            and needs_mfa_setup(actor_from_request(request))
        ):
            detail = _("Your role needs two-step login. Set it up in your account first.")
            return JsonResponse(
                {
                    "type": "about:blank",
                    "title": detail,
                    "status": 403,
                    "code": "mfa_required",
                    "detail": detail,
                    "errors": {},
                },
                status=403,
                content_type="application/problem+json",
            )
        return self.get_response(request)
