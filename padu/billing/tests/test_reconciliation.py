"""Reconciliation of a channel's settlement statement against the payments Padu recorded."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from padu.billing.models import (
    BillStatus,
    Payment,
    Receipt,
    SettlementLine,
    SettlementStatement,
)
from padu.billing.reconciliation import (
    StatementInvalid,
    parse_amount,
    statement_line_resolve,
    statement_upload,
)
from padu.billing.reconciliation_selectors import allowed_actions, statement_for, statement_view
from padu.billing.services import payment_notify, payment_reverse
from padu.billing.tests.factories import make_bill, make_channel, make_revenue_agency, make_treasurer
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.models import AuditEvent
from padu.core.roles import Role
from tests.factories import actor_for, make_agency, make_staff, tiny_image, tiny_pdf

PDF = tiny_pdf()
PNG = tiny_image()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _today(agency) -> dt.date:
    return timezone.now().astimezone(ZoneInfo(agency.time_zone)).date()


def _csv(
    rows: list[list[str]], *, delimiter: str = ",", header: str = "reference,billing_code,amount,paid_at"
) -> bytes:
    lines = [header.replace(",", delimiter)] + [delimiter.join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _upload(agency, treasurer, channel, content: bytes, *, start=None, end=None, name="settlement.csv"):
    day = _today(agency)
    return statement_upload(
        actor=treasurer,
        agency=agency,
        channel=channel,
        upload=SimpleUploadedFile(name, content, content_type="text/csv"),
        period_start=start or day,
        period_end=end or day,
    )


@pytest.fixture
def books():
    """Four bills paid through the channel today, one unpaid bill, one reversed payment."""
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    paid = []
    for i, total in enumerate((150_000, 75_000, 20_000, 310_000), start=1):
        bill = make_bill(agency, treasurer, total=total, source_reference=f"RET/{i}")
        payment, _new = payment_notify(channel=channel, code=bill.code, amount=total, reference=f"BJB-{i:04d}")
        paid.append(payment)
    unpaid = make_bill(agency, treasurer, total=45_000, source_reference="RET/5")
    reversed_bill = make_bill(agency, treasurer, total=60_000, source_reference="RET/6")
    payment_notify(channel=channel, code=reversed_bill.code, amount=60_000, reference="BJB-0006")
    payment_reverse(channel=channel, reference="BJB-0006")
    return agency, treasurer, channel, paid, unpaid


def _statement_rows(agency, paid, unpaid) -> list[list[str]]:
    day = _today(agency).strftime("%d/%m/%Y")
    return [
        # Two that match exactly, the second matched by billing code under another reference.
        ["BJB-0001", paid[0].bill.code, "150000", f"{day} 09:12"],
        ["BJB-X-0002", paid[1].bill.code, "75.000", day],
        # The same payment as Padu's, with another amount.
        ["BJB-0003", paid[2].bill.code, "25000", f"{day} 10:00"],
        # Money the bank took for a bill Padu still shows unpaid (the notification never came).
        ["BJB-0005", unpaid.code, "45000", f"{day} 11:30"],
        # paid[3] (BJB-0004) is not in the statement.
    ]


def test_a_statement_with_one_missing_one_extra_and_one_mismatch(books):
    agency, treasurer, channel, paid, unpaid = books
    statement = _upload(agency, treasurer, channel, _csv(_statement_rows(agency, paid, unpaid)))

    view = statement_view(treasurer, statement.pk)
    assert [line.channel_reference for line in view.matched] == ["BJB-0001", "BJB-X-0002"]
    assert view.matched[1].detail == "matched_by_code"
    assert [(x.channel_reference, x.amount, x.padu_amount) for x in view.mismatched] == [("BJB-0003", 25_000, 20_000)]
    assert [(x.channel_reference, x.bill_id, x.payment_id) for x in view.missing_in_padu] == [
        ("BJB-0005", unpaid.pk, None)
    ]
    assert [(x.channel_reference, x.padu_amount, x.row_number) for x in view.missing_in_statement] == [
        ("BJB-0004", 310_000, None)
    ]
    # The reversed payment is in neither list: it no longer counts.
    assert not SettlementLine.objects.filter(channel_reference="BJB-0006").exists()
    statement.refresh_from_db()
    assert statement.line_count == 4
    assert statement.statement_total == 150_000 + 75_000 + 25_000 + 45_000
    assert statement.padu_total == 150_000 + 75_000 + 20_000 + 310_000
    assert (statement.matched_count, statement.problem_count, statement.open_count) == (2, 3, 3)
    assert statement.status == "open"
    assert statement.file.read().startswith(b"reference,billing_code")
    event = AuditEvent.objects.get(verb="settlement.uploaded")
    assert event.changes["problems"] == 3


def test_resolutions_are_audited_and_close_the_statement(books):
    agency, treasurer, channel, paid, unpaid = books
    statement = _upload(agency, treasurer, channel, _csv(_statement_rows(agency, paid, unpaid)))
    view = statement_view(treasurer, statement.pk)
    missing, extra, mismatch = view.missing_in_padu[0], view.missing_in_statement[0], view.mismatched[0]
    assert allowed_actions(missing) == ["recorded", "bank_error", "written_off", "escalated"]
    assert "recorded" not in allowed_actions(extra)

    # Recording the bank's payment needs the proof.
    with pytest.raises(InvalidInput) as refused:
        statement_line_resolve(actor=treasurer, line=missing, action="recorded", note="Dana masuk rekening kas")
    assert refused.value.code == "proof_required"
    assert not Payment.objects.filter(channel_reference="BJB-0005").exists()

    statement_line_resolve(
        actor=treasurer,
        line=missing,
        action="recorded",
        note="Dana masuk rekening kas daerah, lihat rekening koran",
        proof=SimpleUploadedFile("slip.pdf", PDF, content_type="application/pdf"),
    )
    unpaid.refresh_from_db()
    assert unpaid.status == BillStatus.PAID
    payment = Payment.objects.get(channel=channel, channel_reference="BJB-0005")
    assert payment.amount == 45_000 and Receipt.objects.filter(payment=payment).exists()
    missing.refresh_from_db()
    assert missing.resolution == "recorded" and missing.payment_id == payment.pk and missing.proof
    assert missing.resolved_by_id == treasurer.user_id and missing.resolved_at is not None

    statement_line_resolve(actor=treasurer, line=mismatch, action="escalated", note="Ditanyakan ke bank")
    mismatch.refresh_from_db()
    assert mismatch.is_open  # escalated stays open until settled
    statement_line_resolve(actor=treasurer, line=mismatch, action="bank_error", note="Bank mengoreksi nominal")
    statement_line_resolve(actor=treasurer, line=extra, action="written_off", note="Akan masuk settlement besok")

    statement.refresh_from_db()
    assert statement.status == "reconciled" and statement.open_count == 0
    events = AuditEvent.objects.filter(verb="settlement.line_resolved").order_by("seq")
    assert [e.changes["resolution"] for e in events] == ["recorded", "escalated", "bank_error", "written_off"]
    assert events[2].changes["previous"] == "escalated"
    assert {e.actor_id for e in events} == {treasurer.user_id}
    assert AuditEvent.objects.filter(verb="bill.paid", object_id=str(unpaid.pk)).count() == 1

    with pytest.raises(Conflict) as again:
        statement_line_resolve(actor=treasurer, line=extra, action="escalated", note="lagi")
    assert again.value.code == "line_resolved"


def test_resolving_needs_a_note_an_offered_action_and_the_treasurer(books):
    agency, treasurer, channel, paid, unpaid = books
    statement = _upload(agency, treasurer, channel, _csv(_statement_rows(agency, paid, unpaid)))
    view = statement_view(treasurer, statement.pk)
    extra = view.missing_in_statement[0]
    with pytest.raises(InvalidInput) as refused:
        statement_line_resolve(actor=treasurer, line=extra, action="recorded", note="  ")
    assert set(refused.value.errors) == {"action", "note"}
    with pytest.raises(Conflict):
        statement_line_resolve(actor=treasurer, line=view.matched[0], action="bank_error", note="x")

    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    with pytest.raises(Forbidden):
        statement_line_resolve(actor=admin, line=extra, action="written_off", note="bukan bendahara")
    with pytest.raises(Forbidden):
        statement_for(admin, statement.pk)
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    other_treasurer = actor_for(make_staff(other, Role.TREASURER))
    with pytest.raises(NotFound):
        statement_for(other_treasurer, statement.pk)
    extra.refresh_from_db()
    assert extra.resolution == "" and not AuditEvent.objects.filter(verb="settlement.line_resolved").exists()


def test_recording_refuses_a_bill_already_paid_or_another_amount(books):
    agency, treasurer, channel, paid, unpaid = books
    day = _today(agency).isoformat()
    rows = [["BJB-0009", unpaid.code, "40000", day]]
    statement = _upload(agency, treasurer, channel, _csv(rows))
    line = statement.lines.get(channel_reference="BJB-0009")
    proof = SimpleUploadedFile("slip.png", PNG, content_type="image/png")
    with pytest.raises(Conflict) as refused:
        statement_line_resolve(actor=treasurer, line=line, action="recorded", note="cek", proof=proof)
    assert refused.value.code == "amount_mismatch"
    unpaid.refresh_from_db()
    assert unpaid.status == BillStatus.UNPAID and not Payment.objects.filter(bill=unpaid).exists()


def test_bad_files_are_refused_with_clear_errors_and_nothing_recorded(books):
    agency, treasurer, channel, paid, unpaid = books
    day = _today(agency).isoformat()
    code = paid[0].bill.code

    def refused(content: bytes, **kw) -> StatementInvalid:
        with pytest.raises(StatementInvalid) as info:
            _upload(agency, treasurer, channel, content, **kw)
        return info.value

    wrong_header = refused(b"ref;kode;nominal\nA;1;2\n")
    assert "billing_code" in str(wrong_header.errors["file"][0]) and wrong_header.code == "statement_invalid"
    bad_amount = refused(_csv([["R1", code, "150000.50", day], ["R2", code, "-5", day]]))
    assert [str(m)[:6] for m in bad_amount.errors["file"]] == ["Row 2:", "Row 3:"]
    assert "amount" in str(bad_amount.errors["file"][0])
    split = refused(_csv([["R1", code, "150,50", day]]))
    assert "5 columns, the header has 4" in str(split.errors["file"][0])
    duplicate = refused(_csv([["R1", code, "150000", day], ["R1", code, "150000", day]]))
    assert "also on row 2" in str(duplicate.errors["file"][0])
    wrong_channel = refused(
        _csv([["R1", code, "150000", day, "pc_someoneelse"]], header="reference,billing_code,amount,paid_at,channel")
    )
    assert "pc_someoneelse" in str(wrong_channel.errors["file"][0])
    outside = refused(_csv([["R1", code, "150000", "2020-01-01"]]))
    assert "outside" in str(outside.errors["file"][0])
    bad_code = refused(_csv([["R1", "12345678901234", "150000", day]]))
    assert "billing code" in str(bad_code.errors["file"][0])
    too_large = refused(b"reference,billing_code,amount,paid_at\n" + b"x" * (5 * 1024 * 1024 + 1))
    assert "larger" in str(too_large.errors["file"][0])
    assert refused(b"").errors["file"]
    assert refused(b"\x00\x01binary").errors["file"]
    assert SettlementStatement.objects.count() == 0 and SettlementLine.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="settlement.uploaded").exists()


def test_semicolons_indonesian_headers_and_thousands_dots(books):
    agency, treasurer, channel, paid, unpaid = books
    day = _today(agency).strftime("%d/%m/%Y")
    content = "\ufeffReferensi;Kode Bayar;Jumlah;Waktu Bayar;Keterangan\n" + "\n".join(
        f"BJB-{i:04d};{p.bill.code};{p.amount:,};{day} 08:00;lunas".replace(",", ".") for i, p in enumerate(paid, 1)
    )
    statement = _upload(agency, treasurer, channel, content.encode())
    assert statement.matched_count == 4 and statement.problem_count == 0 and statement.status == "reconciled"


def test_the_same_file_or_an_overlapping_period_is_refused(books):
    agency, treasurer, channel, paid, unpaid = books
    content = _csv(_statement_rows(agency, paid, unpaid))
    _upload(agency, treasurer, channel, content)
    with pytest.raises(Conflict) as overlap:
        _upload(agency, treasurer, channel, content + b"\n")
    assert overlap.value.code == "statement_overlaps"
    assert SettlementStatement.objects.count() == 1


def test_only_the_treasurer_uploads_and_only_for_the_agencys_channel(books):
    agency, treasurer, channel, paid, unpaid = books
    content = _csv(_statement_rows(agency, paid, unpaid))
    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    with pytest.raises(Forbidden):
        _upload(agency, admin, channel, content)
    other = make_agency(name="Bapenda Lain", region="32.04.05.2002")
    other_treasurer = make_treasurer(other)
    with pytest.raises(InvalidInput) as refused:
        _upload(other, other_treasurer, channel, content)
    assert refused.value.code == "channel_not_agency"
    assert SettlementStatement.objects.count() == 0


def test_bad_periods_are_refused(books):
    agency, treasurer, channel, paid, unpaid = books
    day = _today(agency)
    with pytest.raises(InvalidInput) as refused:
        _upload(agency, treasurer, channel, b"x", start=day, end=day + dt.timedelta(days=1))
    assert refused.value.errors["period_end"]
    with pytest.raises(InvalidInput):
        _upload(agency, treasurer, channel, b"x", start=day - dt.timedelta(days=40), end=day)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("150000", 150_000),
        ("150.000", 150_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("150000.00", 150_000),
        ("1.500.000,00", 1_500_000),
        ("Rp 150.000", 150_000),
        ("150000.50", None),
        ("0", None),
        ("-100", None),
        ("15.00.000", None),
        ("abc", None),
    ],
)
def test_amounts_are_whole_rupiah(text, value):
    assert parse_amount(text) == value


def test_a_payment_already_in_an_earlier_statement_is_not_counted_twice():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    zone = ZoneInfo(agency.time_zone)
    day1, day2 = dt.date(2026, 11, 2), dt.date(2026, 11, 3)
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=zone), tick=False):
        bill = make_bill(agency, treasurer, total=150_000)
        payment, _new = payment_notify(channel=channel, code=bill.code, amount=150_000, reference="BJB-1")
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, 0, tzinfo=zone), tick=False):
        first = _upload(
            agency, treasurer, channel, _csv([["BJB-1", bill.code, "150000", "2026-11-02"]]), start=day1, end=day1
        )
        # The bank lists the same payment again in the next day's statement.
        second = _upload(
            agency, treasurer, channel, _csv([["BJB-1", bill.code, "150000", "2026-11-03"]]), start=day2, end=day2
        )
    assert first.matched_count == 1 and second.matched_count == 0
    again = second.lines.get()
    assert (again.result, again.detail, again.payment_id) == ("missing_in_padu", "in_earlier_statement", None)
    assert SettlementLine.objects.filter(payment=payment).count() == 1
