"""The billing demo (its manifest's seeder): payment channels for the regency revenue agency
(Bapenda), the village and the district office; bills in every state; two weeks of Bapenda's
paid levies and taxes, so the daily revenue chart has something to show; and a settlement
statement for the two days before today with matched lines and one of each difference
(missing in Padu, missing in the statement, amounts differ), the last one already resolved.
The service fee bills come with their applications from the services demo
(padu.services.demo.fees), which pays through `demo_channel`.

Bills are issued and paid through the billing services. A channel may only report a payment
made within the last day, so each payment of the history is made now and then dated back to
its day: the demo needs history that a fresh database cannot have. Idempotent: a second run
adds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from padu.billing.models import Bill, BillStatus, Payment, PaymentChannel, Receipt, SettlementStatement
from padu.billing.reconciliation import statement_line_resolve, statement_upload
from padu.billing.services import (
    LineInput,
    bill_cancel,
    bill_create,
    bills_expire,
    channel_register,
    channel_secret,
    payment_notify,
    refund_decide,
    refund_request,
)
from padu.core.actors import OPERATOR, Actor
from padu.core.manifest import DemoContext
from padu.core.models import Agency, Membership
from padu.core.roles import Role
from padu.core.services import membership_grant

DEMO_REFERENCE = "DEMO-"
# A second Bapenda officer who approves refunds (four eyes); printed with the channels.
BAPENDA_HEAD = ("kaban.bapenda@padu.test", "Drs. Asep Sunandar", "Kepala Bapenda")

# As a regional development bank's (BPD) letter would give them: its GUI, a merchant PAN in the
# national number space (9360, the bank's institution code 0110, a Luhn check digit), the
# merchant ID it assigned, the criteria and the NMID from the national repository.
CHANNELS: dict[str, dict[str, str]] = {
    "bapenda-bandung": {
        "name": "Bank Daerah (QRIS dan teller)",
        "kind": "qris",
        "qris_acquirer_gui": "ID.CO.BANKBPD.WWW",
        "qris_merchant_pan": "9360011000000000014",
        "qris_merchant_id": "BAPENDA0000001",
        "qris_merchant_criteria": "UBE",
        "qris_nmid": "ID1026000000001",
        # ISO 18245 9311: tax payments.
        "qris_mcc": "9311",
        "merchant_name": "BAPENDA KAB BANDUNG",
        "merchant_city": "SOREANG",
        "merchant_postal_code": "40911",
    },
    "kecamatan-cileunyi": {
        "name": "QRIS Kecamatan Cileunyi",
        "kind": "qris",
        "qris_acquirer_gui": "ID.CO.BANKBPD.WWW",
        "qris_merchant_pan": "9360011000000000022",
        "qris_merchant_id": "KECCILEUNYI0001",
        "qris_merchant_criteria": "UBE",
        "qris_nmid": "ID1026000000003",
        "qris_mcc": "9399",
        "merchant_name": "KECAMATAN CILEUNYI",
        "merchant_city": "CILEUNYI",
        "merchant_postal_code": "40622",
    },
    "desa-cileunyi-kulon": {
        "name": "QRIS Desa Cileunyi Kulon",
        "kind": "qris",
        "qris_acquirer_gui": "ID.CO.BANKBPD.WWW",
        "qris_merchant_pan": "9360011000000000030",
        "qris_merchant_id": "DSCILEUNYIKL001",
        "qris_merchant_criteria": "UBE",
        "qris_nmid": "ID1026000000002",
        "qris_mcc": "9399",
        "merchant_name": "DESA CILEUNYI KULON",
        "merchant_city": "CILEUNYI",
        "merchant_postal_code": "40622",
    },
}

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


def demo_channel(agency: Agency) -> PaymentChannel:
    """The agency's demo payment channel (CHANNELS), registered by its treasurer the first time."""
    spec = CHANNELS[agency.slug]
    found = PaymentChannel.objects.filter(agency=agency, name=spec["name"]).first()
    if found is not None:
        return found
    channel, _secret = channel_register(actor=_treasurer(agency), agency=agency, **spec)
    return channel


