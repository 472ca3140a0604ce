"""The population register at a regency's scale, on PostgreSQL (issue #14).

Run in its own process by `bench.run` (on a database of its own, emptied first):

    python -m bench.registries OUT.json --residents 1000000 --villages 300 --big 19000 --import-rows 20000

Load (COPY, each step timed): the regions of one regency, the regency's government, its
kecamatan and `--villages` village governments (through `agency_create`, so their audit chains
are real), then per village 3 dusun x 4 RW x 7 RT, families (a married head, his wife, 0-3
children; SHDK rules kept), one household per family and the residents, every NOT NULL column
filled. The busiest village ("big") has `--big` residents; the others share the rest.

Encryption at 1,000,000 rows: the big village's NIKs and KKs are encrypted one by one (its
import is measured, and the import's diff and the books read them); the other villages reuse
a pool of a few thousand encrypted tokens (nothing reads them back), while every `nik_hash` and
`kk_hash` is the keyed hash of that row's own made-up number, so they stay unique per agency.

Measured, in process (the functions the pages and the task call, not through HTTP, except the
statistics page, fetched with Django's test client in this process: same view, middleware
and cache as the server, without the network):

- import: a SIAK file of `--import-rows` rows for the big village (its present residents, a
  few hundred with a changed occupation, and new families up to the row count), uploaded,
  read into its diff (`import_analyse`) and applied (`import_apply`) (target under 60 s);
- statistics page of the big village: first view (counted and cached), then p50 and p90 of
  repeated views from the cache (target p50 under 50 ms);
- regency roll-up: every dimension counted over all villages, cold (the cache emptied), and
  again from the cache (target under 1 s cold);
- books: the buku induk penduduk of the big village built, and exported as XLSX and PDF.

Prints `RESULT {json}` and writes it to OUT.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

REGENCY = "32.01"  # Kabupaten Bogor: 40 kecamatan, over 400 villages
DUSUN = ("Cikoneng", "Sukamaju", "Babakan")  # the names the sample files use
RWS, RTS = 4, 7
TARGETS = {"import_s": 60.0, "statistics_p50_ms": 50.0, "rollup_ms": 1000.0, "book_xlsx_s": 30.0, "book_pdf_s": 60.0}
TOKEN_POOL = 3000
TODAY = dt.date(2026, 11, 30)


def _timed(report: list[dict[str, Any]], name: str, rows: int, since: float) -> None:
    seconds = time.monotonic() - since
    report.append(
        {"step": name, "rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / max(seconds, 1e-9))}
    )
    print(f"    {name}: {rows:,} rows in {seconds:.1f} s", flush=True)


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _nik(district: str, birth: dt.date, female: bool, serial: int) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


class Niks:
    """Made-up NIKs of one village, unique in it (the serial runs on when a birth date repeats)."""

    def __init__(self, district: str) -> None:
        self.district = district
        self.used: set[str] = set()
        self.serial = 0

    def take(self, birth: dt.date, female: bool) -> str:
        while True:
            self.serial += 1
            number = _nik(self.district, birth, female, 1 + self.serial % 9999)
            if number not in self.used:
                self.used.add(number)
                return number


class Ids:
    def __init__(self) -> None:
        self.next = 1

    def take(self) -> int:
        value, self.next = self.next, self.next + 1
        return value


def _defaults(model: Any) -> dict[str, Any]:
    """Every column of the model's table with what an empty row holds (NOT NULL columns get
    their default, a blank string or zero)."""
    from django.db.models import NOT_PROVIDED

    out: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.default is not NOT_PROVIDED and not callable(f.default):
            out[f.column] = f.default
        elif f.null:
            out[f.column] = None
        elif f.get_internal_type() in ("CharField", "TextField"):
            out[f.column] = ""
        elif f.get_internal_type() == "BooleanField":
            out[f.column] = False
        elif f.get_internal_type() == "JSONField":
            out[f.column] = "{}"
        else:
            out[f.column] = None  # filled per row (ids, dates, foreign keys)
    return out


class Copier:
    """Rows of one table streamed through COPY, with explicit ids."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.base = _defaults(model)
        self.columns = tuple(self.base)
        self.required = tuple(f.column for f in model._meta.concrete_fields if not f.null)
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        self.checked = False

    def add(self, **values: Any) -> None:
        row = dict(self.base)
        row.update(values)
        if not self.checked:  # every row has the same columns: the first one shows a gap
            missing = [c for c in self.required if row[c] is None]
            if missing:
                raise ValueError(f"{self.table}: no value for {missing}")
            self.checked = True
        self.rows.append(tuple(row.values()))
        if len(self.rows) >= 20_000:
            self.flush()

    def flush(self) -> None:
        from bench.loader import _copy

        _copy(self.table, self.columns, self.rows)
        self.count += len(self.rows)
        self.rows = []

    def finish(self, last_id: int) -> None:
        from django.db import connection

        self.flush()
        with connection.cursor() as cur:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{self.table}', 'id'), GREATEST(%s, 1))", [last_id])


