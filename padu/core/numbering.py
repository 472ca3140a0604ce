"""Document numbers from per-agency patterns, never duplicated and never skipped.

A letter number identifies one letter (the agenda register, the QR check), so an agency's
letters are numbered from ONE agenda counter per period (year) whatever their kind: a
domicile letter and a business letter signed the same day get 004 and 005, never both 001.
An agency may choose one counter per classification code instead (setting
`letter_numbering` = `classification`): then each code counts on its own and the pattern
must print the code (`[kode]`), so two codes never give the same number.

A number is taken inside the caller's transaction with the counter row locked: if the
document is not created after all, the counter rolls back with it, so no gap remains.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.db import lock_or_create
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import Agency, NumberCounter, NumberPattern, ResetPeriod

_TOKEN = re.compile(r"\[([a-z_]+)(?:,(\d{1,2}))?\]")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
KNOWN_TOKENS = {"nomor", "kode", "kode_instansi", "kode_wilayah", "kode_desa", "bulan_romawi", "bulan", "tahun"}

# Where the agency's choice is kept (Agency.settings).
SCOPE_SETTING = "letter_numbering"
# Counter keys (NumberCounter.kind) of the shared counters. A document kind is a slug, so
# it never starts with "@": these cannot meet a kind's own counter (PPID registers keep theirs).
AGENDA_KEY = "@agenda"
CODE_KEY_PREFIX = "@kode:"


class NumberScope(models.TextChoices):
    AGENCY = "agency", gettext_lazy("One agenda counter for all the office's letters")
    CLASSIFICATION = "classification", gettext_lazy("One counter per classification code")


def validate_pattern(pattern: str, *, reset: str = ResetPeriod.YEARLY) -> None:
    tokens = [m.group(1) for m in _TOKEN.finditer(pattern)]
    unknown = sorted(set(tokens) - KNOWN_TOKENS)
    if unknown:
        raise InvalidInput(
            _("Unknown part in the number pattern: %(parts)s.") % {"parts": ", ".join(unknown)},
            code="number_pattern_invalid",
        )
    if tokens.count("nomor") != 1:
        raise InvalidInput(_("The number pattern must contain [nomor] exactly once."), code="number_pattern_invalid")
    if reset == ResetPeriod.YEARLY and "tahun" not in tokens:
        raise InvalidInput(
            _("A number that starts again every year must contain [tahun], or next year's numbers repeat this year's."),
            code="number_pattern_invalid",
        )


def agency_scope(agency: Agency) -> str:
    value = agency.settings.get(SCOPE_SETTING) if isinstance(agency.settings, dict) else None
    return value if value in NumberScope.values else NumberScope.AGENCY


def counter_key(scope: str, classification: str) -> str:
    """The counter a letter is numbered from: the agency's agenda, or its classification code's."""
    return f"{CODE_KEY_PREFIX}{classification}" if scope == NumberScope.CLASSIFICATION else AGENDA_KEY


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


def _pattern(agency: Agency, kind: str) -> NumberPattern:
    pattern = NumberPattern.objects.filter(agency=agency, kind=kind).first()
    if pattern is None:
        raise NotFound(
            _("No number pattern for %(kind)s in this agency.") % {"kind": kind}, code="number_pattern_missing"
        )
    return pattern


def _where(agency: Agency, pattern: NumberPattern, when: dt.datetime | None) -> tuple[dt.datetime, str, str]:
    moment = (when or timezone.now()).astimezone(ZoneInfo(agency.time_zone))
    period = str(moment.year) if pattern.reset == ResetPeriod.YEARLY else "all"
    return moment, counter_key(agency_scope(agency), pattern.classification_code), period


def start_after(agency: Agency, key: str, period: str) -> int:
    """Where a shared counter that starts now must start from: after the highest number the
    OTHER scope reached in `period` (the agency changed its setting this year), so no number
    repeats. A fresh agency starts at 1; so does each classification code."""
    counters = NumberCounter.objects.filter(agency=agency, period=period)
    if key == AGENDA_KEY:
        counters = counters.filter(kind__startswith=CODE_KEY_PREFIX)
    else:
        counters = counters.filter(kind=AGENDA_KEY)
    return int(counters.aggregate(top=Max("last"))["top"] or 0)


def number_take(*, agency: Agency, kind: str, when: dt.datetime | None = None) -> str:
    """Take the next number for a document of `kind` in `agency`. Call inside the transaction
    that creates the numbered document."""
    pattern = _pattern(agency, kind)
    moment, key, period = _where(agency, pattern, when)
    with transaction.atomic():
        counter = NumberCounter.objects.select_for_update().filter(agency=agency, kind=key, period=period).first()
        if counter is None:
            counter = lock_or_create(
                NumberCounter,
                defaults={"last": start_after(agency, key, period)},
                agency=agency,
                kind=key,
                period=period,
            )
        counter.last += 1
        counter.save(update_fields=["last"])
    return render_number(
        pattern.pattern,
        number=counter.last,
        agency=agency,
        when=moment.date(),
        classification=pattern.classification_code,
    )


def number_peek(*, agency: Agency, kind: str, when: dt.datetime | None = None) -> str | None:
    """The number the next `number_take` would give now, without taking it (a preview: another
    letter signed first takes it). None when the kind has no pattern."""
    pattern = NumberPattern.objects.filter(agency=agency, kind=kind).first()
    if pattern is None:
        return None
    moment, key, period = _where(agency, pattern, when)
    last = NumberCounter.objects.filter(agency=agency, kind=key, period=period).values_list("last", flat=True).first()
    if last is None:
        last = start_after(agency, key, period)
    return render_number(
        pattern.pattern,
        number=last + 1,
        agency=agency,
        when=moment.date(),
        classification=pattern.classification_code,
    )