def say_channel(channel: PaymentChannel, say: Callable[[str], None]) -> None:
    """A channel's demo credentials and, while it has an unpaid bill, how to pay that bill
    with `padu bank-simulator`."""
    site = settings.PADU_SITE_URL.rstrip("/")
    unpaid = (
        Bill.objects.filter(agency=channel.agency, status=BillStatus.UNPAID, expires_at__gt=timezone.now())
        .order_by("issued_at")
        .first()
    )
    say(f"  {channel.agency.name}: {channel.name}")
    say(f"    client id {channel.client_id}   secret {channel_secret(channel)}")
    if unpaid is not None:
        say(
            f"    padu bank-simulator --url {site} --client-id {channel.client_id} "
            f"--secret={channel_secret(channel)} --code {unpaid.code}"
        )
        say(f"    bill page: {site}/bayar/{unpaid.code}/")


def _treasurer(agency: Agency) -> Actor:
    membership = Membership.objects.filter(agency=agency, role=Role.TREASURER).select_related("user").first()
    if membership is None:  # the district office has no treasurer among the demo staff
        return OPERATOR
    return Actor(user=membership.user, ip_address="127.0.0.1")


def _bapenda_head(agency: Agency) -> Actor:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from padu.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    email, name, position = BAPENDA_HEAD
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    if user is None:
        user = user_model.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
    membership_grant(actor=OPERATOR, agency=agency, user=user, role=Role.AGENCY_ADMIN, position=position)
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return Actor(user=user, ip_address="127.0.0.1")


def _levy(treasurer: Actor, agency: Agency, ref: str, payer: str, what: str, lines: list[LineInput], **kw: Any) -> Bill:
    return bill_create(
        actor=treasurer,
        agency=agency,
        payer_kind=kw.pop("payer_kind", "walk_in"),
        payer_name=payer,
        source_kind=kw.pop("source_kind", "levy"),
        source_reference=DEMO_REFERENCE + ref,
        description=what,
        lines=lines,
        **kw,
    )


def _pay(channel: PaymentChannel, bill: Bill, reference: str) -> None:
    payment_notify(channel=channel, code=bill.code, amount=bill.total, reference=reference)


def _bapenda_bills(agency: Agency, treasurer: Actor, head: Actor, channel: PaymentChannel) -> int:
    if Bill.objects.filter(agency=agency, source_reference__startswith=DEMO_REFERENCE).exists():
        return 0
    user_model = get_user_model()
    budi = user_model.objects.get(email="budi@padu.test")
    ratna = user_model.objects.get(email="ratna@padu.test")
    # Unpaid, payable with the billing code or the QRIS code.
    _levy(
        treasurer,
        agency,
        "PBB-2026-0001",
        budi.full_name,
        "PBB-P2 tahun 2026, NOP 32.04.050.001.012-0045.0",
        [LineInput("4.1.01.12.01.0001", "PBB-P2 pokok 2026", 385_000)],
        payer_kind="citizen",
        payer_user_id=budi.pk,
        source_kind="tax",
        valid_days=30,
    )
    _levy(
        treasurer,
        agency,
        "RET-PSR-B12",
        "Warung Sembako Berkah",
        "Retribusi pasar Kios B-12 Pasar Cileunyi, November 2026",
        [
            LineInput("4.1.02.01.05.0001", "Sewa kios B-12", 300_000),
            LineInput("4.1.02.01.01.0001", "Retribusi kebersihan", 25_000),
        ],
        valid_days=14,
    )
    # Paid, with their receipts.
    paid = _levy(
        treasurer,
        agency,
        "PBB-2026-0002",
        ratna.full_name,
        "PBB-P2 tahun 2026, NOP 32.04.050.002.007-0112.0",
        [LineInput("4.1.01.12.01.0001", "PBB-P2 pokok 2026", 212_500)],
        payer_kind="citizen",
        payer_user_id=ratna.pk,
        source_kind="tax",
    )
    _pay(channel, paid, "BDB-TLR-000101")
    reklame = _levy(
        treasurer,
        agency,
        "RKL-2026-0007",
        "CV Maju Bersama",
        "Pajak reklame papan nama 2 x 1 m, Jl. Raya Cileunyi",
        [LineInput("4.1.01.09.01.0001", "Pajak reklame 2026", 450_000)],
        source_kind="tax",
    )
    _pay(channel, reklame, "QRIS-20261127-8812")
    # Expired unpaid.
    late = _levy(
        treasurer,
        agency,
        "RET-PSR-C03",
        "Pak Dadang",
        "Retribusi pasar Kios C-03 Pasar Cileunyi, Oktober 2026",
        [LineInput("4.1.02.01.05.0001", "Sewa kios C-03", 275_000)],
        valid_days=1,
    )
    Bill.objects.filter(pk=late.pk).update(expires_at=timezone.now() - dt.timedelta(days=2))
    bills_expire()
    # Cancelled, with its reason.
    wrong = _levy(
        treasurer,
        agency,
        "RET-PKR-0031",
        "Ibu Entin",
        "Retribusi parkir tepi jalan, Oktober 2026",
        [LineInput("4.1.02.01.06.0001", "Retribusi parkir", 90_000)],
    )
    bill_cancel(actor=treasurer, bill=wrong, reason="Nominal salah; diterbitkan ulang dengan tarif Perda yang baru")
    # Paid twice at the counter and over QRIS: refunded after a second person's approval.
    double = _levy(
        treasurer,
        agency,
        "RET-PSR-A07",
        "Ibu Imas",
        "Retribusi pasar Kios A-07 Pasar Cileunyi, November 2026",
        [LineInput("4.1.02.01.05.0001", "Sewa kios A-07", 150_000)],
    )
    _pay(channel, double, "BDB-TLR-000102")
    refund = refund_request(actor=treasurer, bill=double, reason="Dibayar dua kali: tunai di loket dan QRIS")
    refund_decide(actor=head, refund=refund, approve=True, note="Bukti setor tunai diperiksa")
    return Bill.objects.filter(agency=agency, source_reference__startswith=DEMO_REFERENCE).count()