def _regions() -> int:
    from padu.core.models import Region
    from padu.core.regions import _source_rows

    rows = [r for r in _source_rows() if r.code in ("32", REGENCY) or r.code.startswith(REGENCY + ".")]
    Region.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _agencies(villages: int) -> tuple[Any, list[Any]]:
    from padu.core.actors import OPERATOR
    from padu.core.models import AgencyKind, Region
    from padu.core.services import agency_create

    regency = agency_create(
        actor=OPERATOR, name="Pemerintah Kabupaten Bogor", kind=AgencyKind.LOCAL_GOVERNMENT, region_code=REGENCY
    )
    codes = list(
        Region.objects.filter(code__startswith=REGENCY + ".", level=4).order_by("code").values_list("code", flat=True)
    )[:villages]
    districts: dict[str, Any] = {}
    out = []
    for code in codes:
        district = code[:8]
        if district not in districts:
            districts[district] = agency_create(
                actor=OPERATOR,
                name=f"Kecamatan {Region.objects.get(code=district).name}",
                kind=AgencyKind.DISTRICT,
                region_code=district,
                parent=regency,
            )
        out.append(
            agency_create(
                actor=OPERATOR,
                name=f"Pemerintah Desa {Region.objects.get(code=code).name}",
                kind=AgencyKind.VILLAGE_GOVERNMENT,
                region_code=code,
                parent=districts[district],
            )
        )
    return regency, out


