import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from padu.core.actors import OPERATOR
from padu.core.audit import audit_record, audit_verify
from padu.core.models import AuditEvent
from tests.factories import make_agency

pytestmark = pytest.mark.django_db


def _record_five(agency):
    for i in range(5):
        audit_record(actor=OPERATOR, verb="test.step", agency=agency, object_type="test", object_id=i, changes={"i": i})


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _row(agency, seq):
    return AuditEvent.objects.get(chain=agency.pk, seq=seq)


def test_an_untouched_trail_verifies():
    agency = make_agency()
    _record_five(agency)
    count, problems = audit_verify()
    assert problems == []
    assert count == 6  # agency.created + five steps
    call_command("audit", "verify")


def test_services_write_their_event_in_the_agencys_chain():
    agency = make_agency()
    event = AuditEvent.objects.get(chain=agency.pk, seq=1)
    assert event.verb == "agency.created"
    assert event.changes["name"] == agency.name
    assert event.prev_hash == "0" * 64


def test_an_edited_row_is_named():
    agency = make_agency()
    _record_five(agency)
    _raw("UPDATE core_auditevent SET verb = %s WHERE id = %s", ["test.forged", _row(agency, 3).pk])
    _, problems = audit_verify()
    assert [(p.chain, p.seq, p.kind) for p in problems] == [(agency.pk, 3, "edited")]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_a_deleted_row_is_named():
    agency = make_agency()
    _record_five(agency)
    _raw("DELETE FROM core_auditevent WHERE id = %s", [_row(agency, 4).pk])
    _, problems = audit_verify()
    assert [(p.seq, p.kind) for p in problems] == [(5, "deleted")]


def test_deleting_the_newest_row_is_caught_by_the_chain_head():
    agency = make_agency()
    _record_five(agency)
    _raw("DELETE FROM core_auditevent WHERE id = %s", [_row(agency, 6).pk])
    _, problems = audit_verify()
    assert [(p.seq, p.kind) for p in problems] == [(6, "deleted")]


def test_a_row_inserted_out_of_turn_is_named():
    agency = make_agency()
    _record_five(agency)
    # Shift rows 4..6 up by one and slip a forged row in at 4, hashed correctly but linked to nothing.
    for seq in (6, 5, 4):
        _raw("UPDATE core_auditevent SET seq = seq + 1 WHERE id = %s", [_row(agency, seq).pk])
    forged = _row(agency, 3)
    _raw(
        "INSERT INTO core_auditevent (chain, seq, created_at, actor_label, verb, object_type, object_id, changes,"
        " user_agent, prev_hash, hash) VALUES (%s, 4, %s, 'x', 'forged', '', '', '{}', '', %s, %s)",
        [agency.pk, forged.created_at, "f" * 64, "e" * 64],
    )
    _, problems = audit_verify()
    assert [(p.seq, p.kind) for p in problems] == [(4, "inserted")]


def test_audit_rows_refuse_to_change_through_the_orm():
    agency = make_agency()
    event = _row(agency, 1)
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
