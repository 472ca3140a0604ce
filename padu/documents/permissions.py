"""Who may edit letter templates, sign, revoke and read issued documents."""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.models import Agency, Membership
from padu.core.permissions import can_read_agency
from padu.core.roles import Role


def can_edit_templates(actor: Actor, agency: Agency) -> bool:
    return actor.is_superuser or actor.has_role(agency.pk, Role.AGENCY_ADMIN)


def can_sign_as(actor: Actor, membership: Membership) -> bool:
    """A signer signs in person; the platform (operator) may apply a signer's key after
    an approved workflow. Either way the membership must be an active signer's."""
    if not membership.is_active or membership.role != Role.SIGNER:
        return False
    if actor.is_superuser:
        return True
    return actor.user_id == membership.user_id and actor.has_role(membership.agency_id, Role.SIGNER)


def can_revoke(actor: Actor, agency: Agency) -> bool:
    return actor.is_superuser or actor.has_role(agency.pk, Role.AGENCY_ADMIN, Role.SIGNER)


def can_read_documents(actor: Actor, agency: Agency) -> bool:
    """Staff of the agency and supervisors above it (API tokens of that agency too)."""
    return can_read_agency(actor, agency)
