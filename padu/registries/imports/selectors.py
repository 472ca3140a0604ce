"""Reads of the imports, for the register's keepers only (a diff lists people's items)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import NotFound
from padu.core.models import Agency
from padu.registries.models import ImportBatch, ImportRow
from padu.registries.services import require_keeper

IMPORT_NOT_FOUND = "import_not_found"


def batches_of(actor: Actor, agency: Agency) -> QuerySet[ImportBatch]:
    require_keeper(actor, agency)
    return ImportBatch.objects.filter(agency=agency).select_related("uploaded_by", "applied_by")


def batch_of(actor: Actor, agency: Agency, batch_id: int) -> ImportBatch:
    batch = batches_of(actor, agency).filter(pk=batch_id).first()
    if batch is None:
        raise NotFound(_("Import not found."), code=IMPORT_NOT_FOUND)
    return batch


def batch_rows(batch: ImportBatch, outcome: str = "") -> QuerySet[ImportRow]:
    rows = ImportRow.objects.filter(batch=batch).select_related("resident")
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("outcome", "line", "pk")