def load(residents: int, villages: int, big: int, report: list[dict[str, Any]]) -> dict[str, Any]:
    """The regency's registers, with COPY."""
    from django.db import connection, transaction

    from padu.core.crypto import encrypt, keyed_hash
    from padu.registries.codes import Education, MaritalStatus, Occupation, Relationship, Religion, Sex
    from padu.registries.models import Area, Family, Household, Resident

    started = time.monotonic()
    count = _regions()
    _timed(report, "regions", count, started)
    started = time.monotonic()
    regency, agencies = _agencies(villages)
    _timed(report, "agencies", len(agencies) + 1, started)
    if len(agencies) < villages:
        print(f"    (the regency has {len(agencies)} villages)", flush=True)
    sizes = [big] + _split(residents - big, len(agencies) - 1)
    rng = random.Random(14)  # noqa: S311 - made-up people, not secrets
    now = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    pool = [encrypt(_nik("32.01.01", dt.date(1980, 1, 1 + i % 28), i % 2 == 1, 1 + i)) for i in range(TOKEN_POOL)]
    area_copy, family_copy, household_copy, resident_copy = (
        Copier(Area),
        Copier(Family),
        Copier(Household),
        Copier(Resident),
    )
    area_ids, family_ids, household_ids, resident_ids = Ids(), Ids(), Ids(), Ids()
    started = time.monotonic()
    with transaction.atomic():
        for v, (agency, size) in enumerate(zip(agencies, sizes, strict=True)):
            real = v == 0
            district = agency.region.code[:8]
            rts: list[int] = []
            for dusun in DUSUN:
                dusun_id = area_ids.take()
                area_copy.add(
                    id=dusun_id, agency_id=agency.pk, level="dusun", parent_id=None, name=f"Dusun {dusun}",
                    head_name="Kepala Dusun", created_at=now,
                )  # fmt: skip
                for rw in range(1, RWS + 1):
                    rw_id = area_ids.take()
                    area_copy.add(
                        id=rw_id, agency_id=agency.pk, level="rw", parent_id=dusun_id, name=f"RW {rw:03d}",
                        head_name="Ketua RW", created_at=now,
                    )  # fmt: skip
                    for rt in range(1, RTS + 1):
                        rt_id = area_ids.take()
                        area_copy.add(
                            id=rt_id, agency_id=agency.pk, level="rt", parent_id=rw_id, name=f"RT {rt:03d}",
                            head_name="Ketua RT", created_at=now,
                        )  # fmt: skip
                        rts.append(rt_id)
            niks = Niks(district)

            made, family_n = 0, 0
            while made < size:
                family_n += 1
                rt_id = rts[family_n % len(rts)]
                address = f"Jl. Melati No. {family_n % 90 + 1}"
                head_birth = dt.date(1950 + rng.randrange(48), 1 + rng.randrange(12), 1 + rng.randrange(28))
                kk = f"{district.replace('.', '')}0101{20 + family_n // 10000:02d}{family_n % 10000:04d}"
                family_id, household_id = family_ids.take(), household_ids.take()
                family_copy.add(
                    id=family_id, agency_id=agency.pk, kk_encrypted=encrypt(kk) if real else pool[family_n % TOKEN_POOL],  # noqa: E501
                    kk_hash=keyed_hash("kk", kk), area_id=rt_id, address=address, issued_on=dt.date(2020, 1, 1),
                    is_active=True, created_at=now, updated_at=now,
                )  # fmt: skip
                household_copy.add(
                    id=household_id, agency_id=agency.pk, number=f"RT-{family_n:06d}", area_id=rt_id,
                    address=address, is_active=True, created_at=now,
                )  # fmt: skip
                members: list[tuple[str, int, dt.date, int]] = [
                    (Sex.MALE, Relationship.HEAD, head_birth, MaritalStatus.MARRIED)
                ]
                kids = rng.randrange(4)
                if rng.random() < 0.9:
                    wife_birth = head_birth + dt.timedelta(days=rng.randrange(365 * 6))
                    members.append((Sex.FEMALE, Relationship.WIFE, wife_birth, MaritalStatus.MARRIED))
                else:
                    members[0] = (Sex.MALE, Relationship.HEAD, head_birth, MaritalStatus.WIDOWED)
                for k in range(kids):
                    birth = min(head_birth + dt.timedelta(days=365 * (24 + 3 * k) + rng.randrange(300)), TODAY)
                    members.append((rng.choice((Sex.MALE, Sex.FEMALE)), Relationship.CHILD, birth, 1))
                for sex, rel, birth, marital in members[: size - made]:
                    number = niks.take(birth, sex == Sex.FEMALE)
                    age = (TODAY - birth).days // 365
                    resident_copy.add(
                        id=resident_ids.take(), agency_id=agency.pk,
                        nik_encrypted=encrypt(number) if real else pool[niks.serial % TOKEN_POOL],
                        nik_hash=keyed_hash("nik", number), family_id=family_id, relationship=int(rel),
                        household_id=household_id, is_household_head=rel == Relationship.HEAD, area_id=rt_id,
                        name=f"Warga {family_n} {rel}", sex=str(sex), birth_place="Bogor", birth_date=birth,
                        religion=int(Religion.ISLAM if rng.random() < 0.96 else Religion.PROTESTANT),
                        marital_status=int(marital),
                        education=int(Education.SENIOR if age >= 18 else Education.PRIMARY_INCOMPLETE),
                        occupation=int(Occupation.PRIVATE_EMPLOYEE if age >= 20 else Occupation.STUDENT),
                        address=address, ktp_status=8 if age >= 17 else 1, insurance=2,
                        registered_on=dt.date(2020, 1, 2), created_at=now, updated_at=now,
                    )  # fmt: skip
                    made += 1
        for copier, ids in (
            (area_copy, area_ids),
            (family_copy, family_ids),
            (household_copy, household_ids),
            (resident_copy, resident_ids),
        ):
            copier.finish(ids.next - 1)
    _timed(report, "register (areas, families, households, residents)", resident_copy.count, started)
    for name, copier in (("areas", area_copy), ("families", family_copy), ("households", household_copy)):
        report.append({"step": f"  of which {name}", "rows": copier.count, "seconds": 0, "rows_per_s": 0})
    started = time.monotonic()
    with connection.cursor() as cur:
        cur.execute("ANALYZE registries_resident; ANALYZE registries_family; ANALYZE registries_area")
    _timed(report, "analyze", 0, started)
    return {"regency": regency, "villages": agencies, "big": agencies[0], "residents": resident_copy.count}


