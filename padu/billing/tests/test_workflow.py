"""The bill and refund tables: which status change is open from which status, and the code
each refusal carries (banks and the treasurer's console program against them)."""

import pytest

from padu.billing.models import BillStatus as B
from padu.billing.models import RefundStatus as R
from padu.billing.services import payment_notify, payment_reverse, refund_decide, refund_request
from padu.billing.workflow import BILLS, REFUNDS
from padu.core.errors import Conflict, InvalidInput, PaduError
from padu.core.roles import Role
from tests.factories import actor_for, make_staff

from .factories import make_bill, make_channel, make_revenue_agency, make_treasurer

OPEN = {
    # action: {status it leaves: status it leads to}
    "pay": {B.UNPAID: B.PAID},
    "record": {B.UNPAID: B.PAID, B.EXPIRED: B.PAID},
    "reverse": {B.PAID: B.UNPAID},
    "cancel": {B.UNPAID: B.CANCELLED},
    "supersede": {B.UNPAID: B.CANCELLED},
    "close": {B.UNPAID: B.CANCELLED},
    "expire": {B.UNPAID: B.EXPIRED},
    "request_refund": {B.PAID: B.PAID},
    "refund": {B.PAID: B.REFUNDED},
}

REFUSED = {
    # action: {status: the refusal's code}
    "pay": {
        B.PAID: "bill_already_paid",
        B.CANCELLED: "bill_cancelled",
        B.EXPIRED: "bill_expired",
        B.REFUNDED: "bill_not_payable",
    },
    "record": {B.PAID: "bill_not_payable", B.CANCELLED: "bill_not_payable", B.REFUNDED: "bill_not_payable"},
    "reverse": {s: "bill_not_reversible" for s in (B.UNPAID, B.EXPIRED, B.CANCELLED, B.REFUNDED)},
    "cancel": {s: "bill_not_cancellable" for s in (B.PAID, B.EXPIRED, B.CANCELLED, B.REFUNDED)},
    "request_refund": {s: "bill_not_refundable" for s in (B.UNPAID, B.EXPIRED, B.CANCELLED, B.REFUNDED)},
    "refund": {s: "bill_not_refundable" for s in (B.UNPAID, B.EXPIRED, B.CANCELLED, B.REFUNDED)},
    "expire": {s: "transition_not_allowed" for s in (B.PAID, B.EXPIRED, B.CANCELLED, B.REFUNDED)},
}


def test_the_bill_table_is_the_known_one():
    found: dict[str, dict[str, str]] = {}
    for t in BILLS.transitions:
        found.setdefault(t.action, {})[t.source] = t.target
    assert found == OPEN


@pytest.mark.parametrize(("action", "status", "code"), [(a, s, c) for a, by in REFUSED.items() for s, c in by.items()])
def test_each_refusal_has_its_code_and_the_open_status_passes(action, status, code):
    with pytest.raises(PaduError) as caught:
        BILLS.check(action, status)
    assert caught.value.code == code and caught.value.status == 409
    source, target = next(iter(OPEN[action].items()))  # control: the status it is open from
    assert BILLS.check(action, source).target == target


def test_a_refund_is_decided_once_and_rejected_with_a_reason():
    assert REFUNDS.check("approve", R.PENDING).target == R.APPROVED
    assert REFUNDS.check("reject", R.PENDING, reason="Salah transfer").target == R.REJECTED
    for decided in (R.APPROVED, R.REJECTED):
        with pytest.raises(Conflict) as caught:
            REFUNDS.check("approve", decided)
        assert caught.value.code == "refund_decided"
    with pytest.raises(InvalidInput) as reason:
        REFUNDS.check("reject", R.PENDING, reason=" ")
    assert reason.value.code == "reason_required" and "note" in reason.value.errors
    assert REFUNDS.check("approve", R.PENDING, reason="").target == R.APPROVED  # approving needs none


@pytest.mark.django_db
def test_the_services_refuse_with_the_tables_codes():
    agency = make_revenue_agency()
    treasurer, other = make_treasurer(agency), make_treasurer(agency)
    channel, _ = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer)
    with pytest.raises(Conflict) as unpaid:
        refund_request(actor=treasurer, bill=bill, reason="Salah tagih")
    assert unpaid.value.code == "bill_not_refundable"
    payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="R1")
    refund = refund_request(actor=treasurer, bill=bill, reason="Salah tagih")
    with pytest.raises(InvalidInput) as no_reason:
        refund_decide(actor=other, refund=refund, approve=False, note="")
    assert no_reason.value.code == "reason_required"
    refund_decide(actor=other, refund=refund, approve=True)
    bill.refresh_from_db()
    assert bill.status == B.REFUNDED
    with pytest.raises(Conflict) as again:
        refund_decide(actor=actor_for(make_staff(agency, Role.AGENCY_ADMIN)), refund=refund, approve=True)
    assert again.value.code == "refund_decided"
    with pytest.raises(Conflict) as reversed_:
        payment_reverse(channel=channel, reference="R1")
    assert reversed_.value.code == "bill_not_reversible"
