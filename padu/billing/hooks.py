"""What happens elsewhere when a bill is paid.

Billing stands beside notify and below services, so it cannot call them. An upper layer
registers a callback from its AppConfig.ready(); billing calls each one after the payment
commits, with the bill's id only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

PaidCallback = Callable[[int], None]
_on_paid: list[PaidCallback] = []


def on_bill_paid(callback: PaidCallback) -> PaidCallback:
    if callback not in _on_paid:
        _on_paid.append(callback)
    return callback


def bill_paid_fire(bill_id: int) -> None:
    for callback in list(_on_paid):
        try:
            callback(bill_id)
        except Exception:  # a notice failing never undoes a committed payment
            logger.exception("bill-paid callback %r failed for bill %s", callback, bill_id)
