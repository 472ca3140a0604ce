"""The annual PPID report of one agency (laporan layanan informasi publik): the numbers
Perki 1/2021 asks for, as data, and as an XLSX workbook."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from padu.core.calendar import WorkCalendar
from padu.core.models import Agency
from padu.ppid.models import (
    OPEN_STATUSES,
    Decision,
    Exemption,
    InfoObjection,
    InfoRequest,
    ObjectionOutcome,
    ObjectionStatus,
    RequestStatus,
)


@dataclass
class RegisterRow:
    number: str
    submitted: dt.date
    subject: str
    status: str
    decided: dt.date | None
    working_days: int | None


@dataclass
class AnnualReport:
    agency: Agency
    year: int
    received: int = 0
    granted: int = 0
    partly_granted: int = 0
    refused: int = 0
    not_held: int = 0
    withdrawn: int = 0
    unanswered: int = 0  # the deadline passed without a decision (objected to as not answered)
    open: int = 0
    extended: int = 0
    answered_on_time: int = 0
    average_working_days: float | None = None
    by_exemption: dict[str, int] = field(default_factory=dict)
    objections: int = 0
    objections_upheld: int = 0
    objections_rejected: int = 0
    objections_pending: int = 0
    rows: list[RegisterRow] = field(default_factory=list)

    @property
    def decided(self) -> int:
        return self.granted + self.partly_granted + self.refused + self.not_held


def _year_bounds(agency: Agency, year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(agency.time_zone)
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


def annual_report(agency: Agency, year: int) -> AnnualReport:
    """Requests received in `year` (the agency's local year) and what became of them;
    objections lodged in that year. The caller has checked the reader's permission."""
    start, end = _year_bounds(agency, year)
    report = AnnualReport(agency=agency, year=year)
    calendar = WorkCalendar(agency)
    zone = ZoneInfo(agency.time_zone)
    requests = InfoRequest.objects.filter(agency=agency, received_at__gte=start, received_at__lt=end).order_by(
        "received_at", "pk"
    )
    days: list[int] = []
    exemptions: Counter[str] = Counter()
    for request in requests:
        report.received += 1
        if request.decision == Decision.GRANTED:
            report.granted += 1
        elif request.decision == Decision.PARTLY_GRANTED:
            report.partly_granted += 1
        elif request.decision == Decision.REFUSED:
            report.refused += 1
        elif request.decision == Decision.NOT_HELD:
            report.not_held += 1
        elif request.status == RequestStatus.WITHDRAWN:
            report.withdrawn += 1
        elif request.status in OPEN_STATUSES:
            report.open += 1
        else:
            report.unanswered += 1
        if request.exemption:
            exemptions[request.exemption] += 1
        if request.extended_at is not None:
            report.extended += 1
        taken = None
        if request.decided_at is not None:
            taken = calendar.working_days_between(request.received_at, request.decided_at)
            days.append(taken)
            if request.decided_at <= request.due_at:
                report.answered_on_time += 1
        report.rows.append(
            RegisterRow(
                number=request.number,
                submitted=request.received_at.astimezone(zone).date(),
                subject=request.information[:300],
                status=str(request.get_status_display()),
                decided=request.decided_at.astimezone(zone).date() if request.decided_at else None,
                working_days=taken,
            )
        )
    if days:
        report.average_working_days = round(sum(days) / len(days), 1)
    report.by_exemption = {code: exemptions[code] for code in Exemption.values if exemptions[code]}
    objections = InfoObjection.objects.filter(agency=agency, received_at__gte=start, received_at__lt=end)
    for objection in objections:
        report.objections += 1
        if objection.status == ObjectionStatus.PENDING:
            report.objections_pending += 1
        elif objection.outcome == ObjectionOutcome.UPHELD:
            report.objections_upheld += 1
        else:
            report.objections_rejected += 1
    return report


def summary_rows(report: AnnualReport) -> list[tuple[str, int | float | str]]:
    """(label, value) in the order the report page and the workbook show them."""
    return [
        (_("Requests received"), report.received),
        (_("Granted in full"), report.granted),
        (_("Granted in part"), report.partly_granted),
        (_("Refused (exempt information)"), report.refused),
        (_("Information not held"), report.not_held),
        (_("Withdrawn"), report.withdrawn),
        (_("Not answered by the deadline"), report.unanswered),
        (_("Still being handled"), report.open),
        (_("Time extended"), report.extended),
        (_("Answered on time"), report.answered_on_time),
        (
            _("Average time to answer (working days)"),
            report.average_working_days if report.average_working_days is not None else "–",
        ),
        (_("Objections lodged"), report.objections),
        (_("Objections accepted"), report.objections_upheld),
        (_("Objections rejected"), report.objections_rejected),
        (_("Objections waiting for an answer"), report.objections_pending),
    ]


def report_xlsx(report: AnnualReport) -> bytes:
    """Three sheets: the summary, refusals by exemption, and the register of requests."""
    book = Workbook()
    bold = Font(bold=True)
    summary = book.active
    assert summary is not None  # noqa: S101 - a new workbook always has one sheet
    summary.title = _("Summary")[:31]
    summary.append([_("Annual report of public-information service")])
    summary["A1"].font = bold
    summary.append([_("Agency"), report.agency.name])
    summary.append([_("Year"), report.year])
    summary.append([])
    for label, value in summary_rows(report):
        summary.append([str(label), value])
    summary.column_dimensions["A"].width = 44
    summary.column_dimensions["B"].width = 60

    exemptions = book.create_sheet(_("Exemptions")[:31])
    exemptions.append([_("Exemption (Article 17 of Law 14/2008)"), _("Requests")])
    for cell in exemptions[1]:
        cell.font = bold
    for code, count in report.by_exemption.items():
        exemptions.append([str(Exemption(code).label), count])
    exemptions.column_dimensions["A"].width = 70

    register = book.create_sheet(_("Register")[:31])
    register.append(
        [
            _("Number"),
            _("Date received"),
            _("Information requested"),
            _("Status"),
            _("Date answered"),
            _("Working days"),
        ]
    )
    for cell in register[1]:
        cell.font = bold
    for row in report.rows:
        register.append([row.number, row.submitted, row.subject, row.status, row.decided, row.working_days])
        register.cell(register.max_row, 2).number_format = "DD/MM/YYYY"
        register.cell(register.max_row, 5).number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEF", (28, 14, 60, 24, 14, 12), strict=True):
        register.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
