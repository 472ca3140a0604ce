"""Delivery runs in the worker, after the transaction that created the message commits."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskContext, task, task_backends

from padu.notify.delivery import MAX_ATTEMPTS, message_deliver

RETRY_DELAY = dt.timedelta(seconds=60)


@task(takes_context=True)
def deliver_message(context: TaskContext, message_id: int, attempt: int = 1) -> str:
    """Try to deliver one message; on a passing failure enqueue the next attempt (at most
    MAX_ATTEMPTS), a minute later where the backend can defer."""
    outcome = message_deliver(message_id=message_id, attempt=attempt)
    if outcome == "retry" and attempt < MAX_ATTEMPTS:
        alias = context.task_result.backend
        retry = deliver_message.using(backend=alias)
        if task_backends[alias].supports_defer:
            retry = retry.using(run_after=timezone.now() + RETRY_DELAY * attempt)
        retry.enqueue(message_id, attempt + 1)
    return outcome
