"""Buku Induk Penduduk sheets in the 2016 layout (the one Dukcapil's application prints and
OpenSID reads as "BIP 2016"): a title "BUKU INDUK PENDUDUK WNI" in A1, then per family a row
"No. KK : <number>" in column A with "Alamat : <address>, Nama Dusun : <dusun>, RT/RW : 001/002"
in column C, followed by its members, one per row with a number in column A:

B name, C NIK, D place of birth, E date of birth, F sex, G SHDK, H religion, I education,
J occupation, K mother's name, L father's name, and (not in Dukcapil's print, accepted if
added) M marital status.

The sheets do not say a person's marital status: unless column M gives it, it is inferred
(husband and wife, and a head with a spouse on the KK: married; anyone else: not married),
marked as inferred, used only for new people and never compared with the register. Several
sheets are read in turn; reading stops at a row starting with "Keterangan:". The 2012 and
e-KTP layouts OpenSID also reads are not accepted: save them in the Padu template instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from padu.registries.codes import MaritalStatus, Relationship
from padu.registries.imports.formats import RawRow, Sheet, cell_text, digits
from padu.registries.imports.words import code_for

TITLE = "BUKU INDUK PENDUDUK WNI"
MEMBER_COLUMNS = (
    "name",
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "relationship",
    "religion",
    "education",
    "occupation",
    "mother_name",
    "father_name",
    "marital_status",
)
_FIELD = re.compile(r"(Alamat|Nama Dusun|RT/RW)\s*:\s*([^,]*)", re.IGNORECASE)


def detect(sheets: list[Sheet]) -> bool:
    for sheet in sheets:
        if sheet and sheet[0] and cell_text(sheet[0][0]).upper() == TITLE:
            return True
    return False


def _family(cells: list[object]) -> dict[str, str]:
    kk = digits(cell_text(cells[0]).partition(":")[2])
    where = cell_text(cells[2]) if len(cells) > 2 else ""
    found = {m.group(1).upper(): m.group(2).strip() for m in _FIELD.finditer(where)}
    rt, _sep, rw = found.get("RT/RW", "").partition("/")
    return {
        "kk": kk,
        "address": found.get("ALAMAT", ""),
        "dusun": found.get("NAMA DUSUN", ""),
        "rt": rt.strip().strip("-"),
        "rw": rw.strip().strip("-"),
    }


def _infer_marital(members: list[RawRow]) -> None:
    relationships = [code_for("relationship", m.values.get("relationship")) for m in members]
    has_spouse = any(r in (Relationship.HUSBAND, Relationship.WIFE) for r in relationships)
    for member, relationship in zip(members, relationships, strict=True):
        if cell_text(member.values.get("marital_status")):
            continue
        married = relationship in (Relationship.HUSBAND, Relationship.WIFE) or (
            relationship == Relationship.HEAD and has_spouse
        )
        member.values["marital_status"] = MaritalStatus.MARRIED if married else MaritalStatus.NOT_MARRIED
        member.inferred.add("marital_status")
        member.notes.append(_("Marital status is not in the sheet: it was inferred from the relationship."))


def parse(sheets: list[Sheet]) -> Iterator[RawRow]:
    for sheet in sheets:
        family: dict[str, str] | None = None
        members: list[RawRow] = []
        for n, cells in enumerate(sheet, start=1):
            first = cell_text(cells[0]) if cells else ""
            if first.startswith("Keterangan:"):
                break
            if first.startswith("No. KK"):
                _infer_marital(members)
                yield from members
                family, members = _family(list(cells)), []
                continue
            if family is None or not first.isdigit():
                continue
            row = RawRow(line=n, kk=family["kk"], dusun=family["dusun"], rw=family["rw"], rt=family["rt"])
            for item, value in zip(MEMBER_COLUMNS, cells[1:], strict=False):
                if item == "nik":
                    row.values[item] = digits(value)
                elif cell_text(value) or item != "marital_status":
                    row.values[item] = value if not isinstance(value, str) else value.strip()
            if family["address"]:
                row.values["address"] = family["address"]
            members.append(row)
        _infer_marital(members)
        yield from members
