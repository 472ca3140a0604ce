"""Population statistics of the register: counts of the residents present today (by age group
and sex, education, occupation, religion, marital status, relationship in the family,
disability, and per dusun / RW / RT), rolled up the agency tree, with small cells suppressed
for publication and the counts cached by the register's version.

Counting. All dimensions come from GROUP BY on the database, never from loading residents:
on PostgreSQL one query with GROUPING SETS (one pass over the rows, every dimension at once),
elsewhere one GROUP BY per dimension. The age group is computed on the database too, from
the birth date against cut-off dates worked out for the reference day (age >= 5k exactly when
born on or before the reference day minus 5k years), so it is exact to the day.

Suppression (UU 27/2022 on personal data protection: aggregate figures are not personal data
only while nobody can be singled out from them). A cell under `PADU_STATS_MIN_CELL` (default
5) is not published: shown as "< 5" (primary suppression). A zero is published: it says that
nobody has that attribute and singles nobody out. Every published table has totals (the row
total of men and women, the column totals, the grand total), so a single hidden cell in a row
or a column could be worked out by subtraction: wherever exactly one cell of a sum is hidden
while the sum is published, the next smallest cell of that sum is hidden as well (secondary
suppression, shown as "hidden"), repeated until no sum has exactly one hidden cell. The same
holds between the area tables (the RTs of an RW add up to the RW's row). Totals stay
published. Officers who keep the register and supervisors read the exact numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.calendar import agency_today
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency, AgencyKind
from padu.registries.codes import Disability, Education, LifeStatus, MaritalStatus, Occupation, Relationship, Religion
from padu.registries.codes import Sex as SexCode
from padu.registries.models import Area, Family, Household, Resident
from padu.registries.permissions import can_read_numbers
from padu.registries.services import register_version, register_versions

MIN_CELL_DEFAULT = 5
AGE_STEP = 5
AGE_GROUPS = 16  # 0-4, 5-9, ..., 70-74, 75+
TOP_OCCUPATIONS = 10
# How long counts stay cached: a change bumps the register's version at once (the key
# changes); the lifetime only bounds what a lost version (a cache evicted, another process
# with its own local-memory cache) could keep stale.
VILLAGE_SECONDS = 60 * 60
ROLLUP_SECONDS = 10 * 60
INDEX_SECONDS = 10 * 60
CACHE_PREFIX = "registries:stats:v1"

VILLAGE_KINDS = frozenset({AgencyKind.VILLAGE_GOVERNMENT, AgencyKind.URBAN_VILLAGE})
ROLLUP_KINDS = frozenset({AgencyKind.DISTRICT, AgencyKind.LOCAL_GOVERNMENT})

# Columns of Resident counted by code, with the code table that labels them.
CODED: dict[str, type[Any]] = {
    "education": Education,
    "occupation": Occupation,
    "religion": Religion,
    "marital_status": MaritalStatus,
    "relationship": Relationship,
    "disability": Disability,
}
# The database dimensions: the coded columns, the age group and the area (an RT).
GROUPED = ("age", *CODED, "area")
# What a page shows, in order (the sex table and the area tables are derived).
DIMENSIONS = ("age", "sex", "education", "occupation", "religion", "marital_status", "relationship", "disability")
AREA_DIMENSIONS = ("dusun", "rw", "rt")
ALL_DIMENSIONS = (*DIMENSIONS, *AREA_DIMENSIONS)
# The URL word of each dimension's CSV (Indonesian, as the site's other addresses).
SLUGS = {
    "age": "umur",
    "sex": "jenis-kelamin",
    "education": "pendidikan",
    "occupation": "pekerjaan",
    "religion": "agama",
    "marital_status": "status-perkawinan",
    "relationship": "hubungan-keluarga",
    "disability": "disabilitas",
    "dusun": "dusun",
    "rw": "rw",
    "rt": "rt",
}
BY_SLUG = {slug: dimension for dimension, slug in SLUGS.items()}
TITLES = {
    "age": gettext_lazy("Age group"),
    "sex": gettext_lazy("Sex"),
    "education": gettext_lazy("Education"),
    "occupation": gettext_lazy("Occupation"),
    "religion": gettext_lazy("Religion"),
    "marital_status": gettext_lazy("Marital status"),
    "relationship": gettext_lazy("Relationship in the family"),
    "disability": gettext_lazy("Disability"),
    "dusun": gettext_lazy("Hamlet (dusun)"),
    "rw": gettext_lazy("RW"),
    "rt": gettext_lazy("RT"),
}
COLUMNS = ("male", "female", "total")
TOTAL = "total"
# Why a cell is not published.
SMALL = "small"
SECONDARY = "secondary"


def min_cell() -> int:
    return int(getattr(settings, "PADU_STATS_MIN_CELL", MIN_CELL_DEFAULT))


# ---- what is counted ----

Key = int | None
Tally = dict[tuple[Key, str], int]  # (value, sex) -> residents


@dataclass(frozen=True)
class AreaInfo:
    pk: int
    level: str
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class Counts:
    """Exact counts of one agency (or of every agency beneath one) on one day: plain data, so
    it pickles into any cache."""

    as_of: dt.date
    has_register: bool
    by: dict[str, Tally]
    families: int
    households: int
    villages: int
    areas: tuple[AreaInfo, ...] = ()
    # The cache key the counts are kept under: it changes with the registers counted.
    key: str = ""


def age_group_label(index: int) -> str:
    low = index * AGE_STEP
    if index == AGE_GROUPS - 1:
        return f"{low}+"
    return f"{low}–{low + AGE_STEP - 1}"


def age_group_of(birth: dt.date, today: dt.date) -> int:
    """The age group (index) of someone born on `birth`, on `today` (for tests and checks)."""
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    age = today.year - birth.year - int(before_birthday)
    return min(max(age, 0) // AGE_STEP, AGE_GROUPS - 1)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _age_group_expression(today: dt.date) -> Case:
    """The age group on the database: born after (today - 5k years) means younger than 5k."""
    whens = [When(birth_date__gt=_years_before(today, AGE_STEP * k), then=Value(k - 1)) for k in range(1, AGE_GROUPS)]
    return Case(*whens, default=Value(AGE_GROUPS - 1), output_field=IntegerField())


_COLUMN = {"age": "age_group", "area": "area_id", **{name: name for name in CODED}}


def _present(agency_ids: Sequence[int], today: dt.date) -> QuerySet[Resident]:
    residents = Resident.objects.filter(life_status=LifeStatus.PRESENT)
    residents = (
        residents.filter(agency_id=agency_ids[0])
        if len(agency_ids) == 1
        else residents.filter(agency_id__in=agency_ids)
    )
    return residents.annotate(age_group=_age_group_expression(today))


def _tally_grouping_sets(agency_ids: Sequence[int], today: dt.date) -> dict[str, Tally]:
    """PostgreSQL: every dimension in one pass (GROUP BY GROUPING SETS)."""
    columns = [_COLUMN[d] for d in GROUPED]
    inner, params = _present(agency_ids, today).values("sex", *columns).query.sql_with_params()
    quoted = [connection.ops.quote_name(c) for c in columns]
    grouping = ", ".join(f"GROUPING({c})" for c in quoted)
    sets = ", ".join(f"(r.{connection.ops.quote_name('sex')}, {c})" for c in quoted)
    sql = (
        f"SELECT r.{connection.ops.quote_name('sex')}, {', '.join(quoted)}, {grouping}, COUNT(*) "  # noqa: S608 - names are ours
        f"FROM ({inner}) AS r GROUP BY GROUPING SETS ({sets})"
    )
    by: dict[str, Tally] = {d: {} for d in GROUPED}
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner cannot tell that the age group has 16 values and would sort a million
        # rows for it; with room for its few hundred groups every set is hashed in one pass.
        cursor.execute("SET LOCAL work_mem = '32MB'")
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            sex, values, flags, n = row[0], row[1 : 1 + len(columns)], row[1 + len(columns) : -1], row[-1]
            index = flags.index(0)  # the one column of this grouping set
            by[GROUPED[index]][(values[index], sex)] = int(n)
    return by


def _tally_each(agency_ids: Sequence[int], today: dt.date) -> dict[str, Tally]:
    """Other databases: one GROUP BY per dimension."""
    by: dict[str, Tally] = {}
    base = _present(agency_ids, today)
    for dimension in GROUPED:
        column = _COLUMN[dimension]
        rows = base.values(column, "sex").annotate(n=Count("id")).order_by()
        by[dimension] = {(row[column], row["sex"]): int(row["n"]) for row in rows}
    return by


def counts_compute(agency_ids: Sequence[int], today: dt.date, *, with_areas: bool) -> Counts:
    """Count the residents present of these agencies (uncached)."""
    ids = list(agency_ids)
    has_register = bool(ids) and Resident.objects.filter(agency_id__in=ids).exists()
    if not has_register:
        return Counts(
            as_of=today, has_register=False, by={d: {} for d in GROUPED}, families=0, households=0, villages=0
        )
    by = _tally_grouping_sets(ids, today) if connection.vendor == "postgresql" else _tally_each(ids, today)
    families = Family.objects.filter(agency_id__in=ids, is_active=True).count()
    households = Household.objects.filter(agency_id__in=ids, is_active=True).count()
    areas: tuple[AreaInfo, ...] = ()
    if with_areas:
        areas = tuple(
            AreaInfo(a.pk, a.level, a.name, a.parent_id)
            for a in Area.objects.filter(agency_id__in=ids).order_by("name", "pk")
        )
    return Counts(
        as_of=today,
        has_register=True,
        by=by,
        families=families,
        households=households,
        villages=len(ids),
        areas=areas,
    )


# ---- which agencies, and the cache ----


def is_village(agency: Agency) -> bool:
    return agency.kind in VILLAGE_KINDS


def publishes_statistics(agency: Agency) -> bool:
    """Villages and kelurahan publish their own register; kecamatan and regional governments
    the roll-up of the villages beneath them."""
    return agency.kind in VILLAGE_KINDS or agency.kind in ROLLUP_KINDS


def _villages_beneath(agency: Agency) -> list[int]:
    key = f"{CACHE_PREFIX}:beneath:{agency.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = list(
            Agency.objects.filter(tree_path__startswith=agency.tree_path, kind__in=VILLAGE_KINDS, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        cache.set(key, ids, INDEX_SECONDS)
    return list(ids)


def _versions_key(agency_ids: Sequence[int]) -> str:
    """One short key for the versions of many registers (one cache round trip)."""
    versions = register_versions(agency_ids)
    text = ",".join(f"{pk}:{versions[pk]}" for pk in agency_ids)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def agency_counts(agency: Agency, today: dt.date | None = None) -> Counts:
    """The exact counts of the agency (a village's own register, or the roll-up of every
    village beneath a kecamatan or regency), from the cache when the register has not changed."""
    if not publishes_statistics(agency):
        raise NotFound(_("This office keeps no population register."), code="statistics_not_found")
    today = today or agency_today(agency)
    if is_village(agency):
        ids = [agency.pk]
        key = f"{CACHE_PREFIX}:{agency.pk}:{today.isoformat()}:{register_version(agency.pk)}"
        seconds = VILLAGE_SECONDS
    else:
        ids = _villages_beneath(agency)
        key = f"{CACHE_PREFIX}:{agency.pk}:{today.isoformat()}:r{_versions_key(ids)}"
        seconds = ROLLUP_SECONDS
    counts = cache.get(key)
    if counts is None:
        counts = dataclasses.replace(counts_compute(ids, today, with_areas=is_village(agency)), key=key)
        cache.set(key, counts, seconds)
    return counts


def agencies_with_register() -> list[Agency]:
    """Active villages with residents in their register, and the offices above them (whose
    pages roll them up), in tree order."""
    key = f"{CACHE_PREFIX}:index"
    ids = cache.get(key)
    if ids is None:
        villages = list(
            Agency.objects.filter(kind__in=VILLAGE_KINDS, is_active=True)
            .filter(Exists(Resident.objects.filter(agency=OuterRef("pk"))))
            .values_list("pk", "tree_path")
        )
        wanted = {pk for pk, _path in villages}
        for _pk, path in villages:
            wanted.update(int(part) for part in path.strip("/").split("/") if part)
        ids = sorted(wanted)
        cache.set(key, ids, INDEX_SECONDS)
    agencies = Agency.objects.filter(pk__in=ids, is_active=True).filter(
        Q(kind__in=VILLAGE_KINDS) | Q(kind__in=ROLLUP_KINDS)
    )
    return list(agencies.select_related("region").order_by("tree_path"))


# ---- tables ----


@dataclass
class Row:
    """One row of a table: men, women, both. In a published table a hidden cell's value is
    None and `marks` says why (SMALL or SECONDARY)."""

    key: str
    label: str
    values: dict[str, int | None]
    marks: dict[str, str] = field(default_factory=dict)
    parent: str = ""  # an area row's parent area (the RW of an RT), for the sums between tables

    @property
    def male(self) -> int | None:
        return self.values["male"]

    @property
    def female(self) -> int | None:
        return self.values["female"]

    @property
    def total(self) -> int | None:
        return self.values["total"]

    @property
    def suppressed(self) -> bool:
        return bool(self.marks)

    def cells(self) -> list[tuple[str, int | None, str]]:
        return [(col, self.values[col], self.marks.get(col, "")) for col in COLUMNS]


@dataclass
class Table:
    dimension: str
    title: str
    rows: list[Row]
    total: Row

    @property
    def slug(self) -> str:
        return SLUGS[self.dimension]

    @property
    def suppressed(self) -> bool:
        return any(row.marks for row in [*self.rows, self.total])


def _row(key: Any, label: str, male: int, female: int, parent: int | None = None) -> Row:
    return Row(str(key), label, {"male": male, "female": female, "total": male + female}, parent=str(parent or ""))


def _from_tally(tally: Tally, keys: Iterable[Key], label: Callable[[Key], str]) -> list[Row]:
    return [
        _row(key, label(key), tally.get((key, SexCode.MALE), 0), tally.get((key, SexCode.FEMALE), 0)) for key in keys
    ]


def _none_label(key: Key, choices: type[Any]) -> str:
    return str(choices(key).label) if key is not None else _("Not recorded")


def _area_rows(counts: Counts) -> dict[str, list[Row]]:
    """Dusun, RW and RT rows: each area counts the residents placed in it or beneath it."""
    tally = counts.by.get("area", {})
    by_pk = {a.pk: a for a in counts.areas}
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    unplaced = [0, 0]
    for (area_id, sex), n in tally.items():
        col = 0 if sex == SexCode.MALE else 1
        if area_id is None or area_id not in by_pk:
            unplaced[col] += n
            continue
        current: int | None = area_id
        while current is not None:
            sums[current][col] += n
            current = by_pk[current].parent_id if current in by_pk else None

    def label(area: AreaInfo) -> str:
        names = [area.name]
        parent = by_pk.get(area.parent_id) if area.parent_id else None
        while parent is not None:
            names.append(parent.name)
            parent = by_pk.get(parent.parent_id) if parent.parent_id else None
        return " / ".join(names)

    tables: dict[str, list[Row]] = {}
    for level in AREA_DIMENSIONS:
        areas = sorted((a for a in counts.areas if a.level == level), key=lambda a: label(a).casefold())
        rows = [_row(a.pk, label(a), sums[a.pk][0], sums[a.pk][1], parent=a.parent_id) for a in areas]
        if any(unplaced):
            rows.append(_row("none", _("Not placed in an area"), *unplaced))
        tables[level] = rows
    return tables


def exact_tables(counts: Counts) -> list[Table]:
    """Every table of the counts, with exact numbers (the sex table and, for a village, the
    dusun / RW / RT tables included)."""
    by = counts.by
    age = by.get("age", {})
    male = sum(n for (_k, sex), n in age.items() if sex == SexCode.MALE)
    female = sum(n for (_k, sex), n in age.items() if sex == SexCode.FEMALE)

    def total() -> Row:
        return _row(TOTAL, _("Total"), male, female)

    rows: dict[str, list[Row]] = {
        "age": _from_tally(age, range(AGE_GROUPS), lambda k: age_group_label(int(k or 0))),
        "sex": [
            _row(SexCode.MALE, str(SexCode.MALE.label), male, 0),
            _row(SexCode.FEMALE, str(SexCode.FEMALE.label), 0, female),
        ],
    }
    for name, choices in CODED.items():
        tally = by.get(name, {})
        keys: list[Key] = list(choices.values)
        if any(k is None for k, _s in tally):
            keys.append(None)
        rows[name] = _from_tally(tally, keys, functools.partial(_none_label, choices=choices))
    rows["occupation"] = _top_and_other(rows["occupation"])
    dimensions = list(DIMENSIONS)
    if counts.areas:
        rows.update(_area_rows(counts))
        dimensions += AREA_DIMENSIONS
    return [Table(d, str(TITLES[d]), rows[d], total()) for d in dimensions]


def _top_and_other(rows: list[Row]) -> list[Row]:
    """The most common occupations, then one row for all the others."""
    ranked = sorted((r for r in rows if r.total), key=lambda r: -(r.total or 0))
    top, rest = ranked[:TOP_OCCUPATIONS], ranked[TOP_OCCUPATIONS:]
    if rest:
        other = _row(
            "other",
            _("Other occupations (%(n)s kinds)") % {"n": len(rest)},
            sum(r.male or 0 for r in rest),
            sum(r.female or 0 for r in rest),
        )
        top.append(other)
    return top


# ---- suppression ----

Cell = tuple[str, str, str]  # (table, row key, column); the totals row is shared: ("*", "total", col)


def _cell(table: str, row: str, col: str) -> Cell:
    return ("*", TOTAL, col) if row == TOTAL else (table, row, col)


def suppress(tables: Sequence[Table], minimum: int) -> dict[Cell, str]:
    """Which cells are not published, and why: SMALL (0 < n < minimum) or SECONDARY (hidden
    so that a small cell cannot be worked out from a published sum)."""
    values: dict[Cell, int] = {}
    sums: list[tuple[Cell, list[Cell]]] = []
    for table in tables:
        if table.dimension == "sex":
            continue  # its cells are the totals row's
        t = table.dimension
        for row in [*table.rows, table.total]:
            for col in COLUMNS:
                values[_cell(t, row.key, col)] = int(row.values[col] or 0)
            sums.append((_cell(t, row.key, "total"), [_cell(t, row.key, "male"), _cell(t, row.key, "female")]))
        for col in COLUMNS:
            sums.append((_cell(t, TOTAL, col), [_cell(t, row.key, col) for row in table.rows]))
    sums += _area_sums(tables)
    hidden: dict[Cell, str] = {cell: SMALL for cell, n in values.items() if 0 < n < minimum}
    changed = True
    while changed:
        changed = False
        for whole, parts in sums:
            if whole in hidden:
                continue
            if sum(1 for p in parts if p in hidden) != 1:
                continue
            candidates = [p for p in parts if p not in hidden and values[p] > 0]
            if not candidates:  # cannot happen: the published whole is the hidden part plus these
                continue
            pick = min(candidates, key=lambda p: values[p])
            hidden[pick] = SECONDARY
            changed = True
    return hidden


def _area_sums(tables: Sequence[Table]) -> list[tuple[Cell, list[Cell]]]:
    """RTs add up to their RW's row, RWs to their dusun's."""
    by_dim = {t.dimension: t for t in tables}
    found: list[tuple[Cell, list[Cell]]] = []
    for parent_dim, child_dim in (("dusun", "rw"), ("rw", "rt")):
        if parent_dim not in by_dim or child_dim not in by_dim:
            continue
        for parent in by_dim[parent_dim].rows:
            if parent.key == "none":
                continue
            children = [c for c in by_dim[child_dim].rows if c.parent == parent.key]
            if not children:
                continue
            for col in COLUMNS:
                found.append(((parent_dim, parent.key, col), [(child_dim, c.key, col) for c in children]))
    return found


def publish(tables: Sequence[Table], minimum: int) -> list[Table]:
    """The tables as published: hidden cells have no value, only their mark."""
    hidden = suppress(tables, minimum)

    def shown(table: Table, row: Row) -> Row:
        values: dict[str, int | None] = {}
        marks: dict[str, str] = {}
        for col in COLUMNS:
            cell = _sex_cell(row, col) if table.dimension == "sex" else _cell(table.dimension, row.key, col)
            if cell is not None and cell in hidden:
                values[col], marks[col] = None, hidden[cell]
            else:
                values[col] = row.values[col]
        return Row(row.key, row.label, values, marks, row.parent)

    return [Table(t.dimension, t.title, [shown(t, r) for r in t.rows], shown(t, t.total)) for t in tables]


def _sex_cell(row: Row, col: str) -> Cell | None:
    """The sex table's rows are the totals row's men and women."""
    if row.key == TOTAL:
        return _cell("*", TOTAL, col)
    own = "male" if row.key == SexCode.MALE else "female"
    if col in (own, "total"):
        return _cell("*", TOTAL, own)
    return None  # the other sex's column: always 0


# ---- what pages and endpoints read ----


@dataclass
class Statistics:
    agency: Agency
    as_of: dt.date
    tables: list[Table]
    families: int
    households: int
    villages: int
    exact: bool
    min_cell: int
    # What the statistics were computed from (the counts' cache key): a page rendered from them
    # may be kept under it.
    key: str = ""

    @property
    def by_dimension(self) -> dict[str, Table]:
        return {t.dimension: t for t in self.tables}

    @property
    def residents(self) -> Row:
        return self.tables[0].total

    @property
    def is_rollup(self) -> bool:
        return not is_village(self.agency)


def statistics_public(agency: Agency, today: dt.date | None = None) -> Statistics:
    """The agency's statistics as anyone may read them: small cells suppressed. NotFound for
    an agency without a register (or beneath it). The published tables are kept in the cache
    beside the counts (per language: their labels are translated)."""
    counts = agency_counts(agency, today)
    if not counts.has_register:
        raise NotFound(_("This office publishes no population statistics yet."), code="statistics_not_found")
    minimum = min_cell()
    key = f"{counts.key}:public:{minimum}:{get_language()}"
    tables = cache.get(key) if counts.key else None
    if tables is None:
        tables = publish(exact_tables(counts), minimum)
        if counts.key:
            cache.set(key, tables, VILLAGE_SECONDS)
    return Statistics(
        agency,
        counts.as_of,
        tables,
        counts.families,
        counts.households,
        counts.villages,
        exact=False,
        min_cell=minimum,
        key=key if counts.key else "",
    )


def statistics_exact(actor: Actor, agency: Agency, today: dt.date | None = None) -> Statistics:
    """The exact numbers, for the register's keepers and supervisors above the agency."""
    if not can_read_numbers(actor, agency):
        raise Forbidden(_("Only the register's officers and supervisors read the exact numbers."))
    counts = agency_counts(agency, today)
    return Statistics(
        agency,
        counts.as_of,
        exact_tables(counts),
        counts.families,
        counts.households,
        counts.villages,
        exact=True,
        min_cell=min_cell(),
    )


def dimension_of(slug: str) -> str:
    dimension = BY_SLUG.get(slug)
    if dimension is None:
        raise NotFound(_("There is no such table."), code="statistics_dimension_not_found")
    return dimension


def residents_total(agency: Agency) -> int | None:
    """The published number of residents present (None when the office has no register)."""
    try:
        return statistics_public(agency).residents.total
    except NotFound:
        return None
