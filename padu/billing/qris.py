"""Dynamic QRIS payloads (EMVCo merchant-presented mode, in ASPI's QRIS profile) for unpaid
bills, and the rules for the merchant data a treasurer copies from the acquirer's letter.

The payload names the acquirer's merchant account in tag 26 (the acquirer's GUI, the merchant
PAN, the merchant ID the acquirer gave and the merchant criteria), the national merchant id
in tag 51 (GUI `ID.CO.QRIS.WWW`), the MCC, Rupiah, the bill's total, the merchant's name,
city and postal code, the billing code in tag 62, and a CRC-16/CCITT-FALSE in tag 63.
Nothing of Padu's own (such as a channel's API client id) goes into it: an acquirer routes a
payment only by what it issued. A channel whose merchant data is incomplete or breaks a rule
gives no payload at all (`QrisNotReady`), never a payload with a guessed field.

The tests read every payload back with a parser written there from the EMVCo rules, and
with `lokal.parse_qris`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lokal import qris_crc

from padu.billing.errors import QrisNotReady
from padu.billing.models import Bill, ChannelKind, PaymentChannel, QrisCriteria

# The national repository's GUI: only in tag 51, never as an acquirer's (tag 26).
QRIS_GUI = "ID.CO.QRIS.WWW"
# ISO 18245 9399: government services not elsewhere classified.
MCC_GOVERNMENT = "9399"
CURRENCY_RUPIAH = "360"
COUNTRY = "ID"
# The national number space of a QRIS merchant PAN: 9360 and the institution's 4-digit code.
PAN_PREFIX = "9360"
MAX_PAYLOAD = 512
MAX_AMOUNT_LENGTH = 13
MAX_ADDITIONAL_LENGTH = 25

# The merchant data of a QRIS channel, in the order the form asks for it.
MERCHANT_FIELDS = (
    "qris_acquirer_gui",
    "qris_merchant_pan",
    "qris_merchant_id",
    "qris_merchant_criteria",
    "qris_nmid",
    "qris_mcc",
    "merchant_name",
    "merchant_city",
    "merchant_postal_code",
)
# EMVCo length limits of each (characters).
LIMITS = {
    "qris_acquirer_gui": 32,
    "qris_merchant_pan": 19,
    "qris_merchant_id": 15,
    "qris_merchant_criteria": 3,
    "qris_nmid": 15,
    "qris_mcc": 4,
    "merchant_name": 25,
    "merchant_city": 15,
    "merchant_postal_code": 10,
}

_LABEL = r"[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?"
_REVERSE_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")
_NMID = re.compile(r"ID[0-9]{10,13}")


@dataclass(frozen=True)
class FieldProblem:
    """Why one field of the merchant data is refused: a stable code and a message."""

    code: str
    message: str


def is_ans(text: str) -> bool:
    """EMVCo's alphanumeric special set: printable ASCII, space included."""
    return all(" " <= c <= "~" for c in text)


def fold_ascii(text: str) -> str:
    # QRIS text fields are ANS; accents are folded ("Kabupatén" → "Kabupaten"), spaces collapsed.
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.split())


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char)
        if i % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_merchant(data: Mapping[str, str]) -> dict[str, str]:
    """The merchant data as Padu stores it: trimmed, codes in capitals, the spaces people type
    in long numbers removed, names folded to ASCII."""
    value = {name: str(data.get(name) or "").strip() for name in MERCHANT_FIELDS}
    for name in ("qris_acquirer_gui", "qris_merchant_criteria", "qris_nmid"):
        value[name] = value[name].upper().replace(" ", "")
    for name in ("qris_merchant_pan", "qris_mcc", "merchant_postal_code"):
        value[name] = "".join(value[name].replace("-", " ").split())
    for name in ("merchant_name", "merchant_city"):
        value[name] = fold_ascii(value[name])
    return value


