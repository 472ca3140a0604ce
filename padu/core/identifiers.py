"""Indonesian identifiers: NIK, No. KK, NPWP, NIB. Validation uses `lokal-id`; messages
are ours, in the user's language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lokal import parse_nik, parse_npwp

from padu.core.errors import InvalidInput
from padu.core.models import Region

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class Nik:
    number: str
    district_code: str
    birth_date: dt.date
    gender: str  # "L" or "P"


def _digits(value: str) -> str:
    return _SEPARATORS.sub("", str(value or ""))


def validate_nik(value: str, *, field: str = "nik", check_region: bool = True) -> Nik:
    """Structure (16 digits), region prefix (a real district), birth date (+40 for women)."""
    info = parse_nik(value)
    if not info.valid:
        codes = {issue.code for issue in info.errors}
        if "format" in codes:
            message = _("A NIK has exactly 16 digits.")
        elif codes & {"province", "wilayah"}:
            message = _("The first six digits of the NIK are not a known region.")
        elif "birth_date" in codes:
            message = _("The birth date inside the NIK (digits 7 to 12) is not a real date.")
        else:
            message = _("The last four digits of the NIK cannot be 0000.")
        raise InvalidInput(message, code="nik_invalid", errors={field: [message]})
    if not (info.nik and info.district_code and info.birth_date and info.gender):
        raise InvalidInput(_("The NIK could not be read."), code="nik_invalid")
    if check_region and not Region.objects.filter(code=info.district_code).exists():
        # An empty region table (a fresh install) cannot judge; the structure check stands.
        if Region.objects.exists():
            message = _("The first six digits of the NIK are not a known region.")
            raise InvalidInput(message, code="nik_invalid", errors={field: [message]})
    return Nik(
        number=info.nik,
        district_code=info.district_code,
        birth_date=dt.date.fromisoformat(info.birth_date),
        gender=info.gender,
    )


def validate_kk(value: str, *, field: str = "kk_number") -> str:
    """No. KK: 16 digits beginning with a region code, like a NIK but with no birth date."""
    digits = _digits(value)
    if not re.fullmatch(r"\d{16}", digits) or digits[:2] not in _province_codes() or digits[12:] == "0000":
        message = _("A family card number (No. KK) has 16 digits and begins with a region code.")
        raise InvalidInput(message, code="kk_invalid", errors={field: [message]})
    return digits


def _province_codes() -> set[str]:
    from lokal import PROVINCES

    return set(PROVINCES)


def validate_npwp(value: str, *, field: str = "npwp") -> str:
    """NPWP in its 15-digit legacy or 16-digit form; returns the 16-digit form."""
    info = parse_npwp(value)
    if not info.valid or not info.npwp16:
        message = _("An NPWP has 15 digits (old form) or 16 digits.")
        raise InvalidInput(message, code="npwp_invalid", errors={field: [message]})
    return info.npwp16


def validate_nib(value: str, *, field: str = "nib") -> str:
    """NIB (Nomor Induk Berusaha, issued by OSS): 13 digits, not all zero."""
    digits = _digits(value)
    if not re.fullmatch(r"\d{13}", digits) or set(digits) == {"0"}:
        message = _("A business identification number (NIB) has 13 digits.")
        raise InvalidInput(message, code="nib_invalid", errors={field: [message]})
    return digits


def mask_identifier(value: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """`3204********0001`: enough to recognise one's own number, not enough to use it."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
