"""Who may do what with bills and payment channels."""

from __future__ import annotations

from padu.billing.models import Bill
from padu.core.actors import Actor
from padu.core.models import Agency
from padu.core.permissions import can_read_agency
from padu.core.roles import Role


def can_read_bills(actor: Actor, agency: Agency) -> bool:
    """Any staff of the agency, its supervisors above, the operator. Not API tokens: they
    have no billing scope."""
    if actor.token is not None:
        return False
    return can_read_agency(actor, agency)


def is_treasurer(actor: Actor, agency_id: int) -> bool:
    """Bills, cancellations, refunds and channels: the treasurer (bendahara), who logs in
    with two factors (core enforces it for the role)."""
    return actor.is_superuser or actor.has_role(agency_id, Role.TREASURER)


def can_decide_refund(actor: Actor, agency_id: int) -> bool:
    return actor.is_superuser or actor.has_role(agency_id, Role.TREASURER, Role.AGENCY_ADMIN)


def is_payer(actor: Actor, bill: Bill) -> bool:
    return actor.user_id is not None and bill.payer_user_id == actor.user_id
