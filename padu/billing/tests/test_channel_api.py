"""The payment-channel API through its real HTTP interface."""

import datetime as dt
import threading
import time

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from padu.billing.models import Bill, ChannelRequest, Payment, Receipt
from padu.billing.services import bill_cancel, bills_expire
from padu.core.models import AuditEvent

from .factories import Bank, make_bill, make_channel, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=150_000)
    return agency, treasurer, channel, Bank(Client(), channel, secret), bill


def _paid_count() -> int:
    return Payment.objects.filter(reversed_at__isnull=True).count()


def test_inquiry_shows_amount_masked_name_and_status(setup):
    _agency, _t, _c, bank, bill = setup
    response = bank.inquiry(bill.code)
    assert response.status_code == 200
    data = response.json()
    assert data["amount"] == 150_000
    assert data["status"] == "unpaid"
    assert data["payable"] is True
    assert data["payer_name"] == "S*** A*****"
    assert "Siti" not in response.content.decode()
    assert ChannelRequest.objects.filter(kind="inquiry", status_code=200).count() == 1


def test_inquiry_accepts_the_code_typed_in_groups(setup):
    *_, bank, bill = setup
    grouped = " ".join(bill.code[i : i + 4] for i in range(0, 14, 4))
    assert bank.inquiry(grouped).json()["billing_code"] == bill.code


def test_payment_marks_the_bill_paid_issues_a_receipt_and_audits(setup):
    agency, _t, _c, bank, bill = setup
    response = bank.pay(bill.code, 150_000, "BDJ-0001")
    assert response.status_code == 200, response.content
    data = response.json()
    bill.refresh_from_db()
    assert bill.status == "paid"
    receipt = Receipt.objects.get(bill=bill)
    assert data["proof_number"] == receipt.number
    assert data["status"] == "paid"
    assert AuditEvent.objects.filter(agency_id=agency.pk, verb="bill.paid", object_id=str(bill.pk)).exists()
    assert bank.inquiry(bill.code).json()["status"] == "paid"


def test_the_same_notification_twice_is_one_payment_with_the_same_answer(setup):
    *_, bank, bill = setup
    first = bank.pay(bill.code, 150_000, "BDJ-0002")
    second = bank.pay(bill.code, 150_000, "BDJ-0002")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert Payment.objects.filter(bill=bill).count() == 1
    assert Receipt.objects.filter(bill=bill).count() == 1


def test_the_same_reference_with_other_content_is_refused(setup):
    agency, treasurer, _c, bank, bill = setup
    other = make_bill(agency, treasurer, total=150_000)
    assert bank.pay(bill.code, 150_000, "BDJ-0003").status_code == 200
    response = bank.pay(other.code, 150_000, "BDJ-0003")
    assert response.status_code == 409
    assert response.json()["code"] == "reference_reused"
    other.refresh_from_db()
    assert other.status == "unpaid"


def test_a_second_payment_of_a_paid_bill_is_refused(setup):
    *_, bank, bill = setup
    bank.pay(bill.code, 150_000, "BDJ-0004")
    response = bank.pay(bill.code, 150_000, "BDJ-0005")
    assert response.status_code == 409
    assert response.json()["code"] == "bill_already_paid"
    assert Payment.objects.filter(bill=bill).count() == 1


@pytest.mark.parametrize("amount", [149_999, 150_001, 1])
def test_an_amount_that_differs_is_refused_and_nothing_is_paid(setup, amount):
    *_, bank, bill = setup
    response = bank.pay(bill.code, amount, "BDJ-AMT")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "amount_mismatch"
    assert body["expected"] == 150_000
    assert response["Content-Type"] == "application/problem+json"
    assert _paid_count() == 0
    bill.refresh_from_db()
    assert bill.status == "unpaid"