def merchant_problems(data: Mapping[str, str]) -> dict[str, FieldProblem]:
    """Every rule the merchant data of a QRIS channel breaks, by field (empty: usable). The
    limits are EMVCo's; the formats QRIS's (ASPI)."""
    found: dict[str, FieldProblem] = {}

    required = {
        "qris_acquirer_gui": _("Enter the acquirer's GUI from the letter."),
        "qris_merchant_pan": _("Enter the merchant PAN from the letter."),
        "qris_merchant_id": _("Enter the merchant ID from the letter."),
        "qris_merchant_criteria": _("Choose the merchant criteria written in the letter."),
        "qris_nmid": _("Enter the NMID from the letter."),
        "qris_mcc": _("Enter the merchant category code from the letter."),
        "merchant_name": _("Enter the merchant name from the letter."),
        "merchant_city": _("Enter the merchant city from the letter."),
        "merchant_postal_code": _("Enter the merchant's postal code from the letter."),
    }

    def refuse(name: str, problem: str, message: str) -> None:
        found.setdefault(name, FieldProblem(f"{name}_{problem}", message))

    def text_field(name: str, too_long: str, bad: str) -> str:
        text = data.get(name, "")
        if not text:
            refuse(name, "required", required[name])
        elif len(text) > LIMITS[name]:
            refuse(name, "too_long", too_long)
        elif not is_ans(text):
            refuse(name, "format", bad)
        return text

    gui = text_field(
        "qris_acquirer_gui",
        _("The acquirer's GUI is at most 32 characters."),
        _("Write the acquirer's GUI as a reverse domain such as ID.CO.BANKBPD.WWW."),
    )
    if "qris_acquirer_gui" not in found:
        if gui == QRIS_GUI:
            refuse(
                "qris_acquirer_gui",
                "national",
                _("ID.CO.QRIS.WWW is the national repository's GUI; write the acquirer's own GUI."),
            )
        elif not _REVERSE_DOMAIN.fullmatch(gui):
            refuse(
                "qris_acquirer_gui",
                "format",
                _("Write the acquirer's GUI as a reverse domain such as ID.CO.BANKBPD.WWW."),
            )

    pan = data.get("qris_merchant_pan", "")
    if not pan:
        refuse("qris_merchant_pan", "required", required["qris_merchant_pan"])
    elif not pan.isdigit() or not pan.isascii():
        refuse("qris_merchant_pan", "format", _("The merchant PAN has digits only."))
    elif len(pan) > LIMITS["qris_merchant_pan"]:
        refuse("qris_merchant_pan", "too_long", _("The merchant PAN is 16 to 19 digits."))
    elif len(pan) < 16:
        refuse("qris_merchant_pan", "too_short", _("The merchant PAN is 16 to 19 digits."))
    elif not pan.startswith(PAN_PREFIX):
        refuse(
            "qris_merchant_pan",
            "prefix",
            _("A QRIS merchant PAN starts with 9360 and the acquirer's national member code (NNS)."),
        )
    elif not luhn_valid(pan):
        refuse(
            "qris_merchant_pan",
            "check_digit",
            _("The merchant PAN's last digit does not match the others: check it against the letter."),
        )

    text_field(
        "qris_merchant_id",
        _("The merchant ID is at most 15 characters."),
        _("The merchant ID has letters, digits and ordinary punctuation only."),
    )

    criteria = data.get("qris_merchant_criteria", "")
    if not criteria:
        refuse("qris_merchant_criteria", "required", required["qris_merchant_criteria"])
    elif criteria not in QrisCriteria.values:
        refuse("qris_merchant_criteria", "invalid", _("Choose UMI, UKE, UME or UBE, as in the letter."))

    nmid = text_field(
        "qris_nmid",
        _("The NMID is at most 15 characters."),
        _("The NMID is ID followed by 10 to 13 digits."),
    )
    if "qris_nmid" not in found and not _NMID.fullmatch(nmid):
        refuse("qris_nmid", "format", _("The NMID is ID followed by 10 to 13 digits."))

    mcc = data.get("qris_mcc", "")
    if not mcc:
        refuse("qris_mcc", "required", required["qris_mcc"])
    elif len(mcc) > LIMITS["qris_mcc"]:
        refuse("qris_mcc", "too_long", _("The merchant category code is 4 digits, e.g. 9399."))
    elif not (len(mcc) == 4 and mcc.isdigit() and mcc.isascii()):
        refuse("qris_mcc", "format", _("The merchant category code is 4 digits, e.g. 9399."))

    text_field(
        "merchant_name",
        _("The merchant name is at most 25 characters."),
        _("The merchant name has letters, digits and ordinary punctuation only."),
    )
    text_field(
        "merchant_city",
        _("The merchant city is at most 15 characters."),
        _("The merchant city has letters, digits and ordinary punctuation only."),
    )
    postal = text_field(
        "merchant_postal_code",
        _("The postal code is 5 digits."),
        _("The postal code is 5 digits."),
    )
    if "merchant_postal_code" not in found and not (len(postal) == 5 and postal.isdigit() and postal.isascii()):
        refuse("merchant_postal_code", "format", _("The postal code is 5 digits."))
    return found


