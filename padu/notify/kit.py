"""What apps use to declare their notification kinds and to tell people.

- `declare(key, description, variables, id={...}, en={...})` (or `declare_kind(kind)`): an
  app's kind, idempotently (run from the function its manifest names in `notifications=`).
- `tell(person, key, context, agency=, obj=)`: one person, on the in-app inbox and by email
  unless other channels are given, in the caller's transaction (delivered after commit).
- `staff_of(agency_ids, roles)`: the agencies' active staff holding one of the roles, one
  membership per person, to tell each of them.
- `already_told(key, obj, since=)`: whether a kind was sent about an object since a moment,
  for a handler that may run twice.
- `language_of`, `in_language`, `local_date`: a recipient's language, a label and a date
  in it (dates in the agency's time zone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import formats, translation
from django.utils.functional import Promise

from padu.core.models import Agency, Membership
from padu.notify.models import Message
from padu.notify.services import notify
from padu.notify.templates_registry import NotificationKind, Text, registry

__all__ = [
    "CHANNELS",
    "NotificationKind",
    "Text",
    "already_told",
    "declare",
    "declare_kind",
    "in_language",
    "language_of",
    "local_date",
    "staff_of",
    "tell",
]

CHANNELS = ("inapp", "email")


def declare(key: str, description: str, variables: tuple[str, ...], **texts: dict[str, Text]) -> NotificationKind:
    """Declare a kind (texts by language, then channel); declaring it again changes nothing."""
    return registry.kind(key, description, variables, **texts)


def declare_kind(kind: NotificationKind) -> NotificationKind:
    """Declare a kind built beforehand (e.g. a module constant the sender refers to)."""
    return registry.declare(kind)


def language_of(person: Any) -> str:
    return getattr(person, "language", "id") or "id"


def in_language(label: str | Promise, language: str) -> str:
    with translation.override(language):
        return str(label)


def local_date(moment: dt.datetime | None, time_zone: str, language: str) -> str:
    """The day in the agency's time zone, the month named in the language: "27 November 2026"."""
    if moment is None:
        return ""
    with translation.override(language):
        return formats.date_format(moment.astimezone(ZoneInfo(time_zone)), "j F Y")


def tell(
    person: Any,
    key: str,
    context: dict[str, Any],
    *,
    agency: Agency | None = None,
    obj: models.Model | None = None,
    channels: Iterable[str] = CHANNELS,
) -> list[Message]:
    """Tell one person (their name and the agency's are added to the context). Called in the
    caller's transaction; nothing is sent if it rolls back."""
    return notify(recipient_user=person, channels=channels, key=key, context=context, agency=agency, obj=obj)


def staff_of(agency_ids: Iterable[int], roles: Iterable[str]) -> list[Membership]:
    """Active memberships of the agencies in the roles, the first (by id) of each person."""
    seen: set[int] = set()
    found = []
    for membership in (
        Membership.objects.filter(agency_id__in=list(agency_ids), role__in=list(roles), is_active=True)
        .select_related("user", "agency")
        .order_by("pk")
    ):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            found.append(membership)
    return found


def already_told(key: str, obj: models.Model, *, since: dt.datetime) -> bool:
    """Whether a message of this kind about `obj` was created at or after `since`."""
    return Message.objects.filter(
        template_key=key, object_type=obj._meta.label_lower, object_id=str(obj.pk), created_at__gte=since
    ).exists()
