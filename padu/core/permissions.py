"""Who may do what with kernel data. Every check on agencies lives here."""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.models import Agency
from padu.core.roles import Role


def supervises(actor: Actor, agency: Agency) -> bool:
    return any(m.role == Role.SUPERVISOR and agency.tree_path.startswith(m.agency.tree_path) for m in actor.memberships)


def can_read_agency(actor: Actor, agency: Agency) -> bool:
    if actor.is_superuser:
        return True
    if actor.token is not None:
        return actor.token.agency_id == agency.pk
    return bool(actor.roles_in(agency.pk)) or supervises(actor, agency)


def can_manage_agency(actor: Actor, agency: Agency) -> bool:
    """Change the agency's settings, staff, holidays, numbering and tokens."""
    return actor.is_superuser or actor.has_role(agency.pk, Role.AGENCY_ADMIN)


def can_create_child_agency(actor: Actor, parent: Agency | None) -> bool:
    if actor.is_superuser:
        return True
    return parent is not None and actor.has_role(parent.pk, Role.AGENCY_ADMIN)


def token_has_scope(actor: Actor, scope: str) -> bool:
    return actor.token is None or scope in actor.token.scopes
