"""The register's rules, as pure functions over plain values: one resident's items (`resident_clean`)
and one family's members together (`family_problems`). The console's forms, the API, life
events and imports all check through these, so a rule holds the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from padu.core.errors import InvalidInput
from padu.core.identifiers import IdentifierWarning, validate_kk, validate_nik
from padu.registries.codes import (
    SENSITIVE_FIELDS,
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


@dataclass(frozen=True)
class Item:
    """One item of a resident's record: its kind ("text", "date", "choice", "nik"), its
    choices, whether a record must have it, and whether it is sensitive."""

    name: str
    kind: str
    choices: type[models.Choices] | None = None
    required: bool = False
    max_length: int = 150

    @property
    def sensitive(self) -> bool:
        return self.name in SENSITIVE_FIELDS


# Every item a resident's record holds, in the order of the Buku Induk Penduduk. `nik` and
# `kk_number` are stored encrypted; `family`, `area` and `household` are placed separately.
ITEMS: tuple[Item, ...] = (
    Item("nik", "nik", required=True),
    Item("kk_number", "kk"),
    Item("name", "text", required=True),
    Item("sex", "choice", Sex, required=True),
    Item("birth_place", "text", required=True, max_length=100),
    Item("birth_date", "date", required=True),
    Item("blood_type", "choice", BloodType),
    Item("religion", "choice", Religion, required=True),
    Item("marital_status", "choice", MaritalStatus, required=True),
    Item("relationship", "choice", Relationship),
    Item("disability", "choice", Disability),
    Item("education", "choice", Education, required=True),
    Item("occupation", "choice", Occupation, required=True),
    Item("father_nik", "nik"),
    Item("father_name", "text"),
    Item("mother_nik", "nik"),
    Item("mother_name", "text"),
    Item("previous_address", "text", max_length=250),
    Item("address", "text", max_length=250),
    Item("birth_certificate_number", "text", max_length=40),
    Item("birth_certificate_date", "date"),
    Item("marriage_certificate_number", "text", max_length=40),
    Item("marriage_date", "date"),
    Item("divorce_certificate_number", "text", max_length=40),
    Item("divorce_date", "date"),
    Item("citizenship", "choice", Citizenship),
    Item("resident_status", "choice", ResidentStatus),
    Item("ktp_status", "choice", KtpStatus),
    Item("insurance", "choice", Insurance),
)
ITEMS_BY_NAME = {item.name: item for item in ITEMS}
# The items stored in the resident's own columns (the identifiers are stored encrypted).
PLAIN_ITEMS = tuple(item.name for item in ITEMS if item.kind not in ("nik", "kk"))


@dataclass
class Cleaned:
    """A resident's items checked: `values` by item name (choices as their stored value, dates
    as dates, identifiers as digits), `errors` by item name, `warnings` accepted as they are."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[IdentifierWarning] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_if_invalid(self) -> None:
        if self.errors:
            raise InvalidInput(_("Check the resident's data."), code="resident_invalid", errors=self.errors)


