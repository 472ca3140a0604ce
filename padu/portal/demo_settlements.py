"""Reconciliation and revenue-report demo for the regency revenue agency (Bapenda): two
weeks of paid levies and taxes on its demo channel, so the daily revenue chart has
something to show, and a settlement statement for the two days before today with matched
lines and one of each difference (missing in Padu, missing in the statement, amounts
differ), the last one already resolved.

Bills are issued and paid through the billing services. A channel may only report a
payment made within the last day, so each payment is made now and then dated back to its
day: the demo needs history that a fresh database cannot have. Idempotent: a second run
adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from padu.billing.models import Bill, Payment, PaymentChannel, Receipt, SettlementStatement
from padu.billing.reconciliation import statement_line_resolve, statement_upload
from padu.billing.services import LineInput, bill_create, payment_notify
from padu.core.actors import Actor
from padu.core.models import Agency, Membership
from padu.core.roles import Role
from padu.portal.demo_billing import CHANNELS

PREFIX = "DEMO-REV-"
DAYS = 14
# (account code, what, amount): the levies and taxes a regency revenue office takes.
ITEMS = [
    ("4.1.01.12.01.0001", "PBB-P2 pokok 2026", 185_000),
    ("4.1.02.01.05.0001", "Sewa kios Pasar Cileunyi", 300_000),
    ("4.1.02.01.01.0001", "Retribusi kebersihan", 25_000),
    ("4.1.01.09.01.0001", "Pajak reklame", 450_000),
    ("4.1.02.01.06.0001", "Retribusi parkir", 90_000),
    ("4.1.01.12.01.0001", "PBB-P2 pokok 2026", 412_000),
    ("4.1.02.01.05.0001", "Sewa kios Pasar Majalaya", 275_000),
]
PAYERS = ["Warung Sembako Berkah", "Pak Dadang", "Ibu Entin", "CV Maju Bersama", "Ibu Imas", "Toko Sinar Jaya"]
# Payments per day, oldest first: quieter at weekends, busier at the start of the month.
PER_DAY = [3, 1, 4, 2, 0, 2, 5, 3, 2, 1, 4, 3, 2, 3]


def _treasurer(agency: Agency) -> Actor:
    membership = Membership.objects.filter(agency=agency, role=Role.TREASURER).select_related("user").first()
    if membership is None:
        raise RuntimeError(f"the demo has no treasurer in {agency.slug}")
    return Actor(user=membership.user, ip_address="127.0.0.1")


def _date_back(payment: Payment, paid_at: dt.datetime) -> None:
    Payment.objects.filter(pk=payment.pk).update(paid_at=paid_at)
    Bill.objects.filter(pk=payment.bill_id).update(
        paid_at=paid_at, issued_at=paid_at - dt.timedelta(hours=2), status_changed_at=paid_at
    )
    Receipt.objects.filter(payment_id=payment.pk).update(issued_at=paid_at)


def _paid_history(agency: Agency, treasurer: Actor, channel: PaymentChannel, today: dt.date) -> list[Payment]:
    zone = ZoneInfo(agency.time_zone)
    payments: list[Payment] = []
    n = 0
    for back, count in zip(range(DAYS, 0, -1), PER_DAY, strict=True):
        day = today - dt.timedelta(days=back)
        for i in range(count):
            account, what, amount = ITEMS[n % len(ITEMS)]
            payer = PAYERS[n % len(PAYERS)]
            n += 1
            bill = bill_create(
                actor=treasurer,
                agency=agency,
                payer_kind="walk_in",
                payer_name=payer,
                source_kind="tax" if account.startswith("4.1.01") else "levy",
                source_reference=f"{PREFIX}{n:03d}",
                description=f"{what}, {payer}",
                lines=[LineInput(account, what, amount)],
                valid_days=30,
            )
            reference = f"BDB-{day:%Y%m%d}-{i + 1:03d}"
            payment, _new = payment_notify(channel=channel, code=bill.code, amount=amount, reference=reference)
            paid_at = dt.datetime.combine(day, dt.time(8 + (i * 2) % 8, 10 + (n * 7) % 45), tzinfo=zone)
            _date_back(payment, paid_at)
            payment.paid_at = paid_at
            payments.append(payment)
    return payments


def _statement(
    agency: Agency, treasurer: Actor, channel: PaymentChannel, payments: list[Payment], today: dt.date
) -> SettlementStatement:
    """The channel's statement for the two days before today, as a bank exports it."""
    zone = ZoneInfo(agency.time_zone)
    start, end = today - dt.timedelta(days=2), today - dt.timedelta(days=1)
    in_period = [p for p in payments if start <= p.paid_at.astimezone(zone).date() <= end]
    unlisted, mismatched = in_period[-1], in_period[0]
    extra = bill_create(
        actor=treasurer,
        agency=agency,
        payer_kind="walk_in",
        payer_name="Toko Sinar Jaya",
        source_kind="levy",
        source_reference=f"{PREFIX}X01",
        description="Sewa kios Pasar Cileunyi D-04, Toko Sinar Jaya",
        lines=[LineInput("4.1.02.01.05.0001", "Sewa kios Pasar Cileunyi D-04", 300_000)],
        valid_days=30,
    )
    rows = ["Referensi;Kode Bayar;Jumlah;Waktu Bayar;Keterangan"]
    for p in in_period:
        if p is unlisted:
            continue
        amount = p.amount - 5_000 if p is mismatched else p.amount
        rows.append(f"{p.channel_reference};{p.bill.code};{amount:,};{p.paid_at.astimezone(zone):%d/%m/%Y %H:%M};LUNAS")
    rows.append(f"BDB-{end:%Y%m%d}-901;{extra.code};300.000;{end:%d/%m/%Y} 14:05;LUNAS")
    content = "\r\n".join(rows).replace(",", ".").encode()
    statement = statement_upload(
        actor=treasurer,
        agency=agency,
        channel=channel,
        upload=SimpleUploadedFile(f"settlement-{start:%Y%m%d}-{end:%Y%m%d}.csv", content, content_type="text/csv"),
        period_start=start,
        period_end=end,
        statement_date=today,
    )
    mismatch_line = statement.lines.get(result="amount_mismatch")
    statement_line_resolve(
        actor=treasurer,
        line=mismatch_line,
        action="bank_error",
        note="Bank memotong biaya admin Rp5.000 dari setoran; bank mengoreksi pada settlement berikutnya.",
    )
    return statement


