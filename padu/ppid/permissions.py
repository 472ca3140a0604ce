"""Who may do what in PPID.

The information officer (PPID) handles requests. The agency administrator acts as the PPID's
superior (atasan PPID): it answers objections (keberatan).
"""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.models import Agency
from padu.core.permissions import supervises
from padu.core.roles import Role


def is_information_officer(actor: Actor, agency_id: int) -> bool:
    return actor.token is None and (actor.is_superuser or actor.has_role(agency_id, Role.INFORMATION_OFFICER))


def is_ppid_superior(actor: Actor, agency_id: int) -> bool:
    return actor.token is None and (actor.is_superuser or actor.has_role(agency_id, Role.AGENCY_ADMIN))


def can_handle_ppid(actor: Actor, agency_id: int) -> bool:
    """Read the agency's requests with the requesters' identity: the PPID and its superior."""
    return is_information_officer(actor, agency_id) or is_ppid_superior(actor, agency_id)


def can_manage_public_information(actor: Actor, agency_id: int) -> bool:
    return can_handle_ppid(actor, agency_id)


def can_read_ppid_report(actor: Actor, agency: Agency) -> bool:
    """The annual report (numbers only): the PPID, its superior, and supervisors above."""
    return can_handle_ppid(actor, agency.pk) or (actor.token is None and supervises(actor, agency))
