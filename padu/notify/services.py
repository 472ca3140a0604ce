"""Writes: create notifications in the caller's transaction (delivered by padu.notify.tasks
after commit), record what gateways report, mark messages read."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lokal import normalize_phone

from padu.core.actors import Actor
from padu.core.errors import Conflict, InvalidInput
from padu.core.models import Agency
from padu.notify.models import Channel, Message, Status
from padu.notify.rendering import TemplateSyntaxProblem, render_text
from padu.notify.selectors import template_override
from padu.notify.tasks import deliver_message
from padu.notify.templates_registry import registry

log = logging.getLogger(__name__)

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _language(language: str | None, user: Any) -> str:
    value = (language or getattr(user, "language", "") or settings.LANGUAGE_CODE or "id").lower()[:2]
    return value if value in _LANGUAGES else "id"


def _phone(value: str) -> str:
    value = value.strip()
    if _E164.match(value):
        return value
    return normalize_phone(value) or ""


def _address_for(channel: str, address: str | None, user: Any) -> str:
    if channel == Channel.INAPP:
        return ""
    if channel == Channel.EMAIL:
        if address and "@" in address:
            return address.strip()
        return (getattr(user, "email", None) or "").strip()
    if address and "@" not in address:
        return _phone(address)
    return _phone(getattr(user, "phone", None) or "")


def _render(key: str, language: str, channel: str, context: dict[str, Any], agency: Agency | None) -> tuple[str, str]:
    text = registry.get(key).text(language, channel)
    subject, body = text.subject, text.body
    override = template_override(key=key, language=language, channel=channel, agency=agency)
    with translation.override(language):
        if override is not None:
            try:
                return render_text(override.subject, context)[:250], render_text(override.body, context)
            except TemplateSyntaxProblem:
                log.warning("Broken notification template override #%s; using the default text", override.pk)
        return render_text(subject, context)[:250], render_text(body, context)


def _enqueue(message_id: int) -> None:
    deliver_message.enqueue(message_id)


def notify(
    *,
    recipient_user: Any = None,
    address: str | None = None,
    channels: Iterable[str],
    key: str,
    context: dict[str, Any],
    agency: Agency | None = None,
    obj: models.Model | None = None,
    language: str | None = None,
) -> list[Message]:
    """Create one message per channel in the caller's transaction; each is delivered by a
    task after commit (nothing is sent if the caller rolls back). A channel the recipient
    has no address for is recorded as failed, never silently dropped."""
    if key not in registry:
        raise InvalidInput(_("Unknown notification."), code="notification_key_unknown")
    channels = list(dict.fromkeys(str(c) for c in channels))
    if not channels or any(c not in Channel.values for c in channels):
        raise InvalidInput(_("Unknown notification channel."), code="notification_channel_invalid")
    if recipient_user is None and not address:
        raise InvalidInput(_("A notification needs a recipient."), code="notification_recipient_missing")
    if Channel.INAPP in channels and recipient_user is None:
        raise InvalidInput(_("In-app messages need a user account."), code="notification_recipient_missing")
    lang = _language(language, recipient_user)
    ctx = dict(context)
    if agency is not None:
        ctx.setdefault("agency", agency.name)
    if recipient_user is not None:
        ctx.setdefault("name", str(recipient_user))
    created: list[Message] = []
    with transaction.atomic():
        for channel in channels:
            subject, body = _render(key, lang, channel, ctx, agency)
            to = _address_for(channel, address, recipient_user)
            message = Message(
                recipient=recipient_user,
                address=to,
                channel=channel,
                template_key=key,
                language=lang,
                subject=subject,
                body=body,
                agency=agency,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
            )
            if channel != Channel.INAPP and not to:
                message.status = Status.FAILED
                message.error = (
                    "No email address for the recipient"
                    if channel == Channel.EMAIL
                    else "No valid phone number for the recipient"
                )
                message.save()
            else:
                message.save()
                transaction.on_commit(partial(_enqueue, message.pk))
            created.append(message)
    return created


@transaction.atomic
def message_mark_read(*, actor: Actor, message: Message) -> Message:
    """Mark the actor's own in-app message read (the selector has checked ownership)."""
    if message.recipient_id != actor.user_id:
        raise Conflict(code="message_not_yours")
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


@transaction.atomic
def message_status_update(*, message: Message, status: str, error: str = "") -> Message:
    """A gateway reports the fate of a message it accepted."""
    if status == Status.DELIVERED:
        if message.status != Status.DELIVERED:
            message.status = Status.DELIVERED
            message.delivered_at = timezone.now()
            message.error = ""
    elif status == Status.FAILED:
        if message.status == Status.DELIVERED:
            raise Conflict(_("The message was already delivered."), code="message_already_delivered")
        message.status = Status.FAILED
        message.error = (error or "Reported failed by the gateway")[:4000]
    else:
        raise InvalidInput(code="message_status_invalid")
    message.save(update_fields=["status", "delivered_at", "error"])
    return message
