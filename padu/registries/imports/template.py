"""The Padu template: one header row with the columns below (any order, any case; extra
columns are ignored), one person per row. Coded items take the code, SIAK's word or Padu's
label. docs/registries-import.md documents it; the console offers it as CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from padu.registries.imports.formats import HEAD_ROWS, RawRow, Sheet, cell_text, digits, file_invalid, header_key

# (column, item): the column's header and the register item it fills. `kk`, `dusun`, `rw`,
# `rt` place the person; the rest are rules.ITEMS.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("nik", "nik"),
    ("no_kk", "kk"),
    ("nama", "name"),
    ("jenis_kelamin", "sex"),
    ("tempat_lahir", "birth_place"),
    ("tanggal_lahir", "birth_date"),
    ("golongan_darah", "blood_type"),
    ("agama", "religion"),
    ("status_perkawinan", "marital_status"),
    ("shdk", "relationship"),
    ("disabilitas", "disability"),
    ("pendidikan", "education"),
    ("pekerjaan", "occupation"),
    ("nik_ayah", "father_nik"),
    ("nama_ayah", "father_name"),
    ("nik_ibu", "mother_nik"),
    ("nama_ibu", "mother_name"),
    ("alamat_sebelumnya", "previous_address"),
    ("alamat", "address"),
    ("dusun", "dusun"),
    ("rw", "rw"),
    ("rt", "rt"),
    ("no_akta_lahir", "birth_certificate_number"),
    ("tanggal_akta_lahir", "birth_certificate_date"),
    ("no_akta_kawin", "marriage_certificate_number"),
    ("tanggal_kawin", "marriage_date"),
    ("no_akta_cerai", "divorce_certificate_number"),
    ("tanggal_cerai", "divorce_date"),
    ("kewarganegaraan", "citizenship"),
    ("status_penduduk", "resident_status"),
    ("status_ktp_el", "ktp_status"),
    ("asuransi", "insurance"),
)
REQUIRED = (
    "nik",
    "no_kk",
    "nama",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama",
    "status_perkawinan",
    "shdk",
    "pendidikan",
    "pekerjaan",
)
# One made-up example row (the NIK and No. KK are structurally valid, no one's real numbers).
EXAMPLE = {
    "nik": "3204051403800001",
    "no_kk": "3204050101200001",
    "nama": "Budi Santoso",
    "jenis_kelamin": "L",
    "tempat_lahir": "Bandung",
    "tanggal_lahir": "1980-03-14",
    "golongan_darah": "O",
    "agama": "ISLAM",
    "status_perkawinan": "KAWIN",
    "shdk": "KEPALA KELUARGA",
    "disabilitas": "TIDAK ADA",
    "pendidikan": "SLTA/SEDERAJAT",
    "pekerjaan": "WIRASWASTA",
    "nik_ayah": "",
    "nama_ayah": "Slamet",
    "nik_ibu": "",
    "nama_ibu": "Siti Aminah",
    "alamat_sebelumnya": "",
    "alamat": "Jl. Melati No. 5",
    "dusun": "Cikoneng",
    "rw": "002",
    "rt": "001",
    "no_akta_lahir": "3204-LT-01012000-0001",
    "tanggal_akta_lahir": "2000-01-01",
    "no_akta_kawin": "",
    "tanggal_kawin": "2005-06-12",
    "no_akta_cerai": "",
    "tanggal_cerai": "",
    "kewarganegaraan": "WNI",
    "status_penduduk": "TETAP",
    "status_ktp_el": "3",
    "asuransi": "2",
}
HEADERS = tuple(column for column, _item in COLUMNS)
_KEYS = {header_key(column): item for column, item in COLUMNS}


def _header_row(sheet: Sheet) -> int | None:
    for n, row in enumerate(sheet[:HEAD_ROWS]):
        keys = {header_key(c) for c in row}
        if {"NIK", "NO_KK", "SHDK"} <= keys:
            return n
    return None


def detect(sheets: list[Sheet]) -> bool:
    return bool(sheets) and _header_row(sheets[0]) is not None


def parse(sheets: list[Sheet]) -> Iterator[RawRow]:
    sheet = sheets[0]
    start = _header_row(sheet)
    if start is None:  # pragma: no cover - detect() said so
        return
    columns = [_KEYS.get(header_key(c), "") for c in sheet[start]]
    missing = [c for c in REQUIRED if _KEYS[header_key(c)] not in columns]
    if missing:
        raise file_invalid(_("The template lacks these columns: %(columns)s.") % {"columns": ", ".join(missing)})
    for n, cells in enumerate(sheet[start + 1 :], start=start + 2):
        if all(cell_text(c) == "" for c in cells):
            continue
        row = RawRow(line=n)
        for item, value in zip(columns, cells, strict=False):
            if not item:
                continue
            if item == "kk":
                row.kk = digits(value)
            elif item in ("dusun", "rw", "rt"):
                setattr(row, item, cell_text(value))
            elif item in ("nik", "father_nik", "mother_nik"):
                row.values[item] = digits(value)
            else:
                row.values[item] = value if not isinstance(value, str) else value.strip()
        yield row
