"""The words population files use for coded items, mapped to the register's codes (codes.py).

SIAK exports and Buku Induk sheets write a code either as its number or as Dukcapil's word
("ISLAM", "LAKI-LAKI", "KEPALA KELUARGA", "SLTA/SEDERAJAT"); the Padu template accepts the
number, the word, or the label Padu shows (in English or Indonesian). Words are matched without
regard to case, spaces around a slash, dots and repeated spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils import translation

from padu.registries.codes import (
    BloodType,
    Citizenship,
    Disability,
    Education,
    Insurance,
    KtpStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    ResidentStatus,
    Sex,
)

# Dukcapil's words (as SIAK prints them and OpenSID's reference tables hold them).
SIAK_WORDS: dict[str, dict[str, Any]] = {
    "sex": {"LAKI-LAKI": "L", "LAKI LAKI": "L", "LAKI": "L", "PRIA": "L", "1": "L",
            "PEREMPUAN": "P", "WANITA": "P", "2": "P"},
    "religion": {"ISLAM": 1, "KRISTEN": 2, "PROTESTAN": 2, "KRISTEN PROTESTAN": 2, "KATHOLIK": 3, "KATOLIK": 3,
                 "HINDU": 4, "BUDHA": 5, "BUDDHA": 5, "KHONGHUCU": 6, "KONGHUCU": 6, "KONG HU CU": 6,
                 "KEPERCAYAAN TERHADAP TUHAN YME": 7, "KEPERCAYAAN TERHADAP TUHAN YANG MAHA ESA": 7,
                 "KEPERCAYAAN": 7, "LAINNYA": 7},
    "marital_status": {"BELUM KAWIN": 1, "KAWIN": 2, "KAWIN TERCATAT": 2, "KAWIN BELUM TERCATAT": 2,
                       "CERAI HIDUP": 3, "CERAI HIDUP TERCATAT": 3, "CERAI HIDUP BELUM TERCATAT": 3,
                       "CERAI MATI": 4},
    "relationship": {"KEPALA KELUARGA": 1, "KK": 1, "SUAMI": 2, "ISTRI": 3, "ISTERI": 3, "ANAK": 4,
                     "MENANTU": 5, "CUCU": 6, "ORANG TUA": 7, "ORANGTUA": 7, "MERTUA": 8, "FAMILI LAIN": 9,
                     "FAMILI": 9, "PEMBANTU": 10, "LAINNYA": 11},
    "education": {"TIDAK/BELUM SEKOLAH": 1, "BELUM SEKOLAH": 1, "TIDAK SEKOLAH": 1,
                  "BELUM TAMAT SD/SEDERAJAT": 2, "TIDAK TAMAT SD/SEDERAJAT": 2,
                  "TAMAT SD/SEDERAJAT": 3, "SD/SEDERAJAT": 3, "SLTP/SEDERAJAT": 4, "SMP/SEDERAJAT": 4,
                  "SLTA/SEDERAJAT": 5, "SMA/SEDERAJAT": 5, "DIPLOMA I/II": 6,
                  "AKADEMI/DIPLOMA III/SARJANA MUDA": 7, "AKADEMI/DIPLOMA III/S MUDA": 7, "DIPLOMA III": 7,
                  "DIPLOMA IV/STRATA I": 8, "STRATA I": 8, "S1": 8, "STRATA II": 9, "S2": 9,
                  "STRATA III": 10, "S3": 10},
    "blood_type": {"TIDAK TAHU": 13, "TIDAK DIKETAHUI": 13, "-": 13},
    "disability": {"TIDAK ADA": 0, "TIDAK CACAT": 0, "TIDAK": 0, "-": 0, "CACAT FISIK": 1, "FISIK": 1,
                   "CACAT NETRA/BUTA": 2, "NETRA": 2, "CACAT RUNGU/WICARA": 3, "RUNGU/WICARA": 3,
                   "CACAT MENTAL/JIWA": 4, "MENTAL/JIWA": 4, "CACAT FISIK DAN MENTAL": 5,
                   "CACAT LAINNYA": 6, "LAINNYA": 6},
    "citizenship": {"WNI": 1, "WNA": 2, "DUA KEWARGANEGARAAN": 3},
    "resident_status": {"TETAP": "tetap", "PENDATANG": "pendatang", "SEMENTARA": "sementara",
                        "TIDAK TETAP": "sementara"},
    "ktp_status": {"BELUM WAJIB": 1, "BELUM REKAM": 2, "SUDAH REKAM": 3, "CARD PRINTED": 4,
                   "PRINT READY RECORD": 5, "CARD SHIPPED": 6, "SENT FOR CARD PRINTING": 7, "CARD ISSUED": 8},
    "insurance": {"TIDAK/BELUM PUNYA": 1, "TIDAK ADA": 1, "BPJS PENERIMA BANTUAN IURAN": 2, "BPJS PBI": 2,
                  "BPJS NON PENERIMA BANTUAN IURAN": 3, "BPJS NON PBI": 3, "ASURANSI LAINNYA": 99},
}  # fmt: skip

# SIAK's 89 occupations, in code order (codes.Occupation holds the same numbers).
SIAK_OCCUPATIONS = (
    "BELUM/TIDAK BEKERJA", "MENGURUS RUMAH TANGGA", "PELAJAR/MAHASISWA", "PENSIUNAN",
    "PEGAWAI NEGERI SIPIL", "TENTARA NASIONAL INDONESIA", "KEPOLISIAN RI", "PERDAGANGAN", "PETANI/PEKEBUN",
    "PETERNAK", "NELAYAN/PERIKANAN", "INDUSTRI", "KONSTRUKSI", "TRANSPORTASI", "KARYAWAN SWASTA",
    "KARYAWAN BUMN", "KARYAWAN BUMD", "KARYAWAN HONORER", "BURUH HARIAN LEPAS", "BURUH TANI/PERKEBUNAN",
    "BURUH NELAYAN/PERIKANAN", "BURUH PETERNAKAN", "PEMBANTU RUMAH TANGGA", "TUKANG CUKUR", "TUKANG LISTRIK",
    "TUKANG BATU", "TUKANG KAYU", "TUKANG SOL SEPATU", "TUKANG LAS/PANDAI BESI", "TUKANG JAHIT", "TUKANG GIGI",
    "PENATA RIAS", "PENATA BUSANA", "PENATA RAMBUT", "MEKANIK", "SENIMAN", "TABIB", "PARAJI",
    "PERANCANG BUSANA", "PENTERJEMAH", "IMAM MASJID", "PENDETA", "PASTOR", "WARTAWAN", "USTADZ/MUBALIGH",
    "JURU MASAK", "PROMOTOR ACARA", "ANGGOTA DPR-RI", "ANGGOTA DPD", "ANGGOTA BPK", "PRESIDEN",
    "WAKIL PRESIDEN", "ANGGOTA MAHKAMAH KONSTITUSI", "ANGGOTA KABINET KEMENTERIAN", "DUTA BESAR", "GUBERNUR",
    "WAKIL GUBERNUR", "BUPATI", "WAKIL BUPATI", "WALIKOTA", "WAKIL WALIKOTA", "ANGGOTA DPRD PROVINSI",
    "ANGGOTA DPRD KABUPATEN/KOTA", "DOSEN", "GURU", "PILOT", "PENGACARA", "NOTARIS", "ARSITEK", "AKUNTAN",
    "KONSULTAN", "DOKTER", "BIDAN", "PERAWAT", "APOTEKER", "PSIKIATER/PSIKOLOG", "PENYIAR TELEVISI",
    "PENYIAR RADIO", "PELAUT", "PENELITI", "SOPIR", "PIALANG", "PARANORMAL", "PEDAGANG", "PERANGKAT DESA",
    "KEPALA DESA", "BIARAWATI", "WIRASWASTA", "LAINNYA",
)  # fmt: skip
_OCCUPATION_EXTRA = {"PEGAWAI NEGERI SIPIL (PNS)": 5, "PNS": 5, "TNI": 6, "TENTARA NASIONAL INDONESIA (TNI)": 6,
                     "POLRI": 7, "KEPOLISIAN RI (POLRI)": 7, "PELAJAR": 3, "MAHASISWA": 3, "PETANI": 9,
                     "NELAYAN": 11, "SUPIR": 81}  # fmt: skip

CHOICES: dict[str, type[models.Choices]] = {
    "sex": Sex,
    "religion": Religion,
    "marital_status": MaritalStatus,
    "relationship": Relationship,
    "education": Education,
    "occupation": Occupation,
    "blood_type": BloodType,
    "disability": Disability,
    "citizenship": Citizenship,
    "resident_status": ResidentStatus,
    "ktp_status": KtpStatus,
    "insurance": Insurance,
}


def normal(word: Any) -> str:
    """ "Sltp / Sederajat." → "SLTP/SEDERAJAT"."""
    text = str(word).upper().replace(".", " ")
    text = re.sub(r"\s*/\s*", "/", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for name, choices in CHOICES.items():
        table: dict[str, Any] = {}
        for language in ("en", "id"):
            with translation.override(language):
                for value, label in choices.choices:
                    table.setdefault(normal(label), value)
        for value in choices.values:
            table[normal(value)] = value
        table.update({normal(k): v for k, v in SIAK_WORDS.get(name, {}).items()})
        tables[name] = table
    occupation = tables["occupation"]
    occupation.update({normal(w): n for n, w in enumerate(SIAK_OCCUPATIONS, start=1)})
    occupation.update({normal(k): v for k, v in _OCCUPATION_EXTRA.items()})
    return tables


def code_for(item: str, raw: Any) -> Any:
    """The register's code for a file's value of a coded item: the value itself when it is a
    code, the code of a known word, else the value unchanged (the item check then refuses it)."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if not text:
        return ""
    found = _tables()[item].get(normal(text))
    if found is not None:
        return found
    return text
