"""One delivery attempt of one message, run by the delivery task (padu.notify.tasks)."""

from __future__ import annotations

import logging

from django.utils import timezone

from padu.notify.channels import ADAPTERS, DeliveryError
from padu.notify.models import Message, Status

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def message_deliver(*, message_id: int, attempt: int) -> str:
    """One delivery attempt; returns "sent", "retry", "failed" or "skipped".

    Idempotent: the attempt is claimed by moving `attempts` from attempt-1 to attempt on a
    queued message, so a repeated task (or one for a sent message) does nothing."""
    claimed = Message.objects.filter(pk=message_id, status=Status.QUEUED, attempts=attempt - 1).update(attempts=attempt)
    if not claimed:
        return "skipped"
    message = Message.objects.select_related("agency").get(pk=message_id)
    try:
        provider_id = ADAPTERS[message.channel](message)
    except DeliveryError as exc:
        final = exc.permanent or attempt >= MAX_ATTEMPTS
        Message.objects.filter(pk=message_id, status=Status.QUEUED).update(
            status=Status.FAILED if final else Status.QUEUED, error=str(exc)[:4000]
        )
        log.warning("Notification %s attempt %s failed: %s", message.reference, attempt, exc)
        return "failed" if final else "retry"
    Message.objects.filter(pk=message_id, status=Status.QUEUED).update(
        status=Status.SENT, sent_at=timezone.now(), provider_message_id=provider_id, error=""
    )
    return "sent"
