"""Reading an uploaded file into a diff against the register (`import_analyse`, run as a task).

Each row is cleaned with the register's own item check (`rules.resident_clean`, with the region
codes preloaded once), the file's families are checked together (`rules.family_problems`, one
NIK twice, a KK whose rows disagree on the address or RT), and every valid row is compared with
the register by the NIK's keyed hash (the register is read once, into a dict; no NIK is
decrypted). The outcome of each row is NEW, CHANGED (field by field), SAME or INVALID (with
its line and errors); present residents the file does not list are MISSING: listed, never
removed (people leave the register through life events).

A blank cell never clears a value: the register keeps what it has.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.utils.translation import gettext as _

from padu.core.calendar import agency_today
from padu.core.crypto import decrypt, seal, unseal
from padu.core.errors import PaduError
from padu.core.models import Agency, Region, RegionLevel
from padu.registries.codes import LifeStatus
from padu.registries.imports.formats import RawRow, parse
from padu.registries.imports.words import CHOICES, code_for
from padu.registries.models import (
    Area,
    AreaLevel,
    Family,
    ImportBatch,
    ImportRow,
    ImportStatus,
    LifeEvent,
    Resident,
    RowOutcome,
)
from padu.registries.rules import ITEMS_BY_NAME, PLAIN_ITEMS, Member, family_problems, resident_clean
from padu.registries.services import kk_hash, nik_hash

log = logging.getLogger(__name__)

PROGRESS_EVERY = 500
BULK = 1000
# Items compared with the register (the identifiers by hash; kk and area as placement).
COMPARED = tuple(PLAIN_ITEMS) + ("father_nik", "mother_nik")


# ---- sealed JSON of a row ----


def dump(value: Any) -> str:
    return seal(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def load(sealed: str) -> Any:
    return json.loads(unseal(sealed)) if sealed else {}


def as_value(name: str, value: Any) -> Any:
    """A stored (JSON) value back as the register keeps it (dates as dates)."""
    item = ITEMS_BY_NAME.get(name)
    if item is not None and item.kind == "date" and isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return value


# ---- areas by their names ----


def area_key_part(level: str, name: str) -> str:
    """How an area's name is matched: an RW or RT by its number ("RW 002", "2", "002" → "2"),
    a dusun by its name without "Dusun"/"Dsn" in front, in capitals."""
    text = " ".join(str(name).split()).upper()
    if level in (AreaLevel.RW, AreaLevel.RT):
        number = re.sub(r"\D", "", text)
        return str(int(number)) if number else text
    return re.sub(r"^(DUSUN|DSN|DS|LINGKUNGAN)\.?\s+", "", text)


def area_name(level: str, name: str) -> str:
    """The name a new area gets: "Dusun Cikoneng", "RW 002", "RT 001"."""
    key = area_key_part(level, name)
    if level == AreaLevel.DUSUN:
        return f"Dusun {key.title()}"
    prefix = "RW" if level == AreaLevel.RW else "RT"
    return f"{prefix} {int(key):03d}" if key.isdigit() else f"{prefix} {key}"


def place_of(row: RawRow | dict[str, str]) -> tuple[str, ...]:
    """The (dusun, rw, rt) match keys a row places the person in, as deep as it says."""
    get = row.get if isinstance(row, dict) else (lambda k, d="": getattr(row, k))
    parts: list[str] = []
    for level, key in ((AreaLevel.DUSUN, "dusun"), (AreaLevel.RW, "rw"), (AreaLevel.RT, "rt")):
        value = str(get(key, "") or "").strip().strip("-")
        if not value:
            break
        parts.append(area_key_part(level, value))
    return tuple(parts)


def area_index(agency: Agency) -> tuple[dict[tuple[str, ...], int], dict[int, str]]:
    """The agency's areas by their match path, and each area's label."""
    areas = {a.pk: a for a in Area.objects.filter(agency=agency)}
    by_path: dict[tuple[str, ...], int] = {}
    labels: dict[int, str] = {}
    for area in areas.values():
        chain = [area]
        while chain[-1].parent_id is not None and chain[-1].parent_id in areas:
            chain.append(areas[chain[-1].parent_id])
        chain.reverse()
        by_path[tuple(area_key_part(a.level, a.name) for a in chain)] = area.pk
        labels[area.pk] = " / ".join(a.name for a in reversed(chain))
    return by_path, labels


def place_label(place: dict[str, str]) -> str:
    names = []
    for level, key in ((AreaLevel.RT, "rt"), (AreaLevel.RW, "rw"), (AreaLevel.DUSUN, "dusun")):
        value = str(place.get(key, "") or "").strip().strip("-")
        if value and place_of(place)[: {"dusun": 1, "rw": 2, "rt": 3}[key]]:
            names.append(area_name(level, value))
    return " / ".join(names)


# ---- the register's stamp ----


def register_stamp(agency: Agency) -> str:
    """Changes whenever the register is written (every write is a life event) or an area added."""
    event = LifeEvent.objects.filter(agency=agency).aggregate(m=Max("pk"))["m"] or 0
    area = Area.objects.filter(agency=agency).aggregate(m=Max("pk"))["m"] or 0
    return f"{event}-{area}"


def region_checker() -> Callable[[str], bool]:
    """`region_known` for resident_clean, from one read of the region table."""
    codes = set(Region.objects.filter(level__lte=RegionLevel.DISTRICT).values_list("code", flat=True))
    if not codes:
        return lambda district: True
    return lambda district: district in codes and district.rsplit(".", 1)[0] in codes


# ---- reading rows ----


@dataclass
class Checked:
    raw: RawRow
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def nik(self) -> str:
        return str(self.values.get("nik") or self.raw.values.get("nik") or "")

    @property
    def name(self) -> str:
        return str(self.values.get("name") or self.raw.values.get("name") or "")[:150]


def _label(name: str) -> str:
    if name == "kk_number":
        return _("No. KK")
    if name == "nik":
        return "NIK"
    field = next((f for f in Resident._meta.fields if f.name == name), None)
    return str(field.verbose_name).capitalize() if field is not None else name


def check_row(raw: RawRow, *, today: dt.date, region_known: Callable[[str], bool]) -> Checked:
    data: dict[str, Any] = {}
    for name, value in raw.values.items():
        data[name] = code_for(name, value) if name in CHOICES else value
    data["kk_number"] = raw.kk
    cleaned = resident_clean(data, today=today, region_known=region_known)
    out = Checked(raw=raw, values=cleaned.values)
    out.errors.extend(raw.problems)
    for name, messages in cleaned.errors.items():
        out.errors.extend(f"{_label(name)}: {m}" for m in messages)
    if not raw.kk:
        out.errors.append(f"{_label('kk_number')}: {_('This is required.')}")
    if not raw.dusun and (raw.rw or raw.rt) or (raw.rt and not raw.rw):
        out.errors.append(_("An RT needs its RW, and an RW its dusun."))
    out.warnings.extend(str(w.message) for w in cleaned.warnings)
    out.warnings.extend(raw.notes)
    return out


def check_families(rows: list[Checked]) -> None:
    """The file's own consistency: one NIK once, each KK's members together, one place per KK."""
    by_nik: dict[str, list[Checked]] = defaultdict(list)
    for row in rows:
        if row.nik:
            by_nik[row.nik].append(row)
    for same in by_nik.values():
        if len(same) > 1:
            lines = ", ".join(str(r.raw.line) for r in same)
            for row in same:
                row.errors.append(_("The same NIK is on lines %(lines)s.") % {"lines": lines})
    by_kk: dict[str, list[Checked]] = defaultdict(list)
    for row in rows:
        if not row.errors and row.raw.kk:
            by_kk[row.raw.kk].append(row)
    for members in by_kk.values():
        problems = family_problems(
            Member(
                _("line %(n)d") % {"n": m.raw.line},
                m.values.get("relationship"),
                m.values["sex"],
                m.values["marital_status"],
                m.values["birth_date"],
            )
            for m in members
        )
        places = {place_of(m.raw) for m in members}
        addresses = {" ".join(str(m.values.get("address") or "").upper().split()) for m in members}
        if len(places) > 1 or len(addresses) > 1:
            problems.append(_("The rows of this KK disagree on the address or the RT."))
        for member in members:
            member.errors.extend(_("KK: %(problem)s") % {"problem": p} for p in problems)


# ---- the diff ----


def _same(old: Any, new: Any) -> bool:
    if old in (None, "") and new in (None, ""):
        return True
    if isinstance(old, str) and isinstance(new, str):
        # SIAK writes in capitals: "BUDI SANTOSO" is the register's "Budi Santoso".
        return " ".join(old.split()).casefold() == " ".join(new.split()).casefold()
    return bool(old == new)


def _register(agency: Agency) -> dict[str, dict[str, Any]]:
    fields = ("pk", "nik_hash", "life_status", "area_id", "family_id", "family__kk_hash", *PLAIN_ITEMS)
    fields += ("father_nik_encrypted", "mother_nik_encrypted")
    return {r["nik_hash"]: r for r in Resident.objects.filter(agency=agency).values(*fields)}


def compare(
    row: Checked,
    held: dict[str, Any],
    *,
    by_path: dict[tuple[str, ...], int],
    labels: dict[int, str],
    family_kk: Callable[[int], str],
) -> dict[str, list[Any]]:
    """The items the row would change on the register's record: {item: [old, new]}."""
    changes: dict[str, list[Any]] = {}
    for name in COMPARED:
        if name in row.raw.inferred or name not in row.values:
            continue
        new = row.values[name]
        if new in (None, ""):
            continue  # a blank cell never clears a value
        if name in ("father_nik", "mother_nik"):
            stored = held[f"{name}_encrypted"]
            old: Any = decrypt(stored) if stored else ""
        else:
            old = held[name]
        if not _same(old, new):
            changes[name] = [old, new]
    kk = row.values.get("kk_number")
    if kk and kk_hash(kk) != held["family__kk_hash"]:
        changes["kk_number"] = [family_kk(held["family_id"]) if held["family_id"] else "", kk]
    path = place_of(row.raw)
    if path and by_path.get(path) != held["area_id"]:
        place = {"dusun": row.raw.dusun, "rw": row.raw.rw, "rt": row.raw.rt}
        new_label = labels[by_path[path]] if path in by_path else place_label(place)
        changes["area"] = [labels.get(held["area_id"] or 0, ""), new_label]
    return changes


