"""Indonesian identifiers: NIK, No. KK, NPWP, NIB. Validation uses `lokal-id`; messages
are ours, in the user's language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from lokal import PROVINCES, parse_nik, parse_npwp

from padu.core.errors import InvalidInput
from padu.core.models import Region

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class IdentifierWarning:
    """Something to tell the person about an identifier that is still accepted: `code` is
    stable (for the API), `message` is in the user's language, `field` names the form field."""

    code: str
    message: str
    field: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "field": self.field}


@dataclass(frozen=True)
class Nik:
    number: str
    district_code: str
    birth_date: dt.date
    gender: str  # "L" or "P"
    warnings: tuple[IdentifierWarning, ...] = ()

    @property
    def birth_date_differs(self) -> bool:
        return any(w.code == NIK_BIRTH_DATE_DIFFERS for w in self.warnings)


# Warning codes of validate_nik.
NIK_DISTRICT_UNKNOWN = "nik_district_unknown"
NIK_BIRTH_DATE_DIFFERS = "nik_birth_date_differs"

# The province codes a NIK can begin with. NIKs have been issued since 2006 (SIAK); no
# province has been dissolved since, and a split keeps the parent's code alive (91 Papua, 92
# Papua Barat still exist beside 93-96, made in 2022), so every code ever issued in a NIK is
# among today's 38 provinces (lokal-id). What splits retire are regency and district codes:
# 91.01 Merauke is 93.01 now, and NIKs issued there before keep 91.01 for life.
NIK_PROVINCES = frozenset(PROVINCES)


def _digits(value: str) -> str:
    return _SEPARATORS.sub("", str(value or ""))


def _nik_birth_date(digits: str, stated: dt.date | None, today: dt.date) -> dt.date | None:
    """The birth date in digits 7-12 (DDMMYY, +40 on the day for women), with its century.

    The NIK holds only two digits of the year: the person's stated birth date picks the century
    when its day, month and year digits agree with the NIK (a woman born 1 Jan 1925 is
    410125, as is a girl born 1 Jan 2025); without it, the later century unless that date lies
    in the future."""
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        day -= 40
    candidates = []
    for year in (2000 + yy, 1900 + yy):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if stated is not None:
        for candidate in candidates:
            if candidate == stated:
                return candidate
    past = [c for c in candidates if c <= today]
    return past[0] if past else candidates[-1]


def validate_nik(
    value: str,
    *,
    field: str = "nik",
    check_region: bool = True,
    birth_date: dt.date | None = None,
    birth_date_field: str = "birth_date",
    today: dt.date | None = None,
) -> Nik:
    """Structure (16 digits), province, birth date (+40 for women), serial. Refuses what cannot
    be a NIK; warns, without refusing, about what a real NIK may well carry:

    - `nik_district_unknown`: the regency or district code is not in today's region list. A NIK
      keeps the code of its first issue for life, and pemekaran retires codes (91.01 Merauke
      is 93.01 since 2022). Only the province must exist.
    - `nik_birth_date_differs`: the stated `birth_date` is not the one in the NIK. Dukcapil
      does not reissue a NIK when a birth date is corrected; an officer confirms it.

    `birth_date`, when given, also picks the century of the NIK's two-digit year."""
    today = today or timezone.localdate()
    info = parse_nik(value, reference_date=today)
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
    if not (info.nik and info.district_code and info.gender) or info.nik[:2] not in NIK_PROVINCES:
        message = _("The first six digits of the NIK are not a known region.")
        raise InvalidInput(message, code="nik_invalid", errors={field: [message]})
    nik_birth = _nik_birth_date(info.nik, birth_date, today)
    if nik_birth is None:  # pragma: no cover - lokal-id refused such a date above
        message = _("The birth date inside the NIK (digits 7 to 12) is not a real date.")
        raise InvalidInput(message, code="nik_invalid", errors={field: [message]})
    warnings: list[IdentifierWarning] = []
    if check_region and _district_unknown(info.district_code):
        warnings.append(
            IdentifierWarning(
                NIK_DISTRICT_UNKNOWN,
                _(
                    "The region code in the NIK (digits 1 to 6) is not in today's list of regions. "
                    "A NIK keeps the code of the place where it was first issued, even after the "
                    "region was split, so this may be right: check it against the KTP."
                ),
                field,
            )
        )
    if birth_date is not None and birth_date != nik_birth:
        warnings.append(
            IdentifierWarning(
                NIK_BIRTH_DATE_DIFFERS,
                _(
                    "The date of birth differs from the one in the NIK (digits 7 to 12). This happens "
                    "when a birth date was corrected after the NIK was issued; an officer will confirm it."
                ),
                birth_date_field,
            )
        )
    return Nik(
        number=info.nik,
        district_code=info.district_code,
        birth_date=nik_birth,
        gender=info.gender,
        warnings=tuple(warnings),
    )


def _district_unknown(district_code: str) -> bool:
    """The regency or district is not in the region table. An empty table (a fresh install)
    cannot judge."""
    regency_code = district_code.rsplit(".", 1)[0]
    found = set(Region.objects.filter(code__in=[regency_code, district_code]).values_list("code", flat=True))
    return found != {regency_code, district_code} and Region.objects.exists()


def validate_kk(value: str, *, field: str = "kk_number") -> str:
    """No. KK: 16 digits beginning with a region code, like a NIK but with no birth date."""
    digits = _digits(value)
    if not re.fullmatch(r"\d{16}", digits) or digits[:2] not in _province_codes() or digits[12:] == "0000":
        message = _("A family card number (No. KK) has 16 digits and begins with a region code.")
        raise InvalidInput(message, code="kk_invalid", errors={field: [message]})
    return digits


def _province_codes() -> frozenset[str]:
    return NIK_PROVINCES


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
