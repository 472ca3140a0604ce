"""The statutory village books of Permendagri 47/2016 (administrasi penduduk, B.1–B.5), each as at
the end of any month: their shapes (`shapes`), rows built in a few queries with the month's
parsing and the reader's selector (`build`), and the XLSX and PDF files (`export`)."""

from padu.registries.books.build import (
    BookTable,
    Month,
    book_for_reader,
    book_get,
    book_rows,
    book_table,
    default_month,
    parse_month,
    rekap_balances,
)
from padu.registries.books.export import book_pdf, book_xlsx
from padu.registries.books.shapes import BOOKS, Book, Column

__all__ = [
    "BOOKS",
    "Book",
    "BookTable",
    "Column",
    "Month",
    "book_for_reader",
    "book_get",
    "book_pdf",
    "book_rows",
    "book_table",
    "book_xlsx",
    "default_month",
    "parse_month",
    "rekap_balances",
]
