"""Uploading a population file (checked, stored, then read by a task) and discarding it."""

from __future__ import annotations

import hashlib
import uuid
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Conflict
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.imports.formats import HEAD_ROWS, MAX_BYTES, _is_xlsx, detect, file_invalid, read_sheets
from padu.registries.models import ImportBatch, ImportRow, ImportStatus
from padu.registries.services import require_keeper


def _enqueue(batch_id: int) -> None:
    from padu.registries.imports.tasks import analyse_import

    analyse_import.enqueue(batch_id)


@transaction.atomic
def import_upload(*, actor: Actor, agency: Agency, name: str, content: bytes) -> ImportBatch:
    """Store a SIAK export, Buku Induk sheets or a Padu template (XLSX or CSV, at most 20 MB)
    and read it into its diff in the background. A file of another layout is refused at once."""
    require_keeper(actor, agency)
    if len(content) > MAX_BYTES:
        raise file_invalid(_("The file is larger than 20 MB. Split it into several files."))
    fmt = detect(read_sheets(content, limit=HEAD_ROWS))
    batch = ImportBatch(
        agency=agency,
        format=fmt,
        original_name=(name or "impor").strip()[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        status=ImportStatus.ANALYSING,
        uploaded_by_id=actor.user_id or 0,
    )
    # The stored name says nothing of the file's contents (the original name may name people).
    batch.file.save(f"{uuid.uuid4().hex}.{'xlsx' if _is_xlsx(content) else 'csv'}", ContentFile(content), save=False)
    batch.save()
    audit_record(
        actor=actor,
        verb="registries.import.uploaded",
        agency=agency,
        obj=batch,
        changes={"format": fmt, "sha256": batch.sha256, "size": len(content)},
    )
    transaction.on_commit(partial(_enqueue, batch.pk))
    return batch


@transaction.atomic
def import_discard(*, actor: Actor, agency: Agency, batch: ImportBatch) -> ImportBatch:
    """Drop a batch that was not applied: its rows (personal data) and its file go."""
    require_keeper(actor, agency)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk, agency=agency)
    if batch.status in (ImportStatus.APPLIED, ImportStatus.APPLYING, ImportStatus.DISCARDED):
        raise Conflict(_("This import was applied or discarded already."), code=errors.IMPORT_NOT_READY)
    ImportRow.objects.filter(batch=batch).delete()
    name = batch.file.name
    storage = batch.file.storage
    if name:
        transaction.on_commit(partial(storage.delete, name))
    batch.status = ImportStatus.DISCARDED
    batch.save(update_fields=["status"])
    audit_record(actor=actor, verb="registries.import.discarded", agency=agency, obj=batch, changes={})
    return batch
