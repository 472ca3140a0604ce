"""API authentication: an agency's bearer token, or the browser's session (with CSRF).

The token is tried first: a request that sends `Authorization: Bearer …` means to act as
that system, whatever cookies it carries, and another site cannot make a browser send that
header. The session comes second and is checked for CSRF only when it names a signed-in
person; an anonymous session has no authority to forge, so a token call never fails on a
CSRF check it did not need (ninja's own SessionAuth checks CSRF first and its failure ends
the chain). Which principal won is then `request.auth`: the `ApiToken` or the `User`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Forbidden
from padu.core.permissions import token_has_scope
from padu.core.services import api_token_authenticate


class CsrfFailed(Forbidden):
    code = "csrf_failed"
    default_message = _("The security token (CSRF) is missing or wrong. Reload the page and try again.")


class TokenAuth(HttpBearer):
    openapi_description = "An agency API token: `Authorization: Bearer padu_…`"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_authenticate(token)
        if found is not None:
            request.api_token = found  # type: ignore[attr-defined]
        return found


class SessionAuth(NinjaSessionAuth):
    """The signed-in person of the browser's session; their writes must carry the CSRF token
    (header `X-CSRFToken`, the value of the `csrftoken` cookie)."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise CsrfFailed()
        return user


AUTH = [TokenAuth(), SessionAuth()]


def api_actor(request: HttpRequest, scope: str | tuple[str, ...] | None = None) -> Actor:
    """The request's actor; a token must hold `scope` (or one of several), checked before the
    route looks anything up, so a wrong scope never reads as a missing object."""
    actor = actor_from_request(request)
    scopes = (scope,) if isinstance(scope, str) else scope or ()
    if scopes and not any(token_has_scope(actor, s) for s in scopes):
        raise Forbidden(code="token_scope_missing")
    return actor
