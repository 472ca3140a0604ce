"""Made-up population files, for the tests, the benchmark and the demo: realistic layouts
(SIAK export, Buku Induk Penduduk 2016, Padu template) filled with invented people whose NIK
and No. KK have the right structure. Never anyone's real data.

- `people(families, ...)`: invented families as `Person`s;
- `siak_csv(persons)`, `siak_xlsx(persons)`, `template_csv(persons)`, `template_xlsx(persons)`,
  `bip_xlsx(persons)`: a file in that layout;
- `demo_import(actor=..., agency=...)`: a file made from the agency's register (most rows the
  same, some changed, some new, a few invalid), uploaded and read: an import waiting with its diff.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from padu.registries.imports.template import COLUMNS as TEMPLATE_COLUMNS
from padu.registries.imports.template import EXAMPLE

FIRST_MALE = ("Budi", "Agus", "Dedi", "Asep", "Ujang", "Iwan", "Rudi", "Hendra", "Yusuf", "Dadang", "Eko", "Bambang")
FIRST_FEMALE = ("Siti", "Dewi", "Rina", "Euis", "Neneng", "Yuli", "Sri", "Ani", "Lilis", "Nur", "Ratna", "Wulan")
LAST = ("Santoso", "Hidayat", "Suryana", "Permana", "Kurniawan", "Rahayu", "Setiawan", "Wahyudi", "Lestari")
PLACES = ("Bandung", "Garut", "Sumedang", "Cianjur", "Tasikmalaya", "Cimahi")
DUSUN = ("Cikoneng", "Sukamaju", "Babakan")
OCCUPATIONS = ("PETANI/PEKEBUN", "WIRASWASTA", "KARYAWAN SWASTA", "BURUH HARIAN LEPAS", "PEDAGANG", "GURU")
RELIGIONS = ("ISLAM", "ISLAM", "ISLAM", "ISLAM", "KRISTEN", "KATHOLIK")

# Dukcapil's column names of a SIAK export, in the order its data export prints them.
SIAK_COLUMNS = (
    "NO_KK", "NIK", "NAMA_LGKP", "JENIS_KLMIN", "TMPT_LHR", "TGL_LHR", "GOL_DRH", "AGAMA", "STAT_KWN",
    "STAT_HBKEL", "PDDK_AKH", "JENIS_PKRJN", "NIK_IBU", "NAMA_LGKP_IBU", "NIK_AYAH", "NAMA_LGKP_AYAH",
    "ALAMAT", "NO_RT", "NO_RW", "DUSUN", "AKTA_LHR", "STATUS_DASAR",
)  # fmt: skip


@dataclass
class Person:
    """One invented person as a file writes them (SIAK's words for coded items)."""

    nik: str
    kk: str
    name: str
    sex: str  # "LAKI-LAKI" / "PEREMPUAN"
    birth_place: str
    birth_date: dt.date
    religion: str
    marital_status: str
    relationship: str
    education: str
    occupation: str
    mother_name: str
    father_name: str
    address: str
    dusun: str
    rw: str
    rt: str
    blood_type: str = "TIDAK TAHU"
    birth_certificate_number: str = ""
    status: str = "HIDUP"

    def replace(self, **kw: Any) -> Person:
        return dataclasses.replace(self, **kw)


def nik_for(district: str, birth: dt.date, female: bool, serial: int) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial % 10000 or 1:04d}"


def kk_for(district: str, serial: int) -> str:
    """A No. KK issued on 15 June 2024 (the register's own test families have other dates)."""
    return f"{district.replace('.', '')}150624{serial % 9999 + 1:04d}"