def _village_bills(village: Agency, treasurer: Actor, channel: PaymentChannel) -> int:
    if Bill.objects.filter(agency=village, source_reference__startswith=DEMO_REFERENCE).exists():
        return 0
    _levy(
        treasurer,
        village,
        "TKD-2026-03",
        "Bapak Karna",
        "Sewa tanah kas desa blok Sawah Lega, tahun 2026",
        [LineInput("4.1.04.03.01.0001", "Sewa tanah kas desa", 1_200_000)],
        valid_days=30,
    )
    paid = _levy(
        treasurer,
        village,
        "BUMDES-2026-11",
        "Ibu Cucu",
        "Sewa balai desa untuk hajatan, 14 November 2026",
        [LineInput("4.1.04.03.02.0001", "Sewa balai desa", 250_000)],
    )
    _pay(channel, paid, "QRIS-20261114-0007")
    return 2


def _seed_bills(agencies: dict[str, Agency], say: Callable[[str], None]) -> int:
    """Channels and bills in every state. Returns the bills created."""
    bapenda = agencies["bapenda-bandung"]
    village = agencies["desa-cileunyi-kulon"]
    district = agencies["kecamatan-cileunyi"]
    with transaction.atomic():
        bapenda_treasurer = _treasurer(bapenda)
        village_treasurer = _treasurer(village)
        head = _bapenda_head(bapenda)
        bapenda_channel = demo_channel(bapenda)
        village_channel = demo_channel(village)
        district_channel = demo_channel(district)
        created = _bapenda_bills(bapenda, bapenda_treasurer, head, bapenda_channel)
        created += _village_bills(village, village_treasurer, village_channel)
    say("\nE-billing: payment channels for `padu bank-simulator` (demo secrets; never print real ones):")
    for channel in (bapenda_channel, village_channel, district_channel):
        say_channel(channel, say)
    email, _name, position = BAPENDA_HEAD
    say(f"  Refund approver: {email} ({position}, bapenda-bandung) [2FA]")
    return created


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


def _seed_settlements(agencies: dict[str, Agency], say: Callable[[str], None]) -> int:
    """Paid history and one settlement statement for Bapenda's demo channel. Returns the
    payments created."""
    bapenda = agencies["bapenda-bandung"]
    channel = PaymentChannel.objects.filter(agency=bapenda, name=CHANNELS[bapenda.slug]["name"]).first()
    if channel is None:
        say("Reconciliation demo skipped: Bapenda has no demo payment channel.")
        return 0
    treasurer = _treasurer(bapenda)
    if treasurer is OPERATOR:
        raise RuntimeError(f"the demo has no treasurer in {bapenda.slug}")
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


def seed(context: DemoContext) -> dict[str, int]:
    return {
        "bills": _seed_bills(context.agencies, context.say),
        "settlement_payments": _seed_settlements(context.agencies, context.say),
    }
