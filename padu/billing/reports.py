"""Revenue reports: money received per agency, revenue account code, channel and period,
with totals; exports as CSV and XLSX; a daily chart as plain SVG.

Counting rule (shown on the page and in every export):
- a payment counts on the day it was paid, in its agency's time zone, for the amounts of
  its bill's lines (so each revenue account gets its own share);
- a payment the channel reversed does not count at all;
- an approved refund counts as a negative amount on the day it was approved, beside the
  payment, which still counts on its own day: net = received − refunded.

Readers: the agency's treasurer and administrator, and supervisors of the agencies above
it. A supervisor (or the operator) may add every agency beneath (`Agency.tree_path`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from padu.billing.models import Payment, PaymentChannel, RefundRequest, RefundStatus
from padu.core.actors import Actor
from padu.core.errors import Forbidden, InvalidInput, NotFound
from padu.core.models import Agency
from padu.core.money import format_rupiah
from padu.core.permissions import supervises
from padu.core.roles import Role
from padu.core.selectors import agency_get_for

MAX_DAYS_DAILY = 366
MAX_DAYS_MONTHLY = 3 * 366
GROUPS = ("day", "month")


def counting_rule() -> str:
    return _(
        "Counted on the day of payment in the office's time zone, split by the bill's revenue accounts. "
        "Reversed payments are not counted. Approved refunds are shown separately as negative amounts "
        "on the day of approval; net = received − refunded."
    )


def can_read_revenue(actor: Actor, agency: Agency) -> bool:
    """Treasurer or administrator of the agency, a supervisor above it, the operator. Not an
    API token: the figures are the agency's books."""
    if actor.token is not None:
        return False
    if actor.is_superuser:
        return True
    return actor.has_role(agency.pk, Role.TREASURER, Role.AGENCY_ADMIN) or supervises(actor, agency)


def can_see_beneath(actor: Actor, agency: Agency) -> bool:
    return actor.token is None and (actor.is_superuser or supervises(actor, agency))


@dataclass(frozen=True)
class ReportQuery:
    date_from: dt.date
    date_to: dt.date
    group: str = "day"
    beneath: bool = False
    account_code: str = ""
    channel_id: int | None = None


def default_query(agency: Agency) -> ReportQuery:
    """This month so far, by day."""
    today = timezone.now().astimezone(ZoneInfo(agency.time_zone)).date()
    return ReportQuery(date_from=today.replace(day=1), date_to=today)


def check_query(query: ReportQuery) -> ReportQuery:
    found: dict[str, list[str]] = {}
    if query.group not in GROUPS:
        found["group"] = [_("Choose by day or by month.")]
    if query.date_to < query.date_from:
        found["date_to"] = [_("The end date cannot come before the start date.")]
    else:
        limit = MAX_DAYS_MONTHLY if query.group == "month" else MAX_DAYS_DAILY
        if (query.date_to - query.date_from).days + 1 > limit:
            found["date_to"] = [
                _("A report covers at most %(n)s days; choose a shorter range or group by month.") % {"n": limit}
                if query.group == "day"
                else _("A report covers at most %(n)s days.") % {"n": limit}
            ]
    account = query.account_code.strip()
    if account and (len(account) > 40 or not all(c.isdigit() or c == "." for c in account)):
        found["account_code"] = [_("Write the revenue account code in digits and dots.")]
    if found:
        raise InvalidInput(_("Check the report's filters."), code="report_invalid", errors=found)
    return query


@dataclass
class Bucket:
    payments: int = 0
    received: int = 0
    refunded: int = 0

    @property
    def net(self) -> int:
        return self.received - self.refunded

    def add(self, other: Bucket) -> None:
        self.payments += other.payments
        self.received += other.received
        self.refunded += other.refunded


@dataclass(frozen=True)
class RowKey:
    period: dt.date  # the day, or the first day of the month
    agency_id: int
    account_code: str
    channel_id: int


