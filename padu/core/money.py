"""Money in whole Rupiah: reading what people and banks write, writing it as Indonesian
offices do (`Rp1.250.000`), and spelling it out (terbilang, through lokal-id).

Padu keeps money as integer Rupiah; sen never appear.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import lokal
from django.utils.translation import gettext_lazy as _

from padu.core.errors import InvalidInput

# Dots between thousands (Indonesian), commas between thousands (as some banks export), or
# plain digits; each may end in zero sen (",00" / ".00", or ",-" as on a kuitansi).
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,00?|,-)?$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.00?)?$")
_PLAIN = re.compile(r"^\d+([.,]00?|,-)?$")
_PREFIX = re.compile(r"^(rp\.?|idr)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
MAX_DIGITS = 18  # far beyond any bill (billing stops below 10^13)


class AmountInvalid(InvalidInput):
    code = "amount_invalid"
    default_message = _("Write the amount in whole Rupiah, such as 1.250.000.")


def parse_rupiah(value: Any) -> int:
    """Whole Rupiah from an int or from text such as "Rp 1.250.000", "1250000", "1,250,000"
    or "1.250.000,00". Refuses (AmountInvalid) negatives, sen, words and anything else."""
    if isinstance(value, bool):
        raise AmountInvalid()
    if isinstance(value, int):
        if value < 0:
            raise AmountInvalid()
        return value
    if isinstance(value, float | Decimal):
        try:
            whole = Decimal(value)
        except InvalidOperation as exc:  # pragma: no cover - Decimal(float) always converts
            raise AmountInvalid() from exc
        if not whole.is_finite() or whole < 0 or whole != whole.to_integral_value():
            raise AmountInvalid()
        return int(whole)
    if not isinstance(value, str):
        raise AmountInvalid()
    text = _PREFIX.sub("", _SPACES.sub("", value))
    if _THOUSANDS_DOT.match(text):
        digits = text.split(",")[0].replace(".", "")
    elif _THOUSANDS_COMMA.match(text):
        digits = text.split(".")[0].replace(",", "")
    elif _PLAIN.match(text):
        digits = re.split(r"[.,]", text)[0]
    else:
        raise AmountInvalid()
    if len(digits) > MAX_DIGITS:
        raise AmountInvalid()
    return int(digits)


def thousands(amount: int) -> str:
    """1250000 → "1.250.000" (dots between thousands, no symbol)."""
    return f"{int(amount):,}".replace(",", ".")


def format_rupiah(amount: int) -> str:
    """1250000 → "Rp1.250.000", as offices write it (no space after Rp). A negative amount
    keeps its sign after the symbol ("Rp-50.000"), as the revenue tables show a net loss."""
    return "Rp" + thousands(amount)


def terbilang(amount: int, *, currency: bool = False, sentence: bool = False) -> str:
    """The amount in Indonesian words: 1250000 → "satu juta dua ratus lima puluh ribu";
    `currency` adds "rupiah", `sentence` capitalises the first letter (for a receipt)."""
    return str(lokal.terbilang(int(amount), currency=currency, case="sentence" if sentence else "lower"))
