"""`padu bank-simulator` against a real running server."""

import io

import pytest
from django.core.management import CommandError, call_command

from padu.billing.models import Bill, Payment
from padu.core.crypto import encrypt

from .factories import make_bill, make_channel, make_revenue_agency, make_treasurer


@pytest.fixture
def live_bill(transactional_db):
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, secret = make_channel(agency, treasurer)
    return channel, secret, make_bill(agency, treasurer, total=75_000)


def _run(live_server, channel, secret, code, *extra):
    out = io.StringIO()
    call_command(
        "bank-simulator",
        "--url",
        live_server.url,
        "--client-id",
        channel.client_id,
        f"--secret={secret}",
        "--code",
        code,
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_the_simulator_pays_once_even_when_it_notifies_twice(live_server, live_bill):
    channel, secret, bill = live_bill
    output = _run(live_server, channel, secret, bill.code)
    assert "1. Inquiry" in output and "3. The same notification again" in output
    assert "Same answer" in output
    assert "X-Padu-Signature" in output
    assert Payment.objects.filter(bill=bill).count() == 1
    assert Bill.objects.get(pk=bill.pk).status == "paid"


def test_the_simulator_reverses_on_request(live_server, live_bill):
    channel, secret, bill = live_bill
    output = _run(live_server, channel, secret, bill.code, "--reverse")
    assert '"status": "reversed"' in output
    # The notification once more is refused, not answered "paid" with the void proof number.
    assert "5. The same notification after the reversal" in output and '"code": "payment_reversed"' in output
    assert "(void: the payment was reversed)" in output
    assert Bill.objects.get(pk=bill.pk).status == "unpaid"
    assert Payment.objects.filter(bill=bill).count() == 1


def test_a_secret_that_begins_with_a_dash_is_taken_as_the_secret(live_server, live_bill):
    # About one secret in 64 begins with "-"; written --secret=… it is not read as an option.
    channel, _secret, bill = live_bill
    dashed = "-" + "k" * 42
    channel.secret_encrypted = encrypt(dashed)
    channel.save(update_fields=["secret_encrypted"])
    output = _run(live_server, channel, dashed, bill.code)
    assert "Same answer" in output
    assert Bill.objects.get(pk=bill.pk).status == "paid"


def test_a_wrong_amount_or_secret_stops_the_simulator_with_the_refusal(live_server, live_bill):
    channel, secret, bill = live_bill
    with pytest.raises(CommandError, match="amount_mismatch"):
        _run(live_server, channel, secret, bill.code, "--amount", "1")
    with pytest.raises(CommandError, match="signature_invalid"):
        _run(live_server, channel, "wrong-secret", bill.code)
    assert not Payment.objects.exists()
