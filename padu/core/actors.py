"""Who is acting: a person (through their memberships) or another system (an API token).

Selectors and services take an `Actor`; there is no global "current tenant".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from padu.core.roles import Role

if TYPE_CHECKING:
    from django.http import HttpRequest

    from padu.core.models import ApiToken, Membership


@dataclass(eq=False)
class Actor:
    user: Any = None
    token: ApiToken | None = None
    ip_address: str | None = None
    user_agent: str = ""
    # The operator at the command line (`padu …`) or the platform itself: full rights.
    is_operator: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return self.token is not None or bool(self.user is not None and self.user.is_authenticated)

    @property
    def user_id(self) -> int | None:
        if self.user is not None and self.user.is_authenticated:
            return int(self.user.pk)
        return None

    @property
    def is_superuser(self) -> bool:
        return self.is_operator or bool(self.user is not None and self.user.is_authenticated and self.user.is_superuser)

    @property
    def label(self) -> str:
        if self.token is not None:
            return f"token:{self.token.prefix}"
        if self.user_id is not None:
            return str(self.user)
        return "operator" if self.is_operator else "anonymous"

    @cached_property
    def memberships(self) -> list[Membership]:
        from padu.core.models import Membership

        if self.user_id is None:
            return []
        return list(
            Membership.objects.filter(user_id=self.user_id, is_active=True, agency__is_active=True).select_related(
                "agency"
            )
        )

    def roles_in(self, agency_id: int) -> set[str]:
        return {m.role for m in self.memberships if m.agency_id == agency_id}

    def has_role(self, agency_id: int, *roles: Role | str) -> bool:
        return bool(self.roles_in(agency_id) & {str(r) for r in roles})


OPERATOR = Actor(is_operator=True)


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def actor_from_request(request: HttpRequest) -> Actor:
    """The request's actor, made once per request (its memberships are then read once, by
    the middleware, the view and the page menu alike) and made again if the person changed,
    e.g. on login or logout."""
    token = getattr(request, "api_token", None)
    user = None if token is not None else getattr(request, "user", None)
    known: Actor | None = getattr(request, "_padu_actor", None)
    if known is not None and known.token is token and known.user is user:
        return known
    actor = Actor(
        user=user,
        token=token,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    request._padu_actor = actor  # type: ignore[attr-defined]
    return actor