def _registrar(agency: Any) -> Any:
    from padu.accounts.models import User
    from padu.core.actors import OPERATOR, Actor
    from padu.core.roles import Role
    from padu.core.services import membership_grant

    user = User.objects.create_user(email="penduduk.bench@padu.test", password=None, full_name="Operator Bench")
    membership_grant(actor=OPERATOR, agency=agency, user=user, role=Role.REGISTRAR, position="Operator")
    return Actor(user=user, ip_address="127.0.0.1")


def measure_import(big: Any, rows: int) -> dict[str, Any]:
    from padu.registries.imports import import_analyse, import_apply, import_upload
    from padu.registries.imports.samples import people, register_persons, siak_csv
    from padu.registries.models import ImportBatch

    actor = _registrar(big)
    started = time.monotonic()
    persons = register_persons(big)
    rng = random.Random(20)  # noqa: S311
    for index in rng.sample(range(len(persons)), min(500, len(persons))):
        persons[index] = persons[index].replace(occupation="PEDAGANG")
    missing = max(0, rows - len(persons))
    district = big.region.code[:8]
    persons += people(missing // 4 + 1, district=district, seed=21, start=90_000)[:missing]
    content = siak_csv(persons)
    made = time.monotonic() - started
    started = time.monotonic()
    batch = import_upload(actor=actor, agency=big, name="siak-bench.csv", content=content)
    import_analyse(batch.pk)
    analysed = time.monotonic() - started
    batch = ImportBatch.objects.get(pk=batch.pk)
    counts = dict(batch.counts)
    if batch.status != "ready":
        raise SystemExit(f"the import was not read: {batch.status} {batch.error}")
    started = time.monotonic()
    import_apply(actor=actor, agency=big, batch=batch, without_invalid=True)
    applied = time.monotonic() - started
    print(f"    import of {len(persons):,} rows: read {analysed:.1f} s, applied {applied:.1f} s", flush=True)
    return {
        "rows": len(persons),
        "bytes": len(content),
        "file_made_s": round(made, 1),
        "analyse_s": round(analysed, 1),
        "apply_s": round(applied, 1),
        "total_s": round(analysed + applied, 1),
        "counts": {k: v for k, v in counts.items() if k in ("new", "changed", "same", "missing", "invalid")},
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _views(get: Callable[[], Any], n: int) -> Iterator[float]:
    for _i in range(n):
        started = time.perf_counter()
        get()
        yield (time.perf_counter() - started) * 1000


def measure_statistics(big: Any, views: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    url = reverse("portal:registry_statistics", kwargs={"slug": big.slug})

    def get() -> None:
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")

    first = next(_views(get, 1))
    times = list(_views(get, views))
    print(f"    statistics page: first {first:.0f} ms, then p50 {statistics.median(times):.1f} ms", flush=True)
    return {
        "url": url,
        "first_ms": round(first, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p90_ms": round(_percentile(times, 0.9), 1),
        "views": views,
        "how": "in process, Django test client (same view, middleware and cache as the server)",
    }


def measure_rollup(regency: Any) -> dict[str, Any]:
    from django.core.cache import cache

    from padu.registries.statistics import statistics_public

    cache.clear()
    started = time.perf_counter()
    statistics_public(regency, today=TODAY)
    cold = (time.perf_counter() - started) * 1000
    warm = list(_views(lambda: statistics_public(regency, today=TODAY), 10))
    print(f"    regency roll-up: cold {cold:.0f} ms, cached {statistics.median(warm):.1f} ms", flush=True)
    return {"cold_ms": round(cold, 1), "cached_ms": round(statistics.median(warm), 1)}


def measure_books(big: Any) -> dict[str, Any]:
    from padu.registries.books.build import Month, book_table
    from padu.registries.books.export import PDF_PART_ROWS, book_pdf, book_xlsx

    month = Month(2026, 11)
    started = time.perf_counter()
    table = book_table(big, "induk", month)
    built = time.perf_counter() - started
    started = time.perf_counter()
    xlsx = book_xlsx(table)
    xlsx_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf = book_pdf(table)
    pdf_s = time.perf_counter() - started
    print(f"    buku induk: {len(table.rows):,} rows built {built:.1f} s, XLSX {xlsx_s:.1f} s, PDF {pdf_s:.1f} s")
    return {
        "book": "induk",
        "rows": len(table.rows),
        "build_s": round(built, 2),
        "xlsx_s": round(built + xlsx_s, 2),
        "pdf_s": round(built + pdf_s, 2),
        "xlsx_bytes": len(xlsx),
        "pdf_bytes": len(pdf),
        # A book longer than PDF_PART_ROWS downloads as a PDF in parts: the first part is measured.
        "pdf_rows": min(len(table.rows), PDF_PART_ROWS),
        "pdf_parts": max(1, -(-len(table.rows) // PDF_PART_ROWS)),
    }


def ratios(result: dict[str, Any]) -> dict[str, float | None]:
    def over(value: float | None, target: float) -> float | None:
        return None if value is None else round(value / target, 3)

    return {
        "import_s": over(result["import"]["total_s"], TARGETS["import_s"]),
        "statistics_p50_ms": over(result["statistics"]["p50_ms"], TARGETS["statistics_p50_ms"]),
        "rollup_ms": over(result["rollup"]["cold_ms"], TARGETS["rollup_ms"]),
        "book_xlsx_s": over(result["books"]["xlsx_s"], TARGETS["book_xlsx_s"]),
        "book_pdf_s": over(result["books"]["pdf_s"], TARGETS["book_pdf_s"]),
    }


def table(result: dict[str, Any]) -> str:
    """The register's section of the results' table (Markdown)."""
    r = ratios(result)
    imp, stats, roll, books = result["import"], result["statistics"], result["rollup"], result["books"]
    lines = [
        f"Population register: {result['residents']:,} residents in {result['villages']} villages "
        f"(busiest {result['big_residents']:,}), loaded in {result['load_s']} s "
        f"({round(result['residents'] / max(result['load_s'], 1e-9)):,} residents/s)",
        "",
        "| measurement | figure | target | ratio (under 1 meets it) |",
        "|---|---|---|---|",
        f"| import of a {imp['rows']:,}-row SIAK file (read {imp['analyse_s']} s + apply {imp['apply_s']} s) "
        f"| {imp['total_s']} s | {TARGETS['import_s']:.0f} s | {r['import_s']} |",
        f"| village statistics page p50 (first view {stats['first_ms']} ms, p90 {stats['p90_ms']} ms) "
        f"| {stats['p50_ms']} ms | {TARGETS['statistics_p50_ms']:.0f} ms | {r['statistics_p50_ms']} |",
        f"| regency roll-up of every statistic, cold (cached: {roll['cached_ms']} ms) "
        f"| {roll['cold_ms']} ms | {TARGETS['rollup_ms']:.0f} ms | {r['rollup_ms']} |",
        f"| buku induk, {books['rows']:,} rows, XLSX | {books['xlsx_s']} s | {TARGETS['book_xlsx_s']:.0f} s "
        f"| {r['book_xlsx_s']} |",
        f"| buku induk, PDF part 1 of {books.get('pdf_parts', 1)} ({books.get('pdf_rows', books['rows']):,} rows) "
        f"| {books['pdf_s']} s | {TARGETS['book_pdf_s']:.0f} s "
        f"| {r['book_pdf_s']} |",
        "",
        f"Import diff: {imp['counts']}. Statistics page measured {stats['how']}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--big", type=int, default=19_000)
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--views", type=int, default=50)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    cache.clear()
    report: list[dict[str, Any]] = []
    started = time.monotonic()
    world = load(args.residents, args.villages, args.big, report)
    load_s = round(time.monotonic() - started, 1)
    result: dict[str, Any] = {
        "residents": world["residents"],
        "villages": len(world["villages"]),
        "big_residents": args.big,
        "load_s": load_s,
        "load": report,
    }
    result["statistics"] = measure_statistics(world["big"], args.views)
    result["rollup"] = measure_rollup(world["regency"])
    result["books"] = measure_books(world["big"])
    result["import"] = measure_import(world["big"], args.import_rows)
    result["targets"] = TARGETS
    result["ratios"] = ratios(result)
    with open(args.out, "w") as handle:
        json.dump(result, handle, indent=2, default=str)
    print("RESULT " + json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
