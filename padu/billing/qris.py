"""Dynamic QRIS payloads (EMVCo merchant-presented mode) for unpaid bills.

Built here field by field; `lokal.parse_qris`, an independent parser, reads them back in
the tests and checks the CRC.
"""

from __future__ import annotations

import unicodedata

from lokal import qris_crc

from padu.billing.models import Bill, PaymentChannel

QRIS_GUI = "ID.CO.QRIS.WWW"
# ISO 18245: government services not elsewhere classified.
MCC_GOVERNMENT = "9399"
CURRENCY_RUPIAH = "360"
# Government offices count as large merchants (usaha besar) in QRIS merchant criteria.
CRITERIA = "UBE"


def _ascii(text: str, limit: int) -> str:
    # QRIS text fields are ANS (printable ASCII); names with accents are folded.
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.split())[:limit]


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"QRIS field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def qris_payload(bill: Bill, channel: PaymentChannel) -> str:
    """The payload to show as a QR code: point of initiation 12 (dynamic), the bill's
    total in tag 54, its billing code as bill number and reference label in tag 62."""
    acquirer = tlv("00", channel.qris_acquirer_domain or QRIS_GUI) + tlv("01", channel.qris_merchant_pan)
    acquirer += tlv("02", channel.client_id) + tlv("03", CRITERIA)
    national = tlv("00", QRIS_GUI) + tlv("02", channel.qris_nmid) + tlv("03", CRITERIA)
    additional = tlv("01", bill.code) + tlv("05", bill.code)
    body = "".join(
        [
            tlv("00", "01"),
            tlv("01", "12"),
            tlv("26", acquirer),
            tlv("51", national),
            tlv("52", MCC_GOVERNMENT),
            tlv("53", CURRENCY_RUPIAH),
            tlv("54", str(bill.total)),
            tlv("58", "ID"),
            tlv("59", _ascii(channel.merchant_name or bill.agency.name, 25)),
            tlv("60", _ascii(channel.merchant_city or "INDONESIA", 15)),
            tlv("61", channel.merchant_postal_code) if channel.merchant_postal_code else "",
            tlv("62", additional),
        ]
    )
    body += "6304"
    return body + qris_crc(body)
