"""Work done after a payment commits, in the worker: the bill-paid handlers (hooks.py).

Each handler runs in its own task, so one failing never holds the others back. A failure
fails the task (its result keeps the traceback) and enqueues the next attempt, a minute
later where the backend can defer, up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskContext, task, task_backends

from padu.billing.hooks import bill_paid_handler, bill_paid_keys
from padu.billing.models import Bill, BillStatus

MAX_ATTEMPTS = 3
RETRY_DELAY = dt.timedelta(seconds=60)


def bill_paid_run(key: str, bill_id: int) -> bool:
    """Call one handler for a bill that is still paid; False when it is not (reversed since)."""
    handler = bill_paid_handler(key)
    if not Bill.objects.filter(pk=bill_id, status=BillStatus.PAID).exists():
        return False
    handler(bill_id)
    return True


@task(takes_context=True)
def bill_paid_handle(context: TaskContext, key: str, bill_id: int, attempt: int = 1) -> bool:
    try:
        return bill_paid_run(key, bill_id)
    except Exception:
        if attempt < MAX_ATTEMPTS:
            alias = context.task_result.backend
            retry = bill_paid_handle.using(backend=alias)
            if task_backends[alias].supports_defer:
                retry = retry.using(run_after=timezone.now() + RETRY_DELAY * attempt)
            retry.enqueue(key, bill_id, attempt + 1)
        raise


def bill_paid_enqueue(bill_id: int) -> None:
    """One task per registered handler; called once the payment has committed."""
    for key in bill_paid_keys():
        bill_paid_handle.enqueue(key, bill_id)