def people(
    families: int, *, district: str = "32.04.05", seed: int = 14, start: int = 1, children: int = 2
) -> list[Person]:
    """`families` invented KKs: a married head (a man), his wife and `children` children."""
    rng = random.Random(seed)  # noqa: S311 - made-up people, not secrets
    out: list[Person] = []
    used: set[str] = set()
    serial = start * 10

    def fresh(birth: dt.date, female: bool) -> str:
        nonlocal serial
        while True:
            serial += 1
            nik = nik_for(district, birth, female, serial)
            if nik not in used:
                used.add(nik)
                return nik

    for f in range(start, start + families):
        kk = kk_for(district, f)
        last = rng.choice(LAST)
        dusun = DUSUN[f % len(DUSUN)]
        rw, rt = f"{1 + f % 4:03d}", f"{1 + f % 7:03d}"
        address = f"Jl. {rng.choice(('Melati', 'Mawar', 'Kenanga', 'Anggrek'))} No. {f % 90 + 1}"
        head_birth = dt.date(1960 + rng.randrange(25), 1 + rng.randrange(12), 1 + rng.randrange(28))
        wife_birth = head_birth + dt.timedelta(days=365 * 2 + rng.randrange(700))
        common = {"kk": kk, "address": address, "dusun": dusun, "rw": rw, "rt": rt}
        father, mother = rng.choice(FIRST_MALE), rng.choice(FIRST_FEMALE)
        head = Person(
            nik=fresh(head_birth, False), name=f"{rng.choice(FIRST_MALE)} {last}",
            sex="LAKI-LAKI", birth_place=rng.choice(PLACES), birth_date=head_birth, religion=rng.choice(RELIGIONS),
            marital_status="KAWIN", relationship="KEPALA KELUARGA", education="SLTA/SEDERAJAT",
            occupation=rng.choice(OCCUPATIONS), mother_name=f"{mother} {rng.choice(LAST)}",
            father_name=f"{father} {rng.choice(LAST)}", **common,
        )  # fmt: skip
        wife = head.replace(
            nik=fresh(wife_birth, True), name=f"{rng.choice(FIRST_FEMALE)} {rng.choice(LAST)}",
            sex="PEREMPUAN", birth_date=wife_birth, relationship="ISTRI", occupation="MENGURUS RUMAH TANGGA",
            mother_name=f"{rng.choice(FIRST_FEMALE)} {rng.choice(LAST)}", father_name=rng.choice(FIRST_MALE),
        )  # fmt: skip
        out += [head, wife]
        for _c in range(children):
            birth = dt.date(2005 + rng.randrange(15), 1 + rng.randrange(12), 1 + rng.randrange(28))
            female = rng.random() < 0.5
            out.append(
                head.replace(
                    nik=fresh(birth, female),
                    name=f"{rng.choice(FIRST_FEMALE if female else FIRST_MALE)} {last}",
                    sex="PEREMPUAN" if female else "LAKI-LAKI",
                    birth_date=birth,
                    marital_status="BELUM KAWIN",
                    relationship="ANAK",
                    education="SLTP/SEDERAJAT",
                    occupation="PELAJAR/MAHASISWA",
                    mother_name=wife.name,
                    father_name=head.name,
                    birth_certificate_number=f"3204-LT-{birth:%d%m%Y}-{serial % 10000:04d}",
                )  # fmt: skip
            )
    return out


def _siak_row(p: Person) -> list[Any]:
    return [
        p.kk, p.nik, p.name.upper(), p.sex, p.birth_place.upper(), p.birth_date.strftime("%d-%m-%Y"), p.blood_type,
        p.religion, p.marital_status, p.relationship, p.education, p.occupation, "", p.mother_name.upper(), "",
        p.father_name.upper(), p.address.upper(), p.rt, p.rw, p.dusun.upper(), p.birth_certificate_number, p.status,
    ]  # fmt: skip


_TEMPLATE_FROM = {
    "nik": "nik", "no_kk": "kk", "nama": "name", "jenis_kelamin": "sex", "tempat_lahir": "birth_place",
    "tanggal_lahir": "birth_date", "golongan_darah": "blood_type", "agama": "religion",
    "status_perkawinan": "marital_status", "shdk": "relationship", "pendidikan": "education",
    "pekerjaan": "occupation", "nama_ayah": "father_name", "nama_ibu": "mother_name", "alamat": "address",
    "dusun": "dusun", "rw": "rw", "rt": "rt", "no_akta_lahir": "birth_certificate_number",
}  # fmt: skip


def _template_row(p: Person) -> list[Any]:
    out = []
    for column, _item in TEMPLATE_COLUMNS:
        attr = _TEMPLATE_FROM.get(column)
        value = getattr(p, attr) if attr else ""
        out.append(value.isoformat() if isinstance(value, dt.date) else value)
    return out


