"""QRIS payloads against a strict parser written here from the EMVCo merchant-presented mode
rules and ASPI's QRIS profile, independent of the builder (qris.py) and of lokal-id; a
known-answer payload with its CRC worked out here; and the refusal of incomplete channels."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from lokal import parse_qris

from padu.billing.demo import CHANNELS
from padu.billing.errors import QrisNotReady
from padu.billing.models import Bill, PaymentChannel
from padu.billing.qris import qris_payload
from padu.billing.selectors import QrisStatus, bill_qris, bill_qris_status
from padu.billing.services import bill_cancel, channel_register
from padu.core.models import AgencyKind
from tests.factories import make_agency

from .factories import make_bill, make_channel, make_revenue_agency, make_treasurer

# --- An independent strict parser --------------------------------------------------------


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE bit by bit: polynomial 0x1021, initial 0xFFFF, no reflection."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def luhn_ok(digits: str) -> bool:
    # Doubling every second digit from the right; 0..9 doubled and digit-summed.
    doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]
    return sum(doubled[int(d)] if i % 2 else int(d) for i, d in enumerate(digits[::-1])) % 10 == 0


class Refused(Exception):
    pass


ANS = re.compile(r"[ -~]+")  # printable ASCII
NATIONAL_GUI = "ID.CO.QRIS.WWW"
REVERSE_DOMAIN = re.compile(r"[A-Z0-9]([A-Z0-9-]*[A-Z0-9])?(\.[A-Z0-9]([A-Z0-9-]*[A-Z0-9])?)+")


def tlv_walk(text: str, where: str) -> dict[str, str]:
    found: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        tag, size = text[pos : pos + 2], text[pos + 2 : pos + 4]
        if not re.fullmatch(r"\d\d", tag) or not re.fullmatch(r"\d\d", size):
            raise Refused(f"{where}: no tag and length at {pos}")
        value = text[pos + 4 : pos + 4 + int(size)]
        if int(size) == 0 or len(value) != int(size):
            raise Refused(f"{where}: tag {tag} runs past the end or is empty")
        if tag in found:
            raise Refused(f"{where}: tag {tag} twice")
        found[tag] = value
        pos += 4 + int(size)
    return found


def ans(value: str, limit: int, what: str) -> str:
    if not ANS.fullmatch(value) or len(value) > limit:
        raise Refused(f"{what}: not ANS of at most {limit}: {value!r}")
    return value


def strict_parse(payload: str) -> dict[str, Any]:
    """Refuses whatever breaks a rule; returns the fields it read."""
    if len(payload) > 512:
        raise Refused("longer than 512")
    ans(payload, 512, "payload")
    top = tlv_walk(payload, "payload")
    tags = list(top)
    if tags[0] != "00" or top["00"] != "01":
        raise Refused("00 must come first, with 01")
    if tags[-1] != "63" or not re.fullmatch(r"[0-9A-F]{4}", top["63"]):
        raise Refused("63 must come last: four uppercase hex digits")
    if int(top["63"], 16) != crc16_ccitt_false(payload[:-4].encode("ascii")):
        raise Refused("CRC does not match")
    out: dict[str, Any] = {"accounts": {}}
    for tag, value in top.items():
        number = int(tag)
        if tag in ("00", "63"):
            continue
        if tag == "01":
            if value not in ("11", "12"):
                raise Refused("01 is 11 or 12")
            out["initiation"] = value
        elif 2 <= number <= 51:
            sub = tlv_walk(value, f"tag {tag}")
            gui = ans(sub.get("00", ""), 32, f"{tag}.00 GUI") if sub.get("00") else ""
            if not gui:
                raise Refused(f"{tag}: a merchant account needs its GUI in 00")
            if number == 51:
                if gui != NATIONAL_GUI:
                    raise Refused("51 is the national repository")
                nmid = ans(sub.get("02", ""), 15, "NMID")
                if not re.fullmatch(r"ID\d{10,13}", nmid):
                    raise Refused(f"NMID {nmid!r}")
            elif 26 <= number <= 45:
                if gui == NATIONAL_GUI or not REVERSE_DOMAIN.fullmatch(gui):
                    raise Refused(f"{tag}: the acquirer's own reverse domain, not {gui!r}")
                pan = sub.get("01", "")
                if not re.fullmatch(r"9360\d{12,15}", pan) or not luhn_ok(pan):
                    raise Refused(f"{tag}.01 merchant PAN {pan!r}")
                ans(sub.get("02", ""), 15, f"{tag}.02 merchant ID")
            if sub.get("03", "") not in ("UMI", "UKE", "UME", "UBE"):
                raise Refused(f"{tag}.03 merchant criteria {sub.get('03')!r}")
            out["accounts"][tag] = sub
        elif tag == "52":
            if not re.fullmatch(r"\d{4}", value):
                raise Refused("52 MCC is 4 digits")
            out["mcc"] = value
        elif tag == "53":
            if value != "360":
                raise Refused("53 is 360 (Rupiah)")
        elif tag == "54":
            if len(value) > 13 or not re.fullmatch(r"\d+(\.\d*)?", value) or not re.search(r"[1-9]", value):
                raise Refused(f"54 amount {value!r}")
            out["amount"] = value
        elif tag == "58":
            if value != "ID":
                raise Refused("58 is ID")
        elif tag in ("59", "60", "61"):
            out[tag] = ans(value, {"59": 25, "60": 15, "61": 10}[tag], f"tag {tag}")
        elif tag == "62":
            sub = tlv_walk(value, "tag 62")
            for key, item in sub.items():
                if "01" <= key <= "08":
                    ans(item, 25, f"62.{key}")
                elif key == "09":
                    ans(item, 3, "62.09")
                elif key < "50":
                    raise Refused(f"62.{key} is reserved")
            out["additional"] = sub
        else:
            raise Refused(f"tag {tag} is not expected here")
    for needed in ("52", "53", "58", "59", "60", "61", "51"):
        if needed not in top:
            raise Refused(f"tag {needed} is missing")
    if not any(26 <= int(t) <= 45 for t in out["accounts"]):
        raise Refused("no acquirer account in 26..45")
    if out.get("initiation") == "12" and "amount" not in out:
        raise Refused("a dynamic code carries its amount")
    return out


# --- The parser itself -------------------------------------------------------------------


def test_the_parsers_crc_is_crc16_ccitt_false():
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    assert crc16_ccitt_false(b"") == 0xFFFF


def test_the_strict_parser_accepts_a_published_qris_shape_and_refuses_broken_ones():
    good = _known_payload()
    assert strict_parse(good)["amount"] == "175500"
    with pytest.raises(Refused, match="CRC"):
        strict_parse(good.replace("5406175500", "5406175600"))
    with pytest.raises(Refused, match="merchant ID"):
        # A 23-character API client id in 26.02, as payloads used to carry: over 15.
        long_id = _known_payload(merchant_id="pc_0123456789abcdef0123")
        strict_parse(long_id)
    with pytest.raises(Refused, match="own reverse domain"):
        strict_parse(_known_payload(gui=NATIONAL_GUI))


# --- Known answer ------------------------------------------------------------------------

CODE = "70316558249954"


def _known_payload(*, merchant_id: str = "BPD000123456789", gui: str = "ID.CO.BANKBPD.WWW") -> str:
    """The payload for CODE and Rp175.500, written out by hand, tag by tag."""
    acquirer = f"00{len(gui):02d}{gui}" + "0119" + "9360011000012345670" + f"02{len(merchant_id):02d}{merchant_id}"
    acquirer += "0303UBE"
    body = (
        "000201"
        + "010212"
        + f"26{len(acquirer):02d}"
        + acquirer
        + "5144"
        + "0014ID.CO.QRIS.WWW"
        + "0215ID1026000012345"
        + "0303UBE"
        + "52049399"
        + "5303360"
        + "5406175500"
        + "5802ID"
        + "5919BAPENDA KAB BANDUNG"
        + "6007SOREANG"
        + "610540911"
        + "6236"
        + "0114"
        + CODE
        + "0514"
        + CODE
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode()):04X}"


def _channel(**overrides: str) -> PaymentChannel:
    fields = {
        "kind": "qris",
        "client_id": "pc_0123456789abcdef0123",
        "qris_acquirer_gui": "ID.CO.BANKBPD.WWW",
        "qris_merchant_pan": "9360011000012345670",
        "qris_merchant_id": "BPD000123456789",
        "qris_merchant_criteria": "UBE",
        "qris_nmid": "ID1026000012345",
        "qris_mcc": "9399",
        "merchant_name": "BAPENDA KAB BANDUNG",
        "merchant_city": "SOREANG",
        "merchant_postal_code": "40911",
        **overrides,
    }
    return PaymentChannel(**fields)


def test_a_fixed_bill_and_channel_give_the_exact_payload():
    payload = qris_payload(Bill(code=CODE, total=175_500), _channel())
    expected = (
        "00020101021226700017ID.CO.BANKBPD.WWW011993600110000123456700215BPD0001234567890303UBE"
        "51440014ID.CO.QRIS.WWW0215ID10260000123450303UBE52049399530336054061755005802ID"
        "5919BAPENDA KAB BANDUNG6007SOREANG6105409116236011470316558249954051470316558249954"
        "6304CA59"
    )
    assert expected == _known_payload()  # the hand-written pieces agree with the literal
    assert payload == expected
    assert "pc_0123456789abcdef0123" not in payload  # never the API client id


def test_an_incomplete_channel_gives_no_payload_and_no_national_gui_fallback():
    bill = Bill(code=CODE, total=175_500)
    for field in ("qris_acquirer_gui", "qris_merchant_id", "qris_merchant_criteria", "qris_merchant_pan"):
        with pytest.raises(QrisNotReady) as refused:
            qris_payload(bill, _channel(**{field: ""}))
        assert refused.value.code == "qris_not_ready" and field in refused.value.errors
    with pytest.raises(QrisNotReady) as refused:
        qris_payload(bill, _channel(qris_acquirer_gui=NATIONAL_GUI))
    assert "qris_acquirer_gui" in refused.value.errors
    with pytest.raises(QrisNotReady):
        qris_payload(bill, _channel(kind="bank"))


def test_the_longest_amount_fits_and_a_longer_one_is_refused():
    top = 10**13 - 1
    assert strict_parse(qris_payload(Bill(code=CODE, total=top), _channel()))["amount"] == str(top)
    with pytest.raises(ValueError):
        qris_payload(Bill(code=CODE, total=10**13), _channel())


def test_the_longest_merchant_data_stays_within_every_limit():
    longest = _channel(
        qris_acquirer_gui="ID.CO.BANKPEMBANGUNANDAERAH.WWWW",
        qris_merchant_pan="9360011012345678909",
        qris_merchant_id="A" * 15,
        merchant_name="B" * 25,
        merchant_city="C" * 15,
    )
    assert len(longest.qris_acquirer_gui) == 32
    assert luhn_ok(longest.qris_merchant_pan)
    payload = qris_payload(Bill(code=CODE, total=10**13 - 1), longest)
    parsed = strict_parse(payload)
    assert parsed["59"] == "B" * 25 and len(payload) <= 512


# --- Bills of real channels --------------------------------------------------------------


@pytest.mark.django_db
def test_an_unpaid_bill_has_a_dynamic_qris_that_both_parsers_read():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = make_channel(agency, treasurer)
    bill = make_bill(agency, treasurer, total=175_500)

    payload = bill_qris(bill)
    parsed = strict_parse(payload)
    assert parsed["initiation"] == "12" and parsed["amount"] == "175500" and parsed["mcc"] == "9399"
    assert parsed["accounts"]["26"] == {
        "00": "ID.CO.BANKBPD.WWW",
        "01": "9360011000012345670",
        "02": "BPD000123456789",
        "03": "UBE",
    }
    assert parsed["accounts"]["51"]["02"] == "ID1026000012345"
    assert parsed["additional"] == {"01": bill.code, "05": bill.code}
    assert channel.client_id not in payload

    info = parse_qris(payload)
    assert info.valid and not info.warnings, (info.errors, info.warnings)
    assert info.type == "dynamic" and info.amount == "175500" and info.nmid == "ID1026000012345"
    assert info.merchant_name == "Bapenda Kab. Bandung" and info.merchant_city == "Soreang"


@pytest.mark.django_db
def test_every_demo_channel_gives_payloads_the_strict_parser_accepts():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    for slug, spec in CHANNELS.items():
        other = make_agency(name=f"Kantor {slug}", kind=AgencyKind.DEPARTMENT, region="32.04", code=slug.upper())
        other_treasurer = make_treasurer(other)
        channel, _ = channel_register(actor=other_treasurer, agency=other, **spec)
        bill = make_bill(other, other_treasurer, total=412_000)
        parsed = strict_parse(bill_qris(bill))
        assert parsed["accounts"]["26"]["00"] == spec["qris_acquirer_gui"]
        assert parsed["accounts"]["26"]["02"] == spec["qris_merchant_id"] != channel.client_id
        assert parsed["59"] == spec["merchant_name"] and parsed["mcc"] == spec["qris_mcc"]
        assert parse_qris(bill_qris(bill)).valid
    assert treasurer.user_id  # the revenue agency itself has no channel: no QRIS
    assert bill_qris_status(make_bill(agency, treasurer)) == ("", QrisStatus.NO_CHANNEL)


@pytest.mark.django_db
def test_a_changed_payload_fails_the_crc():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _ = make_channel(agency, treasurer)
    payload = qris_payload(make_bill(agency, treasurer, total=20_000), channel)
    tampered = payload.replace("540520000", "540510000")
    assert tampered != payload
    assert not parse_qris(tampered).valid
    with pytest.raises(Refused, match="CRC"):
        strict_parse(tampered)


@pytest.mark.django_db
def test_accented_names_are_folded_when_the_channel_is_saved():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    spec = dict(CHANNELS["bapenda-bandung"], merchant_name="Bapenda Kabupatén Bandung", merchant_city="Soréang")
    channel, _ = channel_register(actor=treasurer, agency=agency, **spec)
    assert channel.merchant_name == "Bapenda Kabupaten Bandung" and channel.merchant_city == "Soreang"
    parsed = strict_parse(bill_qris(make_bill(agency, treasurer)))
    assert parsed["59"] == "Bapenda Kabupaten Bandung"


@pytest.mark.django_db
def test_no_qris_for_a_bill_that_cannot_be_paid_an_agency_without_acquirer_or_an_incomplete_one():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    bill = make_bill(agency, treasurer)
    assert bill_qris_status(bill) == ("", QrisStatus.NO_CHANNEL)
    # Registered without the letter's data: QRIS stays off.
    pending, _ = channel_register(actor=treasurer, agency=agency, name="Bank Daerah", kind="qris")
    assert pending.qris_merchant_id == "" and pending.qris_mcc == "9399"
    assert bill_qris_status(bill) == ("", QrisStatus.NOT_READY)
    make_channel(agency, treasurer)
    payload, status = bill_qris_status(bill)
    assert status == QrisStatus.AVAILABLE and strict_parse(payload)
    bill = bill_cancel(actor=treasurer, bill=bill, reason="Salah nominal")
    assert bill_qris_status(bill) == ("", QrisStatus.NOT_PAYABLE)


@pytest.mark.django_db
def test_the_bill_page_says_qris_is_not_available_yet(client):
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel_register(actor=treasurer, agency=agency, name="Bank Daerah", kind="qris")
    bill = make_bill(agency, treasurer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        html = client.get(f"/bayar/{bill.code}/").content.decode()
    assert "QRIS is not available for this office yet. Pay with the billing code." in html
    assert 'class="qris"' not in html and "<svg" not in html
    public = client.get(f"/api/v1/billing/public/{bill.code}").json()
    assert public["qris"] == "" and public["qris_status"] == "not_ready"
