"""The shapes of the five books (Permendagri 47/2016, lampiran buku administrasi penduduk): their
columns, in the order of the annex's forms, and what each tells its reader."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# ---- the books' shapes ----


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    group: str | Promise | None = None
    width: int = 12  # characters, for the spreadsheet and the PDF's proportions


@dataclass(frozen=True)
class Book:
    key: str
    code: str  # the form's number in the Permendagri's annex
    title: str | Promise
    columns: tuple[Column, ...]
    # The items a reader sees of each person listed (the access log's `fields`); none: no people.
    fields: tuple[str, ...]
    notes: tuple[str | Promise, ...] = ()
    landscape_only: bool = True

    @property
    def prints_people(self) -> bool:
        return bool(self.fields)


TODAY_VALUES = _(
    "Whether a person is counted follows the dates they entered and left the register; the other items"
    " (such as marital status, occupation, address and KK) are today's values."
)
_PLACE_DATE = _("Place and date of birth")
_NO = Column("no", _("No."), width=5)
_NAME = Column("name", _("Full name"), width=24)
_SEX = Column("sex", _("Sex (L/P)"), width=6)
_BIRTH_PLACE = Column("birth_place", _("Place"), _PLACE_DATE, 14)
_BIRTH_DATE = Column("birth_date", _("Date"), _PLACE_DATE, 11)
_NIK = Column("nik", _("NIK"), width=18)
_KK = Column("kk_number", _("KK number"), width=18)
_NOTE = Column("note", _("Remarks"), width=16)


def _counts(prefix: str, group: str | Promise, *, families: bool) -> tuple[Column, ...]:
    cells = [
        Column(f"{prefix}_wna_l", _("WNA L"), group, 6),
        Column(f"{prefix}_wna_p", _("WNA P"), group, 6),
        Column(f"{prefix}_wni_l", _("WNI L"), group, 6),
        Column(f"{prefix}_wni_p", _("WNI P"), group, 6),
    ]
    if families:
        cells += [
            Column(f"{prefix}_kk", _("KK"), group, 6),
            Column(f"{prefix}_members", _("Family members"), group, 8),
            Column(f"{prefix}_people", _("People"), group, 7),
        ]
    return tuple(cells)


INDUK = Book(
    key="induk",
    code="B.1",
    title=_("Main register of residents (Buku Induk Penduduk)"),
    columns=(
        _NO,
        _NAME,
        _SEX,
        Column("marital_status", _("Marital status"), width=12),
        _BIRTH_PLACE,
        _BIRTH_DATE,
        Column("religion", _("Religion"), width=10),
        Column("education", _("Last education"), width=16),
        Column("occupation", _("Occupation"), width=16),
        Column("can_read", _("Can read (letters)"), width=8),
        Column("citizenship", _("Citizenship"), width=8),
        Column("address", _("Full address"), width=30),
        Column("relationship", _("Place in the family"), width=12),
        _NIK,
        _KK,
        _NOTE,
    ),
    fields=(
        "name",
        "sex",
        "marital_status",
        "birth_place",
        "birth_date",
        "religion",
        "education",
        "occupation",
        "citizenship",
        "address",
        "relationship",
        "nik",
        "kk_number",
    ),
    notes=(
        _("The register does not record whether a person can read: that column is left empty."),
        _("Temporary residents are in the book of temporary residents (B.4), not here."),
    ),
)

MUTASI = Book(
    key="mutasi",
    code="B.2",
    title=_("Book of population changes (Buku Mutasi Penduduk Desa)"),
    columns=(
        _NO,
        _NAME,
        _BIRTH_PLACE,
        _BIRTH_DATE,
        _SEX,
        Column("citizenship", _("Citizenship"), width=8),
        Column("came_from", _("Came from"), _("Additions"), 20),
        Column("came_on", _("Date came"), _("Additions"), 11),
        Column("born_on", _("Date born"), _("Additions"), 11),
        Column("moved_to", _("Moved to"), _("Subtractions"), 20),
        Column("moved_on", _("Date moved"), _("Subtractions"), 11),
        Column("died_at", _("Died at"), _("Subtractions"), 14),
        Column("died_on", _("Date died"), _("Subtractions"), 11),
        _NOTE,
    ),
    fields=("name", "birth_place", "birth_date", "sex", "citizenship"),
    notes=(_("Events undone by a correcting event are not listed."),),
)

REKAP = Book(
    key="rekapitulasi",
    code="B.3",
    title=_("Population summary (Buku Rekapitulasi Jumlah Penduduk)"),
    columns=(
        Column("dusun", _("Hamlet (dusun)"), width=18),
        *_counts("start", _("At the start of the month"), families=True),
        *_counts("born", _("Born this month"), families=False),
        *_counts("came", _("Came this month"), families=False),
        *_counts("died", _("Died this month"), families=False),
        *_counts("moved", _("Moved away this month"), families=False),
        *_counts("end", _("At the end of the month"), families=True),
        _NOTE,
    ),
    fields=(),
    notes=(
        _(
            "Family members are the people counted less the KK heads' count (people = KK + family members);"
            " dual citizens are counted as WNI."
        ),
        _(
            "People who went missing are counted with those who moved away; people first entered by an import"
            " are counted with those who came."
        ),
        _("Temporary residents (B.4) are not counted."),
    ),
)

SEMENTARA = Book(
    key="sementara",
    code="B.4",
    title=_("Book of temporary residents (Buku Penduduk Sementara)"),
    columns=(
        _NO,
        _NAME,
        _SEX,
        Column("nik", _("Identity number"), width=18),
        _BIRTH_PLACE,
        _BIRTH_DATE,
        Column("occupation", _("Occupation"), width=16),
        Column("citizenship", _("Nationality"), width=10),
        Column("came_from", _("Came from"), width=22),
        Column("purpose", _("Purpose of the stay"), width=16),
        Column("host", _("Name and address of the host"), width=28),
        Column("came_on", _("Date came"), width=11),
        Column("left_on", _("Date left"), width=11),
        _NOTE,
    ),
    fields=(
        "name",
        "sex",
        "nik",
        "birth_place",
        "birth_date",
        "occupation",
        "citizenship",
        "previous_address",
        "address",
    ),
    notes=(
        _("The register does not record the purpose of a stay: that column is left empty."),
        _("Temporary residents who were in the village at any time in the month are listed."),
    ),
)

KTP_KK = Book(
    key="ktp-kk",
    code="B.5",
    title=_("Book of identity cards and family cards (Buku KTP dan KK)"),
    columns=(
        _NO,
        _KK,
        _NAME,
        _NIK,
        _SEX,
        _BIRTH_PLACE,
        _BIRTH_DATE,
        Column("blood_type", _("Blood type"), width=7),
        Column("religion", _("Religion"), width=10),
        Column("education", _("Education"), width=16),
        Column("occupation", _("Occupation"), width=16),
        Column("address", _("Address"), width=28),
        Column("marital_status", _("Marital status"), width=12),
        Column("kk_issued_on", _("KK issued on"), width=11),
        Column("relationship", _("Place in the family"), width=12),
        Column("citizenship", _("Citizenship"), width=8),
        Column("father_name", _("Father"), _("Parents"), 18),
        Column("mother_name", _("Mother"), _("Parents"), 18),
        Column("lived_since", _("Living in the village since"), width=11),
        Column("note", _("e-KTP"), width=14),
    ),
    fields=(
        "kk_number",
        "name",
        "nik",
        "sex",
        "birth_place",
        "birth_date",
        "blood_type",
        "religion",
        "education",
        "occupation",
        "address",
        "marital_status",
        "relationship",
        "citizenship",
        "father_name",
        "mother_name",
        "registered_on",
        "ktp_status",
    ),
    notes=(_("Residents on a family card (KK) who were in the register at the end of the month."),),
)

BOOKS: dict[str, Book] = {b.key: b for b in (INDUK, MUTASI, REKAP, SEMENTARA, KTP_KK)}


@dataclass(frozen=True)
class HeaderCell:
    label: str | Promise
    colspan: int = 1
    rowspan: int = 1


def header_rows(columns: tuple[Column, ...]) -> tuple[list[HeaderCell], list[HeaderCell]]:
    """The table's head: a group's name over its columns (a second row under it), a column
    without a group spanning both rows. The second row is empty when no column has a group."""
    grouped = any(c.group for c in columns)
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    for column in columns:
        if column.group is None or not grouped:
            top.append(HeaderCell(column.label, 1, 2 if grouped else 1))
            continue
        if top and top[-1].rowspan == 1 and str(top[-1].label) == str(column.group):
            top[-1] = HeaderCell(column.group, top[-1].colspan + 1, 1)
        else:
            top.append(HeaderCell(column.group, 1, 1))
        bottom.append(HeaderCell(column.label))
    return top, bottom
