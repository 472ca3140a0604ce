"""Who may do what with bills and payment channels."""

from __future__ import annotations

from padu.billing.models import Bill
from padu.core.actors import Actor
from padu.core.models import Agency
from padu.core.permissions import can_read_agency
from padu.core.roles import Role


def can_read_bills(actor: Actor, agency: Agency) -> bool:
    """Any staff of the agency, its supervisors above, the operator; another system with the
    agency's token holding the `bills:read` or `bills:write` scope."""
    if actor.token is not None:
        return actor.token.agency_id == agency.pk and bool({"bills:read", "bills:write"} & set(actor.token.scopes))
    return can_read_agency(actor, agency)


def can_issue_bills(actor: Actor, agency_id: int) -> bool:
    """The treasurer, or another system (a regional tax or levy application) with the
    agency's token holding the `bills:write` scope. Cancelling, refunds and channels stay
    with the treasurer: a person with two-factor login."""
    if actor.token is not None:
        return actor.token.agency_id == agency_id and "bills:write" in actor.token.scopes
    return is_treasurer(actor, agency_id)


def is_treasurer(actor: Actor, agency_id: int) -> bool:
    """Bills, cancellations, refunds and channels: the treasurer (bendahara), who logs in
    with two factors (core enforces it for the role)."""
    return actor.is_superuser or actor.has_role(agency_id, Role.TREASURER)


def can_decide_refund(actor: Actor, agency_id: int) -> bool:
    return actor.is_superuser or actor.has_role(agency_id, Role.TREASURER, Role.AGENCY_ADMIN)


def is_payer(actor: Actor, bill: Bill) -> bool:
    return actor.user_id is not None and bill.payer_user_id == actor.user_id
