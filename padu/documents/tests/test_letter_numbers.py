"""A letter number identifies one letter: (agency, number) is unique in the register, a clash
is a clear conflict that issues nothing, and an upgrade with old duplicates renames them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from padu.core.errors import Conflict
from padu.core.models import AuditEvent, NumberCounter
from padu.documents.models import IssuedDocument
from tests.factories import make_agency


def _row(agency, number: str, code: str, **kw) -> IssuedDocument:
    return IssuedDocument.objects.create(
        agency=agency,
        kind="sk",
        number=number,
        title="Surat Keterangan",
        pdf=f"documents/{agency.pk}/{code}.pdf",
        sha256="0" * 64,
        signer_name="Asep",
        signed_at=kw.pop("signed_at", timezone.now()),
        verification_code=code,
        **kw,
    )


@pytest.mark.django_db
def test_the_database_refuses_a_second_letter_with_the_same_number():
    village = make_agency()
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    _row(village, "001/400.12.2/DS-CKL/XI/2026", "a")
    # Another office may use the same number: its agenda is its own.
    _row(other, "001/400.12.2/DS-CKL/XI/2026", "b")
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(village, "001/400.12.2/DS-CKL/XI/2026", "c")
    assert IssuedDocument.objects.filter(agency=village).count() == 1


def test_a_number_given_twice_is_a_conflict_and_nothing_is_issued(issue, agency):
    first = issue()
    assert first.number.startswith("001/SKD/")
    # Someone set the counter back by hand: the next letter would print 001 again.
    NumberCounter.objects.filter(agency=agency, kind="@agenda").update(last=0)
    with pytest.raises(Conflict) as err:
        issue()
    assert err.value.code == "document_number_taken"
    assert first.number in str(err.value.message)
    assert IssuedDocument.objects.filter(agency=agency).count() == 1
    assert AuditEvent.objects.filter(verb="document.issued").count() == 1
    # The counter rolled back with the refused letter.
    assert NumberCounter.objects.get(agency=agency, kind="@agenda").last == 0


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_renames_letters_that_shared_a_number_in_signing_order():
    executor = MigrationExecutor(connection)
    before = [("documents", "0001_initial")]
    after = [("documents", "0002_unique_number")]
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        old = apps.get_model("documents", "IssuedDocument")
        agency = make_agency()
        t0 = dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC)
        for code, hours, number in (
            ("a", 2, "001/470/DS-CKL/XII/2026"),
            ("b", 0, "001/470/DS-CKL/XII/2026"),
            ("c", 1, "001/470/DS-CKL/XII/2026"),
            ("d", 3, "002/470/DS-CKL/XII/2026"),
        ):
            old.objects.create(
                agency_id=agency.pk,
                kind="sk",
                number=number,
                title="Surat",
                pdf=f"documents/{code}.pdf",
                sha256="0" * 64,
                signer_name="Asep",
                signed_at=t0 + dt.timedelta(hours=hours),
                verification_code=code,
            )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    numbers = dict(IssuedDocument.objects.values_list("verification_code", "number"))
    assert numbers == {
        "b": "001/470/DS-CKL/XII/2026",  # signed first: keeps the number
        "c": "001/470/DS-CKL/XII/2026 (2)",
        "a": "001/470/DS-CKL/XII/2026 (3)",
        "d": "002/470/DS-CKL/XII/2026",
    }


def test_peeking_at_the_next_number_takes_nothing(agency):
    from padu.core.numbering import number_peek

    when = dt.datetime(2026, 11, 27, 3, tzinfo=dt.UTC)
    assert number_peek(agency=agency, kind="sk_domisili", when=when) == "001/SKD/XI/2026"
    assert not NumberCounter.objects.filter(agency=agency).exists()
