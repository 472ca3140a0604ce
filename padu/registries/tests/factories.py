"""Test data for the population register: areas, families and residents written through the
register's own services (so every row has its event and history), with made-up NIKs."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from padu.core.actors import OPERATOR
from padu.core.models import Agency
from padu.registries.codes import Education, MaritalStatus, Occupation, Relationship, Religion, Sex
from padu.registries.models import Area, AreaLevel, EventKind, EventSource, Family, Resident
from padu.registries.rules import resident_clean
from padu.registries.services import area_save, event_open, family_get_or_create, resident_create
from tests.factories import make_nik

_kk_serial = itertools.count(1)
TODAY = dt.date(2026, 11, 30)


def make_kk(district_code: str = "32.04.05") -> str:
    """A made-up No. KK: the region, an issue date (ddmmyy) and a serial."""
    return f"{district_code.replace('.', '')}0101{20:02d}{next(_kk_serial) % 10000 or 1:04d}"


def make_rt(agency: Agency, dusun: str = "Dusun Satu", rw: str = "RW 001", rt: str = "RT 001") -> Area:
    """An RT (with its RW and dusun), made or found."""
    top = Area.objects.filter(agency=agency, level=AreaLevel.DUSUN, name=dusun).first() or area_save(
        actor=OPERATOR, agency=agency, level=AreaLevel.DUSUN, name=dusun
    )
    middle = Area.objects.filter(agency=agency, parent=top, name=rw).first() or area_save(
        actor=OPERATOR, agency=agency, level=AreaLevel.RW, name=rw, parent=top
    )
    return Area.objects.filter(agency=agency, parent=middle, name=rt).first() or area_save(
        actor=OPERATOR, agency=agency, level=AreaLevel.RT, name=rt, parent=middle
    )


def resident_values(
    *,
    birth: dt.date = dt.date(1980, 3, 14),
    sex: str = Sex.MALE,
    district_code: str = "32.04.05",
    **kw: Any,
) -> dict[str, Any]:
    """A resident's items, valid unless `kw` says otherwise (as a form or a file would give them)."""
    values: dict[str, Any] = {
        "nik": make_nik(district_code, birth, female=sex == Sex.FEMALE),
        "name": "Warga Contoh",
        "sex": sex,
        "birth_place": "Bandung",
        "birth_date": birth,
        "religion": Religion.ISLAM,
        "marital_status": MaritalStatus.NOT_MARRIED,
        "education": Education.SENIOR,
        "occupation": Occupation.PRIVATE_EMPLOYEE,
        "address": "Jl. Contoh No. 1",
    }
    values.update(kw)
    return values


def make_resident(
    agency: Agency,
    *,
    family: Family | None = None,
    area: Area | None = None,
    registered_on: dt.date = dt.date(2020, 1, 2),
    **kw: Any,
) -> Resident:
    """A resident recorded by an import event, placed in `family` and `area` (an RT)."""
    cleaned = resident_clean(resident_values(**kw), today=TODAY)
    cleaned.raise_if_invalid()
    values = cleaned.values
    event = event_open(
        actor=OPERATOR,
        agency=agency,
        kind=EventKind.IMPORT,
        occurred_on=registered_on,
        source=EventSource.IMPORT,
    )
    if family is not None:
        values["family_id"] = family.pk
        values.setdefault("relationship", Relationship.HEAD)
    if area is not None:
        values["area_id"] = area.pk
    return resident_create(event=event, agency=agency, values=values, registered_on=registered_on)


def make_family(
    agency: Agency, *, area: Area | None = None, members: int = 3, kk: str | None = None
) -> tuple[Family, list[Resident]]:
    """A KK with a married head (a man born 1980), his wife (1983) and `members - 2` children
    (from 2008), all in `area` (an RT of the agency, made if not given)."""
    area = area or make_rt(agency)
    event = event_open(actor=OPERATOR, agency=agency, kind=EventKind.IMPORT, occurred_on=dt.date(2020, 1, 2))
    family = family_get_or_create(event=event, agency=agency, kk=kk or make_kk(), area=area, address="Jl. Contoh")
    people = [
        make_resident(
            agency,
            family=family,
            area=area,
            name="Kepala Keluarga",
            birth=dt.date(1980, 3, 14),
            marital_status=MaritalStatus.MARRIED,
            relationship=Relationship.HEAD,
        )
    ]
    if members >= 2:
        people.append(
            make_resident(
                agency,
                family=family,
                area=area,
                name="Istri",
                sex=Sex.FEMALE,
                birth=dt.date(1983, 7, 2),
                marital_status=MaritalStatus.MARRIED,
                relationship=Relationship.WIFE,
                occupation=Occupation.HOMEMAKER,
            )
        )
    for n in range(max(0, members - 2)):
        people.append(
            make_resident(
                agency,
                family=family,
                area=area,
                name=f"Anak {n + 1}",
                sex=Sex.FEMALE if n % 2 else Sex.MALE,
                birth=dt.date(2008 + n, 1 + n % 12, 10),
                relationship=Relationship.CHILD,
                education=Education.JUNIOR,
                occupation=Occupation.STUDENT,
            )
        )
    return family, people
