"""Console pages and API of reconciliation and revenue reports."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from padu.billing.models import BillStatus, SettlementLine, SettlementStatement
from padu.billing.services import payment_notify
from padu.billing.tests.factories import make_bill, make_channel, make_revenue_agency, make_treasurer
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from tests.factories import make_agency, make_staff, tiny_pdf

PDF = tiny_pdf()

pytestmark = pytest.mark.django_db


def _login(client: Client, person, agency) -> None:
    client.cookies["django_language"] = "en"
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()


@pytest.fixture
def world():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    paid = []
    for i, total in enumerate((150_000, 75_000, 20_000), start=1):
        bill = make_bill(agency, treasurer, total=total, source_reference=f"RET/{i}")
        payment, _ = payment_notify(channel=channel, code=bill.code, amount=total, reference=f"BJB-{i}")
        paid.append(payment)
    unpaid = make_bill(agency, treasurer, total=45_000, source_reference="RET/9")
    return agency, treasurer, channel, paid, unpaid


def _statement_file(agency, paid, unpaid) -> SimpleUploadedFile:
    day = timezone.now().astimezone(ZoneInfo(agency.time_zone)).strftime("%d/%m/%Y")
    rows = [
        "referensi;kode_bayar;jumlah;waktu_bayar",
        f"BJB-1;{paid[0].bill.code};150.000;{day} 09:00",
        f"BJB-2;{paid[1].bill.code};80.000;{day} 09:30",  # amounts differ
        f"BJB-9;{unpaid.code};45.000;{day} 10:00",  # missing in Padu
        # BJB-3 is missing in the statement
    ]
    return SimpleUploadedFile("settlement.csv", "\n".join(rows).encode(), content_type="text/csv")


def _today(agency) -> str:
    return timezone.now().astimezone(ZoneInfo(agency.time_zone)).date().isoformat()


def test_the_treasurer_uploads_sees_the_differences_and_resolves_one(client, world):
    agency, treasurer, channel, paid, unpaid = world
    _login(client, treasurer.user, agency)
    page = client.get(reverse("portal:console_reconciliation"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "reference" in html and "kode_bayar" in html  # the format is explained on the page

    response = client.post(
        reverse("portal:console_reconciliation"),
        {
            "channel": channel.pk,
            "period_start": _today(agency),
            "period_end": _today(agency),
            "file": _statement_file(agency, paid, unpaid),
        },
    )
    statement = SettlementStatement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "portal:console_settlement", args=[statement.pk]
    )
    html = client.get(response["Location"]).content.decode()
    for heading in ("In the statement, not in Padu", "In Padu, not in the statement", "Amounts differ"):
        assert heading in html or heading.lower() in html.lower()
    assert "BJB-9" in html and "BJB-3" in html and "Rp80.000" in html

    missing = statement.lines.get(channel_reference="BJB-9")
    url = reverse("portal:console_settlement_line", args=[statement.pk, missing.pk])
    form_page = client.get(url)
    assert form_page.status_code == 200 and 'name="proof"' in form_page.content.decode()
    # Without the proof: the error is shown, nothing recorded.
    refused = client.post(url, {"action": "recorded", "note": "Dana masuk ke kas daerah"})
    assert refused.status_code == 200 and "error-summary" in refused.content.decode()
    unpaid.refresh_from_db()
    assert unpaid.status == BillStatus.UNPAID
    done = client.post(
        url,
        {
            "action": "recorded",
            "note": "Dana masuk ke kas daerah",
            "proof": SimpleUploadedFile("slip.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert done.status_code == 302
    unpaid.refresh_from_db()
    assert unpaid.status == BillStatus.PAID
    assert AuditEvent.objects.filter(verb="settlement.line_resolved", agency_id=agency.pk).count() == 1
    proof = client.get(reverse("portal:console_settlement_proof", args=[statement.pk, missing.pk]))
    assert proof.status_code == 200 and b"".join(proof.streaming_content).startswith(b"%PDF")
    original = client.get(reverse("portal:console_settlement_file", args=[statement.pk]))
    assert b"".join(original.streaming_content).startswith(b"referensi;")


def test_a_bad_file_shows_every_bad_row_and_records_nothing(client, world):
    agency, treasurer, channel, paid, unpaid = world
    _login(client, treasurer.user, agency)
    content = f"reference,billing_code,amount,paid_at\nR1,{paid[0].bill.code},abc,{_today(agency)}\nR2,123,1,x\n"
    response = client.post(
        reverse("portal:console_reconciliation"),
        {
            "channel": channel.pk,
            "period_start": _today(agency),
            "period_end": _today(agency),
            "file": SimpleUploadedFile("bad.csv", content.encode()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and "Row 2" in html and "Row 3" in html
    assert not SettlementStatement.objects.exists()


def test_reconciliation_is_for_the_treasurer_only(client, world):
    agency, *_ = world
    admin = make_staff(agency, Role.AGENCY_ADMIN)
    _login(client, admin, agency)
    assert client.get(reverse("portal:console_reconciliation")).status_code == 403
    # ...but the agency administrator reads the revenue report.
    assert client.get(reverse("portal:console_revenue")).status_code == 200
    front_desk = make_staff(agency, Role.FRONT_DESK)
    _login(client, front_desk, agency)
    assert client.get(reverse("portal:console_revenue")).status_code == 403


def test_revenue_report_page_chart_and_downloads(client, world):
    agency, treasurer, *_ = world
    _login(client, treasurer.user, agency)
    page = client.get(reverse("portal:console_revenue"), {"date_from": _today(agency), "date_to": _today(agency)})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert "Rp245.000" in html  # 150.000 + 75.000 + 20.000
    params = {"date_from": _today(agency), "date_to": _today(agency), "group": "day"}
    got_csv = client.get(reverse("portal:console_revenue_download", args=["csv"]), params)
    assert got_csv.status_code == 200 and got_csv["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(got_csv.content.decode("utf-8-sig"))))
    assert rows[-3][4:] == ["3", "245000", "0", "245000"]
    got_xlsx = client.get(reverse("portal:console_revenue_download", args=["xlsx"]), params)
    book = load_workbook(io.BytesIO(got_xlsx.content))
    assert book["Detail"].max_row == 3  # header, one row, total
    bad = client.get(reverse("portal:console_revenue"), {"date_from": _today(agency), "date_to": "2020-01-01"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_api_revenue_and_statement_upload(client, world):
    agency, treasurer, channel, paid, unpaid = world
    client.force_login(treasurer.user)
    revenue = client.get(
        f"/api/v1/billing/agencies/{agency.pk}/revenue", {"date_from": _today(agency), "date_to": _today(agency)}
    )
    assert revenue.status_code == 200 and revenue.json()["total"]["net"] == 245_000
    response = client.post(
        f"/api/v1/billing/agencies/{agency.pk}/settlements",
        {
            "channel_id": channel.pk,
            "period_start": _today(agency),
            "period_end": _today(agency),
            "file": _statement_file(agency, paid, unpaid),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["matched_count"], body["problem_count"]) == (1, 3)
    results = sorted(line["result"] for line in body["lines"])
    assert results == ["amount_mismatch", "matched", "missing_in_padu", "missing_in_statement"]
    line = next(x for x in body["lines"] if x["result"] == "missing_in_statement")
    resolved = client.post(
        f"/api/v1/billing/settlement-lines/{line['id']}/resolve", {"action": "written_off", "note": "Terlambat"}
    )
    assert resolved.status_code == 200 and resolved.json()["resolution"] == "written_off"
    again = client.post(
        f"/api/v1/billing/agencies/{agency.pk}/settlements",
        {
            "channel_id": channel.pk,
            "period_start": _today(agency),
            "period_end": _today(agency),
            "file": _statement_file(agency, paid, unpaid),
        },
    )
    assert again.status_code == 409 and again.json()["code"] == "statement_overlaps"
    listed = client.get(f"/api/v1/billing/agencies/{agency.pk}/settlements").json()
    assert [s["open_count"] for s in listed] == [2]


def test_api_refuses_other_agencies_and_non_treasurers(client, world):
    agency, treasurer, channel, paid, unpaid = world
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    client.force_login(make_treasurer(other).user)
    statement_upload = client.post(
        f"/api/v1/billing/agencies/{agency.pk}/settlements",
        {
            "channel_id": channel.pk,
            "period_start": _today(agency),
            "period_end": _today(agency),
            "file": _statement_file(agency, paid, unpaid),
        },
    )
    assert statement_upload.status_code == 404
    assert client.get(f"/api/v1/billing/agencies/{agency.pk}/revenue").status_code == 404
    client.force_login(make_staff(agency, Role.FRONT_DESK))
    assert client.get(f"/api/v1/billing/agencies/{agency.pk}/revenue").status_code == 403
    assert client.get(f"/api/v1/billing/agencies/{agency.pk}/settlements").status_code == 403
    assert not SettlementLine.objects.exists()


def test_a_treasurer_without_two_step_login_is_sent_to_set_it_up(client, world):
    agency, treasurer, channel, paid, unpaid = world
    newcomer = make_staff(agency, Role.TREASURER, with_mfa=False)
    _login(client, newcomer, agency)
    page = client.get(reverse("portal:console_reconciliation"))
    assert page.status_code == 302 and page["Location"] == reverse("portal:mfa_required")
    upload = client.post(
        f"/api/v1/billing/agencies/{agency.pk}/settlements",
        {
            "channel_id": channel.pk,
            "period_start": _today(agency),
            "period_end": _today(agency),
            "file": _statement_file(agency, paid, unpaid),
        },
    )
    assert upload.status_code == 403 and upload.json()["code"] == "mfa_required"
    assert not SettlementStatement.objects.exists()
