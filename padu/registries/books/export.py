"""A book as a spreadsheet (openpyxl: the title lines, a bold head frozen in place, column widths,
dates as dates) and as a PDF (WeasyPrint: landscape A4 or F4, the agency's name, the month,
page numbers)."""

from __future__ import annotations

import datetime as dt
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from padu.documents.rendering import MONTHS_ID, html_to_pdf
from padu.registries.books.build import BookTable, Month, Row, Value
from padu.registries.books.shapes import header_rows

# Paper sizes, landscape (F4 is the folio Indonesian offices print on).
PAPERS = {"a4": "297mm 210mm", "f4": "330mm 215mm"}


def month_label(month: Month) -> str:
    """`November 2026`, in Indonesian as on every village book."""
    return f"{MONTHS_ID[month.month - 1]} {month.year}"


def shown(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def book_xlsx(table: BookTable) -> bytes:
    """Written row by row (openpyxl's write-only mode): a 19,000-row book in a few seconds."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.book.key[:31])
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def strong(value: Value) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value)
        cell.font = bold
        cell.alignment = wrap
        return cell

    for index, spec in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = spec.width + 2
    top, bottom = header_rows(table.columns)
    head_first = 5
    head_last = head_first + (1 if bottom else 0)
    sheet.freeze_panes = f"A{head_last + 1}"
    sheet.append([strong(f"{table.book.code} {table.book.title}")])
    sheet.append([strong(table.agency.name)])
    sheet.append([strong(_("Month: %(month)s") % {"month": month_label(table.month)})])
    sheet.append([])
    first_row: list[WriteOnlyCell] = []
    column = 1
    for cell in top:
        first_row.append(strong(str(cell.label)))
        first_row.extend(strong(None) for _blank in range(cell.colspan - 1))
        if cell.colspan > 1 or cell.rowspan > 1:
            sheet.merged_cells.add(
                f"{get_column_letter(column)}{head_first}:"
                f"{get_column_letter(column + cell.colspan - 1)}{head_first + cell.rowspan - 1}"
            )
        column += cell.colspan
    sheet.append(first_row)
    if bottom:
        labels = iter(bottom)
        sheet.append([strong(str(next(labels).label)) if spec.group else strong(None) for spec in table.columns])
    for row in table.rows:
        cells: list[Value | WriteOnlyCell] = []
        for value in table.cells(row):
            if isinstance(value, dt.date):
                dated = WriteOnlyCell(sheet, value)
                dated.number_format = "DD-MM-YYYY"
                cells.append(dated)
            else:
                cells.append(value)  # NIK and No. KK are text: they stay all 16 digits
        sheet.append(cells)
    sheet.append([])
    for note in table.notes:
        sheet.append([note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# WeasyPrint lays out about 30 table rows a second: a long book is printed in parts of this many
# rows (a 19,000-person induk in 19 files), each laid out in well under a minute.
PDF_PART_ROWS = 1000


def pdf_parts(table: BookTable) -> int:
    return max(1, -(-len(table.rows) // PDF_PART_ROWS))


def book_html(table: BookTable, *, paper: str = "a4", part: int = 1) -> str:
    part = min(max(part, 1), pdf_parts(table))
    top, bottom = header_rows(table.columns)
    total = sum(c.width for c in table.columns)
    return render_to_string(
        "registries/books/book_pdf.html",
        {
            "table": table,
            "title": f"{table.book.code} {table.book.title}",
            "month": month_label(table.month),
            "top": top,
            "bottom": bottom,
            "rows": [[shown(v) for v in table.cells(r)] for r in part_rows(table, part)],
            "page_size": PAPERS.get(paper, PAPERS["a4"]),
            "narrow": len(table.columns) > 20,
            "widths": [f"{100 * c.width / total:.2f}" for c in table.columns],  # never "2,23" in Indonesian
            "part": part,
            "parts": pdf_parts(table),
        },
    )


def part_rows(table: BookTable, part: int) -> list[Row]:
    start = (min(max(part, 1), pdf_parts(table)) - 1) * PDF_PART_ROWS
    return table.rows[start : start + PDF_PART_ROWS]


def part_range(table: BookTable, part: int) -> range:
    """The row numbers (0-based) a part prints, for the access log."""
    start = (min(max(part, 1), pdf_parts(table)) - 1) * PDF_PART_ROWS
    return range(start, min(len(table.rows), start + PDF_PART_ROWS))


def book_pdf(table: BookTable, *, paper: str = "a4", part: int = 1) -> bytes:
    """The book (or, past PDF_PART_ROWS rows, its `part`-th part) as a landscape PDF."""
    return html_to_pdf(book_html(table, paper=paper, part=part))
