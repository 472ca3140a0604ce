"""Known answers for the audit hash chain (padu/core/audit.py, docs/decisions/0003).

Each event's hash is SHA-256 over a canonical JSON of its fields: every field but `id` and
`hash` itself, keys sorted at every level, no spaces (`,` and `:`), text as UTF-8 rather than
`\\u` escapes, `created_at` in UTC in ISO 8601. The expected canonical text is written out by
hand below and hashed here with hashlib; nothing calls the code under test to work out what
it should produce.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from padu.core.actors import Actor
from padu.core.audit import GENESIS, audit_record, audit_verify, compute_hash
from padu.core.models import AuditEvent
from tests.factories import make_agency, make_user

PREV = "ab" * 32

# 08:30 in Jakarta (WIB, UTC+7) is 01:30 UTC.
FIXED: dict[str, Any] = {
    "chain": 7,
    "seq": 3,
    "created_at": dt.datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("Asia/Jakarta")),
    "actor_id": 42,
    "actor_label": "Dédi Verifikator",
    "agency_id": 7,
    "verb": "complaint.verified",
    "object_type": "complaints.complaint",
    "object_id": "15",
    "changes": {"status": {"to": "verified", "from": "submitted"}, "catatan": "Sudah dicek ✓"},
    "ip_address": "10.1.2.3",
    "user_agent": "Mozilla/5.0 (Linux; Android 10)",
    "prev_hash": PREV,
}

# The canonical form of FIXED, by hand: keys in sorted order (actor_id, actor_label, agency_id,
# chain, changes, created_at, ip_address, object_id, object_type, prev_hash, seq, user_agent,
# verb; inside `changes` too), no whitespace, "é" and "✓" as themselves.
CANONICAL = (
    '{"actor_id":42,"actor_label":"Dédi Verifikator","agency_id":7,"chain":7,'
    '"changes":{"catatan":"Sudah dicek ✓","status":{"from":"submitted","to":"verified"}},'
    '"created_at":"2026-03-09T01:30:00+00:00","ip_address":"10.1.2.3","object_id":"15",'
    '"object_type":"complaints.complaint","prev_hash":"' + PREV + '","seq":3,'
    '"user_agent":"Mozilla/5.0 (Linux; Android 10)","verb":"complaint.verified"}'
)
# sha256 of CANONICAL's UTF-8 bytes, computed once with hashlib and written down.
KNOWN_HASH = "e381f338d20257460bf05b0f7063d250ae2a0faf2184b735c524b0b02a3ae024"

# Each field the hash covers, with a different value for it.
CHANGED: dict[str, Any] = {
    "chain": 8,
    "seq": 4,
    "created_at": FIXED["created_at"] + dt.timedelta(microseconds=1),
    "actor_id": 43,
    "actor_label": "Dedi Verifikator",
    "agency_id": 8,
    "verb": "complaint.rejected",
    "object_type": "complaints.message",
    "object_id": "16",
    "changes": {"status": {"to": "rejected", "from": "submitted"}, "catatan": "Sudah dicek ✓"},
    "ip_address": "10.1.2.4",
    "user_agent": "Mozilla/5.0 (Linux; Android 11)",
    "prev_hash": "cd" * 32,
}


def test_the_hash_covers_every_stored_field_but_its_own():
    stored = {f.attname for f in AuditEvent._meta.concrete_fields} - {"id", "hash"}
    assert stored == set(FIXED) == set(CHANGED)


def test_the_canonical_text_hashes_to_the_written_down_value():
    assert hashlib.sha256(CANONICAL.encode("utf-8")).hexdigest() == KNOWN_HASH


def test_a_fixed_event_hashes_to_the_known_answer():
    assert compute_hash(AuditEvent(**FIXED)) == KNOWN_HASH


@pytest.mark.parametrize("field", sorted(CHANGED))
def test_changing_any_covered_field_changes_the_hash(field):
    changed = compute_hash(AuditEvent(**{**FIXED, field: CHANGED[field]}))
    assert changed != compute_hash(AuditEvent(**FIXED)), f"the hash ignores {field}"
    assert changed != KNOWN_HASH


def test_the_same_instant_in_another_time_zone_hashes_the_same():
    utc = FIXED["created_at"].astimezone(dt.UTC)
    assert compute_hash(AuditEvent(**{**FIXED, "created_at": utc})) == KNOWN_HASH


@pytest.mark.django_db
def test_a_recorded_event_is_hashed_by_the_documented_form_and_links_to_the_one_before():
    moment = dt.datetime(2026, 3, 9, 1, 30, 15, 250000, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        agency = make_agency()
        clerk = make_user(email="dedi@example.id", full_name="Dédi Verifikator")
        actor = Actor(user=clerk, ip_address="10.1.2.3", user_agent="Mozilla/5.0 (Linux; Android 10)")
        event = audit_record(
            actor=actor,
            verb="complaint.verified",
            agency=agency,
            object_type="complaints.complaint",
            object_id=15,
            changes={"status": "verified", "on": dt.date(2026, 3, 9), "amount": 1250000},
        )
    first = AuditEvent.objects.get(chain=agency.pk, seq=1)
    assert first.prev_hash == GENESIS == "0" * 64
    # The label is the person's name; the date is kept as ISO text (as DjangoJSONEncoder writes it).
    canonical = (
        f'{{"actor_id":{clerk.pk},"actor_label":"Dédi Verifikator","agency_id":{agency.pk},"chain":{agency.pk},'
        '"changes":{"amount":1250000,"on":"2026-03-09","status":"verified"},'
        '"created_at":"2026-03-09T01:30:15.250000+00:00","ip_address":"10.1.2.3","object_id":"15",'
        f'"object_type":"complaints.complaint","prev_hash":"{first.hash}","seq":2,'
        '"user_agent":"Mozilla/5.0 (Linux; Android 10)","verb":"complaint.verified"}'
    )
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert event.hash == expected
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.prev_hash, stored.hash) == (2, first.hash, expected)
    assert compute_hash(stored) == expected  # read back from the database, it hashes the same


# ---- `padu audit verify` catches an edit of any covered field ----

EDITS: dict[str, Any] = {
    "chain": None,  # filled in per test: moved into another agency's chain
    "seq": 99,
    "created_at": dt.datetime(2026, 3, 9, 1, 30, 16, tzinfo=dt.UTC),
    "actor_id": 999_999,
    "actor_label": "Orang Lain",
    "agency_id": 999_999,
    "verb": "test.forged",
    "object_type": "test.other",
    "object_id": "999",
    "changes": {"i": 99},
    "ip_address": "192.0.2.66",
    "user_agent": "forged/1.0",
    "prev_hash": "f" * 64,
}


def test_the_edits_cover_every_field_the_hash_covers():
    assert set(EDITS) == set(FIXED)


@pytest.mark.django_db
@pytest.mark.parametrize("field", sorted(EDITS))
def test_audit_verify_catches_an_edit_of_each_field(field):
    moment = dt.datetime(2026, 3, 9, 1, 30, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        agency = make_agency()
        clerk = make_user(full_name="Dedi Verifikator")
        actor = Actor(user=clerk, ip_address="10.1.2.3", user_agent="Mozilla/5.0")
        for i in range(5):
            audit_record(
                actor=actor, verb="test.step", agency=agency, object_type="test", object_id=i, changes={"i": i}
            )
    assert audit_verify()[1] == []
    call_command("audit", "verify", stdout=io.StringIO())

    row = AuditEvent.objects.filter(chain=agency.pk, seq=3)
    value = agency.pk + 1000 if field == "chain" else EDITS[field]
    assert row.values_list(field, flat=True).get() != value
    # QuerySet.update writes straight to the table, past AuditEvent.save()'s guard, as a
    # forger with database access would.
    assert row.update(**{field: value}) == 1

    _, problems = audit_verify()
    assert problems, f"an edit of {field} went unnoticed"
    if field in ("chain", "seq", "prev_hash"):
        # Caught by the chain's order and links as well as by the hash.
        assert agency.pk in {p.chain for p in problems}
    else:
        assert [(p.chain, p.seq, p.kind) for p in problems] == [(agency.pk, 3, "edited")]
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=io.StringIO(), stderr=errors)
    assert f"chain {problems[0].chain}, row {problems[0].seq}" in errors.getvalue()
