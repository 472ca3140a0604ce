"""What happens elsewhere when a bill is paid.

Billing stands beside notify and below services, so it cannot call them. An upper layer
registers a handler under a key from its AppConfig.ready(). Once a payment commits, billing
enqueues one task per handler (padu.billing.tasks): the task looks the bill up again and, if
it is still paid, calls the handler with the bill's id. A task may run twice, so a handler
must be idempotent. A handler's error is not swallowed: its task fails (and is tried again).
"""

from __future__ import annotations

from collections.abc import Callable

PaidHandler = Callable[[int], None]
_handlers: dict[str, PaidHandler] = {}


def on_bill_paid(key: str, handler: PaidHandler) -> PaidHandler:
    """Register `handler` under `key` (registering it again changes nothing)."""
    registered = _handlers.get(key)
    if registered is not None and registered is not handler:
        raise ValueError(f"A bill-paid handler is already registered as {key!r}.")
    _handlers[key] = handler
    return handler


def bill_paid_keys() -> list[str]:
    return sorted(_handlers)


def bill_paid_handler(key: str) -> PaidHandler:
    try:
        return _handlers[key]
    except KeyError:
        raise LookupError(f"No bill-paid handler is registered as {key!r} in this process.") from None


def bill_paid_forget(key: str) -> None:
    """Unregister a handler (tests)."""
    _handlers.pop(key, None)