def _row_data(row: Checked) -> dict[str, Any]:
    return {
        "values": row.values or {k: str(v) for k, v in row.raw.values.items()},
        "kk": row.raw.kk,
        "place": {"dusun": row.raw.dusun, "rw": row.raw.rw, "rt": row.raw.rt},
        "inferred": sorted(row.raw.inferred),
        "warnings": row.warnings,
    }


def import_analyse(batch_id: int) -> None:
    """Read the batch's file into its diff; READY with counts, or FAILED with a message."""
    batch = ImportBatch.objects.select_related("agency").filter(pk=batch_id).first()
    if batch is None or batch.status != ImportStatus.ANALYSING:
        return  # a repeated task: done already, or discarded
    try:
        _analyse(batch)
    except PaduError as exc:
        _fail(batch, str(exc.message))
    except Exception:
        log.exception("import %s could not be read", batch_id)
        _fail(batch, _("The file could not be read. Check that it is one of the accepted formats."))


def _fail(batch: ImportBatch, message: str) -> None:
    ImportRow.objects.filter(batch=batch).delete()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.FAILED, error=message[:2000])


def _analyse(batch: ImportBatch) -> None:
    agency = batch.agency
    with batch.file.open("rb") as handle:
        content = handle.read()
    fmt, raws = parse(content)
    if not raws:
        raise PaduError(_("The file holds no rows of residents."))
    ImportBatch.objects.filter(pk=batch.pk).update(format=fmt, rows_total=len(raws), rows_done=0)
    today = agency_today(agency)
    known = region_checker()
    stamp = register_stamp(agency)
    checked: list[Checked] = []
    for n, raw in enumerate(raws, start=1):
        checked.append(check_row(raw, today=today, region_known=known))
        if n % PROGRESS_EVERY == 0:
            ImportBatch.objects.filter(pk=batch.pk).update(rows_done=n // 2)
    check_families(checked)

    register = _register(agency)
    by_path, labels = area_index(agency)
    kk_cache: dict[int, str] = {}

    def family_kk(family_id: int) -> str:
        if family_id not in kk_cache:
            stored = Family.objects.filter(pk=family_id).values_list("kk_encrypted", flat=True).first()
            kk_cache[family_id] = decrypt(stored) if stored else ""
        return kk_cache[family_id]

    rows: list[ImportRow] = []
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for n, row in enumerate(checked, start=1):
        digest = nik_hash(row.nik) if row.nik else ""
        held = register.get(digest) if digest and not row.errors else None
        if held is not None and held["life_status"] != LifeStatus.PRESENT:
            row.errors.append(
                _("This person has left the register (%(status)s). A file cannot bring them back: record a life event.")
                % {"status": LifeStatus(held["life_status"]).label}
            )
        if digest:
            seen.add(digest)
        changes: dict[str, list[Any]] = {}
        if row.errors:
            outcome = RowOutcome.INVALID
        elif held is None:
            outcome = RowOutcome.NEW
        else:
            changes = compare(row, held, by_path=by_path, labels=labels, family_kk=family_kk)
            outcome = RowOutcome.CHANGED if changes else RowOutcome.SAME
        counts[outcome] += 1
        rows.append(
            ImportRow(
                batch=batch,
                line=row.raw.line,
                outcome=outcome,
                nik_hash=digest,
                resident_id=held["pk"] if held is not None else None,
                name=row.name,
                data_sealed="" if outcome == RowOutcome.SAME else dump(_row_data(row)),
                changes_sealed=dump(changes) if changes else "",
                errors=row.errors,
            )
        )
        if n % PROGRESS_EVERY == 0:
            ImportBatch.objects.filter(pk=batch.pk).update(rows_done=len(checked) // 2 + n // 2)
    for held in register.values():
        if held["life_status"] == LifeStatus.PRESENT and held["nik_hash"] not in seen:
            counts[RowOutcome.MISSING] += 1
            rows.append(
                ImportRow(
                    batch=batch,
                    line=0,
                    outcome=RowOutcome.MISSING,
                    nik_hash=held["nik_hash"],
                    resident_id=held["pk"],
                    name=held["name"],
                )
            )
    ImportRow.objects.filter(batch=batch).delete()
    ImportRow.objects.bulk_create(rows, batch_size=BULK)
    same_file = (
        ImportBatch.objects.filter(agency=agency, sha256=batch.sha256, status=ImportStatus.APPLIED)
        .exclude(pk=batch.pk)
        .values_list("pk", flat=True)
        .first()
    )
    result = {str(o): counts.get(str(o), 0) for o in RowOutcome.values}
    result["stamp"] = stamp  # type: ignore[assignment]
    if same_file:
        result["same_file_as"] = same_file
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.ANALYSING).update(
        status=ImportStatus.READY, counts=result, rows_done=len(checked), format=fmt, error=""
    )
