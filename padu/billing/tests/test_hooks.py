"""The bill-paid handlers run as tasks once the payment commits: never on a rollback, each in
its own task, and a failing one fails its task (and is tried again) instead of being hidden."""

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus

from padu.billing.hooks import bill_paid_forget, on_bill_paid
from padu.billing.services import payment_notify, payment_reverse
from padu.billing.tasks import MAX_ATTEMPTS, bill_paid_handle, bill_paid_run

from .factories import make_bill, make_channel, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_setup():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _ = make_channel(agency, treasurer)
    return channel, make_bill(agency, treasurer)


@pytest.fixture
def handler():
    calls: list[int] = []

    def record(bill_id: int) -> None:
        calls.append(bill_id)

    on_bill_paid("test.record", record)
    yield calls
    bill_paid_forget("test.record")


@pytest.fixture
def broken():
    attempts: list[int] = []

    def fail(bill_id: int) -> None:
        attempts.append(bill_id)
        raise RuntimeError("mail server down")

    on_bill_paid("test.broken", fail)
    yield attempts
    bill_paid_forget("test.broken")


def test_the_handler_runs_after_the_payment_commits(paid_setup, handler, django_capture_on_commit_callbacks):
    channel, bill = paid_setup
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="R1")
        assert handler == []  # not before the commit
    assert callbacks and handler == [bill.pk]


def test_the_handler_never_runs_when_the_payment_rolls_back(paid_setup, handler, django_capture_on_commit_callbacks):
    channel, bill = paid_setup
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="R1")
            raise RuntimeError("the caller's transaction fails after the payment")
    bill.refresh_from_db()
    assert bill.status == "unpaid" and callbacks == [] and handler == []
    # Control: the same payment committed does run it.
    with django_capture_on_commit_callbacks(execute=True):
        payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="R1")
    assert handler == [bill.pk]


def test_a_failing_handler_fails_its_task_and_is_tried_again(paid_setup, broken, django_capture_on_commit_callbacks):
    channel, bill = paid_setup
    with django_capture_on_commit_callbacks(execute=True):
        payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="R1")
    bill.refresh_from_db()
    assert bill.status == "paid"  # the payment stands
    assert broken == [bill.pk] * MAX_ATTEMPTS  # the first attempt and the retries
    with pytest.raises(RuntimeError, match="mail server down"):
        bill_paid_run("test.broken", bill.pk)
    result = bill_paid_handle.enqueue("test.broken", bill.pk, MAX_ATTEMPTS)
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "builtins.RuntimeError"


def test_an_unknown_handler_fails_its_task(paid_setup):
    _channel, bill = paid_setup
    result = bill_paid_handle.enqueue("test.nobody", bill.pk, MAX_ATTEMPTS)
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "builtins.LookupError"


def test_a_bill_reversed_before_the_task_runs_is_left_alone(paid_setup, handler):
    channel, bill = paid_setup
    payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="R1")  # no commit here
    assert bill_paid_run("test.record", bill.pk) is True and handler == [bill.pk]
    payment_reverse(channel=channel, reference="R1")
    assert bill_paid_run("test.record", bill.pk) is False and handler == [bill.pk]


def test_a_key_is_registered_once():
    def one(bill_id: int) -> None:
        pass

    def other(bill_id: int) -> None:
        pass

    on_bill_paid("test.once", one)
    try:
        assert on_bill_paid("test.once", one) is one  # again: nothing changes
        with pytest.raises(ValueError):
            on_bill_paid("test.once", other)
    finally:
        bill_paid_forget("test.once")
