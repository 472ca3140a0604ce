"""The register's imports: upload a population file, follow its reading, read its diff, apply
or discard it. For the register's keepers (people); no token scope opens these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import Forbidden, InvalidInput
from padu.core.identifiers import mask_identifier
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for
from padu.registries.imports import batch_of, batch_rows, batches_of, import_apply, import_discard, import_upload
from padu.registries.imports.diff import load
from padu.registries.models import ImportBatch, RowOutcome
from padu.registries.services import resident_access_record

router = Router(tags=["population register: imports"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
PAGE_MAX = 500
PURPOSE = "Checking a population import before applying it"


class BatchOut(Schema):
    id: int
    file_name: str
    format: str
    status: str
    rows_total: int
    rows_done: int
    counts: dict[str, int]
    error: str
    sha256: str
    created_at: dt.datetime
    applied_at: dt.datetime | None


class ImportRowOut(Schema):
    line: int
    outcome: str
    name: str
    nik_masked: str
    resident_id: int | None
    changes: dict[str, list[Any]]
    errors: list[str]
    warnings: list[str]


class ApplyIn(Schema):
    without_invalid: bool = False


def _batch(b: ImportBatch) -> dict[str, Any]:
    return {
        "id": b.pk,
        "file_name": b.original_name,
        "format": b.format,
        "status": b.status,
        "rows_total": b.rows_total,
        "rows_done": b.rows_done,
        "counts": {k: v for k, v in (b.counts or {}).items() if isinstance(v, int)},
        "error": b.error,
        "sha256": b.sha256,
        "created_at": b.created_at,
        "applied_at": b.applied_at,
    }


def _people(request: HttpRequest) -> Any:
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_scope_missing")
    return actor


def _masked(name: str, value: Any) -> Any:
    if name in ("nik", "father_nik", "mother_nik", "kk_number") and value:
        return mask_identifier(str(value))
    return value


@router.post("/agencies/{agency_id}/registry/imports", response={201: BatchOut, **ERRORS}, auth=AUTH)
def import_create(request: HttpRequest, agency_id: int, file: File[UploadedFile]) -> object:
    """Upload a SIAK export, Buku Induk Penduduk sheets or the Padu template (multipart `file`,
    .xlsx or .csv, at most 20 MB). It is read in the background: follow `status` and `rows_done`."""
    actor = _people(request)
    agency = agency_get_for(actor, agency_id)
    batch = import_upload(actor=actor, agency=agency, name=file.name or "", content=file.read())
    batch.refresh_from_db()
    return Status(201, _batch(batch))


@router.get("/agencies/{agency_id}/registry/imports", response={200: list[BatchOut], **ERRORS}, auth=AUTH)
def import_list(request: HttpRequest, agency_id: int) -> object:
    actor = _people(request)
    agency = agency_get_for(actor, agency_id)
    return [_batch(b) for b in batches_of(actor, agency)[:PAGE_MAX]]


@router.get("/agencies/{agency_id}/registry/imports/{batch_id}", response={200: BatchOut, **ERRORS}, auth=AUTH)
def import_detail(request: HttpRequest, agency_id: int, batch_id: int) -> object:
    """Status, progress (`rows_done` of `rows_total`) and counts per outcome."""
    actor = _people(request)
    agency = agency_get_for(actor, agency_id)
    return _batch(batch_of(actor, agency, batch_id))


@router.get(
    "/agencies/{agency_id}/registry/imports/{batch_id}/rows", response={200: list[ImportRowOut], **ERRORS}, auth=AUTH
)
def import_rows(
    request: HttpRequest, agency_id: int, batch_id: int, outcome: str = "", offset: int = 0, limit: int = 100
) -> object:
    """The diff's rows (`outcome`: new, changed, same, missing, invalid), NIKs masked; a change
    is `{item: [old, new]}`. Reading them is logged in each resident's access log."""
    actor = _people(request)
    agency = agency_get_for(actor, agency_id)
    batch = batch_of(actor, agency, batch_id)
    if outcome and outcome not in RowOutcome.values:
        message = _("Not one of the allowed values.")
        raise InvalidInput(message, code="invalid_input", errors={"outcome": [message]})
    limit = max(1, min(limit, PAGE_MAX))
    rows = list(batch_rows(batch, outcome)[max(0, offset) : max(0, offset) + limit])
    out = []
    for row in rows:
        data = load(row.data_sealed) if row.data_sealed else {}
        changes = load(row.changes_sealed) if row.changes_sealed else {}
        nik = data.get("values", {}).get("nik") or (row.resident.nik if row.resident else "")
        out.append(
            {
                "line": row.line,
                "outcome": row.outcome,
                "name": row.name,
                "nik_masked": mask_identifier(str(nik)) if nik else "",
                "resident_id": row.resident_id,
                "changes": {k: [_masked(k, old), _masked(k, new)] for k, (old, new) in changes.items()},
                "errors": row.errors,
                "warnings": data.get("warnings", []),
            }
        )
    shown = [r.resident for r in rows if r.resident is not None]
    if shown:
        resident_access_record(actor=actor, agency=agency, residents=shown, purpose=PURPOSE, fields=["name", "nik"])
    return out


@router.post("/agencies/{agency_id}/registry/imports/{batch_id}/apply", response={200: BatchOut, **ERRORS}, auth=AUTH)
def import_apply_endpoint(request: HttpRequest, agency_id: int, batch_id: int, payload: ApplyIn) -> object:
    """Write the new and changed rows in one transaction. `without_invalid` must be true when
    rows are invalid (they stay out). 409 `import_stale` when the register changed since."""
    actor = _people(request)
    agency = agency_get_for(actor, agency_id)
    batch = batch_of(actor, agency, batch_id)
    return _batch(import_apply(actor=actor, agency=agency, batch=batch, without_invalid=payload.without_invalid))


@router.post("/agencies/{agency_id}/registry/imports/{batch_id}/discard", response={200: BatchOut, **ERRORS}, auth=AUTH)
def import_discard_endpoint(request: HttpRequest, agency_id: int, batch_id: int) -> object:
    actor = _people(request)
    agency = agency_get_for(actor, agency_id)
    batch = batch_of(actor, agency, batch_id)
    return _batch(import_discard(actor=actor, agency=agency, batch=batch))
