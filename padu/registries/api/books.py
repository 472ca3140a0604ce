"""The statutory books over the API: one book of an agency as at the end of a month, as JSON rows
(a page of them), as XLSX or as PDF. For the register's keepers signed in (people only: no
token's scope opens a book that lists the whole village)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from padu.core.actors import Actor
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import Forbidden
from padu.core.models import Agency
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for
from padu.registries.books import BookTable, book_for_reader, book_get, book_pdf, book_xlsx, parse_month
from padu.registries.books.export import part_range
from padu.registries.permissions import can_read_books
from padu.registries.services import resident_access_record

router = Router(tags=["population register: books"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem}
MAX_LIMIT = 5000


class ColumnOut(Schema):
    key: str
    label: str
    group: str | None = None


class BookOut(Schema):
    agency: str
    book: str
    code: str = Field(description="The form's number in the annex of Permendagri 47/2016 (B.1 … B.5)")
    title: str
    month: str = Field(description="YYYY-MM; the book is as at the end of this month")
    columns: list[ColumnOut]
    count: int = Field(description="Rows in the whole book")
    offset: int
    rows: list[dict[str, str | int | dt.date | None]]
    notes: list[str]


def _reader(request: HttpRequest, agency_id: int, book: str, month: str | None) -> tuple[Actor, BookTable]:
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_not_allowed")
    agency: Agency = agency_get_for(actor, agency_id)
    if not can_read_books(actor, agency):
        raise Forbidden(_("Only the population register officer and the agency administrator read the books."))
    spec = book_get(book)
    return actor, book_for_reader(actor, agency, spec.key, parse_month(agency, month))


def _log(actor: Actor, table: BookTable, rows: range | None = None) -> None:
    if table.book.prints_people and table.residents:
        resident_access_record(
            actor=actor,
            agency=table.agency,
            residents=table.people(rows),
            purpose=_("Statutory book %(code)s, %(month)s (API)") % {"code": table.book.code, "month": table.month},
            fields=table.book.fields,
        )


def _file(table: BookTable, content: bytes, mime: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    name = f"buku-{table.book.key}-{table.agency.slug}-{table.month}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# The files' routes come first: `{book}` alone would also match `induk.xlsx`.
@router.get("/agencies/{agency_id}/registry/books/{book}.xlsx", response={200: None, **ERRORS}, auth=AUTH)
def book_xlsx_file(request: HttpRequest, agency_id: int, book: str, month: str | None = None) -> HttpResponse:
    """One book as a spreadsheet (`month` YYYY-MM; the last full month when left out)."""
    actor, table = _reader(request, agency_id, book, month)
    content = book_xlsx(table)
    _log(actor, table)
    return _file(table, content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")


@router.get("/agencies/{agency_id}/registry/books/{book}.pdf", response={200: None, **ERRORS}, auth=AUTH)
def book_pdf_file(
    request: HttpRequest, agency_id: int, book: str, month: str | None = None, paper: str = "a4", part: int = 1
) -> HttpResponse:
    """One book as a PDF, landscape (`paper` a4 or f4); a book longer than 1,000 rows comes in
    parts of 1,000 rows (`part`, from 1)."""
    actor, table = _reader(request, agency_id, book, month)
    content = book_pdf(table, paper=paper, part=part)
    _log(actor, table, part_range(table, part))
    return _file(table, content, "application/pdf", "pdf")


@router.get("/agencies/{agency_id}/registry/books/{book}", response={200: BookOut, **ERRORS}, auth=AUTH)
def book_json(
    request: HttpRequest, agency_id: int, book: str, month: str | None = None, offset: int = 0, limit: int = 500
) -> dict[str, Any]:
    """One book's rows (`induk`, `mutasi`, `rekapitulasi`, `sementara`, `ktp-kk`) as at the end of
    `month`, `limit` rows from `offset` (at most 5,000). Each person returned is written in their
    access log."""
    actor, table = _reader(request, agency_id, book, month)
    offset = max(0, offset)
    shown = range(offset, min(len(table.rows), offset + max(1, min(limit, MAX_LIMIT))))
    _log(actor, table, shown)
    return {
        "agency": table.agency.slug,
        "book": table.book.key,
        "code": table.book.code,
        "title": str(table.book.title),
        "month": str(table.month),
        "columns": [
            {"key": c.key, "label": str(c.label), "group": str(c.group) if c.group else None} for c in table.columns
        ],
        "count": len(table.rows),
        "offset": offset,
        "rows": [table.rows[i] for i in shown],
        "notes": table.notes,
    }
