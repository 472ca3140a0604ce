"""Who may see and do what with complaints. Every check lives here."""

from __future__ import annotations

from padu.complaints.models import Complaint
from padu.core.actors import Actor
from padu.core.permissions import supervises
from padu.core.roles import Role

# Staff roles that handle complaints (verify, forward, answer, close, reply). Treasurers and
# procurement committees do other work; supervisors only read.
OFFICER_ROLES = frozenset(
    {
        Role.AGENCY_ADMIN,
        Role.FRONT_DESK,
        Role.VERIFIER,
        Role.APPROVER,
        Role.SIGNER,
        Role.INFORMATION_OFFICER,
    }
)
# Who is told when a complaint arrives, is reopened or escalates.
NOTIFIED_ROLES = (Role.AGENCY_ADMIN, Role.FRONT_DESK, Role.VERIFIER)
# Hiding text from the public is a judgement about speech: the administrator or the verifier.
MODERATOR_ROLES = (Role.AGENCY_ADMIN, Role.VERIFIER)


def is_complainant(actor: Actor, complaint: Complaint) -> bool:
    return actor.user_id is not None and actor.user_id == complaint.complainant_id


def acting_agencies(complaint: Complaint) -> set[int]:
    """The handling agency, and the supervising agency once the complaint escalated to it."""
    agencies = {complaint.handling_agency_id}
    if complaint.escalated_to_id:
        agencies.add(complaint.escalated_to_id)
    return agencies


def is_officer(actor: Actor, complaint: Complaint) -> bool:
    if actor.token is not None:
        return False
    if actor.is_superuser:
        return True
    return any(actor.has_role(agency_id, *OFFICER_ROLES) for agency_id in acting_agencies(complaint))


def can_moderate(actor: Actor, complaint: Complaint) -> bool:
    if actor.token is not None:
        return False
    if actor.is_superuser:
        return True
    return any(actor.has_role(agency_id, *MODERATOR_ROLES) for agency_id in acting_agencies(complaint))


def can_read_as_staff(actor: Actor, complaint: Complaint, forwarded_from: set[int]) -> bool:
    """Officers who may act; any staff of the handling agency; supervisors above it; and
    the agencies that forwarded it (they keep the history)."""
    if actor.token is not None or actor.user_id is None and not actor.is_operator:
        return False
    if is_officer(actor, complaint):
        return True
    agency = complaint.handling_agency
    if actor.roles_in(agency.pk) or supervises(actor, agency):
        return True
    return bool(forwarded_from & {m.agency_id for m in actor.memberships})


def staff_sees_identity(complaint: Complaint) -> bool:
    """Anonymous complainants are hidden from the agency too; the others are known to it."""
    return not complaint.anonymous


def public_sees_identity(complaint: Complaint) -> bool:
    """The public reads a name only on a complaint that is neither anonymous nor confidential."""
    return not complaint.anonymous and not complaint.confidential


def can_record(actor: Actor, agency_id: int) -> bool:
    """Who enters a complaint received off-line (letter, email, WhatsApp, telephone, at the
    counter): the agency's complaint officers, people only."""
    if actor.token is not None or actor.user_id is None:
        return False
    return actor.is_superuser or actor.has_role(agency_id, *OFFICER_ROLES)
