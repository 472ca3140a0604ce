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
