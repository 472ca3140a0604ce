"""E-billing pages: public bill and receipt pages, the payer's bills, the treasurer's console."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from padu.billing.models import Bill, PaymentChannel, RefundRequest
from padu.billing.services import LineInput, bill_create
from padu.billing.tests.factories import Bank, make_bill, make_channel, make_revenue_agency, make_treasurer
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from tests.factories import actor_for, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db


def _login(client, person, agency=None):
    client.force_login(person)
    if agency is not None:
        session = client.session
        session[SESSION_KEY] = agency.pk
        session.save()


@pytest.fixture
def world():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=250_000)
    return agency, treasurer, channel, secret, bill


def test_the_public_bill_page_masks_the_name_and_shows_how_to_pay(client, world):
    *_, bill = world
    html = client.get(reverse("portal:bill_public", args=[bill.code])).content.decode()
    assert "S*** A*****" in html and "Siti" not in html
    assert "Rp250.000" in html
    assert "<svg" in html  # the QRIS code
    assert bill.code[:4] + " " + bill.code[4:8] in html


def test_the_lookup_form_finds_a_bill_and_explains_a_mistyped_code(client, world):
    *_, bill = world
    response = client.get(reverse("portal:bill_lookup"), {"code": " ".join([bill.code[:7], bill.code[7:]])})
    assert response.status_code == 302 and response["Location"] == reverse("portal:bill_public", args=[bill.code])
    wrong = bill.code[:-1] + str((int(bill.code[-1]) + 1) % 10)
    html = client.get(reverse("portal:bill_lookup"), {"code": wrong}).content.decode()
    assert "error-summary" in html and 'href="#id_code"' in html
    assert client.get(reverse("portal:bill_public", args=[wrong])).status_code == 404
    assert client.get(reverse("portal:bill_public", args=["abc"])).status_code == 404


def test_the_bill_pdf_is_a_pdf(client, world):
    *_, bill = world
    response = client.get(reverse("portal:bill_public_pdf", args=[bill.code]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_paid_bill_links_to_a_genuine_receipt_and_a_reversed_one_says_void(client, world):
    _agency, _t, channel, secret, bill = world
    bank = Bank(Client(), channel, secret)
    bank.pay(bill.code, 250_000, "BANK-1")
    bill.refresh_from_db()
    receipt = bill.receipts.get()
    html = client.get(reverse("portal:bill_public", args=[bill.code])).content.decode()
    assert receipt.number in html and "<svg" not in html
    verify = client.get(reverse("portal:receipt_verify", args=[receipt.verification_code])).content.decode()
    assert receipt.number in verify and "Rp250.000" in verify and "S*** A*****" in verify
    bank.reverse("BANK-1")
    verify = client.get(reverse("portal:receipt_verify", args=[receipt.verification_code])).content.decode()
    assert "tag--red" in verify
    missing = client.get(reverse("portal:receipt_verify", args=["not-a-code"]))
    assert missing.status_code == 404


def test_the_payer_sees_their_bills_and_nobody_elses(client, world):
    agency, treasurer, *_ = world
    citizen = make_citizen().user
    other = make_citizen(village="32.04.05.2001").user
    mine = bill_create(
        actor=treasurer,
        agency=agency,
        payer_kind="citizen",
        payer_user_id=citizen.pk,
        payer_name="Budi Santoso",
        source_kind="tax",
        description="PBB-P2 2026",
        lines=[LineInput("4.1.01.12.01.0001", "PBB-P2", 120_000)],
    )
    client.force_login(citizen)
    assert "PBB-P2 2026" in client.get(reverse("portal:my_bills")).content.decode()
    page = client.get(reverse("portal:my_bill", args=[mine.pk])).content.decode()
    assert "Budi Santoso" in page
    assert client.get(reverse("portal:my_bill_pdf", args=[mine.pk])).content.startswith(b"%PDF")
    assert client.get(reverse("portal:my_receipt_pdf", args=[mine.pk])).status_code == 404  # unpaid
    client.force_login(other)
    assert client.get(reverse("portal:my_bill", args=[mine.pk])).status_code == 404
    assert "PBB-P2 2026" not in client.get(reverse("portal:my_bills")).content.decode()


def test_the_treasurer_issues_a_bill_with_lines(client, world):
    agency, treasurer, *_ = world
    _login(client, treasurer.user, agency)
    response = client.post(
        reverse("portal:console_bill_new"),
        {
            "source_kind": "levy",
            "payer_name": "CV Maju Bersama",
            "description": "Retribusi pasar Kios B-12 November 2026",
            "valid_days": "10",
            "line_1_account_code": "4.1.02.01.05.0001",
            "line_1_description": "Sewa kios",
            "line_1_amount": "300000",
            "line_2_account_code": "4.1.02.01.01.0001",
            "line_2_description": "Kebersihan",
            "line_2_amount": "25000",
        },
    )
    assert response.status_code == 302
    bill = Bill.objects.get(payer_name="CV Maju Bersama")
    assert bill.total == 325_000 and bill.lines.count() == 2
    assert AuditEvent.objects.filter(agency_id=agency.pk, verb="bill.created", object_id=str(bill.pk)).exists()
    listing = client.get(reverse("portal:console_bills"), {"q": "Maju"}).content.decode()
    assert "CV Maju Bersama" in listing


def test_bad_bill_input_shows_the_error_summary(client, world):
    agency, treasurer, *_ = world
    _login(client, treasurer.user, agency)
    before = Bill.objects.count()
    html = client.post(
        reverse("portal:console_bill_new"),
        {
            "source_kind": "levy",
            "payer_name": "",
            "description": "x",
            "valid_days": "0",
            "line_1_account_code": "abc",
            "line_1_description": "Sewa",
            "line_1_amount": "-5",
            "line_2_description": "half a line",
        },
    ).content.decode()
    assert "error-summary" in html
    assert 'href="#id_payer_name"' in html and 'href="#id_line_1_amount"' in html
    assert 'href="#id_valid_days"' in html and 'href="#id_line_2_account_code"' in html
    assert Bill.objects.count() == before
    html = client.post(
        reverse("portal:console_bill_new"),
        {
            "source_kind": "levy",
            "payer_name": "Pak Ahmad",
            "description": "Retribusi",
            "valid_days": "7",
            "line_1_account_code": "abc",
            "line_1_description": "Sewa",
            "line_1_amount": "1000",
        },
    ).content.decode()
    assert 'href="#id_line_1_account_code"' in html
    assert Bill.objects.count() == before


def test_only_the_treasurer_issues_cancels_or_manages_channels(client, world):
    agency, _treasurer, channel, _secret, bill = world
    clerk = make_staff(agency, Role.FRONT_DESK)
    _login(client, clerk, agency)
    assert client.get(reverse("portal:console_bills")).status_code == 200
    assert client.get(reverse("portal:console_bill", args=[bill.pk])).status_code == 200
    assert client.get(reverse("portal:console_bill_new")).status_code == 403
    assert client.get(reverse("portal:console_channels")).status_code == 403
    assert client.post(reverse("portal:console_channel_rotate", args=[channel.pk])).status_code == 403
    assert client.post(reverse("portal:console_bill_cancel", args=[bill.pk]), {"cancel-reason": "x"}).status_code == 403
    bill.refresh_from_db()
    assert bill.status == "unpaid"


def test_cancel_needs_a_reason(client, world):
    agency, treasurer, _c, _s, bill = world
    _login(client, treasurer.user, agency)
    page = client.post(reverse("portal:console_bill_cancel", args=[bill.pk]), {"cancel-reason": "  "}, follow=True)
    bill.refresh_from_db()
    assert bill.status == "unpaid"
    assert "notice--error" in page.content.decode() or "reason" in page.content.decode().lower()
    client.post(reverse("portal:console_bill_cancel", args=[bill.pk]), {"cancel-reason": "Salah tetapkan"})
    bill.refresh_from_db()
    assert bill.status == "cancelled" and bill.cancel_reason == "Salah tetapkan"


def test_a_refund_needs_a_second_person(client, world):
    agency, treasurer, channel, secret, bill = world
    Bank(Client(), channel, secret).pay(bill.code, 250_000, "BANK-R")
    _login(client, treasurer.user, agency)
    client.post(reverse("portal:console_bill_refund", args=[bill.pk]), {"refund-reason": "Bayar dobel di loket"})
    refund = RefundRequest.objects.get(bill=bill)
    # The same treasurer cannot approve their own request.
    client.post(reverse("portal:console_bill_refund_decide", args=[bill.pk]), {"decide-decision": "approve"})
    refund.refresh_from_db()
    assert refund.status == "pending"
    second = make_staff(agency, Role.TREASURER)
    _login(client, second, agency)
    page = client.get(reverse("portal:console_bill", args=[bill.pk])).content.decode()
    assert "decide-decision" in page
    client.post(reverse("portal:console_bill_refund_decide", args=[bill.pk]), {"decide-decision": "approve"})
    refund.refresh_from_db()
    bill.refresh_from_db()
    assert refund.status == "approved" and bill.status == "refunded"
    assert AuditEvent.objects.filter(agency_id=agency.pk, verb="bill.refund_approved").exists()


def test_channel_secret_is_shown_once_and_can_be_rotated(client, world):
    agency, treasurer, *_ = world
    _login(client, treasurer.user, agency)
    html = client.post(reverse("portal:console_channels"), {"name": "Bank BJB", "kind": "bank"}).content.decode()
    channel = PaymentChannel.objects.get(name="Bank BJB")
    assert 'id="new-secret"' in html and channel.client_id in html
    assert 'id="new-secret"' not in client.get(reverse("portal:console_channels")).content.decode()
    old = channel.secret_encrypted
    html = client.post(reverse("portal:console_channel_rotate", args=[channel.pk])).content.decode()
    channel.refresh_from_db()
    assert channel.secret_encrypted != old and 'id="new-secret"' in html
    bad = client.post(
        reverse("portal:console_channels"), {"name": "QRIS", "kind": "qris", "qris_nmid": "123"}
    ).content.decode()
    assert "error-summary" in bad and 'href="#id_qris_nmid"' in bad


def test_a_supervisor_sees_bills_beneath_but_cannot_issue(client, world):
    agency, *_ = world
    village = make_agency(parent=agency)
    village_treasurer = actor_for(make_staff(village, Role.TREASURER))
    below = make_bill(village, village_treasurer, description="Retribusi desa")
    supervisor = make_staff(agency, Role.SUPERVISOR)
    _login(client, supervisor, agency)
    html = client.get(reverse("portal:console_bills"), {"beneath": "on"}).content.decode()
    assert "Retribusi desa" in html
    assert client.get(reverse("portal:console_bill", args=[below.pk])).status_code == 200
    assert client.get(reverse("portal:console_bill_new")).status_code == 403
    outsider = make_staff(make_agency(name="Desa Lain", region="32.04.05.2002"), Role.TREASURER)
    _login(client, outsider)
    assert client.get(reverse("portal:console_bill", args=[below.pk])).status_code == 404
