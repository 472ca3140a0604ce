"""The tamper-evident audit trail: write an event, verify the chains."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from padu.core.actors import Actor
from padu.core.db import lock_or_create
from padu.core.models import Agency, AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical(event: AuditEvent) -> bytes:
    body = {
        "chain": event.chain,
        "seq": event.seq,
        "created_at": event.created_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "agency_id": event.agency_id,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "changes": event.changes,
        "ip_address": event.ip_address,
        "user_agent": event.user_agent,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _plain(changes: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so the stored value hashes the same when read back.
    result: dict[str, Any] = json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder))
    return result


def audit_record(
    *,
    actor: Actor,
    verb: str,
    agency: Agency | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the agency's chain, in the caller's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    chain = agency.pk if agency is not None else 0
    with transaction.atomic():
        head = lock_or_create(AuditChainHead, chain=chain, defaults={"last_seq": 0, "last_hash": GENESIS})
        event = AuditEvent(
            chain=chain,
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor_id=actor.user_id,
            actor_label=actor.label[:200],
            agency_id=agency.pk if agency is not None else None,
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            changes=_plain(changes),
            ip_address=actor.ip_address,
            user_agent=actor.user_agent[:300],
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save()
        AuditChainHead.objects.filter(pk=head.pk).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass(frozen=True)
class AuditProblem:
    chain: int
    seq: int
    kind: str  # "edited", "inserted", "deleted"
    detail: str


def _chain_problems(chain: int, head: AuditChainHead | None) -> Iterator[AuditProblem]:
    expected_seq = 1
    prev_hash = GENESIS
    rows = AuditEvent.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000)
    for event in rows:
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                yield AuditProblem(
                    chain, event.seq, "deleted", f"rows {expected_seq}..{event.seq - 1} are missing before this row"
                )
            else:
                yield AuditProblem(chain, event.seq, "inserted", "sequence number repeats or goes backwards")
            return
        if event.prev_hash != prev_hash:
            yield AuditProblem(chain, event.seq, "inserted", "does not link to the row before it")
            return
        if compute_hash(event) != event.hash:
            yield AuditProblem(chain, event.seq, "edited", "content does not match its hash")
            return
        prev_hash = event.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        yield AuditProblem(
            chain, last_seq + 1, "deleted", f"the chain head says row {head.last_seq} is last, but {last_seq} is"
        )


def audit_verify() -> tuple[int, list[AuditProblem]]:
    """Walk every chain; return the number of rows checked and the first problem of each chain."""
    heads = {h.chain: h for h in AuditChainHead.objects.all()}
    chains = set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    problems: list[AuditProblem] = []
    for chain in sorted(chains):
        problems.extend(_chain_problems(chain, heads.get(chain)))
    return AuditEvent.objects.count(), problems
