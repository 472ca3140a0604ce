"""Console pages of the statutory books: the five books with a month picker, one book as a table
(paginated), and its XLSX and PDF downloads. The register's keepers only; every person a page or
a file shows is written in their access log."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from padu.core.actors import Actor
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.registries.books import (
    BOOKS,
    BookTable,
    Month,
    book_for_reader,
    book_get,
    book_pdf,
    book_xlsx,
    default_month,
    parse_month,
)
from padu.registries.books.export import month_label, part_range, pdf_parts, shown
from padu.registries.books.shapes import header_rows
from padu.registries.permissions import can_read_books
from padu.registries.services import resident_access_record

PAGE_SIZE = 100


class MonthForm(forms.Form):
    bulan = forms.CharField(
        label=gettext_lazy("Month"),
        help_text=gettext_lazy("Year and month, for example 2026-11. The book shows the end of that month."),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "inputmode": "numeric", "autocomplete": "off"}),
    )


def _reader(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_read_books(actor, agency):
        raise Forbidden(_("Only the population register officer and the agency administrator read the books."))
    return agency


def _month(request: HttpRequest, agency: Agency) -> tuple[Month | None, MonthForm]:
    """The month asked for (the last full month when none), or None with the form's error."""
    raw = request.GET.get("bulan", "")
    try:
        month = parse_month(agency, raw)
    except InvalidInput as exc:
        form = MonthForm({"bulan": raw[:7]})
        form.is_valid()
        form.add_error("bulan", str(exc.message))
        return None, form
    return month, MonthForm(initial={"bulan": str(month)})


def _purpose(table: BookTable) -> str:
    return _("Statutory book %(code)s, %(month)s") % {"code": table.book.code, "month": str(table.month)}


def _log(request: HttpRequest, actor: Actor, table: BookTable, rows: range | None = None) -> None:
    if table.book.prints_people and table.residents:
        resident_access_record(
            actor=actor,
            agency=table.agency,
            residents=table.people(rows),
            purpose=_purpose(table),
            fields=table.book.fields,
        )


@require_GET
@console_view
def index(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _reader(actor, agency_id)
    month, form = _month(request, agency)
    return render(
        request,
        "registries/books/index.html",
        console_context(
            request,
            actor,
            agency,
            section="registry_books",
            form=form,
            month=month,
            month_text=month_label(month) if month else "",
            books=list(BOOKS.values()),
            default=default_month(agency),
        ),
        status=200 if month else 400,
    )


@require_GET
@console_view
def book_page(request: HttpRequest, actor: Actor, agency_id: int, book: str) -> HttpResponse:
    agency = _reader(actor, agency_id)
    spec = book_get(book)
    month, form = _month(request, agency)
    context = console_context(
        request, actor, agency, section="registry_books", form=form, spec=spec, month=month, books=list(BOOKS.values())
    )
    if month is None:
        return render(request, "registries/books/book.html", context, status=400)
    table = book_for_reader(actor, agency, spec.key, month)
    page = Paginator(range(len(table.rows)), PAGE_SIZE).get_page(request.GET.get("page"))
    shown_rows = page.object_list
    _log(request, actor, table, shown_rows)  # type: ignore[arg-type]
    top, bottom = header_rows(table.columns)
    labels = [str(c.label) if not c.group else f"{c.group}: {c.label}" for c in table.columns]
    context.update(
        table=table,
        page=page,
        top=top,
        bottom=bottom,
        month_text=month_label(month),
        rows=[list(zip(labels, map(shown, table.cells(table.rows[i])), strict=True)) for i in shown_rows],
        parts=range(1, pdf_parts(table) + 1),
    )
    return render(request, "registries/books/book.html", context)


def _download(request: HttpRequest, actor: Actor, agency_id: int, key: str, kind: str) -> HttpResponse:
    agency = _reader(actor, agency_id)
    spec = book_get(key)
    month, form = _month(request, agency)
    if month is None:
        context = console_context(
            request,
            actor,
            agency,
            section="registry_books",
            form=form,
            spec=spec,
            month=None,
            books=list(BOOKS.values()),
        )
        return render(request, "registries/books/book.html", context, status=400)
    table = book_for_reader(actor, agency, spec.key, month)
    suffix = ""
    if kind == "xlsx":
        content = book_xlsx(table)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        _log(request, actor, table)
    else:
        raw = request.GET.get("bagian", "1")
        part = int(raw) if raw.isdigit() else 1
        content = book_pdf(table, paper=request.GET.get("kertas", "a4"), part=part)
        mime = "application/pdf"
        _log(request, actor, table, part_range(table, part))
        suffix = f"-{part}" if pdf_parts(table) > 1 else ""
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="buku-{spec.key}-{agency.slug}-{month}{suffix}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@console_view
def download_xlsx(request: HttpRequest, actor: Actor, agency_id: int, book: str) -> HttpResponse:
    return _download(request, actor, agency_id, book, "xlsx")


@require_GET
@console_view
def download_pdf(request: HttpRequest, actor: Actor, agency_id: int, book: str) -> HttpResponse:
    return _download(request, actor, agency_id, book, "pdf")


console_urlpatterns = [
    path("penduduk/buku/", index, name="console_registry_books"),
    path("penduduk/buku/<slug:book>/", book_page, name="console_registry_book"),
    path("penduduk/buku/<slug:book>/unduh.xlsx", download_xlsx, name="console_registry_book_xlsx"),
    path("penduduk/buku/<slug:book>/unduh.pdf", download_pdf, name="console_registry_book_pdf"),
]
public_urlpatterns: list[URLPattern] = []
