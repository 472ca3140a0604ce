"""Revenue reports: totals by account, channel and day; reversed payments never count;
refunds shown separately; supervisors see the agencies beneath; CSV and XLSX content."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from openpyxl import load_workbook  # type: ignore[import-untyped]

from padu.billing.reports import (
    Bucket,
    ReportQuery,
    report_csv,
    report_xlsx,
    revenue_chart_svg,
    revenue_report,
)
from padu.billing.services import (
    LineInput,
    payment_notify,
    payment_reverse,
    refund_decide,
    refund_request,
)
from padu.billing.tests.factories import make_bill, make_channel
from padu.core.errors import Forbidden, InvalidInput, NotFound
from padu.core.models import AgencyKind
from padu.core.roles import Role
from tests.factories import actor_for, make_agency, make_staff

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
FEE = "4.1.02.01.01.0001"
WASTE = "4.1.02.01.01.0002"
DAY1, DAY2, DAY3 = dt.date(2026, 11, 2), dt.date(2026, 11, 3), dt.date(2026, 11, 4)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=WIB)


@pytest.fixture
def books():
    """A regency with its revenue office; payments over three days on two channels, one
    reversed, one refunded."""
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind=AgencyKind.LOCAL_GOVERNMENT, region="32.04")
    bapenda = make_agency(
        name="Badan Pendapatan Daerah", kind=AgencyKind.DEPARTMENT, region="32.04", parent=regency, code="BAPENDA"
    )
    treasurer = actor_for(make_staff(bapenda, Role.TREASURER))
    second = actor_for(make_staff(bapenda, Role.TREASURER))
    qris, _ = make_channel(bapenda, treasurer, name="QRIS Bank Daerah")
    bank, _ = make_channel(bapenda, treasurer, name="Teller Bank Daerah")
    with time_machine.travel(_at(DAY1, 9), tick=False):
        two_lines = make_bill(
            bapenda,
            treasurer,
            total=150_000,
            lines=[LineInput(FEE, "Retribusi izin", 100_000), LineInput(WASTE, "Retribusi sampah", 50_000)],
        )
        payment_notify(channel=qris, code=two_lines.code, amount=150_000, reference="Q-1")
    with time_machine.travel(_at(DAY2, 10), tick=False):
        one = make_bill(bapenda, treasurer, total=70_000, lines=[LineInput(FEE, "Retribusi izin", 70_000)])
        payment_notify(channel=bank, code=one.code, amount=70_000, reference="B-1")
        reversed_bill = make_bill(bapenda, treasurer, total=30_000, lines=[LineInput(FEE, "Retribusi", 30_000)])
        payment_notify(channel=qris, code=reversed_bill.code, amount=30_000, reference="Q-2")
        payment_reverse(channel=qris, reference="Q-2")
    with time_machine.travel(_at(DAY3, 8), tick=False):
        refunded = make_bill(bapenda, treasurer, total=40_000, lines=[LineInput(WASTE, "Retribusi sampah", 40_000)])
        payment_notify(channel=qris, code=refunded.code, amount=40_000, reference="Q-3")
    with time_machine.travel(_at(DAY3, 15), tick=False):
        refund = refund_request(actor=treasurer, bill=refunded, reason="Bayar dua kali di loket")
        refund_decide(actor=second, refund=refund, approve=True)
    return regency, bapenda, treasurer


def _query(**kw) -> ReportQuery:
    return ReportQuery(date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 5), **kw)


def _totals(bucket: Bucket) -> tuple[int, int, int, int]:
    return bucket.payments, bucket.received, bucket.refunded, bucket.net


def test_totals_by_account_channel_and_day(books):
    _regency, bapenda, treasurer = books
    report = revenue_report(treasurer, bapenda.pk, _query())
    assert _totals(report.total) == (3, 260_000, 40_000, 220_000)
    assert {k: _totals(v) for k, v in report.by_account.items()} == {
        FEE: (2, 170_000, 0, 170_000),
        WASTE: (2, 90_000, 40_000, 50_000),
    }
    assert {k: _totals(v) for k, v in report.by_channel.items()} == {
        "QRIS Bank Daerah": (2, 190_000, 40_000, 150_000),
        "Teller Bank Daerah": (1, 70_000, 0, 70_000),
    }
    daily = {day: _totals(b) for day, b in report.daily}
    assert daily[DAY1] == (1, 150_000, 0, 150_000)
    assert daily[DAY2] == (1, 70_000, 0, 70_000)  # the reversed 30.000 does not count
    assert daily[DAY3] == (1, 40_000, 40_000, 0)  # paid and refunded the same day
    assert daily[dt.date(2026, 11, 1)] == (0, 0, 0, 0)
    assert len(report.daily) == 5
    assert sum(r.net for r in report.rows) == report.total.net


def test_month_grouping_and_filters(books):
    _regency, bapenda, treasurer = books
    monthly = revenue_report(treasurer, bapenda.pk, _query(group="month"))
    assert list(monthly.by_period) == [dt.date(2026, 11, 1)]
    assert _totals(monthly.by_period[dt.date(2026, 11, 1)]) == (3, 260_000, 40_000, 220_000)
    waste = revenue_report(treasurer, bapenda.pk, _query(account_code=WASTE))
    assert _totals(waste.total) == (2, 90_000, 40_000, 50_000)
    with pytest.raises(InvalidInput) as refused:
        revenue_report(treasurer, bapenda.pk, _query(channel_id=999_999))
    assert "channel" in refused.value.errors
    with pytest.raises(InvalidInput) as refused:
        revenue_report(treasurer, bapenda.pk, ReportQuery(date_from=dt.date(2026, 11, 5), date_to=dt.date(2026, 11, 1)))
    assert "date_to" in refused.value.errors
    with pytest.raises(InvalidInput):
        revenue_report(treasurer, bapenda.pk, ReportQuery(date_from=dt.date(2025, 1, 1), date_to=dt.date(2026, 11, 1)))


def test_supervisors_see_the_agencies_beneath_and_others_do_not(books):
    regency, bapenda, _treasurer = books
    supervisor = actor_for(make_staff(regency, Role.SUPERVISOR))
    beneath = revenue_report(supervisor, regency.pk, _query(beneath=True))
    assert [a.pk for a in beneath.agencies] == [regency.pk, bapenda.pk]
    assert beneath.total.net == 220_000
    assert list(beneath.by_agency) == ["Badan Pendapatan Daerah"]
    assert revenue_report(supervisor, regency.pk, _query()).total.net == 0  # the regency alone took nothing
    assert revenue_report(supervisor, bapenda.pk, _query()).total.net == 220_000

    admin = actor_for(make_staff(bapenda, Role.AGENCY_ADMIN))
    assert revenue_report(admin, bapenda.pk, _query()).total.net == 220_000
    with pytest.raises(Forbidden):
        revenue_report(admin, bapenda.pk, _query(beneath=True))
    with pytest.raises(Forbidden):
        revenue_report(actor_for(make_staff(bapenda, Role.FRONT_DESK)), bapenda.pk, _query())
    village = make_agency(name="Desa Cileunyi Wetan", region="32.04.05.2002")
    with pytest.raises(NotFound):
        revenue_report(actor_for(make_staff(village, Role.SUPERVISOR)), bapenda.pk, _query())


def test_csv_export(books):
    _regency, bapenda, treasurer = books
    content = report_csv(revenue_report(treasurer, bapenda.pk, _query())).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Period",
        "Agency",
        "Revenue account code",
        "Channel",
        "Payments",
        "Received (Rupiah)",
        "Refunded (Rupiah)",
        "Net (Rupiah)",
    ]
    assert ["2026-11-02", "Badan Pendapatan Daerah", FEE, "QRIS Bank Daerah", "1", "100000", "0", "100000"] in rows
    assert ["2026-11-04", "Badan Pendapatan Daerah", WASTE, "QRIS Bank Daerah", "1", "40000", "40000", "0"] in rows
    total = next(r for r in rows if r and r[0] == "Total")
    assert total[4:] == ["3", "260000", "40000", "220000"]
    assert "Reversed payments are not counted" in rows[-1][0]


def test_xlsx_export_opens_with_openpyxl(books):
    _regency, bapenda, treasurer = books
    book = load_workbook(io.BytesIO(report_xlsx(revenue_report(treasurer, bapenda.pk, _query()))))
    assert book.sheetnames == ["Summary", "Detail", "Daily"]
    summary = [[c for c in row] for row in book["Summary"].iter_rows(values_only=True)]
    assert ["Agency", "Badan Pendapatan Daerah", None, None, None] in summary
    assert [FEE, 2, 170_000, 0, 170_000] in summary
    assert ["Teller Bank Daerah", 1, 70_000, 0, 70_000] in summary
    detail = list(book["Detail"].iter_rows(values_only=True))
    assert detail[-1][0] == "Total" and detail[-1][4:] == (3, 260_000, 40_000, 220_000)
    assert detail[1][0] == dt.datetime(2026, 11, 2)  # a real date cell, not text
    daily = list(book["Daily"].iter_rows(values_only=True))
    assert daily[1] == (dt.datetime(2026, 11, 1), 0, 0, 0, 0)
    assert daily[2] == (dt.datetime(2026, 11, 2), 1, 150_000, 0, 150_000)


def test_chart_is_an_accessible_svg(books):
    _regency, bapenda, treasurer = books
    svg = str(revenue_chart_svg(revenue_report(treasurer, bapenda.pk, _query())))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<script" not in svg
    assert "<title id=" in svg and "<desc id=" in svg and "Highest on 2 November 2026" in svg
    assert svg.count("<rect") == 5  # one bar a day, empty days included
    assert "Rp150.000" in svg
