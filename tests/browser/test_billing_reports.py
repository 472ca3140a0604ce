"""The treasurer's reconciliation and the revenue report in a real browser, checked with axe-core."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from padu.billing.models import SettlementLine
from padu.billing.services import payment_notify
from padu.billing.tests.factories import make_bill, make_channel, make_revenue_agency, make_treasurer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user) -> None:
    """A treasurer has TOTP, so the login asks for a code: use a session cookie instead."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def test_upload_a_statement_see_the_three_problems_resolve_one_and_read_the_report(
    page, live_server, axe_check, screenshot
):
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    paid = []
    for i, total in enumerate((150_000, 75_000, 20_000), start=1):
        bill = make_bill(agency, treasurer, total=total, source_reference=f"RET/{i}")
        paid.append(payment_notify(channel=channel, code=bill.code, amount=total, reference=f"BJB-{i}")[0])
    unpaid = make_bill(agency, treasurer, total=45_000, source_reference="RET/9")
    today = timezone.now().astimezone(ZoneInfo(agency.time_zone)).date()
    day = today.strftime("%d/%m/%Y")
    content = "\n".join(
        [
            "Referensi;Kode Bayar;Jumlah;Waktu Bayar",
            f"BJB-1;{paid[0].bill.code};150.000;{day} 09:00",
            f"BJB-2;{paid[1].bill.code};80.000;{day} 09:30",
            f"BJB-9;{unpaid.code};45.000;{day} 10:00",
        ]
    )
    _log_in(page, live_server, treasurer.user)

    page.goto(f"{live_server.url}/konsol/tagihan/rekonsiliasi/")
    axe_check(page)
    # Submitting without a file: the error summary names the field, nothing is recorded.
    page.fill("#id_period_start", today.isoformat())
    page.fill("#id_period_end", today.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)

    page.fill("#id_period_start", today.isoformat())
    page.fill("#id_period_end", today.isoformat())
    page.set_input_files(
        "#id_file", files=[{"name": "settlement.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/konsol/tagihan/rekonsiliasi/" in page.url
    for heading in ("#missing-padu", "#missing-statement", "#mismatched"):
        assert "(1)" in page.locator(heading).inner_text()
    main = page.locator("main").inner_text()
    assert "BJB-9" in main and "BJB-3" in main and "Rp80.000" in main
    axe_check(page)
    screenshot(page, "billing-reconciliation-statement")

    mismatch = SettlementLine.objects.get(channel_reference="BJB-2")
    page.locator(f"a[href$='/baris/{mismatch.pk}/']").click()
    page.wait_for_load_state()
    axe_check(page)
    page.locator("input[name=action][value=bank_error]").check()
    page.fill("#id_note", "Bank salah menulis nominal; dikoreksi pada settlement berikutnya")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    mismatch.refresh_from_db()
    assert mismatch.resolution == "bank_error"
    assert page.locator(".notice--warning").is_visible()  # two differences still open
    assert "Diterima sebagai kesalahan kanal" in page.locator("#mismatched + p + .table-wrap").inner_text()
    axe_check(page)

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/konsol/tagihan/laporan/")
    # At 320 px the page never scrolls sideways; wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    chart = page.locator("svg.chart")
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    assert "Rp245.000" in page.locator("main").inner_text()
    axe_check(page)
    page.locator("details summary").first.click()
    assert page.locator("details .table-wrap").first.is_visible()
    axe_check(page)
    screenshot(page, "billing-revenue-report")
    assert not page.errors.messages, page.errors.messages


def test_the_report_works_without_javascript(page_nojs, live_server):
    # axe-core cannot run with scripting off; the same pages pass it in the test above.
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=150_000)
    payment_notify(channel=channel, code=bill.code, amount=150_000, reference="BJB-1")
    page = page_nojs
    _log_in(page, live_server, treasurer.user)
    page.goto(f"{live_server.url}/konsol/tagihan/laporan/")
    page.select_option("#id_group", "month")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "group=month" in page.url
    assert page.locator("svg.chart").is_visible()
    assert "Rp150.000" in page.locator("#by-period + .table-wrap").inner_text()
    assert "group=month" in (page.locator("a[href*='/unduh/csv/']").get_attribute("href") or "")
