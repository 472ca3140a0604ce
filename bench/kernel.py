"""Kernel benchmark: region load, audit append and verify, number taking.

    .venv/bin/python bench/kernel.py                   # fresh SQLite file in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/padu_bench .venv/bin/python bench/kernel.py

Prints each measurement and its ratio to the target, all from one run on this machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_REGION_LOAD_S = 30.0  # issue: `padu regions load` under 30 s on SQLite
AUDIT_EVENTS = 2000
NUMBERS = 2000


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="padu-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("PADU_DATA_KEY", "bench-only-data-key-0123456789-abcdefghijklmnop")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from padu.core.actors import OPERATOR
    from padu.core.audit import audit_record, audit_verify
    from padu.core.models import Agency
    from padu.core.numbering import number_take
    from padu.core.regions import regions_load
    from padu.core.services import agency_create, number_pattern_set

    if connection.vendor == "postgresql":
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", verbosity=0)
    rows: list[tuple[str, str, str]] = []

    t = time.perf_counter()
    counts = regions_load()
    load_s = time.perf_counter() - t
    rows.append(
        (
            "regions load (first)",
            f"{counts['total']:,} rows in {load_s:.1f} s = {counts['total'] / load_s:,.0f} rows/s",
            f"{load_s / TARGET_REGION_LOAD_S:.2f} of the 30 s budget",
        )
    )
    t = time.perf_counter()
    regions_load()
    again_s = time.perf_counter() - t
    rows.append(("regions load (again, no change)", f"{again_s:.1f} s", f"{again_s / load_s:.2f} of the first load"))

    agency = Agency.objects.filter(slug="bench-desa").first() or agency_create(
        actor=OPERATOR, name="Desa Bench", kind="desa", region_code="32.04.05.2001", slug="bench-desa"
    )
    t = time.perf_counter()
    for i in range(AUDIT_EVENTS):
        with transaction.atomic():
            audit_record(actor=OPERATOR, verb="bench.step", agency=agency, object_type="bench", object_id=i)
    append_s = time.perf_counter() - t
    rows.append(("audit append (one transaction each)", f"{AUDIT_EVENTS / append_s:,.0f} events/s", ""))
    t = time.perf_counter()
    total, problems = audit_verify()
    verify_s = time.perf_counter() - t
    rows.append(
        (
            "audit verify",
            f"{total / verify_s:,.0f} events/s ({total:,} events)",
            f"verify is {(total / verify_s) / (AUDIT_EVENTS / append_s):.1f}x append",
        )
    )
    assert not problems

    number_pattern_set(actor=OPERATOR, agency=agency, kind="bench", pattern="[nomor]/[tahun]")
    t = time.perf_counter()
    for _ in range(NUMBERS):
        with transaction.atomic():
            number_take(agency=agency, kind="bench")
    numbers_s = time.perf_counter() - t
    rows.append(
        (
            "number take (one transaction each)",
            f"{NUMBERS / numbers_s:,.0f} numbers/s",
            f"{(NUMBERS / numbers_s) / (AUDIT_EVENTS / append_s):.2f}x audit append",
        )
    )

    print(f"Padu kernel benchmark on {connection.vendor}")
    for name, value, ratio in rows:
        print(f"  {name:<38} {value:<44} {ratio}")


if __name__ == "__main__":
    main()
