"""API authentication: the browser's session (with CSRF) or an agency's bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Forbidden
from padu.core.permissions import token_has_scope
from padu.core.services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = "An agency API token: `Authorization: Bearer padu_…`"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_authenticate(token)
        if found is not None:
            request.api_token = found  # type: ignore[attr-defined]
        return found


# Session first for pages; a bearer token for other systems.
AUTH = [SessionAuth(), TokenAuth()]


def api_actor(request: HttpRequest, scope: str | None = None) -> Actor:
    actor = actor_from_request(request)
    if scope and not token_has_scope(actor, scope):
        raise Forbidden(code="token_scope_missing")
    return actor
