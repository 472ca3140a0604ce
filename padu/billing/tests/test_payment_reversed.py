"""A payment notification sent again after its payment was reversed is refused: "paid" with
the void proof number would be false, since the bill is unpaid again."""

import pytest
from django.test import Client

from padu.billing import errors
from padu.billing.models import Bill, ChannelRequest, Payment, Receipt
from padu.billing.services import payment_notify

from .factories import Bank, make_bill, make_channel, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=150_000)
    return agency, treasurer, channel, Bank(Client(), channel, secret), bill


def test_the_same_notification_after_its_reversal_is_refused_with_payment_reversed(setup):
    *_, bank, bill = setup
    paid = bank.pay(bill.code, 150_000, "BDJ-R1")
    assert paid.status_code == 200
    proof_number = paid.json()["proof_number"]
    reversal = bank.reverse("BDJ-R1")
    assert reversal.status_code == 200

    again = bank.pay(bill.code, 150_000, "BDJ-R1")

    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    problem = again.json()
    assert problem["code"] == "payment_reversed"
    assert problem["status"] == 409
    assert problem["reversed_at"] == reversal.json()["reversed_at"]
    assert "paid" not in problem.values()
    assert proof_number not in again.content.decode()
    # Nothing changed: one payment, still reversed; the receipt still void; the bill unpaid.
    payment = Payment.objects.get(bill=bill)
    assert payment.reversed_at is not None
    assert Receipt.objects.get(bill=bill).voided_at is not None
    assert Bill.objects.get(pk=bill.pk).status == "unpaid"
    # The refusal is in the channel's request log like every other.
    logged = ChannelRequest.objects.filter(kind="payment", reference="BDJ-R1").order_by("pk")
    assert [(r.status_code, r.error_code) for r in logged] == [(200, ""), (409, "payment_reversed")]


def test_the_same_notification_of_a_live_payment_still_answers_its_receipt(setup):
    # Owner control: without a reversal the retry gets the original answer, proof number and all.
    *_, bank, bill = setup
    first = bank.pay(bill.code, 150_000, "BDJ-R2")
    second = bank.pay(bill.code, 150_000, "BDJ-R2")
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert second.json()["status"] == "paid"
    assert second.json()["proof_number"] == Receipt.objects.get(bill=bill).number


def test_other_content_under_a_reversed_reference_is_still_reference_reused(setup):
    agency, treasurer, _c, bank, bill = setup
    other = make_bill(agency, treasurer, total=150_000)
    bank.pay(bill.code, 150_000, "BDJ-R3")
    bank.reverse("BDJ-R3")
    response = bank.pay(other.code, 150_000, "BDJ-R3")
    assert response.status_code == 409
    assert response.json()["code"] == "reference_reused"
    assert Bill.objects.get(pk=other.pk).status == "unpaid"


def test_after_paying_again_under_a_new_reference_only_the_live_payment_answers_paid(setup):
    *_, bank, bill = setup
    bank.pay(bill.code, 150_000, "BDJ-R4")
    bank.reverse("BDJ-R4")
    renewed = bank.pay(bill.code, 150_000, "BDJ-R5")
    assert renewed.status_code == 200

    old = bank.pay(bill.code, 150_000, "BDJ-R4")
    new = bank.pay(bill.code, 150_000, "BDJ-R5")

    assert old.status_code == 409 and old.json()["code"] == "payment_reversed"
    assert new.status_code == 200 and new.json() == renewed.json()
    live = Receipt.objects.get(bill=bill, voided_at__isnull=True)
    assert new.json()["proof_number"] == live.number
    assert Bill.objects.get(pk=bill.pk).status == "paid"


def test_the_service_refuses_the_reversed_payment_for_every_caller(setup):
    _agency, _t, channel, bank, bill = setup
    bank.pay(bill.code, 150_000, "BDJ-R6")
    bank.reverse("BDJ-R6")
    with pytest.raises(errors.PaymentReversed) as refused:
        payment_notify(channel=channel, code=bill.code, amount=150_000, reference="BDJ-R6")
    assert refused.value.status == 409 and refused.value.code == "payment_reversed"
    assert Payment.objects.filter(bill=bill).count() == 1
