"""Tenant isolation of notifications: a person's messages, an agency's outbox. (Their object
cases are in tests/isolation/cases.py.)"""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute, agency_api, mine, people_only
from tests.isolation.world import CITIZEN

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}


def _references(world: Any, side: str) -> list[str]:
    return [getattr(world, f"message_{who}").reference for who in (f"admin_{side}", CITIZEN[side])]


LIST: dict[str, list[ListCase]] = {
    "akun/pesan/": [mine("/akun/pesan/", "PESAN"), mine("/akun/pesan/", "PESAN", viewer="admin_{s}", label="staff")],
    "api/v1/me/messages": [mine("/api/v1/me/messages", "PESAN", "PESAN-ISI")],
    # Delivery status only (no subject): the side's messages are known by their references.
    "api/v1/agencies/<agency_id>/messages": [agency_api("/api/v1/agencies/{agency}/messages", rows=_references)],
}

NOT_LIST: dict[str, str] = {}

TOKEN_SCOPES: dict[str, TokenRoute] = {
    "GET api/v1/me/messages": people_only("a person's own messages", url=lambda w: "/api/v1/me/messages"),
    "POST api/v1/me/messages/<message_id>/read": people_only("a person's own messages"),
    "GET api/v1/agencies/<agency_id>/messages": people_only(
        "delivery status of the agency's messages (addresses): for its administrators"
    ),
}


def build(world: Any) -> None:
    """An in-app message to each side's admin and citizen, sent by the side's agency."""
    from padu.notify.models import Message
    from tests.isolation.world import SIDES, mark

    for s in SIDES:
        for who in (f"admin_{s}", CITIZEN[s]):
            message = Message.objects.create(
                recipient=getattr(world, who),
                channel="inapp",
                template_key="document.ready",
                language="id",
                subject=f"Dokumen siap {mark(s, 'PESAN')}",
                body=f"Untuk {mark(s, 'PESAN-ISI')}",
                agency=world.agency(s),
            )
            setattr(world, f"message_{who}", message)
