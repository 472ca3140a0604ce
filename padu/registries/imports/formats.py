"""Reading an uploaded population file: which container it is (XLSX or CSV; an old .xls is
refused with a clear message), which layout (the Padu template, a SIAK export, Buku Induk
Penduduk sheets), and its rows as `RawRow`s with the item names of `rules.ITEMS`.

Detection looks at the header rows only; parsing is left to siak.py, bip.py and template.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput
from padu.registries import errors
from padu.registries.models import ImportFormat

MAX_BYTES = 20 * 1024 * 1024
# Rows looked at to recognise a layout.
HEAD_ROWS = 12

Cell = Any
Sheet = list[list[Cell]]


@dataclass
class RawRow:
    """One person as a file gives them: `values` by item name (raw: words, numbers, dates),
    where they live (`kk`, `dusun`, `rw`, `rt`), the items the layout does not carry but were
    inferred (`inferred`: never compared with the register), and problems found in reading."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    kk: str = ""
    dusun: str = ""
    rw: str = ""
    rt: str = ""
    inferred: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def file_invalid(message: str) -> InvalidInput:
    return InvalidInput(message, code=errors.IMPORT_FILE_INVALID, errors={"file": [message]})


def format_unknown() -> InvalidInput:
    message = _(
        "This file is not in a format Padu reads. Upload a SIAK export, Buku Induk Penduduk sheets "
        "(2016 layout) or the Padu template, as .xlsx or .csv."
    )
    return InvalidInput(message, code=errors.IMPORT_FORMAT_UNKNOWN, errors={"file": [message]})


def cell_text(value: Cell) -> str:
    """A cell as text: numbers without a trailing .0 (a NIK saved as a number), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip().lstrip("'").strip()


def digits(value: Cell) -> str:
    """Only the digits (SIAK files carry invisible characters and quotes around numbers)."""
    return re.sub(r"\D", "", cell_text(value))


def header_key(value: Cell) -> str:
    """ "No. KK" → "NO_KK", "Nama Lengkap" → "NAMA_LENGKAP"."""
    return re.sub(r"[^A-Z0-9]+", "_", cell_text(value).upper()).strip("_")


def _is_xls(content: bytes) -> bool:
    return content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_xlsx(content: bytes) -> bool:
    if content[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return any(name.startswith("xl/") for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise file_invalid(_("The file's text could not be read. Save it as CSV (UTF-8) or as .xlsx."))


def read_sheets(content: bytes, *, limit: int | None = None) -> list[Sheet]:
    """The file's sheets as rows of cells (a CSV is one sheet); `limit` rows per sheet at most."""
    if not content.strip():
        raise file_invalid(_("The file is empty."))
    if _is_xls(content):
        raise file_invalid(
            _("Old Excel files (.xls) are not read. Open the file in a spreadsheet and save it as .xlsx.")
        )
    if content[:5] == b"%PDF-":
        raise format_unknown()
    if _is_xlsx(content):
        return _read_xlsx(content, limit)
    if content[:4] == b"PK\x03\x04" or b"\x00" in content[:4096]:
        raise format_unknown()
    return [_read_csv(_decode(content), limit)]


def _read_xlsx(content: bytes, limit: int | None) -> list[Sheet]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a damaged archive: openpyxl raises many kinds
        raise file_invalid(_("The spreadsheet could not be opened. Save it again as .xlsx.")) from exc
    sheets: list[Sheet] = []
    try:
        for ws in book.worksheets:
            rows: Sheet = []
            for row in ws.iter_rows(values_only=True, max_row=limit):
                rows.append(list(row))
            while rows and all(c is None or cell_text(c) == "" for c in rows[-1]):
                rows.pop()
            sheets.append(rows)
    finally:
        book.close()
    return sheets


def _read_csv(text: str, limit: int | None) -> Sheet:
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    rows: Sheet = []
    for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if limit is not None and n >= limit:
            break
        rows.append(list(row))
    return rows


def detect(sheets: list[Sheet]) -> str:
    """The layout of the file (an ImportFormat value), or `format_unknown`."""
    from padu.registries.imports import bip, siak, template

    for fmt, module in ((ImportFormat.PADU, template), (ImportFormat.SIAK, siak), (ImportFormat.BIP, bip)):
        if module.detect(sheets):
            return str(fmt)
    raise format_unknown()


def parse(content: bytes) -> tuple[str, list[RawRow]]:
    """The layout and the rows."""
    from padu.registries.imports import bip, siak, template

    sheets = read_sheets(content)
    fmt = detect([s[:HEAD_ROWS] for s in sheets])
    module = {ImportFormat.PADU: template, ImportFormat.SIAK: siak, ImportFormat.BIP: bip}[ImportFormat(fmt)]
    return fmt, list(module.parse(sheets))
