"""E-billing pages in a browser: look a bill up, pay it (a bank over the signed API), check
the receipt; the citizen's bills and the console's bill list. Every page passes axe-core."""

from __future__ import annotations

import pytest
from django.test import Client

from padu.billing.services import LineInput, bill_create
from padu.billing.tests.factories import Bank, make_channel, make_treasurer
from padu.core.roles import Role
from tests import web_factories as f
from tests.browser.test_pages import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    agency = f.agency()
    treasurer = make_treasurer(agency)
    channel, secret = make_channel(agency, treasurer)
    citizen = f.user("siti@example.id", full_name="Siti Aminah")
    bill = bill_create(
        actor=treasurer,
        agency=agency,
        payer_kind="citizen",
        payer_user_id=citizen.pk,
        payer_name=citizen.full_name,
        source_kind="levy",
        description="Retribusi pasar Kios B-12, November 2026",
        lines=[
            LineInput("4.1.02.01.05.0001", "Sewa kios B-12", 300_000),
            LineInput("4.1.02.01.01.0001", "Retribusi kebersihan", 25_000),
        ],
    )
    return agency, channel, secret, citizen, bill


def test_bill_and_receipt_pages(page, live_server, axe_check, screenshot):
    agency, channel, secret, _citizen, bill = _world()
    base = live_server.url

    page.goto(f"{base}/bayar/")
    axe_check(page)
    page.fill("input[name=code]", "1234")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.fill("input[name=code]", f"{bill.code[:4]} {bill.code[4:8]} {bill.code[8:]}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/bayar/{bill.code}/")
    text = page.locator("main").inner_text()
    assert "Rp325.000" in text and "S*** A*****" in text and "Siti" not in text
    assert page.locator("figure.qris svg").count() == 1
    axe_check(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, "billing-bill")
    page.set_viewport_size({"width": 390, "height": 844})

    paid = Bank(Client(), channel, secret).pay(bill.code, 325_000, "BANK-BROWSER-1")
    assert paid.status_code == 200
    page.reload()
    assert page.locator("figure.qris").count() == 0
    page.get_by_role("link", name="Periksa bukti bayar").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert paid.json()["proof_number"] in text and "Asli" in text
    axe_check(page)
    screenshot(page, "billing-receipt")


def test_citizen_and_console_pages(page, live_server, axe_check):
    agency, _channel, _secret, _citizen, bill = _world()
    f.staff(agency, Role.FRONT_DESK, "loket@example.id")
    base = live_server.url

    _login(page, base, "siti@example.id")
    page.goto(f"{base}/akun/tagihan/")
    axe_check(page)
    page.get_by_role("link", name="Retribusi pasar Kios B-12, November 2026").click()
    page.wait_for_load_state()
    assert "Siti Aminah" in page.locator("main").inner_text()
    axe_check(page)

    page.context.clear_cookies()
    _login(page, base, "loket@example.id")
    page.goto(f"{base}/konsol/tagihan/")
    assert bill.code[:4] in page.locator("main").inner_text()
    axe_check(page)
    page.goto(f"{base}/konsol/tagihan/{bill.pk}/")
    axe_check(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_treasurer_enters_the_acquirers_letter_and_bills_get_qris(page, live_server, axe_check, width):
    from django.conf import settings

    from padu.billing.services import channel_register
    from padu.billing.tests.factories import make_bill
    from tests.browser.test_billing_reports import _log_in

    agency = f.agency()
    treasurer = make_treasurer(agency)
    channel_register(actor=treasurer, agency=agency, name="Bank Daerah QRIS", kind="qris")
    bill = make_bill(agency, treasurer)
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base}])

    # Registered without the letter's data: no QRIS code, and the page says so.
    page.goto(f"{base}/bayar/{bill.code}/")
    assert "QRIS is not available for this office yet" in page.locator("main").inner_text()
    assert page.locator("figure.qris").count() == 0

    _log_in(page, live_server, treasurer.user)
    page.goto(f"{base}/konsol/kanal-pembayaran/")
    assert "Merchant data missing" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)
    page.get_by_role("link", name="Enter QRIS data Bank Daerah QRIS").click()
    page.wait_for_load_state()
    axe_check(page)
    page.fill("#id_qris_acquirer_gui", "ID.CO.BANKBPD.WWW")
    page.fill("#id_qris_merchant_pan", "9360 0110 0000 0000 015")  # last digit mistyped
    page.fill("#id_qris_merchant_id", "BAPENDA0000001")
    page.check("input[name=qris_merchant_criteria][value=UBE]")
    page.fill("#id_qris_nmid", "ID1026000000001")
    page.fill("#id_qris_mcc", "9311")
    page.fill("#id_merchant_name", "BAPENDA KAB BANDUNG")
    page.fill("#id_merchant_city", "SOREANG")
    page.fill("#id_merchant_postal_code", "40911")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible() and summary.locator('a[href="#id_qris_merchant_pan"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)
    page.fill("#id_qris_merchant_pan", "9360 0110 0000 0000 014")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/konsol/kanal-pembayaran/")
    assert "ID1026000000001" in page.locator("main").inner_text()

    page.goto(f"{base}/bayar/{bill.code}/")
    assert page.locator("figure.qris svg").count() == 1