def _csv(header: Iterable[str], rows: Iterable[list[Any]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(list(header))
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(sheets: list[tuple[str, list[list[Any]]]]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def siak_csv(persons: Iterable[Person], *, delimiter: str = ";") -> bytes:
    """A SIAK data export as CSV (semicolons, as a spreadsheet in Indonesian settings saves it)."""
    return _csv(SIAK_COLUMNS, (_siak_row(p) for p in persons), delimiter)


def siak_xlsx(persons: Iterable[Person]) -> bytes:
    """A SIAK data export as XLSX, under a title row as Dukcapil prints it."""
    rows: list[list[Any]] = [["DATA PENDUDUK DESA (contoh, data rekaan)"], list(SIAK_COLUMNS)]
    rows += [_siak_row(p) for p in persons]
    return _xlsx([("Penduduk", rows)])


def template_csv(persons: Iterable[Person]) -> bytes:
    return _csv((c for c, _i in TEMPLATE_COLUMNS), (_template_row(p) for p in persons))


def template_xlsx(persons: Iterable[Person]) -> bytes:
    rows = [[c for c, _i in TEMPLATE_COLUMNS]] + [_template_row(p) for p in persons]
    return _xlsx([("Penduduk", rows)])


def template_example_csv() -> bytes:
    """The template's header and one made-up example row."""
    return _csv((c for c, _i in TEMPLATE_COLUMNS), [[EXAMPLE[c] for c, _i in TEMPLATE_COLUMNS]])


def template_example_xlsx() -> bytes:
    header = [c for c, _i in TEMPLATE_COLUMNS]
    return _xlsx([("Penduduk", [header, [EXAMPLE[c] for c in header]])])


def bip_xlsx(persons: Iterable[Person]) -> bytes:
    """Buku Induk Penduduk sheets, 2016 layout: a block per KK."""
    rows: list[list[Any]] = [
        ["BUKU INDUK PENDUDUK WNI"],
        ["No", "Nama Lengkap", "NIK", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "SHDK", "Agama",
         "Pendidikan", "Pekerjaan", "Nama Ibu", "Nama Ayah"],
    ]  # fmt: skip
    current = ""
    number = 0
    for p in persons:
        if p.kk != current:
            current, number = p.kk, 0
            rows.append(
                [f"No. KK : {p.kk}", "", f"Alamat : {p.address}, Nama Dusun : {p.dusun}, RT/RW : {p.rt}/{p.rw}"]
            )
        number += 1
        rows.append(
            [number, p.name, p.nik, p.birth_place, p.birth_date.strftime("%d-%m-%Y"), p.sex, p.relationship,
             p.religion, p.education, p.occupation, p.mother_name, p.father_name]
        )  # fmt: skip
    rows.append(["Keterangan: data rekaan untuk pengujian"])
    return _xlsx([("BIP", rows)])


# ---- the demo's waiting import ----


_SEX = {"L": "LAKI-LAKI", "P": "PEREMPUAN"}


def register_persons(agency: Any, limit: int | None = None) -> list[Person]:
    """The agency's present residents as file rows (their NIK decrypted: for the demo and the
    benchmark, which make files from a register they made up themselves)."""
    from padu.registries.codes import LifeStatus
    from padu.registries.imports.diff import area_key_part
    from padu.registries.models import Resident

    out = []
    qs = (
        Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT)
        .select_related("family", "area__parent__parent")
        .order_by("family_id", "relationship", "birth_date")
    )
    for r in qs[:limit] if limit else qs:
        chain = []
        area = r.area
        while area is not None:
            chain.append(area)
            area = area.parent
        names = {a.level: area_key_part(a.level, a.name) for a in chain}
        out.append(
            Person(
                nik=r.nik,
                kk=r.family.kk_number if r.family else "",
                name=r.name,
                sex=_SEX[r.sex],
                birth_place=r.birth_place,
                birth_date=r.birth_date,
                religion=str(r.religion),
                marital_status=str(r.marital_status),
                relationship=str(r.relationship or ""),
                education=str(r.education),
                occupation=str(r.occupation),
                mother_name=r.mother_name,
                father_name=r.father_name,
                address=r.address,
                dusun=names.get("dusun", ""),
                rw=names.get("rw", ""),
                rt=names.get("rt", ""),
                blood_type=str(r.blood_type),
                birth_certificate_number=r.birth_certificate_number,
            )  # fmt: skip
        )
    return out


def demo_file(agency: Any, *, changed: int = 12, new_families: int = 5, invalid: int = 3, seed: int = 7) -> bytes:
    """A SIAK export of the agency's register with some people changed (occupation, education),
    a few new families, and a few invalid rows (a bad NIK, a KK with two heads)."""
    rng = random.Random(seed)  # noqa: S311 - a made-up file, not secrets
    persons = register_persons(agency)
    district = agency.region.code[:8] if getattr(agency, "region", None) else "32.04.05"
    for p in rng.sample(persons, min(changed, len(persons))):
        index = persons.index(p)
        persons[index] = p.replace(occupation="PEDAGANG" if p.occupation != "84" else "WIRASWASTA")
    persons += people(new_families, district=district, seed=seed, start=9000)
    broken = people(2, district=district, seed=seed + 1, start=9900) if invalid else []
    if broken:
        broken[0] = broken[0].replace(nik="1234")  # not a NIK (and its KK then has no head)
        broken[5] = broken[5].replace(relationship="KEPALA KELUARGA")  # a KK with two heads
    return siak_csv(persons + broken)


def demo_import(*, actor: Any, agency: Any) -> Any:
    """Upload and read `demo_file`: the demo's import waiting with its diff."""
    from padu.registries.imports.batches import import_upload
    from padu.registries.imports.diff import import_analyse

    batch = import_upload(actor=actor, agency=agency, name="ekspor-siak-contoh.csv", content=demo_file(agency))
    import_analyse(batch.pk)
    batch.refresh_from_db()
    return batch
