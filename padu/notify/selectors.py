"""Reads: the caller's inbox, an agency's delivery log, template overrides, callback look-up."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency
from padu.core.selectors import agency_get_for
from padu.notify.models import Channel, Message, NotificationTemplate


def _person(actor: Actor) -> int:
    if actor.user_id is None:
        raise Forbidden(code="person_only")
    return actor.user_id


def my_messages(actor: Actor) -> QuerySet[Message]:
    """The actor's in-app messages, unread first, newest first."""
    return (
        Message.objects.filter(recipient_id=_person(actor), channel=Channel.INAPP)
        .select_related("agency")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")
    )


def my_message_get(actor: Actor, message_id: int) -> Message:
    """One of the actor's in-app messages; someone else's is simply not found."""
    message = my_messages(actor).filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("Message not found."), code="message_not_found")
    return message


def my_unread_count(actor: Actor) -> int:
    return my_messages(actor).filter(read_at__isnull=True).count()


def agency_messages(actor: Actor, agency_id: int) -> QuerySet[Message]:
    """Delivery status of the messages an agency sent: for its administrators."""
    agency = agency_get_for(actor, agency_id, manage=True)
    return Message.objects.filter(agency=agency).order_by("-created_at", "-pk")


def message_by_reference(*, channel: str, reference: str) -> Message:
    """For gateway callbacks (authenticated by signature, not by an actor)."""
    message = Message.objects.filter(channel=channel, reference=reference).first()
    if message is None:
        raise NotFound(_("Message not found."), code="message_not_found")
    return message


def template_override(*, key: str, language: str, channel: str, agency: Agency | None) -> NotificationTemplate | None:
    """The agency's own text, else the installation's, else None (use the code default)."""
    qs = NotificationTemplate.objects.filter(key=key, language=language, channel=channel)
    if agency is not None:
        own = qs.filter(agency=agency).first()
        if own is not None:
            return own
    return qs.filter(agency__isnull=True).first()
