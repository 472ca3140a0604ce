"""API of reconciliation and revenue reports: the revenue report as JSON; settlement
statements uploaded, read and resolved by the agency's treasurer (a person's session with
two-step login: agency API tokens are refused, since the books are not theirs to read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from padu.billing.models import SettlementLine, SettlementStatement
from padu.billing.reconciliation import statement_line_resolve, statement_upload
from padu.billing.reconciliation_selectors import (
    DETAILS,
    allowed_actions,
    line_for,
    reconciliation_agency,
    reconciliation_channels,
    statement_for,
    statement_lines,
    statements_for,
)
from padu.billing.reports import Bucket, ReportQuery, counting_rule, default_query, revenue_report
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import InvalidInput
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for

router = Router(tags=["e-billing: reconciliation and reports"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}


class TotalsOut(Schema):
    payments: int
    received: int
    refunded: int
    net: int


class NamedTotalsOut(TotalsOut):
    name: str


class RevenueRowOut(TotalsOut):
    period: dt.date
    agency: str
    account_code: str
    channel: str


class DailyOut(TotalsOut):
    date: dt.date


class RevenueOut(Schema):
    agency: str
    agencies: list[str]
    date_from: dt.date
    date_to: dt.date
    group: str
    counting_rule: str
    total: TotalsOut
    by_account: list[NamedTotalsOut]
    by_channel: list[NamedTotalsOut]
    by_agency: list[NamedTotalsOut]
    rows: list[RevenueRowOut]
    daily: list[DailyOut]


class SettlementLineOut(Schema):
    id: int
    row_number: int | None
    channel_reference: str
    billing_code: str
    amount: int | None
    padu_amount: int | None
    paid_at_stated: str
    paid_on: dt.date | None
    result: str
    detail: str
    detail_text: str
    resolution: str
    resolution_note: str
    resolved_at: dt.datetime | None
    open: bool
    allowed_actions: list[str]


class StatementOut(Schema):
    id: int
    channel_id: int
    channel: str
    statement_date: dt.date
    period_start: dt.date
    period_end: dt.date
    original_name: str
    uploaded_at: dt.datetime
    status: str
    line_count: int
    statement_total: int
    padu_total: int
    matched_count: int
    matched_total: int
    problem_count: int
    open_count: int


class StatementDetailOut(StatementOut):
    lines: list[SettlementLineOut]


def _totals(bucket: Bucket) -> dict[str, int]:
    return {
        "payments": bucket.payments,
        "received": bucket.received,
        "refunded": bucket.refunded,
        "net": bucket.net,
    }


@router.get("/billing/agencies/{agency_id}/revenue", response={200: RevenueOut, **ERRORS}, auth=AUTH)
def revenue(
    request: HttpRequest,
    agency_id: int,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    group: str = "day",
    beneath: bool = False,
    account_code: str = "",
    channel_id: int | None = None,
) -> object:
    """Revenue per account code, channel, agency and day or month, with totals (treasurer,
    agency administrator, supervisors; `beneath` adds the agencies beneath, for supervisors).
    Defaults to this month so far. Reversed payments never count; approved refunds count as
    `refunded` on the day of approval."""
    actor = api_actor(request)
    default = default_query(agency_get_for(actor, agency_id))
    query = ReportQuery(
        date_from=date_from or default.date_from,
        date_to=date_to or default.date_to,
        group=group,
        beneath=beneath,
        account_code=account_code,
        channel_id=channel_id,
    )
    report = revenue_report(actor, agency_id, query)
    return {
        "agency": report.agency.name,
        "agencies": [a.name for a in report.agencies],
        "date_from": query.date_from,
        "date_to": query.date_to,
        "group": query.group,
        "counting_rule": counting_rule(),
        "total": _totals(report.total),
        "by_account": [{"name": k, **_totals(v)} for k, v in report.by_account.items()],
        "by_channel": [{"name": k, **_totals(v)} for k, v in report.by_channel.items()],
        "by_agency": [{"name": k, **_totals(v)} for k, v in report.by_agency.items()],
        "rows": [
            {
                "period": r.period,
                "agency": r.agency,
                "account_code": r.account_code,
                "channel": r.channel,
                "payments": r.payments,
                "received": r.received,
                "refunded": r.refunded,
                "net": r.net,
            }
            for r in report.rows
        ],
        "daily": [{"date": day, **_totals(b)} for day, b in report.daily],
    }


def _line(line: SettlementLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "row_number": line.row_number,
        "channel_reference": line.channel_reference,
        "billing_code": line.billing_code,
        "amount": line.amount,
        "padu_amount": line.padu_amount,
        "paid_at_stated": line.paid_at_stated,
        "paid_on": line.paid_on,
        "result": line.result,
        "detail": line.detail,
        "detail_text": str(DETAILS.get(line.detail, "")),
        "resolution": line.resolution,
        "resolution_note": line.resolution_note,
        "resolved_at": line.resolved_at,
        "open": line.is_open,
        "allowed_actions": allowed_actions(line),
    }


def _statement(statement: SettlementStatement, *, lines: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": statement.pk,
        "channel_id": statement.channel_id,
        "channel": statement.channel.name,
        "statement_date": statement.statement_date,
        "period_start": statement.period_start,
        "period_end": statement.period_end,
        "original_name": statement.original_name,
        "uploaded_at": statement.uploaded_at,
        "status": statement.status,
        "line_count": statement.line_count,
        "statement_total": statement.statement_total,
        "padu_total": statement.padu_total,
        "matched_count": statement.matched_count,
        "matched_total": statement.matched_total,
        "problem_count": statement.problem_count,
        "open_count": statement.open_count,
    }
    if lines:
        out["lines"] = [_line(x) for x in statement_lines(statement)]
    return out


@router.get("/billing/agencies/{agency_id}/settlements", response={200: list[StatementOut], **ERRORS}, auth=AUTH)
def settlement_list(request: HttpRequest, agency_id: int) -> object:
    """The agency's settlement statements, latest period first (treasurer)."""
    return [_statement(s) for s in statements_for(api_actor(request), agency_id)[:200]]


