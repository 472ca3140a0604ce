"""Who may see or change people's data."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator

from padu.core.actors import Actor
from padu.core.roles import MFA_REQUIRED_ROLES, Role


def has_mfa(user: Any) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def needs_mfa_setup(actor: Actor) -> bool:
    """True for a signed-in person who must log in with two factors and has no TOTP yet: a
    superuser or a user with Django-admin access (they pass every permission in every agency
    and see people's data in the admin), or anyone holding a role that approves, signs or
    moves money (read from the actor's memberships, which the request reads once)."""
    if actor.user_id is None:
        return False
    user = actor.user
    required = {str(r) for r in MFA_REQUIRED_ROLES}
    requires = user.is_superuser or user.is_staff or any(m.role in required for m in actor.memberships)
    return requires and not has_mfa(user)


def can_look_up_citizens(actor: Actor, agency_id: int) -> bool:
    """Front-desk officers and verifiers find citizens by NIK to serve them at the counter."""
    return actor.has_role(agency_id, Role.FRONT_DESK, Role.VERIFIER, Role.AGENCY_ADMIN)


def can_register_walk_ins(actor: Actor, agency_id: int) -> bool:
    """A front-desk officer registers a walk-in citizen who has no account (no email needed)."""
    return actor.has_role(agency_id, Role.FRONT_DESK)


def can_confirm_birth_dates(actor: Actor, agency_id: int) -> bool:
    """A front-desk officer or the agency administrator confirms a birth date that differs from
    the NIK, having seen the document that corrected it."""
    return actor.has_role(agency_id, Role.FRONT_DESK, Role.AGENCY_ADMIN)
