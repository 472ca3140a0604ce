"""The bill and refund state machines: every allowed status change in one table.

    unpaid ─pay (channel) / record (treasurer, from a statement)─▶ paid ─refund─▶ refunded
      │  ▲                                                           │
      │  └──────────────── reverse (channel, same day) ──────────────┘
      ├─cancel (treasurer) / supersede (the fee changed) / close (the application ended)─▶ cancelled
      └─expire (the scheduler)─▶ expired ─record─▶ paid

A refund is asked for on a paid bill (`request_refund`, the bill stays paid) and decided by
someone else (four eyes): `approve` refunds the bill, `reject` leaves it paid.

Who may take a step is checked by the services with billing's permissions, before or after
the status as each service always has (their error codes depend on the order); the tables
answer the status checks with billing's own refusals.
"""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _

from padu.billing import errors
from padu.billing.models import BillStatus as B
from padu.billing.models import RefundStatus as R
from padu.core import transitions
from padu.core.errors import Conflict, InvalidInput, PaduError


class Who(Enum):
    TREASURER = "treasurer"  # permissions.is_treasurer
    REFUND_DECIDER = "refund_decider"  # permissions.can_decide_refund, not the one who asked
    CHANNEL = "channel"  # a bank or QRIS acquirer, through its signed API
    SYSTEM = "system"  # the scheduler, or the services layer for an application's fee bill


Transition = transitions.Transition[Who]

BILL_TRANSITIONS: tuple[Transition, ...] = (
    Transition("pay", B.UNPAID, B.PAID, Who.CHANNEL),
    Transition("record", B.UNPAID, B.PAID, Who.TREASURER, needs_note=True),
    Transition("record", B.EXPIRED, B.PAID, Who.TREASURER, needs_note=True),
    Transition("reverse", B.PAID, B.UNPAID, Who.CHANNEL),
    Transition("cancel", B.UNPAID, B.CANCELLED, Who.TREASURER, needs_note=True),
    Transition("supersede", B.UNPAID, B.CANCELLED, Who.SYSTEM),
    Transition("close", B.UNPAID, B.CANCELLED, Who.SYSTEM),
    Transition("expire", B.UNPAID, B.EXPIRED, Who.SYSTEM),
    Transition("request_refund", B.PAID, B.PAID, Who.TREASURER, needs_note=True),
    Transition("refund", B.PAID, B.REFUNDED, Who.REFUND_DECIDER),
)

REFUND_TRANSITIONS: tuple[Transition, ...] = (
    Transition("approve", R.PENDING, R.APPROVED, Who.REFUND_DECIDER),
    Transition("reject", R.PENDING, R.REJECTED, Who.REFUND_DECIDER, needs_note=True),
)


def _status(state: str) -> str:
    return str(dict(B.choices).get(state, state)).lower()


def _not_payable(state: str) -> PaduError:
    if state == B.PAID:
        return errors.BillAlreadyPaid()
    if state == B.CANCELLED:
        return errors.BillCancelled()
    if state == B.EXPIRED:
        return errors.BillExpired()
    return errors.BillNotPayable()


def _bill_wrong_state(action: str, state: str) -> PaduError:
    if action == "pay":
        return _not_payable(state)
    if action == "record":
        return Conflict(
            _("The bill is %(status)s, so no payment can be recorded for it; escalate or write the line off.")
            % {"status": _status(state)},
            code="bill_not_payable",
        )
    if action == "cancel":
        return Conflict(
            _("Only an unpaid bill can be cancelled; this one is %(status)s.") % {"status": _status(state)},
            code="bill_not_cancellable",
        )
    if action == "reverse":
        return Conflict(_("A refunded bill cannot be reversed."), code="bill_not_reversible")
    if action in ("request_refund", "refund"):
        return Conflict(_("Only a paid bill can be refunded."), code="bill_not_refundable")
    return Conflict(code="transition_not_allowed")


def _refund_wrong_state(action: str, state: str) -> PaduError:
    return Conflict(_("This refund has already been decided."), code="refund_decided")


def _refund_reason_missing(transition: Transition) -> PaduError:
    return InvalidInput(
        _("Say why the refund is rejected."), code="reason_required", errors={"note": [_("Give a reason.")]}
    )


BILLS = transitions.Table(BILL_TRANSITIONS, transitions.Refusals(wrong_state=_bill_wrong_state))
REFUNDS = transitions.Table(
    REFUND_TRANSITIONS,
    transitions.Refusals(wrong_state=_refund_wrong_state, missing_reason=_refund_reason_missing),
)