@router.post("/billing/agencies/{agency_id}/settlements", response={201: StatementDetailOut, **ERRORS}, auth=AUTH)
def settlement_upload(
    request: HttpRequest,
    agency_id: int,
    channel_id: Form[int],
    period_start: Form[dt.date],
    period_end: Form[dt.date],
    file: File[UploadedFile],
    statement_date: Form[dt.date | None] = None,
) -> object:
    """Upload a channel's settlement statement (CSV, multipart) and match it (treasurer).
    Refusals: `statement_invalid` (with every bad row under `errors.file`), `statement_overlaps`,
    `statement_duplicate`, `statement_period_invalid`, `channel_not_agency`, `treasurer_required`."""
    actor = api_actor(request)
    agency = reconciliation_agency(actor, agency_id)
    channel = reconciliation_channels(actor, agency_id).filter(pk=channel_id).first()
    if channel is None:
        raise InvalidInput(
            _("This channel belongs to another agency."),
            code="channel_not_agency",
            errors={"channel_id": [_("Choose one of this agency's channels.")]},
        )
    statement = statement_upload(
        actor=actor,
        agency=agency,
        channel=channel,
        upload=file,
        period_start=period_start,
        period_end=period_end,
        statement_date=statement_date,
    )
    return Status(201, _statement(statement_for(actor, statement.pk), lines=True))


@router.get("/billing/settlements/{statement_id}", response={200: StatementDetailOut, **ERRORS}, auth=AUTH)
def settlement_detail(request: HttpRequest, statement_id: int) -> object:
    """A statement with every line: matched, missing in Padu, missing in the statement, amounts differ."""
    return _statement(statement_for(api_actor(request), statement_id), lines=True)


@router.post("/billing/settlement-lines/{line_id}/resolve", response={200: SettlementLineOut, **ERRORS}, auth=AUTH)
def settlement_line_resolve(
    request: HttpRequest,
    line_id: int,
    action: Form[str],
    note: Form[str],
    proof: File[UploadedFile | None] = None,
) -> object:
    """Resolve a difference (treasurer; audited): `bank_error`, `recorded` (a payment the
    channel settled but never notified, with `proof` as PDF/JPG/PNG), `written_off`, or
    `escalated` (stays open until settled)."""
    actor = api_actor(request)
    line = statement_line_resolve(actor=actor, line=line_for(actor, line_id), action=action, note=note, proof=proof)
    return _line(line_for(actor, line.pk))
