"""Document numbers from per-agency patterns, never duplicated and never skipped.

A number is taken inside the caller's transaction with the counter row locked: if the
document is not created after all, the counter rolls back with it, so no gap remains.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.core.db import lock_or_create
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import Agency, NumberCounter, NumberPattern, ResetPeriod

_TOKEN = re.compile(r"\[([a-z_]+)(?:,(\d{1,2}))?\]")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
KNOWN_TOKENS = {"nomor", "kode", "kode_instansi", "kode_wilayah", "kode_desa", "bulan_romawi", "bulan", "tahun"}


def validate_pattern(pattern: str) -> None:
    tokens = [m.group(1) for m in _TOKEN.finditer(pattern)]
    unknown = sorted(set(tokens) - KNOWN_TOKENS)
    if unknown:
        raise InvalidInput(
            _("Unknown part in the number pattern: %(parts)s.") % {"parts": ", ".join(unknown)},
            code="number_pattern_invalid",
        )
    if tokens.count("nomor") != 1:
        raise InvalidInput(_("The number pattern must contain [nomor] exactly once."), code="number_pattern_invalid")


def render_number(pattern: str, *, number: int, agency: Agency, when: dt.date, classification: str = "") -> str:
    values = {
        "kode": classification,
        "kode_instansi": agency.code,
        "kode_wilayah": agency.region_id,
        "kode_desa": agency.region_id.split(".")[-1],
        "bulan_romawi": ROMAN_MONTHS[when.month - 1],
        "bulan": f"{when.month:02d}",
        "tahun": str(when.year),
    }

    def replace(match: re.Match[str]) -> str:
        name, width = match.group(1), match.group(2)
        if name == "nomor":
            return str(number).zfill(int(width or 0))
        return values[name]

    return _TOKEN.sub(replace, pattern)


def number_take(*, agency: Agency, kind: str, when: dt.datetime | None = None) -> str:
    """Take the next number for `kind` in `agency`. Call inside the transaction that
    creates the numbered document."""
    moment = (when or timezone.now()).astimezone(ZoneInfo(agency.time_zone))
    pattern = NumberPattern.objects.filter(agency=agency, kind=kind).first()
    if pattern is None:
        raise NotFound(
            _("No number pattern for %(kind)s in this agency.") % {"kind": kind}, code="number_pattern_missing"
        )
    period = str(moment.year) if pattern.reset == ResetPeriod.YEARLY else "all"
    with transaction.atomic():
        counter = lock_or_create(NumberCounter, agency=agency, kind=kind, period=period)
        counter.last += 1
        counter.save(update_fields=["last"])
    return render_number(
        pattern.pattern,
        number=counter.last,
        agency=agency,
        when=moment.date(),
        classification=pattern.classification_code,
    )
