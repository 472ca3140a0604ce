import binascii

import pytest
from lokal import parse_qris

from padu.billing.qris import qris_payload
from padu.billing.selectors import bill_qris
from padu.billing.services import bill_cancel

from .factories import make_bill, make_channel, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db


def _crc_ok(payload: str) -> bool:
    # CRC-16/CCITT-FALSE computed here too, independent of both builder and parser.
    return payload[-8:-4] == "6304" and f"{binascii.crc_hqx(payload[:-4].encode(), 0xFFFF):04X}" == payload[-4:]


def test_an_unpaid_bill_has_a_dynamic_qris_that_an_independent_parser_reads():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=175_500)

    payload = bill_qris(bill)
    info = parse_qris(payload)

    assert info.valid, info.errors
    assert _crc_ok(payload)
    assert info.type == "dynamic"
    assert info.amount == "175500"
    assert info.currency == "360"
    assert info.country == "ID"
    assert info.nmid == "ID1026000012345"
    assert info.merchant_name == "Bapenda Kab. Bandung"
    assert info.merchant_city == "Soreang"
    assert info.additional is not None
    assert info.additional.bill_number == bill.code
    assert info.additional.reference_label == bill.code
    assert any(a.gui == "ID.CO.BANKDAERAH.WWW" and a.pan == channel.qris_merchant_pan for a in info.accounts)


def test_a_changed_payload_fails_the_crc():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _ = make_channel(agency, treasurer)
    payload = qris_payload(make_bill(agency, treasurer, total=20_000), channel)
    tampered = payload.replace("540520000", "540510000")
    assert tampered != payload
    assert not parse_qris(tampered).valid
    assert not _crc_ok(tampered)


def test_names_with_accents_and_long_names_still_make_a_valid_payload():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _ = make_channel(agency, treasurer)
    channel.merchant_name = "Bapenda Kabupatén Bandung Raya Selatan"
    bill = make_bill(agency, treasurer)
    info = parse_qris(qris_payload(bill, channel))
    assert info.valid, info.errors
    assert info.merchant_name == "Bapenda Kabupaten Bandung"


def test_no_qris_for_a_bill_that_cannot_be_paid_or_an_agency_without_acquirer():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    bill = make_bill(agency, treasurer)
    assert bill_qris(bill) == ""  # no QRIS channel yet
    make_channel(agency, treasurer)
    assert bill_qris(bill)
    bill = bill_cancel(actor=treasurer, bill=bill, reason="Salah nominal")
    assert bill_qris(bill) == ""
