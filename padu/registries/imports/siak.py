"""Dukcapil SIAK exports. Two layouts are read:

- the data export with Dukcapil's column names in a header row (NIK, NO_KK, NAMA_LGKP,
  JENIS_KLMIN, TMPT_LHR, TGL_LHR, GOL_DRH, AGAMA, STAT_KWN, STAT_HBKEL, PDDK_AKH, JENIS_PKRJN,
  NIK_IBU, NAMA_LGKP_IBU, NIK_AYAH, NAMA_LGKP_AYAH, NO_RT, NO_RW, DUSUN, ALAMAT, AKTA_LHR, ...),
  in any order; the header row may sit below a title;
- the 34-column sheet OpenSID reads, whose first header is "Nomor KK" and 34th "Petugas
  Registrasi", read by position.

Values may be codes or Dukcapil's words. An address like "JL MAWAR DSN CIKONENG" gives the
dusun when there is no DUSUN column. A row whose basic status (STATUS_DASAR) is not alive is
reported, never imported: people leave the register through life events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from padu.registries.imports.formats import HEAD_ROWS, RawRow, Sheet, cell_text, digits, header_key

# Dukcapil's column names (and the spellings seen in village copies) → item.
HEADER_ITEMS: dict[str, str] = {
    "NIK": "nik",
    "NO_KK": "kk", "NOMOR_KK": "kk", "NKK": "kk",
    "NAMA_LGKP": "name", "NAMA_LENGKAP": "name", "NAMA": "name",
    "JENIS_KLMIN": "sex", "JENIS_KELAMIN": "sex", "JNS_KLMIN": "sex",
    "TMPT_LHR": "birth_place", "TEMPAT_LAHIR": "birth_place",
    "TGL_LHR": "birth_date", "TANGGAL_LAHIR": "birth_date",
    "GOL_DRH": "blood_type", "GOLONGAN_DARAH": "blood_type",
    "AGAMA": "religion",
    "STAT_KWN": "marital_status", "STATUS_KAWIN": "marital_status", "STATUS_PERKAWINAN": "marital_status",
    "STAT_HBKEL": "relationship", "STATUS_HUBUNGAN": "relationship", "SHDK": "relationship",
    "HUBUNGAN_KELUARGA": "relationship",
    "PDDK_AKH": "education", "PENDIDIKAN": "education", "PENDIDIKAN_TERAKHIR": "education",
    "JENIS_PKRJN": "occupation", "PEKERJAAN": "occupation", "JENIS_PEKERJAAN": "occupation",
    "PNYDNG_CCT": "disability", "CACAT": "disability", "PENYANDANG_CACAT": "disability",
    "NIK_IBU": "mother_nik", "NAMA_LGKP_IBU": "mother_name", "NAMA_IBU": "mother_name",
    "NIK_AYAH": "father_nik", "NAMA_LGKP_AYAH": "father_name", "NAMA_AYAH": "father_name",
    "NO_RT": "rt", "RT": "rt", "NO_RW": "rw", "RW": "rw", "DUSUN": "dusun", "NAMA_DUSUN": "dusun",
    "ALAMAT": "address",
    "AKTA_LHR": "birth_certificate_number", "NO_AKTA_LHR": "birth_certificate_number",
    "NO_AKTA_KWN": "marriage_certificate_number", "AKTA_KWN": "marriage_certificate_number",
    "TGL_KWN": "marriage_date",
    "NO_AKTA_CRAI": "divorce_certificate_number", "AKTA_CRAI": "divorce_certificate_number",
    "TGL_CRAI": "divorce_date",
    "STATUS_DASAR": "_status", "STAT_DASAR": "_status",
}  # fmt: skip

# OpenSID's 34-column SIAK sheet, by column number (1-based).
POSITIONS: dict[int, str] = {
    1: "kk", 2: "nik", 3: "name", 4: "_status", 5: "birth_place", 6: "birth_date", 7: "sex", 8: "father_nik",
    9: "father_name", 10: "mother_nik", 11: "mother_name", 12: "marital_status", 13: "relationship",
    14: "religion", 17: "address", 18: "rw", 19: "rt", 20: "education", 21: "occupation", 23: "blood_type",
    24: "disability", 29: "birth_certificate_number", 30: "marriage_certificate_number", 31: "marriage_date",
    32: "divorce_certificate_number", 33: "divorce_date",
}  # fmt: skip
ALIVE = {"", "1", "HIDUP", "ADA"}
# "ADA" / "TIDAK ADA" in a certificate column says whether there is one, not its number.
_NOT_A_NUMBER = {"ADA", "TIDAK ADA", "TIDAK", "-", "0"}
_DUSUN_IN_ADDRESS = re.compile(r"\b(?:DSN|DS|DUSUN)\.?\s+(.+)$", re.IGNORECASE)


def _header(sheet: Sheet) -> tuple[int, list[str]] | None:
    for n, row in enumerate(sheet[:HEAD_ROWS]):
        keys = [header_key(c) for c in row]
        if "NAMA_LGKP" in keys or {"NO_KK", "STAT_HBKEL"} <= set(keys):
            return n, [HEADER_ITEMS.get(k, "") for k in keys]
        if keys and keys[0] == "NOMOR_KK" and len(keys) >= 34 and keys[33] == "PETUGAS_REGISTRASI":
            return n, [POSITIONS.get(i, "") for i in range(1, len(keys) + 1)]
    return None


def detect(sheets: list[Sheet]) -> bool:
    return bool(sheets) and _header(sheets[0]) is not None


def parse(sheets: list[Sheet]) -> Iterator[RawRow]:
    found = _header(sheets[0])
    if found is None:  # pragma: no cover - detect() said so
        return
    start, columns = found
    for n, cells in enumerate(sheets[0][start + 1 :], start=start + 2):
        if all(cell_text(c) == "" for c in cells[:3]):
            continue  # OpenSID's rule: a row whose first three cells are empty holds no person
        row = RawRow(line=n)
        status = ""
        for item, value in zip(columns, cells, strict=False):
            if not item:
                continue
            if item == "kk":
                row.kk = digits(value)
            elif item in ("nik", "father_nik", "mother_nik"):
                row.values[item] = digits(value)
            elif item in ("rw", "rt", "dusun"):
                setattr(row, item, cell_text(value))
            elif item == "_status":
                status = cell_text(value).upper()
            elif item.endswith("_certificate_number"):
                text = cell_text(value)
                if text.upper() not in _NOT_A_NUMBER:
                    row.values[item] = text
            else:
                row.values[item] = value if not isinstance(value, str) else value.strip()
        address = cell_text(row.values.get("address", ""))
        match = _DUSUN_IN_ADDRESS.search(address)
        if match:
            row.values["address"] = address[: match.start()].strip(" ,")
            row.dusun = row.dusun or match.group(1).strip()
        if status not in ALIVE:
            row.problems.append(
                _(
                    "The file gives this person's status as %(status)s. A file never removes anyone: "
                    "record the death or the move as a life event."
                )
                % {"status": status}
            )
        yield row
