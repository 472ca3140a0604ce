"""Reconciliation: a channel's settlement statement (CSV) against the payments Padu recorded.

The file format (docs/operators.md has the operator's version):

- UTF-8 text (a byte-order mark is fine; Windows-1252 is read too), one header row, then one
  row per payment. The delimiter is `,` or `;`, detected from the header row.
- Columns, by name in any order, case and spaces ignored (English or Indonesian names):
  `reference` / `referensi` (the channel's own payment reference, required, unique in the file),
  `billing_code` / `kode_bayar` (the 14-digit billing code, required),
  `amount` / `jumlah` (whole Rupiah: `150000`, `150.000`, `150,000` or `150000.00`; no cents),
  `paid_at` / `waktu_bayar` (`2026-11-27`, `2026-11-27 10:15[:00]`, `27/11/2026` or
  `27/11/2026 10:15`; the agency's local time),
  optional `channel` / `kanal` (the channel's client id; if present, every row must name the
  channel the statement is uploaded for). Other columns are ignored.
- At most MAX_FILE_BYTES and MAX_ROWS rows. Any bad row refuses the whole file, listing the
  rows; nothing is recorded.

Matching, for the statement's channel: by channel reference first, then by billing code
among that channel's live payments not matched yet; then Padu's live payments of the period
(agency-local paid date) that no row claimed become "missing in the statement".
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.billing.codes import is_valid_code, normalise_code
from padu.billing.models import (
    Bill,
    MatchResult,
    Payment,
    PaymentChannel,
    Resolution,
    SettlementLine,
    SettlementStatement,
    StatementStatus,
)
from padu.billing.permissions import is_treasurer
from padu.billing.services import payment_record, request_digest
from padu.billing.workflow import BILLS
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.money import AmountInvalid, parse_rupiah, thousands
from padu.core.uploads import check_upload

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_PERIOD_DAYS = 31
MAX_PROOF_BYTES = 5 * 1024 * 1024
MAX_ERRORS_SHOWN = 20
MAX_NOTE = 2000

COLUMNS = {
    "reference": ("reference", "referensi", "ref", "channel_reference"),
    "billing_code": ("billing_code", "kode_bayar", "kode_billing", "billing"),
    "amount": ("amount", "jumlah", "nominal"),
    "paid_at": ("paid_at", "waktu_bayar", "tanggal_bayar", "tanggal"),
    "channel": ("channel", "kanal", "client_id"),
}
REQUIRED = ("reference", "billing_code", "amount", "paid_at")

# Which resolutions each kind of difference allows.
ALLOWED = {
    MatchResult.MISSING_IN_PADU: (
        Resolution.RECORDED,
        Resolution.BANK_ERROR,
        Resolution.WRITTEN_OFF,
        Resolution.ESCALATED,
    ),
    MatchResult.MISSING_IN_STATEMENT: (Resolution.BANK_ERROR, Resolution.WRITTEN_OFF, Resolution.ESCALATED),
    MatchResult.AMOUNT_MISMATCH: (Resolution.BANK_ERROR, Resolution.WRITTEN_OFF, Resolution.ESCALATED),
}
PROOF_SUFFIXES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


class StatementInvalid(InvalidInput):
    code = "statement_invalid"


@dataclass(frozen=True)
class Row:
    number: int
    reference: str
    billing_code: str
    amount: int
    paid_at_stated: str
    paid_on: dt.date
    paid_at: dt.datetime | None  # when the row gives a time


def parse_amount(text: str) -> int | None:
    """Whole Rupiah from what a bank writes; None when it is not a whole positive amount."""
    try:
        value = parse_rupiah(text)
    except AmountInvalid:
        return None
    return value if value > 0 else None


def parse_paid_at(text: str, zone: ZoneInfo) -> tuple[dt.date, dt.datetime | None] | None:
    text = text.strip()
    found = _ISO.match(text)
    if found:
        year, month, day, hour, minute, second = found.groups()
    else:
        found = _DMY.match(text)
        if not found:
            return None
        day, month, year, hour, minute, second = found.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date, None
        moment = dt.datetime(date.year, date.month, date.day, int(hour), int(minute), int(second or 0), tzinfo=zone)
    except ValueError:
        return None
    return date, moment


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _header_key(name: str) -> str | None:
    name = name.strip().lower().replace(" ", "_").replace("-", "_")
    return next((key for key, names in COLUMNS.items() if name in names), None)


def _refuse(message: str, problems: list[str] | None = None) -> StatementInvalid:
    shown = list(problems or [message])
    if problems and len(problems) > MAX_ERRORS_SHOWN:
        shown = problems[:MAX_ERRORS_SHOWN] + [
            _("… and %(n)s more problems.") % {"n": len(problems) - MAX_ERRORS_SHOWN}
        ]
    return StatementInvalid(message, errors={"file": shown})


def parse_statement(
    raw: bytes, *, channel: PaymentChannel, period_start: dt.date, period_end: dt.date, zone: ZoneInfo
) -> list[Row]:
    """The rows of a statement file, or StatementInvalid listing what is wrong (every bad row)."""
    if not raw.strip():
        raise _refuse(_("The file is empty."))
    if len(raw) > MAX_FILE_BYTES:
        raise _refuse(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(MAX_FILE_BYTES)})
    if b"\x00" in raw[:4096]:
        raise _refuse(_("This is not a CSV text file. Export the statement as CSV and upload it again."))
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise _refuse(_("The file has no header row.")) from exc
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _header_key(name)
        if key is not None and key not in positions:
            positions[key] = index
    missing = [key for key in REQUIRED if key not in positions]
    if missing:
        raise _refuse(
            _(
                "The header row must name the columns %(required)s (separated by , or ;). "
                "This file is missing: %(missing)s."
            )
            % {"required": ", ".join(REQUIRED), "missing": ", ".join(missing)}
        )
    rows: list[Row] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    try:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(rows) + len(problems) >= MAX_ROWS:
                raise _refuse(_("The file has more than %(n)s rows; split it by period.") % {"n": MAX_ROWS})

            def cell(key: str, values: list[str] = values) -> str:
                index = positions.get(key)
                return values[index].strip() if index is not None and index < len(values) else ""

            found: list[str] = []
            if len(values) != len(header):
                problems.append(
                    _("Row %(row)s: it has %(n)s columns, the header has %(m)s (a separator inside a value?).")
                    % {"row": number, "n": len(values), "m": len(header)}
                )
                continue
            reference = cell("reference")
            if not reference or len(reference) > 64:
                found.append(_("the reference is missing or longer than 64 characters"))
            elif reference in seen:
                found.append(_("reference %(ref)s is also on row %(row)s") % {"ref": reference, "row": seen[reference]})
            code = normalise_code(cell("billing_code"))
            if not is_valid_code(code):
                found.append(_("the billing code %(code)s is not valid") % {"code": cell("billing_code")[:40]})
            amount = parse_amount(cell("amount"))
            if amount is None:
                found.append(
                    _("the amount %(amount)s is not a whole number of Rupiah above 0") % {"amount": cell("amount")[:30]}
                )
            stated = cell("paid_at")
            when = parse_paid_at(stated, zone)
            if when is None:
                found.append(
                    _("the payment time %(value)s is not a date like 2026-11-27 or 27/11/2026") % {"value": stated[:40]}
                )
            elif not period_start <= when[0] <= period_end:
                found.append(_("the payment date %(date)s is outside the statement's period") % {"date": when[0]})
            stated_channel = cell("channel")
            if "channel" in positions and stated_channel != channel.client_id:
                found.append(
                    _("the row belongs to channel %(other)s, not %(channel)s")
                    % {"other": stated_channel[:40] or "–", "channel": channel.client_id}
                )
            if found:
                problems.append(_("Row %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(found)})
                continue
            assert amount is not None and when is not None  # noqa: S101 - checked above
            seen[reference] = number
            rows.append(
                Row(
                    number=number,
                    reference=reference,
                    billing_code=code,
                    amount=amount,
                    paid_at_stated=stated[:40],
                    paid_on=when[0],
                    paid_at=when[1],
                )
            )
    except csv.Error as exc:
        raise _refuse(_("The file is not valid CSV: %(error)s.") % {"error": exc}) from exc
    if problems:
        raise _refuse(_("Some rows of the statement are not valid. Nothing was recorded."), problems)
    if not rows:
        raise _refuse(_("The file has a header but no payments."))
    return rows


def _local_bounds(zone: ZoneInfo, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def _claimed(channel: PaymentChannel) -> QuerySet[SettlementLine]:
    """Lines of earlier statements of the channel that already account for a payment."""
    return SettlementLine.objects.filter(statement__channel=channel, payment__isnull=False)


def match_rows(
    rows: list[Row], *, channel: PaymentChannel, zone: ZoneInfo, period_start: dt.date, period_end: dt.date
) -> list[SettlementLine]:
    """Unsaved lines: each row's result, then Padu's unclaimed payments of the period."""
    by_reference = {
        p.channel_reference: p
        for p in Payment.objects.filter(channel=channel, channel_reference__in=[r.reference for r in rows])
        .select_related("bill")
        .order_by("pk")
    }
    by_code: dict[str, list[Payment]] = {}
    for p in Payment.objects.filter(
        channel=channel, reversed_at__isnull=True, bill__code__in=[r.billing_code for r in rows]
    ).select_related("bill"):
        by_code.setdefault(p.bill.code, []).append(p)
    bills = {
        b.code: b for b in Bill.objects.filter(agency_id=channel.agency_id, code__in=[r.billing_code for r in rows])
    }
    candidates = {p.pk for p in by_reference.values()} | {p.pk for found in by_code.values() for p in found}
    claimed = set(_claimed(channel).filter(payment_id__in=candidates).values_list("payment_id", flat=True))
    used: set[int] = set()
    lines: list[SettlementLine] = []
    pending: list[Row] = []
    for row in rows:
        payment = by_reference.get(row.reference)
        if payment is None or payment.pk in claimed:
            pending.append(row)
            continue
        line = _row_line(row)
        line.payment, line.bill, line.padu_amount = payment, payment.bill, payment.amount
        if payment.reversed_at is not None:
            line.result, line.detail, line.padu_amount = MatchResult.MISSING_IN_PADU, "reversed_in_padu", None
        else:
            used.add(payment.pk)
            line.result = MatchResult.MATCHED if payment.amount == row.amount else MatchResult.AMOUNT_MISMATCH
        lines.append(line)
    for row in pending:
        line = _row_line(row)
        candidate = next(
            (p for p in by_code.get(row.billing_code, []) if p.pk not in used and p.pk not in claimed), None
        )
        if candidate is not None:
            used.add(candidate.pk)
            line.payment, line.bill, line.padu_amount = candidate, candidate.bill, candidate.amount
            line.result = MatchResult.MATCHED if candidate.amount == row.amount else MatchResult.AMOUNT_MISMATCH
            line.detail = "matched_by_code"
        else:
            line.result = MatchResult.MISSING_IN_PADU
            line.bill = bills.get(row.billing_code)
            earlier = by_reference.get(row.reference)
            if earlier is not None and earlier.pk in claimed:
                line.detail = "in_earlier_statement"
            elif line.bill is None:
                line.detail = "unknown_code"
        lines.append(line)
    start, end = _local_bounds(zone, period_start, period_end)
    unlisted = (
        Payment.objects.filter(channel=channel, reversed_at__isnull=True, paid_at__gte=start, paid_at__lt=end)
        .exclude(pk__in=used)
        .exclude(pk__in=_claimed(channel).values("payment_id"))
        .select_related("bill")
        .order_by("paid_at", "pk")
    )
    for p in unlisted:
        lines.append(
            SettlementLine(
                channel_reference=p.channel_reference,
                billing_code=p.bill.code,
                paid_on=p.paid_at.astimezone(zone).date(),
                payment=p,
                bill=p.bill,
                padu_amount=p.amount,
                result=MatchResult.MISSING_IN_STATEMENT,
            )
        )
    return lines


def _row_line(row: Row) -> SettlementLine:
    return SettlementLine(
        row_number=row.number,
        channel_reference=row.reference,
        billing_code=row.billing_code,
        amount=row.amount,
        paid_at_stated=row.paid_at_stated,
        paid_on=row.paid_on,
    )


def _padu_total(channel: PaymentChannel, zone: ZoneInfo, period_start: dt.date, period_end: dt.date) -> int:
    start, end = _local_bounds(zone, period_start, period_end)
    return sum(
        Payment.objects.filter(
            channel=channel, reversed_at__isnull=True, paid_at__gte=start, paid_at__lt=end
        ).values_list("amount", flat=True)
    )


def _refresh_counts(statement: SettlementStatement) -> None:
    lines = list(statement.lines.all())
    statement.line_count = sum(1 for x in lines if x.row_number is not None)
    statement.statement_total = sum(x.amount or 0 for x in lines)
    statement.matched_count = sum(1 for x in lines if x.result == MatchResult.MATCHED)
    statement.matched_total = sum(x.amount or 0 for x in lines if x.result == MatchResult.MATCHED)
    statement.problem_count = sum(1 for x in lines if x.is_problem)
    statement.open_count = sum(1 for x in lines if x.is_open)
    statement.status = StatementStatus.OPEN if statement.open_count else StatementStatus.RECONCILED


def _read_upload(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise _refuse(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(MAX_FILE_BYTES)})
    data = b""
    for chunk in upload.chunks():
        data += chunk
        if len(data) > MAX_FILE_BYTES:
            raise _refuse(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(MAX_FILE_BYTES)})
    return data


def _check_period(
    agency: Agency, statement_date: dt.date | None, period_start: dt.date | None, period_end: dt.date | None
) -> tuple[dt.date, dt.date, dt.date]:
    found: dict[str, list[str]] = {}
    today = timezone.now().astimezone(ZoneInfo(agency.time_zone)).date()
    if period_start is None:
        found["period_start"] = [_("Give the first day the statement covers.")]
    if period_end is None:
        found["period_end"] = [_("Give the last day the statement covers.")]
    if period_start and period_end:
        if period_end < period_start:
            found["period_end"] = [_("The last day cannot come before the first day.")]
        elif (period_end - period_start).days + 1 > MAX_PERIOD_DAYS:
            found["period_end"] = [_("A statement covers at most %(n)s days.") % {"n": MAX_PERIOD_DAYS}]
        elif period_end > today:
            found["period_end"] = [_("The period cannot end in the future.")]
    if statement_date is None and period_end is not None:
        statement_date = period_end
    if statement_date is not None and period_end is not None and statement_date < period_end:
        found["statement_date"] = [_("The statement cannot be dated before the end of its period.")]
    if found:
        raise InvalidInput(_("Check the statement's dates."), code="statement_period_invalid", errors=found)
    assert statement_date and period_start and period_end  # noqa: S101 - checked above
    return statement_date, period_start, period_end


@transaction.atomic
def statement_upload(
    *,
    actor: Actor,
    agency: Agency,
    channel: PaymentChannel,
    upload: UploadedFile,
    period_start: dt.date | None,
    period_end: dt.date | None,
    statement_date: dt.date | None = None,
) -> SettlementStatement:
    """Keep the channel's statement file and match each row against Padu's payments.

    Refuses, recording nothing: a non-treasurer, a channel of another agency, bad dates, a
    period that overlaps an earlier statement of the channel, the same file twice, and any
    bad row (StatementInvalid lists them)."""
    if not is_treasurer(actor, agency.pk) or actor.user_id is None:
        raise Forbidden(_("Only the agency's treasurer can reconcile statements."), code="treasurer_required")
    if channel.agency_id != agency.pk:
        raise InvalidInput(
            _("This channel belongs to another agency."),
            code="channel_not_agency",
            errors={"channel": [_("Choose one of this agency's channels.")]},
        )
    statement_date, period_start, period_end = _check_period(agency, statement_date, period_start, period_end)
    # Serialise uploads for one channel: two at once must not both pass the overlap check.
    channel = PaymentChannel.objects.select_for_update().get(pk=channel.pk)
    overlap = SettlementStatement.objects.filter(
        channel=channel, period_start__lte=period_end, period_end__gte=period_start
    ).first()
    if overlap is not None:
        raise Conflict(
            _("A statement of this channel for %(start)s to %(end)s is already reconciled; periods cannot overlap.")
            % {"start": overlap.period_start, "end": overlap.period_end},
            code="statement_overlaps",
        )
    raw = _read_upload(upload)
    digest = hashlib.sha256(raw).hexdigest()
    if SettlementStatement.objects.filter(channel=channel, sha256=digest).exists():
        raise Conflict(_("This file has already been uploaded for this channel."), code="statement_duplicate")
    zone = ZoneInfo(agency.time_zone)
    rows = parse_statement(raw, channel=channel, period_start=period_start, period_end=period_end, zone=zone)
    lines = match_rows(rows, channel=channel, zone=zone, period_start=period_start, period_end=period_end)
    statement = SettlementStatement(
        agency=agency,
        channel=channel,
        statement_date=statement_date,
        period_start=period_start,
        period_end=period_end,
        original_name=(upload.name or "statement.csv")[:255],
        sha256=digest,
        uploaded_by_id=actor.user_id,
        uploaded_at=timezone.now(),
        status=StatementStatus.OPEN,
        padu_total=_padu_total(channel, zone, period_start, period_end),
    )
    statement.file.save("statement.csv", ContentFile(raw), save=False)
    try:
        statement.save()
        for line in lines:
            line.statement = statement
        SettlementLine.objects.bulk_create(lines)
        _refresh_counts(statement)
        statement.save()
        audit_record(
            actor=actor,
            verb="settlement.uploaded",
            agency=agency,
            obj=statement,
            changes={
                "channel": channel.client_id,
                "period": f"{period_start}..{period_end}",
                "file_sha256": digest,
                "rows": statement.line_count,
                "statement_total": statement.statement_total,
                "padu_total": statement.padu_total,
                "matched": statement.matched_count,
                "problems": statement.problem_count,
            },
        )
    except Exception:
        statement.file.delete(save=False)  # no file without its record
        raise
    return statement


def _check_proof(upload: UploadedFile | None) -> tuple[bytes, str]:
    if upload is None:
        raise InvalidInput(
            _("Attach the proof of payment (the bank's slip or statement extract)."),
            code="proof_required",
            errors={"proof": [_("Attach the proof: PDF, JPG or PNG.")]},
        )
    checked = check_upload(upload, field="proof", max_size=MAX_PROOF_BYTES)
    return upload.read(), PROOF_SUFFIXES[checked.content_type]


def _record_payment(
    *, actor: Actor, line: SettlementLine, statement: SettlementStatement, zone: ZoneInfo, note: str
) -> Payment:
    """The treasurer records a payment the channel settled but never notified, with proof."""
    if line.bill_id is None:
        raise Conflict(
            _("No bill of this agency has the billing code in the statement; escalate or write the line off."),
            code="bill_unknown",
        )
    bill = Bill.objects.select_for_update().select_related("agency").get(pk=line.bill_id)
    if Payment.objects.filter(channel=statement.channel, channel_reference=line.channel_reference).exists():
        raise Conflict(
            _("Padu already has a payment (since reversed) with this reference; escalate it to the channel."),
            code="reference_reused",
        )
    BILLS.check("record", bill.status)
    if line.amount != bill.total:
        raise Conflict(
            _("The statement's amount differs from the bill's total (Rp %(total)s); escalate the line.")
            % {"total": thousands(bill.total)},
            code="amount_mismatch",
        )
    now = timezone.now()
    if line.paid_at_stated and (parsed := parse_paid_at(line.paid_at_stated, zone)) and parsed[1] is not None:
        paid_at = parsed[1]
    else:
        assert line.paid_on is not None  # noqa: S101 - every statement row has a date
        paid_at = dt.datetime.combine(line.paid_on, dt.time(12, 0), tzinfo=zone)
    paid_at = min(paid_at, now).astimezone(dt.UTC)
    return payment_record(
        actor=actor,
        bill=bill,
        channel=statement.channel,
        reference=line.channel_reference,
        amount=line.amount,
        paid_at=paid_at,
        request_sha256=request_digest({"code": bill.code, "amount": line.amount, "reference": line.channel_reference}),
        audit_extra={"recorded_from_statement": statement.pk, "note": note},
    )


@transaction.atomic
def statement_line_resolve(
    *, actor: Actor, line: SettlementLine, action: str, note: str, proof: UploadedFile | None = None
) -> SettlementLine:
    """Settle one difference: accept it as the channel's error, record the payment (with
    proof), write it off, or escalate it (an escalated line can be resolved later)."""
    line = (
        SettlementLine.objects.select_for_update()
        .select_related("statement__agency", "statement__channel")
        .get(pk=line.pk)
    )
    statement = line.statement
    if not is_treasurer(actor, statement.agency_id) or actor.user_id is None:
        raise Forbidden(_("Only the agency's treasurer can resolve differences."), code="treasurer_required")
    if not line.is_problem:
        raise Conflict(_("This line matches; there is nothing to resolve."), code="line_matched")
    if not line.is_open:
        raise Conflict(_("This difference has already been resolved."), code="line_resolved")
    allowed = ALLOWED[MatchResult(line.result)]
    found: dict[str, list[str]] = {}
    if action not in [str(a) for a in allowed]:
        found["action"] = [_("Choose one of the actions offered for this line.")]
    if action == Resolution.ESCALATED and line.resolution == Resolution.ESCALATED:
        found["action"] = [_("This line is already escalated; choose how it was settled.")]
    note = " ".join(note.split())
    if not note:
        found["note"] = [_("Write what was checked and why this action is right.")]
    elif len(note) > MAX_NOTE:
        found["note"] = [_("The note is at most %(n)s characters.") % {"n": MAX_NOTE}]
    if found:
        raise InvalidInput(_("Check the resolution and try again."), code="resolution_invalid", errors=found)
    zone = ZoneInfo(statement.agency.time_zone)
    proof_data: tuple[bytes, str] | None = None
    if action == Resolution.RECORDED:
        proof_data = _check_proof(proof)
        payment = _record_payment(actor=actor, line=line, statement=statement, zone=zone, note=note)
        line.payment = payment
        line.padu_amount = payment.amount
    previous = line.resolution
    line.resolution = action
    line.resolution_note = note
    line.resolved_by_id = actor.user_id
    line.resolved_at = timezone.now()
    if proof_data is not None and proof is not None:
        line.proof.save(f"proof.{proof_data[1]}", ContentFile(proof_data[0]), save=False)
        line.proof_name = (proof.name or f"proof.{proof_data[1]}")[:255]
    try:
        line.save()
        audit_record(
            actor=actor,
            verb="settlement.line_resolved",
            agency=statement.agency,
            obj=statement,
            changes={
                "line": line.pk,
                "row": line.row_number,
                "reference": line.channel_reference,
                "billing_code": line.billing_code,
                "result": line.result,
                "resolution": action,
                "previous": previous,
                "note": note,
                "proof": line.proof_name,
            },
        )
        statement = SettlementStatement.objects.select_for_update().get(pk=statement.pk)
        _refresh_counts(statement)
        statement.save(
            update_fields=[
                "line_count",
                "statement_total",
                "matched_count",
                "matched_total",
                "problem_count",
                "open_count",
                "status",
            ]
        )
    except Exception:
        if proof_data is not None:
            line.proof.delete(save=False)
        raise
    return line
