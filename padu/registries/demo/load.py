"""The first load of a village: its areas, then every KK, household and resident in bulk under
one import event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from padu.core.actors import Actor
from padu.core.crypto import encrypt
from padu.core.models import Agency
from padu.registries.codes import (
    Insurance,
    Relationship,
    Religion,
    ResidentStatus,
    Sex,
)
from padu.registries.demo.people import CITIZEN_HOMES, FamilyPlan, Maker, Person, _citizen_family, _clean, _parents
from padu.registries.demo.villages import (
    DISTRICT,
    IMPORT_NOTE,
    LOAD_HISTORY,
    LOADED_ON,
    ORIGINS,
    VillageSpec,
    _day_in,
)
from padu.registries.models import (
    Area,
    AreaLevel,
    EventKind,
    EventSource,
    Family,
    Household,
    Resident,
    ResidentChange,
)
from padu.registries.rules import Member, family_problems
from padu.registries.services import area_save, event_open, history_stored, kk_hash, nik_hash

# ---- the first load ----


@dataclass
class Village:
    spec: VillageSpec
    agency: Agency
    actor: Actor
    maker: Maker
    rts: list[Area] = field(default_factory=list)
    rt_by_number: dict[tuple[int, int], Area] = field(default_factory=dict)
    kampung: dict[int, tuple[str, ...]] = field(default_factory=dict)  # RT area id → address names
    plans: list[FamilyPlan] = field(default_factory=list)
    loners: list[Person] = field(default_factory=list)
    households: int = 0


def _areas(village: Village) -> int:
    made = 0
    for dusun in village.spec.dusun:
        top = Area.objects.filter(agency=village.agency, level=AreaLevel.DUSUN, name=dusun.name).first()
        if top is None:
            top = area_save(
                actor=village.actor, agency=village.agency, level=AreaLevel.DUSUN, name=dusun.name, head_name=dusun.head
            )
            made += 1
        for number, head, rt_count in dusun.rws:
            rw_name = f"RW {number:03d}"
            rw = Area.objects.filter(agency=village.agency, parent=top, name=rw_name).first()
            if rw is None:
                rw = area_save(
                    actor=village.actor,
                    agency=village.agency,
                    level=AreaLevel.RW,
                    name=rw_name,
                    parent=top,
                    head_name=head,
                )
                made += 1
            for rt_number in range(1, rt_count + 1):
                rt_name = f"RT {rt_number:03d}"
                rt = Area.objects.filter(agency=village.agency, parent=rw, name=rt_name).first()
                if rt is None:
                    head_name = village.maker.full_name(Sex.MALE, dt.date(1970, 1, 1), Religion.ISLAM)
                    rt = area_save(
                        actor=village.actor,
                        agency=village.agency,
                        level=AreaLevel.RT,
                        name=rt_name,
                        parent=rw,
                        head_name=head_name,
                    )
                    made += 1
                village.rts.append(rt)
                village.rt_by_number[(number, rt_number)] = rt
                village.kampung[rt.pk] = dusun.kampung
    return made


def _address(village: Village, rt: Area) -> str:
    rng = village.maker.rng
    return f"{rng.choice(village.kampung[rt.pk])} No. {rng.randint(1, 180)}"


def _plan(village: Village) -> None:
    """Every family, temporary resident and household of the first load, in memory."""
    maker, rng = village.maker, village.maker.rng
    for home in CITIZEN_HOMES.get(village.spec.slug, ()):
        people, married, address = _citizen_family(maker, home)
        plan = FamilyPlan(people, Religion.ISLAM, Insurance.BPJS_NON_PBI)
        plan.rt, plan.address = village.rt_by_number[(home.rw, home.rt)], address
        _plan_values(village, plan, married)
    while len(village.plans) < village.spec.families:
        people, married = maker.family()
        newcomer = rng.random() < 0.04
        plan = FamilyPlan(people, maker.religion(), maker.insurance(), rng.choice(ORIGINS) if newcomer else None)
        plan.rt = rng.choice(village.rts)
        plan.address = _address(village, plan.rt)
        _plan_values(village, plan, married)
    # Households: most KKs live alone; a young couple or a single person often under the roof
    # of another KK of the same RT (their parents').
    last_in_rt: dict[int, int] = {}
    for plan in village.plans:
        if plan.rt is None:  # pragma: no cover - every plan is placed above
            continue
        heads = [p for p in plan.people if p.rel == Relationship.HEAD]
        shares = plan.rt.pk in last_in_rt and rng.random() < (0.5 if heads[0].birth.year >= 1990 else 0.05)
        if shares:
            plan.household_key = last_in_rt[plan.rt.pk]
        else:
            village.households += 1
            plan.household_key = village.households
            last_in_rt[plan.rt.pk] = plan.household_key
    for _n in range(12):  # students and workers in lodgings, on their own KK elsewhere
        origin = rng.choice(ORIGINS)
        person = Person(rng.choice((Sex.MALE, Sex.FEMALE)), maker.birth_in(1996, 2006), None, 1)
        rt = rng.choice(village.rts)
        person.values = maker.values(
            person,
            religion=Religion.ISLAM,
            insurance=maker.insurance(),
            address=f"Pondokan {rng.choice(('Barokah', 'Sakinah', 'Al-Ikhlas', 'Putri Melati', 'Griya'))}, "
            + _address(village, rt),
            married=None,
            today=LOADED_ON,
            district=origin[0],
            status=ResidentStatus.TEMPORARY,
            previous=origin[1],
        )
        person.values["relationship"] = None
        person.values["area_id"] = rt.pk
        village.loners.append(person)


def _plan_values(village: Village, plan: FamilyPlan, married: dt.date | None) -> None:
    maker = village.maker
    district = plan.origin[0] if plan.origin else DISTRICT
    status = ResidentStatus.NEWCOMER if plan.origin else ResidentStatus.PERMANENT
    for person in plan.people:
        person.values = maker.values(
            person,
            religion=plan.religion,
            insurance=plan.insurance,
            address=plan.address,
            married=married,
            today=LOADED_ON,
            district=district,
            status=status,
            previous=plan.origin[1] if plan.origin else "",
        )
    _parents(plan.people)
    newest = max(p.birth for p in plan.people)
    plan.issued_on = min(_day_in(maker.rng, newest, newest + dt.timedelta(days=400)), LOADED_ON)
    plan.kk = maker.kk(plan.issued_on, district)
    problems = family_problems(Member(p.nik, p.rel, p.sex, p.marital, p.birth) for p in plan.people)
    if problems:  # pragma: no cover - the generator above keeps the rules
        raise AssertionError(f"demo KK breaks the rules: {problems}")
    village.plans.append(plan)


def _load(village: Village) -> dict[str, int]:
    """Write the first load in bulk under one import event."""
    agency = village.agency
    event = event_open(
        actor=village.actor,
        agency=agency,
        kind=EventKind.IMPORT,
        occurred_on=LOADED_ON,
        source=EventSource.IMPORT,
        note=IMPORT_NOTE,
        details={"source": "SIAK", "families": len(village.plans)},
    )
    households = {
        key: Household(agency=agency, number=f"{village.spec.code}-{key:04d}")
        for key in range(1, village.households + 1)
    }
    families = []
    for plan in village.plans:
        plan.family = Family(
            agency=agency,
            kk_encrypted=encrypt(plan.kk),
            kk_hash=kk_hash(plan.kk),
            area=plan.rt,
            address=plan.address,
            issued_on=plan.issued_on,
        )
        families.append(plan.family)
        household = households[plan.household_key]
        if household.area is None:
            household.area, household.address = plan.rt, plan.address
    Household.objects.bulk_create(households.values())
    Family.objects.bulk_create(families)
    rows: list[tuple[Resident, dict[str, Any]]] = []
    headed: set[int] = set()  # households whose head is placed (the first KK's head)
    for plan in village.plans:
        if plan.family is None:  # pragma: no cover - made just above
            continue
        household = households[plan.household_key]
        first_kk = household.pk not in headed
        headed.add(household.pk)
        for person in plan.people:
            values = _clean(person.values, LOADED_ON)
            values |= {"family_id": plan.family.pk, "area_id": plan.rt.pk if plan.rt else None}
            values["household_id"] = household.pk
            values["is_household_head"] = first_kk and person.rel == Relationship.HEAD
            rows.append((_resident(agency, values), values))
            person.resident = rows[-1][0]
    for person in village.loners:
        values = _clean(person.values, LOADED_ON) | {"area_id": person.values["area_id"]}
        rows.append((_resident(agency, values), values))
        person.resident = rows[-1][0]
    Resident.objects.bulk_create([r for r, _v in rows], batch_size=500)
    # The first load's history, lighter than an officer's entry: per person the items that
    # say who and where they are (LOAD_HISTORY); the other items' first values are the record's
    # own, and every later change records old and new as usual.
    changes = [
        ResidentChange(
            event_id=event.pk, family_id=plan.family.pk, field="kk_number", new=history_stored("kk_number", plan.kk)
        )
        for plan in village.plans
        if plan.family is not None
    ]
    for resident, values in rows:
        changes.extend(
            ResidentChange(
                event_id=event.pk, resident_id=resident.pk, field=name, new=history_stored(name, values[name])
            )
            for name in LOAD_HISTORY
            if values.get(name) not in (None, "")
        )
    ResidentChange.objects.bulk_create(changes, batch_size=2000)
    return {"residents": len(rows), "families": len(families), "households": len(households)}


def _resident(agency: Agency, values: dict[str, Any]) -> Resident:
    resident = Resident(agency=agency, registered_on=LOADED_ON, nik_hash=nik_hash(values["nik"]))
    resident.nik_encrypted = encrypt(values["nik"])
    for name, value in values.items():
        if name in ("nik", "kk_number"):
            continue
        if name in ("father_nik", "mother_nik"):
            setattr(resident, f"{name}_encrypted", encrypt(value) if value else "")
        elif value is not None or Resident._meta.get_field(name.removesuffix("_id")).null:
            setattr(resident, name, value)
    return resident