def test_an_expired_bill_is_refused_even_before_the_expiry_job_runs(setup):
    *_, bank, bill = setup
    Bill.objects.filter(pk=bill.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert bank.inquiry(bill.code).json()["status"] == "expired"
    response = bank.pay(bill.code, 150_000, "BDJ-EXP")
    assert response.json()["code"] == "bill_expired"
    assert bills_expire() == 1
    assert bank.pay(bill.code, 150_000, "BDJ-EXP").json()["code"] == "bill_expired"
    assert _paid_count() == 0


def test_a_cancelled_bill_is_refused(setup):
    _a, treasurer, _c, bank, bill = setup
    bill_cancel(actor=treasurer, bill=bill, reason="Ditetapkan ulang")
    response = bank.pay(bill.code, 150_000, "BDJ-CAN")
    assert response.status_code == 409
    assert response.json()["code"] == "bill_cancelled"
    assert bank.inquiry(bill.code).json()["reason_code"] == "bill_cancelled"
    assert _paid_count() == 0


def test_unknown_and_mistyped_codes_are_refused(setup):
    *_, bank, bill = setup
    wrong_digit = bill.code[:-1] + str((int(bill.code[-1]) + 1) % 10)
    assert bank.pay(wrong_digit, 150_000, "BDJ-X1").json()["code"] == "bill_code_invalid"
    unknown = "100000000000"
    from padu.billing.codes import check_digits

    response = bank.pay(unknown + check_digits(unknown), 150_000, "BDJ-X2")
    assert response.status_code == 404
    assert response.json()["code"] == "bill_unknown"
    assert _paid_count() == 0


def test_a_channel_cannot_pay_another_agencys_bill(setup):
    from tests.factories import make_agency

    *_, bank, _bill = setup
    village = make_agency()
    other_treasurer = make_treasurer(village)
    foreign = make_bill(village, other_treasurer, total=10_000)
    assert bank.pay(foreign.code, 10_000, "BDJ-F").json()["code"] == "bill_unknown"
    assert bank.inquiry(foreign.code).json()["code"] == "bill_unknown"


def test_a_bad_signature_is_refused_and_audited(setup):
    agency, _t, channel, bank, bill = setup
    response = bank.pay(bill.code, 150_000, "BDJ-SIG", secret="not-the-secret")
    assert response.status_code == 401
    assert response.json()["code"] == "signature_invalid"
    assert _paid_count() == 0
    assert AuditEvent.objects.filter(agency_id=agency.pk, verb="payment_channel.refused").exists()
    assert ChannelRequest.objects.get(error_code="signature_invalid").channel == channel


def test_a_body_changed_after_signing_is_refused(setup):
    *_, bank, bill = setup
    from padu.billing.signing import signed_headers

    signed = signed_headers(bank.client_id, bank.secret, b'{"billing_code":"x","amount":1,"reference":"r"}')
    body = f'{{"billing_code":"{bill.code}","amount":150000,"reference":"r"}}'
    response = bank.client.post(
        "/api/v1/billing/channel/payments", data=body, content_type="application/json", headers=signed
    )
    assert response.json()["code"] == "signature_invalid"


@pytest.mark.parametrize("offset", [-301, 301, -3600])
def test_a_stale_or_future_timestamp_is_refused(setup, offset):
    *_, bank, bill = setup
    # The clock stands still, so a slow machine cannot shrink the offset into the window.
    with time_machine.travel(time.time(), tick=False):
        response = bank.pay(bill.code, 150_000, "BDJ-OLD", now=time.time() + offset)
    assert response.status_code == 401
    assert response.json()["code"] == "timestamp_stale"
    assert _paid_count() == 0


def test_missing_headers_and_unknown_channels_are_refused(setup):
    *_, bank, bill = setup
    response = bank.client.post(
        "/api/v1/billing/channel/inquiry", data={"billing_code": bill.code}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "channel_unknown"
    stranger = Bank(bank.client, type("C", (), {"client_id": "pc_unknown"})(), "secret")
    assert stranger.inquiry(bill.code).json()["code"] == "channel_unknown"


def test_a_deactivated_channel_is_unknown(setup):
    _a, treasurer, channel, bank, bill = setup
    from padu.billing.services import channel_set_active

    channel_set_active(actor=treasurer, channel=channel, active=False)
    assert bank.inquiry(bill.code).json()["code"] == "channel_unknown"


@pytest.mark.parametrize(
    "payload,code",
    [
        (b"not json", "malformed_request"),
        ({"billing_code": "1", "amount": "lots", "reference": "r"}, "invalid_input"),
        ({"billing_code": "1", "amount": 1}, "invalid_input"),
        ({"billing_code": "1", "amount": 1, "reference": "r", "extra": 1}, "invalid_input"),
        ({"billing_code": "1", "amount": 1, "reference": "x" * 65}, "invalid_input"),
        ({"billing_code": "1", "amount": -5, "reference": "r"}, "amount_invalid"),
        ({"billing_code": "1", "amount": 5, "reference": "   "}, "reference_invalid"),
        ([1, 2], "invalid_input"),
    ],
)
def test_bad_input_is_refused_with_a_stable_code(setup, payload, code):
    *_, bank, _bill = setup
    response = bank.call("payments", payload)
    assert response.status_code in (400, 422)
    assert response.json()["code"] == code
    assert _paid_count() == 0


def test_reversal_the_same_day_makes_the_bill_payable_again(setup):
    agency, _t, _c, bank, bill = setup
    bank.pay(bill.code, 150_000, "BDJ-REV")
    first = bank.reverse("BDJ-REV")
    assert first.status_code == 200
    assert first.json()["status"] == "reversed"
    assert bank.reverse("BDJ-REV").json() == first.json()  # idempotent
    bill.refresh_from_db()
    assert bill.status == "unpaid"
    assert Receipt.objects.get(bill=bill).voided_at is not None
    assert AuditEvent.objects.filter(agency_id=agency.pk, verb="bill.payment_reversed").count() == 1
    # Paid again, under a new reference.
    assert bank.pay(bill.code, 150_000, "BDJ-REV2").status_code == 200


def test_reversal_the_next_day_is_refused(setup):
    *_, bank, bill = setup
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=True):
        Bill.objects.filter(pk=bill.pk).update(expires_at=timezone.now() + dt.timedelta(days=5))
        assert bank.pay(bill.code, 150_000, "BDJ-LATE").status_code == 200
    with time_machine.travel(dt.datetime(2026, 11, 21, 1, 0, tzinfo=dt.UTC), tick=True):
        response = bank.reverse("BDJ-LATE")
    assert response.status_code == 409
    assert response.json()["code"] == "reversal_too_late"
    bill.refresh_from_db()
    assert bill.status == "paid"


def test_reversing_an_unknown_payment_is_refused(setup):
    *_, bank, _bill = setup
    response = bank.reverse("NOPE")
    assert response.status_code == 404
    assert response.json()["code"] == "payment_unknown"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_payments_racing_for_one_bill_exactly_one_wins_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locking under real concurrency is proven on PostgreSQL (DATABASE_URL)")
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=50_000)
    threads = 8
    barrier = threading.Barrier(threads)
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def work(i: int) -> None:
        try:
            bank = Bank(Client(), channel, secret)
            barrier.wait()
            # Half send the same reference (a retried notification), half their own.
            reference = "SAME" if i % 2 else f"REF-{i}"
            response = bank.pay(bill.code, 50_000, reference)
            with lock:
                results.append((response.status_code, response.json().get("code") or reference))
        finally:
            connection.close()

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert len(results) == threads
    assert Payment.objects.filter(bill=bill).count() == 1
    winner = Payment.objects.get(bill=bill).channel_reference
    ok = [r for r in results if r[0] == 200]
    refused = [r for r in results if r[0] != 200]
    assert all(code == winner for _s, code in ok)
    assert all(code == "bill_already_paid" for _s, code in refused)
    assert len(ok) == (threads // 2 if winner == "SAME" else 1)
