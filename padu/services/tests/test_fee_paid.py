"""The fee-paid handler runs as billing's bill-paid task: once the payment commits, the
applicant is told once, however often the task runs; a new payment is told again."""

import pytest

from padu.billing.models import Bill
from padu.billing.services import payment_notify, payment_reverse
from padu.billing.tasks import bill_paid_handle
from padu.billing.tests.factories import make_channel, make_treasurer
from padu.core.actors import Actor
from padu.notify.models import Message
from padu.services.fees import HANDLER_KEY
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def fee_bill():
    village = make_agency()
    version = make_service(village, fee_kind="fixed", fee_amount=10_000)
    channel, _secret = make_channel(village, make_treasurer(village))
    citizen = make_citizen(female=True).user
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    return channel, Bill.objects.get(source_reference=app.tracking_number), citizen


def _told(citizen) -> int:
    return Message.objects.filter(recipient=citizen, template_key="fee.paid").count()


def test_the_applicant_is_told_once_however_often_the_task_runs(fee_bill, django_capture_on_commit_callbacks):
    channel, bill, citizen = fee_bill
    with django_capture_on_commit_callbacks(execute=True):
        payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="QRIS-1")
    assert _told(citizen) == 2  # in-app and email
    notice = Message.objects.get(recipient=citizen, template_key="fee.paid", channel="inapp")
    assert "Rp10.000" in notice.body
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            bill_paid_handle.enqueue(HANDLER_KEY, bill.pk)
    assert _told(citizen) == 2


def test_a_payment_made_again_after_a_reversal_is_told_again(fee_bill, django_capture_on_commit_callbacks):
    channel, bill, citizen = fee_bill
    with django_capture_on_commit_callbacks(execute=True):
        payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="QRIS-1")
    payment_reverse(channel=channel, reference="QRIS-1")
    with django_capture_on_commit_callbacks(execute=True):
        bill_paid_handle.enqueue(HANDLER_KEY, bill.pk)  # reversed: nothing to tell
    assert _told(citizen) == 2
    with django_capture_on_commit_callbacks(execute=True):
        payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="QRIS-2")
    assert _told(citizen) == 4