def seed_settlements(agencies: dict[str, Agency], say: Callable[[str], None]) -> int:
    """Paid history and one settlement statement for Bapenda's demo channel. Returns the
    payments created."""
    bapenda = agencies["bapenda-bandung"]
    channel = PaymentChannel.objects.filter(agency=bapenda, name=CHANNELS[bapenda.slug]["name"]).first()
    if channel is None:
        say("Reconciliation demo skipped: Bapenda has no demo payment channel.")
        return 0
    treasurer = _treasurer(bapenda)
    today = timezone.now().astimezone(ZoneInfo(bapenda.time_zone)).date()
    created = 0
    with transaction.atomic():
        if not Bill.objects.filter(agency=bapenda, source_reference__startswith=PREFIX).exists():
            payments = _paid_history(bapenda, treasurer, channel, today)
            created = len(payments)
            if not SettlementStatement.objects.filter(channel=channel).exists():
                _statement(bapenda, treasurer, channel, payments, today)
    statement = SettlementStatement.objects.filter(channel=channel).order_by("-pk").first()
    if statement is not None:
        say(
            f"\nReconciliation: {channel.name}, {statement.period_start:%d/%m/%Y}–{statement.period_end:%d/%m/%Y}: "
            f"{statement.matched_count} matched, {statement.open_count} differences open "
            f"(bendahara.bapenda@padu.test, /konsol/tagihan/rekonsiliasi/{statement.pk}/)."
        )
    return created