def merchant_data(channel: PaymentChannel) -> dict[str, str]:
    return {name: str(getattr(channel, name) or "") for name in MERCHANT_FIELDS}


def channel_qris_problems(channel: PaymentChannel) -> dict[str, FieldProblem]:
    """Why this channel cannot give QRIS codes yet (empty: it can)."""
    if channel.kind != ChannelKind.QRIS:
        return {"kind": FieldProblem("channel_not_qris", _("This channel is not a QRIS acquirer."))}
    return merchant_problems(merchant_data(channel))


def tlv(tag: str, value: str, limit: int = 99) -> str:
    if not value or len(value) > limit:
        raise ValueError(f"QRIS field {tag} must be 1 to {limit} characters")
    return f"{tag}{len(value):02d}{value}"


def qris_payload(bill: Bill, channel: PaymentChannel) -> str:
    """The payload to show as a QR code: point of initiation 12 (dynamic), the bill's total
    in tag 54, its billing code as bill number and reference label in tag 62. Raises
    `QrisNotReady` when the channel's merchant data is incomplete or breaks a rule."""
    problems = channel_qris_problems(channel)
    if problems:
        raise QrisNotReady(errors={name: [p.message] for name, p in problems.items()})
    amount = str(bill.total)
    if bill.total <= 0 or len(amount) > MAX_AMOUNT_LENGTH:
        raise ValueError("a QRIS amount is 1 to 13 digits")
    acquirer = "".join(
        [
            tlv("00", channel.qris_acquirer_gui, 32),
            tlv("01", channel.qris_merchant_pan, 19),
            tlv("02", channel.qris_merchant_id, 15),
            tlv("03", channel.qris_merchant_criteria, 3),
        ]
    )
    national = tlv("00", QRIS_GUI, 32) + tlv("02", channel.qris_nmid, 15) + tlv("03", channel.qris_merchant_criteria, 3)
    additional = tlv("01", bill.code, MAX_ADDITIONAL_LENGTH) + tlv("05", bill.code, MAX_ADDITIONAL_LENGTH)
    body = "".join(
        [
            tlv("00", "01"),
            tlv("01", "12"),
            tlv("26", acquirer),
            tlv("51", national),
            tlv("52", channel.qris_mcc, 4),
            tlv("53", CURRENCY_RUPIAH, 3),
            tlv("54", amount, MAX_AMOUNT_LENGTH),
            tlv("58", COUNTRY, 2),
            tlv("59", channel.merchant_name, 25),
            tlv("60", channel.merchant_city, 15),
            tlv("61", channel.merchant_postal_code, 10),
            tlv("62", additional),
        ]
    )
    body += "6304"
    payload = body + qris_crc(body)
    if len(payload) > MAX_PAYLOAD:
        raise ValueError("a QRIS payload is at most 512 characters")
    return payload