@dataclass
class RevenueRow:
    period: dt.date
    agency: str
    account_code: str
    channel: str
    payments: int
    received: int
    refunded: int

    @property
    def net(self) -> int:
        return self.received - self.refunded


@dataclass
class RevenueReport:
    agency: Agency
    agencies: list[Agency]
    query: ReportQuery
    rows: list[RevenueRow] = field(default_factory=list)
    by_account: dict[str, Bucket] = field(default_factory=dict)
    by_channel: dict[str, Bucket] = field(default_factory=dict)
    by_agency: dict[str, Bucket] = field(default_factory=dict)
    by_period: dict[dt.date, Bucket] = field(default_factory=dict)
    daily: list[tuple[dt.date, Bucket]] = field(default_factory=list)
    total: Bucket = field(default_factory=Bucket)


def report_agencies(actor: Actor, agency_id: int, *, beneath: bool) -> tuple[Agency, list[Agency]]:
    """The agency the report is about and every agency it covers, after the permission check."""
    agency = agency_get_for(actor, agency_id)
    if actor.token is not None:
        raise NotFound(_("Agency not found."), code="agency_not_found")
    if not can_read_revenue(actor, agency):
        raise Forbidden(
            _("Revenue reports are for the treasurer, the agency administrator and supervisors."),
            code="revenue_forbidden",
        )
    if not beneath:
        return agency, [agency]
    if not can_see_beneath(actor, agency):
        raise Forbidden(_("Only a supervisor sees the offices beneath."), code="beneath_forbidden")
    return agency, list(Agency.objects.filter(tree_path__startswith=agency.tree_path).order_by("tree_path"))


def report_channels(agencies: list[Agency]) -> list[PaymentChannel]:
    return list(PaymentChannel.objects.filter(agency__in=agencies).select_related("agency").order_by("agency", "name"))