def _choice(item: Item, value: Any) -> Any:
    if item.choices is None:
        raise ValueError(value)
    if isinstance(value, str):
        value = value.strip()
        if value.isdigit():
            value = int(value)
    allowed = {c.value: c for c in item.choices}
    if value in allowed:
        return value
    raise ValueError(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def resident_clean(
    data: Mapping[str, Any],
    *,
    today: dt.date,
    partial: bool = False,
    region_known: Callable[[str], bool] | None = None,
) -> Cleaned:
    """Check one resident's items. `partial`: only the items given (a correction), else every
    required item must be there. `region_known(district_code)` says whether a NIK's district is
    in today's region list (an import passes one that reads a preloaded set; by default each NIK
    asks the database). Every problem is reported at once, per item, in the reader's language."""
    out = Cleaned()
    for item in ITEMS:
        if item.name not in data:
            if item.required and not partial:
                out.add(item.name, _("This is required."))
            continue
        raw = data[item.name]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if item.required:
                out.add(item.name, _("This is required."))
            else:
                out.values[item.name] = None if item.kind in ("date", "choice") else ""
            continue
        try:
            if item.kind == "choice":
                out.values[item.name] = _choice(item, raw)
            elif item.kind == "date":
                day = _date(raw)
                if day > today:
                    out.add(item.name, _("This date is in the future."))
                    continue
                out.values[item.name] = day
            elif item.kind == "kk":
                out.values[item.name] = validate_kk(str(raw), field=item.name)
            elif item.kind == "text":
                text = " ".join(str(raw).split())
                if len(text) > item.max_length:
                    out.add(item.name, _("At most %(n)d characters.") % {"n": item.max_length})
                    continue
                out.values[item.name] = text
        except ValueError:
            if item.kind == "date":
                out.add(item.name, _("Not a date (use YYYY-MM-DD or DD-MM-YYYY)."))
            else:
                out.add(item.name, _("Not one of the allowed values."))
        except InvalidInput as exc:
            for message in exc.errors.get(item.name, [str(exc)]):
                out.add(item.name, message)
    for name in ("nik", "father_nik", "mother_nik"):
        raw = data.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        is_own = name == "nik"
        try:
            nik = validate_nik(
                str(raw),
                field=name,
                check_region=is_own and region_known is None,
                birth_date=out.values.get("birth_date") if is_own else None,
                today=today,
            )
        except InvalidInput as exc:
            for message in exc.errors.get(name, [str(exc)]):
                out.add(name, message)
            continue
        out.values[name] = nik.number
        if not is_own:
            continue
        out.warnings.extend(nik.warnings)
        if region_known is not None and not region_known(nik.district_code):
            out.warnings.append(
                IdentifierWarning(
                    "nik_district_unknown",
                    _(
                        "The region code in the NIK (digits 1 to 6) is not in today's list of regions. "
                        "A NIK keeps the code of the place where it was first issued, even after the "
                        "region was split, so this may be right: check it against the KTP."
                    ),
                    name,
                )
            )
        sex = out.values.get("sex")
        if sex and sex != nik.gender:
            out.add("sex", _("The sex differs from the one in the NIK (a woman's birth day is increased by 40)."))
    birth = out.values.get("birth_date")
    for name in ("birth_certificate_date", "marriage_date", "divorce_date"):
        when = out.values.get(name)
        if birth and when and when < birth:
            out.add(name, _("This date is before the date of birth."))
    return out


@dataclass(frozen=True)
class Member:
    """What the family rules need to know of one member of a KK."""

    key: str  # how a problem names the member (a NIK masked, or a line of a file)
    relationship: int | None
    sex: str
    marital_status: int
    birth_date: dt.date


def family_problems(members: Iterable[Member]) -> list[str]:
    """What is wrong with one KK's members together, in the reader's language (empty: nothing).

    - exactly one head of family (kepala keluarga);
    - a husband is a man and a wife a woman, both married, and the head is married to them
      and of the other sex (a KK lists the head's spouses: at most one husband; a man may have
      more than one wife on his KK);
    - the head's children are younger than the head, and the head's parents older.
    """
    people = list(members)
    heads = [m for m in people if m.relationship == Relationship.HEAD]
    problems: list[str] = []
    if len(heads) != 1:
        problems.append(_("A KK has exactly one head of family; this one has %(n)d.") % {"n": len(heads)})
    head = heads[0] if len(heads) == 1 else None
    husbands = [m for m in people if m.relationship == Relationship.HUSBAND]
    wives = [m for m in people if m.relationship == Relationship.WIFE]
    if len(husbands) > 1:
        problems.append(_("A KK lists at most one husband."))
    for spouse in husbands + wives:
        is_husband = spouse.relationship == Relationship.HUSBAND
        if spouse.sex != (Sex.MALE if is_husband else Sex.FEMALE):
            problems.append(
                (
                    _("%(who)s is listed as husband but is not a man.")
                    if is_husband
                    else _("%(who)s is listed as wife but is not a woman.")
                )
                % {"who": spouse.key}
            )
        if spouse.marital_status != MaritalStatus.MARRIED:
            problems.append(_("%(who)s is listed as a spouse but is not married.") % {"who": spouse.key})
    if head is not None:
        if husbands and wives:
            problems.append(_("A KK cannot list both a husband and a wife of its head."))
        if (husbands or wives) and head.marital_status != MaritalStatus.MARRIED:
            problems.append(_("The head of family has a spouse on the KK but is not married."))
        if husbands and head.sex != Sex.FEMALE or wives and head.sex != Sex.MALE:
            problems.append(_("The head of family and their spouse must be of different sexes."))
        for member in people:
            if member.relationship == Relationship.CHILD and member.birth_date <= head.birth_date:
                problems.append(
                    _("%(who)s is listed as a child but is not younger than the head.") % {"who": member.key}
                )
            if member.relationship == Relationship.PARENT and member.birth_date >= head.birth_date:
                problems.append(
                    _("%(who)s is listed as a parent but is not older than the head.") % {"who": member.key}
                )
    return problems
