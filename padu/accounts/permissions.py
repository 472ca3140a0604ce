"""Who may see or change people's data."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator

from padu.core.actors import Actor
from padu.core.models import Membership
from padu.core.roles import MFA_REQUIRED_ROLES, Role


def has_mfa(user: Any) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def needs_mfa_setup(user: Any) -> bool:
    """True for a logged-in user holding a role that requires two factors, without TOTP."""
    if not getattr(user, "is_authenticated", False):
        return False
    requires = Membership.objects.filter(
        user=user, is_active=True, role__in=[str(r) for r in MFA_REQUIRED_ROLES]
    ).exists()
    return requires and not has_mfa(user)


def can_look_up_citizens(actor: Actor, agency_id: int) -> bool:
    """Front-desk officers and verifiers find citizens by NIK to serve them at the counter."""
    return actor.has_role(agency_id, Role.FRONT_DESK, Role.VERIFIER, Role.AGENCY_ADMIN)