def _bounds(zone: ZoneInfo, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def _split(amount: int, parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """`amount` shared over lines in proportion to their amounts, to the Rupiah, summing exactly."""
    whole = sum(a for _code, a in parts)
    if whole == amount or whole == 0:
        return parts if whole == amount else [(parts[0][0] if parts else "", amount)]
    shares = [(code, amount * a // whole) for code, a in parts]
    rest = amount - sum(s for _code, s in shares)
    code, last = shares[-1]
    return [*shares[:-1], (code, last + rest)]


def revenue_report(actor: Actor, agency_id: int, query: ReportQuery) -> RevenueReport:
    query = check_query(query)
    agency, agencies = report_agencies(actor, agency_id, beneath=query.beneath)
    names = {a.pk: a.name for a in agencies}
    channels = {c.pk: c.name for c in PaymentChannel.objects.filter(agency__in=agencies)}
    if query.channel_id is not None and query.channel_id not in channels:
        raise InvalidInput(
            _("Check the report's filters."),
            code="report_invalid",
            errors={"channel": [_("Choose one of the channels listed.")]},
        )
    account_filter = query.account_code.strip()
    cells: dict[RowKey, Bucket] = defaultdict(Bucket)
    daily: dict[dt.date, Bucket] = defaultdict(Bucket)
    payment_days: dict[dt.date, set[int]] = defaultdict(set)

    def period_of(day: dt.date) -> dt.date:
        return day.replace(day=1) if query.group == "month" else day

    zones: dict[str, list[int]] = defaultdict(list)
    for a in agencies:
        zones[a.time_zone].append(a.pk)
    for zone_name, ids in zones.items():
        zone = ZoneInfo(zone_name)
        start, end = _bounds(zone, query.date_from, query.date_to)
        payments = Payment.objects.filter(
            agency_id__in=ids, reversed_at__isnull=True, paid_at__gte=start, paid_at__lt=end
        )
        if query.channel_id is not None:
            payments = payments.filter(channel_id=query.channel_id)
        grouped = (
            payments.order_by()
            .annotate(day=TruncDate("paid_at", tzinfo=zone))
            .values("agency_id", "channel_id", "bill__lines__account_code", "day")
            .annotate(amount=Sum("bill__lines__amount"), count=Count("pk", distinct=True))
        )
        for item in grouped:
            account = item["bill__lines__account_code"] or ""
            if account_filter and account != account_filter:
                continue
            key = RowKey(period_of(item["day"]), item["agency_id"], account, item["channel_id"])
            cells[key].received += item["amount"] or 0
            cells[key].payments += item["count"]
            daily[item["day"]].received += item["amount"] or 0
        # Distinct payments per day (a payment split over two accounts is still one payment).
        day_ids = payments.order_by().annotate(day=TruncDate("paid_at", tzinfo=zone)).values_list("day", "pk")
        if account_filter:
            day_ids = day_ids.filter(bill__lines__account_code=account_filter)
        for day, pk in day_ids:
            payment_days[day].add(pk)
        refunds = (
            RefundRequest.objects.filter(
                agency_id__in=ids, status=RefundStatus.APPROVED, decided_at__gte=start, decided_at__lt=end
            )
            .select_related("bill")
            .prefetch_related("bill__lines", "bill__payments")
        )
        for refund in refunds:
            assert refund.decided_at is not None  # noqa: S101 - approved refunds are decided
            paid = [p for p in refund.bill.payments.all() if p.reversed_at is None]
            channel_id = paid[0].channel_id if paid else 0
            if query.channel_id is not None and channel_id != query.channel_id:
                continue
            day = refund.decided_at.astimezone(zone).date()
            lines = [(line.account_code, line.amount) for line in refund.bill.lines.all()]
            for account, share in _split(refund.amount, lines):
                if account_filter and account != account_filter:
                    continue
                cells[RowKey(period_of(day), refund.agency_id, account, channel_id)].refunded += share
                daily[day].refunded += share
    report = RevenueReport(agency=agency, agencies=agencies, query=query)
    for key in sorted(
        cells, key=lambda k: (k.period, names.get(k.agency_id, ""), k.account_code, channels.get(k.channel_id, ""))
    ):
        bucket = cells[key]
        channel = channels.get(key.channel_id, _("(no channel)"))
        report.rows.append(
            RevenueRow(
                period=key.period,
                agency=names.get(key.agency_id, ""),
                account_code=key.account_code,
                channel=channel,
                payments=bucket.payments,
                received=bucket.received,
                refunded=bucket.refunded,
            )
        )
        report.by_account.setdefault(key.account_code, Bucket()).add(bucket)
        report.by_channel.setdefault(channel, Bucket()).add(bucket)
        report.by_agency.setdefault(names.get(key.agency_id, ""), Bucket()).add(bucket)
        report.by_period.setdefault(key.period, Bucket()).add(bucket)
    # A payment split over accounts is one payment in the totals.
    for totals in (report.by_agency, report.by_period, report.by_channel):
        for bucket in totals.values():
            bucket.payments = 0
    payment_rows = (
        Payment.objects.filter(pk__in={pk for ids_ in payment_days.values() for pk in ids_})
        .select_related("channel")
        .values_list("pk", "agency_id", "channel__name")
    )
    agency_of = {pk: (names.get(agency_id, ""), channel) for pk, agency_id, channel in payment_rows}
    for day, pks in payment_days.items():
        for pk in pks:
            agency_name, channel = agency_of.get(pk, ("", ""))
            report.by_agency.setdefault(agency_name, Bucket()).payments += 1
            report.by_channel.setdefault(channel, Bucket()).payments += 1
            report.by_period.setdefault(period_of(day), Bucket()).payments += 1
        daily[day].payments = len(pks)
    report.by_period = dict(sorted(report.by_period.items()))
    report.by_account = dict(sorted(report.by_account.items()))
    report.by_channel = dict(sorted(report.by_channel.items()))
    report.by_agency = dict(sorted(report.by_agency.items()))
    day = query.date_from
    while day <= query.date_to:
        report.daily.append((day, daily.get(day, Bucket())))
        day += dt.timedelta(days=1)
    for bucket in report.by_period.values():
        report.total.add(bucket)
    return report


# --- Exports -----------------------------------------------------------------------------


def _period_label(report: RevenueReport, period: dt.date) -> str:
    return period.strftime("%Y-%m") if report.query.group == "month" else period.isoformat()


def report_headers() -> list[str]:
    return [
        _("Period"),
        _("Agency"),
        _("Revenue account code"),
        _("Channel"),
        _("Payments"),
        _("Received (Rupiah)"),
        _("Refunded (Rupiah)"),
        _("Net (Rupiah)"),
    ]


def report_csv(report: RevenueReport) -> bytes:
    """Comma-separated, UTF-8 with a byte-order mark (so spreadsheets read it right), amounts
    as whole Rupiah without separators; a total row last; the counting rule as a comment row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(report_headers())
    for row in report.rows:
        writer.writerow(
            [
                _period_label(report, row.period),
                row.agency,
                row.account_code,
                row.channel,
                row.payments,
                row.received,
                row.refunded,
                row.net,
            ]
        )
    total = report.total
    writer.writerow([_("Total"), "", "", "", total.payments, total.received, total.refunded, total.net])
    writer.writerow([])
    writer.writerow([f"# {counting_rule()}"])
    return ("\ufeff" + out.getvalue()).encode()


def report_xlsx(report: RevenueReport) -> bytes:
    """Three sheets: summary with totals by account, channel and agency; the detail rows; the
    daily series."""
    book = Workbook()
    bold = Font(bold=True)
    summary = book.active
    assert summary is not None  # noqa: S101 - a new workbook has one sheet
    summary.title = _("Summary")[:31]
    summary.append([_("Revenue report")])
    summary["A1"].font = bold
    summary.append([_("Agency"), report.agency.name])
    if report.query.beneath:
        summary.append([_("Offices included"), ", ".join(a.name for a in report.agencies)])
    summary.append([_("From"), report.query.date_from])
    summary.cell(summary.max_row, 2).number_format = "DD/MM/YYYY"
    summary.append([_("To"), report.query.date_to])
    summary.cell(summary.max_row, 2).number_format = "DD/MM/YYYY"
    summary.append([_("Counting rule"), counting_rule()])
    head = [_("Payments"), _("Received (Rupiah)"), _("Refunded (Rupiah)"), _("Net (Rupiah)")]
    for title, totals in (
        (_("Revenue account code"), report.by_account),
        (_("Channel"), report.by_channel),
        (_("Agency"), report.by_agency),
    ):
        summary.append([])
        summary.append([title, *head])
        for cell in summary[summary.max_row]:
            cell.font = bold
        for name, bucket in totals.items():
            summary.append([name, bucket.payments, bucket.received, bucket.refunded, bucket.net])
        total = report.total
        summary.append([_("Total"), total.payments, total.received, total.refunded, total.net])
        for cell in summary[summary.max_row]:
            cell.font = bold
    summary.column_dimensions["A"].width = 44
    for column in "BCDE":
        summary.column_dimensions[column].width = 20

    detail = book.create_sheet(_("Detail")[:31])
    detail.append(report_headers())
    for cell in detail[1]:
        cell.font = bold
    for row in report.rows:
        detail.append(
            [row.period, row.agency, row.account_code, row.channel, row.payments, row.received, row.refunded, row.net]
        )
        detail.cell(detail.max_row, 1).number_format = "YYYY-MM" if report.query.group == "month" else "DD/MM/YYYY"
    total = report.total
    detail.append([_("Total"), "", "", "", total.payments, total.received, total.refunded, total.net])
    for cell in detail[detail.max_row]:
        cell.font = bold
    for column, width in zip("ABCDEFGH", (12, 40, 22, 28, 12, 18, 18, 18), strict=True):
        detail.column_dimensions[column].width = width

    days = book.create_sheet(_("Daily")[:31])
    days.append([_("Date"), _("Payments"), _("Received (Rupiah)"), _("Refunded (Rupiah)"), _("Net (Rupiah)")])
    for cell in days[1]:
        cell.font = bold
    for day, bucket in report.daily:
        days.append([day, bucket.payments, bucket.received, bucket.refunded, bucket.net])
        days.cell(days.max_row, 1).number_format = "DD/MM/YYYY"
    for column in "ABCDE":
        days.column_dimensions[column].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- The chart ---------------------------------------------------------------------------

CHART_WIDTH = 720
CHART_HEIGHT = 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 130, 12, 16, 44


def _short_rupiah(amount: int) -> str:
    return format_rupiah(amount) if amount >= 0 else "−" + format_rupiah(-amount)


def revenue_chart_svg(report: RevenueReport, *, title_id: str = "revenue-chart-title") -> SafeString:
    """Daily net revenue as bars, drawn on the server: no script, no library, no CDN.

    The SVG is an image with a title and a description (the largest day and the total); the
    page puts the same figures in a table beside it for screen readers and for copying."""
    days = report.daily
    values = [bucket.net for _day, bucket in days]
    high = max([0, *values])
    low = min([0, *values])
    span = (high - low) or 1
    plot_w = CHART_WIDTH - _LEFT - _RIGHT
    plot_h = CHART_HEIGHT - _TOP - _BOTTOM
    step = plot_w / max(len(days), 1)
    bar_w = max(step * 0.7, 1.0)

    def y(value: int) -> float:
        return _TOP + (high - value) / span * plot_h

    title = _("Net revenue per day, %(start)s to %(end)s") % {
        "start": date_format(report.query.date_from, "j M Y"),
        "end": date_format(report.query.date_to, "j M Y"),
    }
    if days and high > 0:
        best_day, best = max(days, key=lambda item: item[1].net)
        description = _("Highest on %(day)s: %(amount)s. Total for the period: %(total)s.") % {
            "day": date_format(best_day, "j F Y"),
            "amount": _short_rupiah(best.net),
            "total": _short_rupiah(sum(values)),
        }
    else:
        description = _("No revenue in this period.")
    parts = [
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
        f'role="img" aria-labelledby="{title_id} {title_id}-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{title_id}-desc">{escape(description)}</desc>',
    ]
    # Grid lines at the top, the middle and zero, labelled in Rupiah.
    marks = sorted({high, high // 2 if high > 0 else 0, 0, low}, reverse=True)
    for mark in marks:
        y_mark = y(mark)
        parts.append(
            f'<line x1="{_LEFT}" x2="{CHART_WIDTH - _RIGHT}" y1="{y_mark:.1f}" y2="{y_mark:.1f}" '
            f'stroke="#6b7280" stroke-width="{1 if mark == 0 else 0.5}"/>'
            f'<text x="{_LEFT - 6}" y="{y_mark + 6:.1f}" text-anchor="end" font-size="18" fill="#1f2937">'
            f"{escape(_short_rupiah(mark))}</text>"
        )
    zero = y(0)
    for index, (day, bucket) in enumerate(days):
        value = bucket.net
        x = _LEFT + index * step + (step - bar_w) / 2
        top, bottom = (y(value), zero) if value >= 0 else (zero, y(value))
        height = max(bottom - top, 0.0)
        label = f"{date_format(day, 'j M Y')}: {_short_rupiah(value)}"
        colour = "#1d4ed8" if value >= 0 else "#b91c1c"
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{bar_w:.1f}" height="{height:.1f}" fill="{colour}">'
            f"<title>{escape(label)}</title></rect>"
        )
    # Date labels: the first, the last and a few between, never crowded.
    if days:
        every = max(1, len(days) // 6)
        picks = sorted({0, len(days) - 1, *range(0, len(days), every)})
        if len(picks) > 1 and picks[-1] - picks[-2] < every / 2:
            picks.pop(-2)
        for index in picks:
            x = _LEFT + index * step + step / 2
            parts.append(
                f'<text x="{x:.1f}" y="{CHART_HEIGHT - _BOTTOM + 26}" text-anchor="middle" font-size="18" '
                f'fill="#1f2937">{escape(date_format(days[index][0], "j M"))}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped
