"""The five books of the population register (Permendagri 47/2016, lampiran buku administrasi
penduduk), each as at the end of a month, read from the register's dates:

- present at the month's end: `registered_on <= last day` and (`left_on` empty or later);
- the month's changes (buku mutasi): the birth, death, move-in and move-out events of the month
  that were not reversed by a correcting event, with the people each one added or removed.

Each book is built in two to four queries whatever the village's size (no query per row), and
NIK and No. KK are decrypted only for the books that print them. Items other than presence
(marital status, occupation, place in the village, KK) are today's values: the register's
history would give the values of the past, one change at a time, which no book needs yet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min, Q
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.calendar import agency_today
from padu.core.crypto import decrypt
from padu.core.errors import Forbidden, InvalidInput, NotFound
from padu.core.models import Agency
from padu.registries.books.shapes import BOOKS, INDUK, KTP_KK, MUTASI, REKAP, SEMENTARA, TODAY_VALUES, Book, Column
from padu.registries.codes import (
    BloodType,
    Citizenship,
    Education,
    KtpStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    ResidentStatus,
)
from padu.registries.models import Area, AreaLevel, EventKind, Family, LifeEvent, Resident, ResidentChange
from padu.registries.permissions import can_read_books

MONTH_INVALID = "month_invalid"
BOOK_NOT_FOUND = "book_not_found"

Value = str | int | dt.date | None
Row = dict[str, Value]


# ---- the month ----


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return self.following.first - dt.timedelta(days=1)

    @property
    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def following(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def default_month(agency: Agency) -> Month:
    """The last full month on the agency's calendar."""
    return Month.of(agency_today(agency)).previous


def parse_month(agency: Agency, text: str | None) -> Month:
    """`YYYY-MM` → the month; empty → the last full month. Refused (`month_invalid`): another
    form, a month that has not begun, a month that ends before the register's first day."""

    def refuse(message: str) -> InvalidInput:
        return InvalidInput(message, code=MONTH_INVALID, errors={"bulan": [message]})

    raw = (text or "").strip()
    if not raw:
        return default_month(agency)
    found = _MONTH.match(raw)
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise refuse(_("Give the month as year and month, for example 2026-11."))
    month = Month(int(found.group(1)), int(found.group(2)))
    today = agency_today(agency)
    if month.first > today:
        raise refuse(_("This month has not begun yet."))
    first_day = Resident.objects.filter(agency=agency).aggregate(first=Min("registered_on"))["first"]
    if first_day is not None and month.last < first_day:
        raise refuse(
            _("The register begins on %(day)s: choose %(month)s or a later month.")
            % {"day": first_day.strftime("%d-%m-%Y"), "month": Month.of(first_day)}
        )
    return month


@dataclass
class BookTable:
    book: Book
    agency: Agency
    month: Month
    rows: list[Row] = field(default_factory=list)
    # The residents listed, in row order (for the access log); empty for the rekapitulasi.
    residents: list[tuple[int, int | None]] = field(default_factory=list)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.book.columns

    @property
    def notes(self) -> list[str]:
        return [str(n) for n in (*self.book.notes, TODAY_VALUES)]

    def cells(self, row: Row) -> list[Value]:
        return [row.get(c.key) for c in self.columns]

    def people(self, rows: Iterable[int] | None = None) -> list[Resident]:
        """Stand-ins for the residents of these row numbers (all when None), for the access log."""
        chosen = self.residents if rows is None else [self.residents[i] for i in rows if i < len(self.residents)]
        return [Resident(pk=pk, user_id=user_id) for pk, user_id in chosen]


# ---- what the builders share ----


class _Places:
    """The agency's areas, read once: an RT's address line and its hamlet."""

    def __init__(self, agency: Agency) -> None:
        rows: dict[int, dict[str, Any]] = {
            a["id"]: dict(a) for a in Area.objects.filter(agency=agency).values("id", "level", "parent_id", "name")
        }
        self._chain: dict[int, list[dict[str, Any]]] = {}
        for area_id in rows:
            chain: list[dict[str, Any]] = []
            current = rows.get(area_id)
            while current is not None and len(chain) < 4:
                chain.append(current)
                current = rows.get(current["parent_id"]) if current["parent_id"] else None
            self._chain[area_id] = chain

    def label(self, area_id: int | None) -> str:
        return " / ".join(a["name"] for a in self._chain.get(area_id or 0, []))

    def dusun(self, area_id: int | None) -> tuple[str, int]:
        """(name, id) of the hamlet the area lies in; ("", 0) for none."""
        chain = self._chain.get(area_id or 0, [])
        top = next((a for a in reversed(chain) if a["level"] == AreaLevel.DUSUN), None)
        return (top["name"], top["id"]) if top else ("", 0)

    def sort_key(self, area_id: int | None) -> tuple[str, ...]:
        return tuple(a["name"] for a in reversed(self._chain.get(area_id or 0, [])))


class _Families:
    """The agency's KKs, read once; a KK number is decrypted the first time it is printed."""

    def __init__(self, agency: Agency) -> None:
        self._rows = {
            f["id"]: f for f in Family.objects.filter(agency=agency).values("id", "kk_encrypted", "issued_on")
        }
        self._numbers: dict[int, str] = {}

    def number(self, family_id: int | None) -> str:
        if family_id is None or family_id not in self._rows:
            return ""
        if family_id not in self._numbers:
            self._numbers[family_id] = decrypt(self._rows[family_id]["kk_encrypted"])
        return self._numbers[family_id]

    def issued_on(self, family_id: int | None) -> dt.date | None:
        row = self._rows.get(family_id or 0)
        return row["issued_on"] if row else None


