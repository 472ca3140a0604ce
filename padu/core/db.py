"""Small database helpers shared by the kernel's services."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

M = TypeVar("M", bound=models.Model)


def lock_or_create(model: type[M], defaults: dict[str, Any] | None = None, **keys: Any) -> M:
    """Return the row with `keys`, locked for this transaction, creating it if absent.

    Two transactions racing to create the same row both end up holding the one row:
    the loser's insert fails on the unique constraint inside a savepoint and it locks
    the winner's row instead.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_or_create must run inside a transaction")
    row = model._default_manager.select_for_update().filter(**keys).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return model._default_manager.create(**keys, **(defaults or {}))
    except IntegrityError:
        return model._default_manager.select_for_update().get(**keys)
