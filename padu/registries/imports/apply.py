"""Applying an analysed import: every NEW and CHANGED row written in one transaction, or none.

One IMPORT life event holds the batch's writes (each changed item is a history row under it);
families are found or made by their No. KK, dusun/RW/RT made from the file's names when the
register has none, and every KK touched is checked against the family rules: one KK that would
break them refuses the whole import. MISSING rows are never applied (people leave the register
through life events) and INVALID rows only stay out when the officer has said so.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.calendar import agency_today
from padu.core.errors import Conflict, InvalidInput
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.imports.diff import area_index, area_name, as_value, load, place_of, register_stamp
from padu.registries.models import (
    Area,
    AreaLevel,
    EventKind,
    EventSource,
    Family,
    ImportBatch,
    ImportRow,
    ImportStatus,
    LifeEvent,
    Resident,
    RowOutcome,
)
from padu.registries.services import (
    area_save,
    event_open,
    family_check,
    family_get_or_create,
    require_keeper,
    resident_create,
    resident_write,
)

CHUNK = 1000
_LEVELS = (AreaLevel.DUSUN, AreaLevel.RW, AreaLevel.RT)


class _Places:
    """The agency's areas by their match path; a missing one is made (with its parents)."""

    def __init__(self, actor: Actor, agency: Agency) -> None:
        self.actor, self.agency = actor, agency
        self.by_path, _labels = area_index(agency)
        self.areas = {a.pk: a for a in Area.objects.filter(agency=agency)}
        self.made = 0

    def area(self, place: dict[str, str]) -> Area | None:
        path = place_of(place)
        parent: Area | None = None
        for depth in range(1, len(path) + 1):
            found = self.by_path.get(path[:depth])
            if found is None:
                level = _LEVELS[depth - 1]
                name = area_name(level, place[("dusun", "rw", "rt")[depth - 1]])
                parent = area_save(actor=self.actor, agency=self.agency, level=level, name=name, parent=parent)
                self.by_path[path[:depth]] = parent.pk
                self.areas[parent.pk] = parent
                self.made += 1
            else:
                parent = self.areas[found]
        return parent


def _values(data: dict[str, Any]) -> dict[str, Any]:
    return {name: as_value(name, value) for name, value in data.items()}


@transaction.atomic
def import_apply(*, actor: Actor, agency: Agency, batch: ImportBatch, without_invalid: bool = False) -> ImportBatch:
    """Write the batch's new and changed rows. Refused unless READY (`import_not_ready`), when
    the register changed since the file was read (`import_stale`: read it again), and when rows
    are invalid unless `without_invalid` (the officer ticked "apply without the invalid rows")."""
    require_keeper(actor, agency)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk, agency=agency)
    if batch.status != ImportStatus.READY:
        raise Conflict(_("Only an import that is ready can be applied."), code=errors.IMPORT_NOT_READY)
    if batch.counts.get("stamp") != register_stamp(agency):
        raise Conflict(
            _("The register changed after this file was read. Upload the file again to see a fresh diff."),
            code=errors.IMPORT_STALE,
        )
    invalid = int(batch.counts.get(RowOutcome.INVALID, 0))
    if invalid and not without_invalid:
        message = _("%(n)d rows are invalid. Tick the box to apply the file without them, or fix the file.") % {
            "n": invalid
        }
        raise InvalidInput(message, code=errors.IMPORT_FILE_INVALID, errors={"without_invalid": [message]})

    today = agency_today(agency)
    event = event_open(
        actor=actor,
        agency=agency,
        kind=EventKind.IMPORT,
        occurred_on=today,
        source=EventSource.IMPORT,
        reference=f"impor-{batch.pk}",
        details={"file": batch.original_name, "format": batch.format, "sha256": batch.sha256},
        import_batch_id=batch.pk,
    )
    places = _Places(actor, agency)
    families: dict[str, Family] = {}
    touched: set[int] = set()

    def family_for(kk: str, area: Area | None, address: str) -> Family:
        if kk not in families:
            families[kk] = family_get_or_create(event=event, agency=agency, kk=kk, area=area, address=address)
        return families[kk]

    written = {str(RowOutcome.NEW): 0, str(RowOutcome.CHANGED): 0}
    rows = ImportRow.objects.filter(batch=batch, outcome__in=[RowOutcome.NEW, RowOutcome.CHANGED]).order_by("line")
    for row in rows.iterator(chunk_size=CHUNK):
        data = load(row.data_sealed)
        place = data.get("place", {})
        if row.outcome == RowOutcome.NEW:
            values = _values(data["values"])
            area = places.area(place)
            family = family_for(data["kk"], area, str(values.get("address") or ""))
            values = {k: v for k, v in values.items() if k != "kk_number"}
            values["family_id"] = family.pk
            if area is not None:
                values["area_id"] = area.pk
            resident_create(event=event, agency=agency, values=values, registered_on=today)
            touched.add(family.pk)
        else:
            changes = load(row.changes_sealed)
            resident = Resident.objects.get(pk=row.resident_id or 0, agency=agency)
            if resident.family_id:
                touched.add(resident.family_id)
            values = {k: as_value(k, pair[1]) for k, pair in changes.items() if k not in ("kk_number", "area")}
            area = places.area(place) if "area" in changes else None
            if area is not None:
                values["area_id"] = area.pk
            if "kk_number" in changes:
                family = family_for(data["kk"], area or resident.area, str(resident.address))
                values["family_id"] = family.pk
                touched.add(family.pk)
            resident_write(resident, values, event)
        written[row.outcome] += 1
    # One import event of many people: it names none of them (resident_create set the first).
    LifeEvent.objects.filter(pk=event.pk).update(resident=None)
    for family in Family.objects.filter(pk__in=touched):
        family_check(family)
    batch.status = ImportStatus.APPLIED
    batch.applied_by_id = actor.user_id
    batch.applied_at = timezone.now()
    batch.save(update_fields=["status", "applied_by", "applied_at"])
    audit_record(
        actor=actor,
        verb="registries.import.applied",
        agency=agency,
        obj=batch,
        changes={
            "new": written[str(RowOutcome.NEW)],
            "changed": written[str(RowOutcome.CHANGED)],
            "invalid_left_out": invalid,
            "areas_made": places.made,
            "event": event.pk,
        },
    )
    return batch