def _label(choices: Any, value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _citizenship(value: int | None) -> str:
    return "WNA" if value == Citizenship.WNA else "WNI"


_PERSON = (
    "id",
    "user_id",
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "blood_type",
    "religion",
    "marital_status",
    "education",
    "occupation",
    "citizenship",
    "resident_status",
    "ktp_status",
    "address",
    "previous_address",
    "area_id",
    "family_id",
    "relationship",
    "registered_on",
    "left_on",
    "life_status",
    "father_name",
    "mother_name",
)


def present_on(day: dt.date) -> Q:
    """In the register at the end of `day`."""
    return Q(registered_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def _people(agency: Agency, where: Q, *, with_nik: bool) -> list[dict[str, Any]]:
    columns = (*_PERSON, "nik_encrypted") if with_nik else _PERSON
    return list(Resident.objects.filter(where, agency=agency).values(*columns))


def _address(person: dict[str, Any], places: _Places) -> str:
    return ", ".join(part for part in (person["address"], places.label(person["area_id"])) if part)


def _in_order(people: list[dict[str, Any]], places: _Places) -> list[dict[str, Any]]:
    """By hamlet, RW and RT, then KK, the head first, then age."""
    return sorted(
        people,
        key=lambda p: (
            places.sort_key(p["area_id"]),
            p["family_id"] or 0,
            p["relationship"] or 99,
            p["birth_date"],
            p["id"],
        ),
    )


def _listed(table: BookTable, people: list[dict[str, Any]], make: Callable[[int, dict[str, Any]], Row]) -> None:
    for number, person in enumerate(people, start=1):
        table.rows.append(make(number, person))
        table.residents.append((person["id"], person["user_id"]))


# ---- B.1 buku induk ----


def _induk(table: BookTable) -> None:
    agency, last = table.agency, table.month.last
    places, families = _Places(agency), _Families(agency)
    people = _people(agency, present_on(last) & ~Q(resident_status=ResidentStatus.TEMPORARY), with_nik=True)

    def make(number: int, p: dict[str, Any]) -> Row:
        return {
            "no": number,
            "name": p["name"],
            "sex": p["sex"],
            "marital_status": _label(MaritalStatus, p["marital_status"]),
            "birth_place": p["birth_place"],
            "birth_date": p["birth_date"],
            "religion": _label(Religion, p["religion"]),
            "education": _label(Education, p["education"]),
            "occupation": _label(Occupation, p["occupation"]),
            "can_read": "",
            "citizenship": _citizenship(p["citizenship"]),
            "address": _address(p, places),
            "relationship": _label(Relationship, p["relationship"]),
            "nik": decrypt(p["nik_encrypted"]),
            "kk_number": families.number(p["family_id"]),
            "note": _label(ResidentStatus, p["resident_status"])
            if p["resident_status"] != ResidentStatus.PERMANENT
            else "",
        }

    _listed(table, _in_order(people, places), make)


# ---- B.2 buku mutasi ----

MUTATION_BOOK_KINDS = (EventKind.BIRTH, EventKind.DEATH, EventKind.MOVE_IN, EventKind.MOVE_OUT)
_ADDING = frozenset({EventKind.BIRTH, EventKind.MOVE_IN})
# Where an event's details say where from, where to, where it happened (the first found).
_FROM_KEYS = ("origin", "from", "came_from", "previous_address", "address")
_TO_KEYS = ("destination", "to", "moved_to", "address")
_PLACE_KEYS = ("place", "place_of_death", "death_place")


def _detail(details: Any, keys: tuple[str, ...]) -> str:
    if not isinstance(details, dict):
        return ""
    return next((str(details[k]) for k in keys if details.get(k)), "")


def month_events(agency: Agency, month: Month) -> list[dict[str, Any]]:
    """The month's births, deaths, moves in and out that no correcting event undid."""
    return [
        dict(e)
        for e in LifeEvent.objects.filter(
            agency=agency,
            kind__in=MUTATION_BOOK_KINDS,
            occurred_on__gte=month.first,
            occurred_on__lte=month.last,
            reversed_by__isnull=True,
        )
        .order_by("occurred_on", "pk")
        .values("id", "kind", "occurred_on", "resident_id", "details", "note")
    ]


def _event_people(events: list[dict[str, Any]]) -> dict[int, list[int]]:
    """Event → the residents it added or removed: those whose record it created or whose entry
    or leaving it wrote (a whole KK moving out is one event), else the event's own resident."""
    kinds = {e["id"]: e["kind"] for e in events}
    found: dict[int, list[int]] = defaultdict(list)
    changes = ResidentChange.objects.filter(
        event_id__in=kinds, resident__isnull=False, field__in=("nik", "registered_on", "left_on", "life_status")
    ).values_list("event_id", "resident_id", "field", "old")
    for event_id, resident_id, name, old in changes.order_by("pk"):
        adding = kinds[event_id] in _ADDING
        counts = (
            (name == "nik" and old == "") or name in ("registered_on", "life_status")
            if adding
            else name
            in (
                "left_on",
                "life_status",
            )
        )
        if counts and resident_id not in found[event_id]:
            found[event_id].append(resident_id)
    for event in events:
        if not found.get(event["id"]) and event["resident_id"]:
            found[event["id"]] = [event["resident_id"]]
    return found


def _mutasi(table: BookTable) -> None:
    agency = table.agency
    events = month_events(agency, table.month)
    affected = _event_people(events)
    ids = {pk for pks in affected.values() for pk in pks}
    people = {p["id"]: p for p in _people(agency, Q(pk__in=ids), with_nik=False)} if ids else {}
    number = 0
    for event in events:
        kind, day, details = event["kind"], event["occurred_on"], event["details"]
        for pk in affected.get(event["id"], []):
            p = people.get(pk)
            if p is None:
                continue
            number += 1
            came_from = ""
            if kind == EventKind.MOVE_IN:
                came_from = _detail(details, _FROM_KEYS) or p["previous_address"]
            table.rows.append(
                {
                    "no": number,
                    "name": p["name"],
                    "birth_place": p["birth_place"],
                    "birth_date": p["birth_date"],
                    "sex": p["sex"],
                    "citizenship": _citizenship(p["citizenship"]),
                    "came_from": came_from,
                    "came_on": day if kind == EventKind.MOVE_IN else None,
                    "born_on": day if kind == EventKind.BIRTH else None,
                    "moved_to": _detail(details, _TO_KEYS) if kind == EventKind.MOVE_OUT else "",
                    "moved_on": day if kind == EventKind.MOVE_OUT else None,
                    "died_at": _detail(details, _PLACE_KEYS) if kind == EventKind.DEATH else "",
                    "died_on": day if kind == EventKind.DEATH else None,
                    "note": event["note"][:200],
                }
            )
            table.residents.append((p["id"], p["user_id"]))


# ---- B.3 rekapitulasi ----

_SIDES = ("wna_l", "wna_p", "wni_l", "wni_p")


def _side(person: dict[str, Any]) -> str:
    return f"{_citizenship(person['citizenship']).lower()}_{person['sex'].lower()}"


def rekap_balances(row: Row) -> bool:
    """start + born + came − died − moved = end, for each of WNA/WNI × L/P."""

    def n(key: str) -> int:
        value = row.get(key)
        return value if isinstance(value, int) else 0

    return all(
        n(f"start_{s}") + n(f"born_{s}") + n(f"came_{s}") - n(f"died_{s}") - n(f"moved_{s}") == n(f"end_{s}")
        for s in _SIDES
    )


def _rekap(table: BookTable) -> None:
    agency, month = table.agency, table.month
    places = _Places(agency)
    start_day, last = month.previous.last, month.last
    # Everyone in the register at some time in the month (or at the end of the month before).
    columns = (
        "id",
        "sex",
        "citizenship",
        "area_id",
        "family_id",
        "birth_date",
        "registered_on",
        "left_on",
        "life_status",
    )
    people = (
        Resident.objects.filter(
            Q(registered_on__lte=last) & (Q(left_on__isnull=True) | Q(left_on__gt=start_day)), agency=agency
        )
        .exclude(resident_status=ResidentStatus.TEMPORARY)
        .values(*columns)
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    families: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"start": set(), "end": set()})
    names: dict[int, str] = {}
    for p in people:
        name, dusun_id = places.dusun(p["area_id"])
        names[dusun_id] = name
        row, side = counts[dusun_id], _side(p)
        left = p["left_on"]
        at_start = p["registered_on"] <= start_day and (left is None or left > start_day)
        at_end = left is None or left > last
        for moment, present in (("start", at_start), ("end", at_end)):
            if present:
                row[f"{moment}_{side}"] += 1
                row[f"{moment}_people"] += 1
                if p["family_id"]:
                    families[dusun_id][moment].add(p["family_id"])
        if p["registered_on"] > start_day:
            row[f"{'born' if p['registered_on'] == p['birth_date'] else 'came'}_{side}"] += 1
        if left is not None and left <= last:
            row[f"{'died' if p['life_status'] == LifeStatus.DEAD else 'moved'}_{side}"] += 1
    for dusun_id, fams in families.items():
        for moment in ("start", "end"):
            counts[dusun_id][f"{moment}_kk"] = len(fams[moment])
    keys = [c.key for c in REKAP.columns if c.key not in ("dusun", "note")]
    total: Row = {"dusun": _("Total"), "note": ""}
    for dusun_id in sorted(counts, key=lambda d: (d == 0, names.get(d, ""))):
        data = counts[dusun_id]
        for moment in ("start", "end"):
            data[f"{moment}_members"] = data[f"{moment}_people"] - data[f"{moment}_kk"]
        line: Row = {"dusun": names[dusun_id] or _("(not placed in a hamlet)"), "note": ""}
        line.update({k: data.get(k, 0) for k in keys})
        table.rows.append(line)
    for key in keys:
        values = [r[key] for r in table.rows]
        total[key] = sum(v for v in values if isinstance(v, int))
    table.rows.append(total)


# ---- B.4 penduduk sementara ----


def _sementara(table: BookTable) -> None:
    agency, month = table.agency, table.month
    places = _Places(agency)
    people = _people(
        agency,
        Q(resident_status=ResidentStatus.TEMPORARY, registered_on__lte=month.last)
        & (Q(left_on__isnull=True) | Q(left_on__gte=month.first)),
        with_nik=True,
    )
    heads = {
        r["family_id"]: r["name"]
        for r in Resident.objects.filter(
            agency=agency,
            family_id__in={p["family_id"] for p in people if p["family_id"]},
            relationship=Relationship.HEAD,
        ).values("family_id", "name")
    }
    people.sort(key=lambda p: (p["registered_on"], p["name"], p["id"]))

    def make(number: int, p: dict[str, Any]) -> Row:
        host = heads.get(p["family_id"], "")
        return {
            "no": number,
            "name": p["name"],
            "sex": p["sex"],
            "nik": decrypt(p["nik_encrypted"]),
            "birth_place": p["birth_place"],
            "birth_date": p["birth_date"],
            "occupation": _label(Occupation, p["occupation"]),
            "citizenship": _label(Citizenship, p["citizenship"]),
            "came_from": p["previous_address"],
            "purpose": "",
            "host": ", ".join(part for part in (host, _address(p, places)) if part),
            "came_on": p["registered_on"],
            "left_on": p["left_on"] if p["left_on"] and p["left_on"] <= month.last else None,
            "note": _label(LifeStatus, p["life_status"]) if p["life_status"] != LifeStatus.PRESENT else "",
        }

    _listed(table, people, make)


# ---- B.5 buku KTP dan KK ----


def _ktp_kk(table: BookTable) -> None:
    agency = table.agency
    places, families = _Places(agency), _Families(agency)
    people = _people(agency, present_on(table.month.last) & Q(family__isnull=False), with_nik=True)

    def make(number: int, p: dict[str, Any]) -> Row:
        return {
            "no": number,
            "kk_number": families.number(p["family_id"]),
            "name": p["name"],
            "nik": decrypt(p["nik_encrypted"]),
            "sex": p["sex"],
            "birth_place": p["birth_place"],
            "birth_date": p["birth_date"],
            "blood_type": _label(BloodType, p["blood_type"]),
            "religion": _label(Religion, p["religion"]),
            "education": _label(Education, p["education"]),
            "occupation": _label(Occupation, p["occupation"]),
            "address": _address(p, places),
            "marital_status": _label(MaritalStatus, p["marital_status"]),
            "kk_issued_on": families.issued_on(p["family_id"]),
            "relationship": _label(Relationship, p["relationship"]),
            "citizenship": _citizenship(p["citizenship"]),
            "father_name": p["father_name"],
            "mother_name": p["mother_name"],
            "lived_since": p["registered_on"],
            "note": _label(KtpStatus, p["ktp_status"]),
        }

    _listed(table, _in_order(people, places), make)


_BUILDERS: dict[str, Callable[[BookTable], None]] = {
    INDUK.key: _induk,
    MUTASI.key: _mutasi,
    REKAP.key: _rekap,
    SEMENTARA.key: _sementara,
    KTP_KK.key: _ktp_kk,
}


def book_get(key: str) -> Book:
    book = BOOKS.get(key)
    if book is None:
        raise NotFound(_("There is no such book."), code=BOOK_NOT_FOUND)
    return book


def book_table(agency: Agency, key: str, month: Month) -> BookTable:
    """One book of the agency as at the end of `month` (no permission check: the caller's)."""
    table = BookTable(book=book_get(key), agency=agency, month=month)
    _BUILDERS[key](table)
    return table


def book_rows(agency: Agency, book: str, year: int, month: int) -> list[Row]:
    """The rows of one book, without the web layer (the benchmark's entry point)."""
    return book_table(agency, book, Month(year, month)).rows


def book_for_reader(actor: Actor, agency: Agency, key: str, month: Month) -> BookTable:
    """One book for a reader who may read the books (the register's keepers); the caller logs
    the people it shows (`resident_access_record`)."""
    if not can_read_books(actor, agency):
        raise Forbidden(_("Only the population register officer and the agency administrator read the books."))
    return book_table(agency, key, month)
