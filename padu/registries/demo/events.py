"""Two years of a village's life events, each through the register's event services."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping
from typing import Any

from padu.registries.codes import (
    BloodType,
    Insurance,
    KtpStatus,
    LifeStatus,
    MaritalStatus,
    Relationship,
    Sex,
)
from padu.registries.demo.load import Village, _address
from padu.registries.demo.people import Person, _parents
from padu.registries.demo.villages import (
    EVENTS_FROM,
    ORIGINS,
    TODAY,
    _age,
    _day_in,
    _years,
)
from padu.registries.events import (
    event_birth,
    event_death,
    event_divorce,
    event_kk_split,
    event_marriage,
    event_missing,
    event_move_in,
    event_move_out,
    event_move_within,
)
from padu.registries.models import (
    Family,
    Household,
    LifeEvent,
    Resident,
)
from padu.registries.services import nik_hash, resident_write

# ---- two years of life events ----


class Events:
    """The village's life events from EVENTS_FROM to TODAY, each through the register's event
    services (`padu.registries.events`): the same checks and history an officer's entry gets."""

    def __init__(self, village: Village) -> None:
        self.v = village
        self.rng = random.Random(village.spec.seed * 7)  # noqa: S311 - made-up people, not secrets
        self.count = 0
        self.kw: dict[str, Any] = {"actor": village.actor, "agency": village.agency}
        self.citizen_hashes = {nik_hash(p.nik) for plan in village.plans for p in plan.people if p.citizen}

    def present(self, family_id: int) -> list[Resident]:
        return list(Resident.objects.filter(family_id=family_id, life_status=LifeStatus.PRESENT).order_by("pk"))

    def _pick_family(self, test: Callable[[list[Resident]], bool]) -> Family | None:
        ids = list(
            Family.objects.filter(agency=self.v.agency, is_active=True).order_by("pk").values_list("pk", flat=True)
        )
        for family_id in self.rng.sample(ids, min(80, len(ids))):
            people = self.present(family_id)
            if people and not any(r.nik_hash in self.citizen_hashes for r in people) and test(people):
                return Family.objects.get(pk=family_id)
        return None

    def run(self) -> int:
        counts = {
            "birth": 56,
            "death": 21,
            "move_out_family": 8,
            "move_out_person": 14,
            "move_in_family": 10,
            "move_in_person": 5,
            "move_within": 8,
            "marriage": 14,
            "divorce": 1,
            "missing": 1,
        }
        plan = sorted(
            (_day_in(self.rng, EVENTS_FROM, TODAY - dt.timedelta(days=3)), kind)
            for kind, n in counts.items()
            for _i in range(n)
        )
        splits: list[tuple[dt.date, Family, Resident, Resident]] = []
        for day, kind in plan:
            while splits and splits[0][0] <= day:
                self.kk_split(*splits.pop(0))
            done = getattr(self, kind)(day)
            # Four of the newly-weds start their own KK some months after the wedding.
            if kind == "marriage" and done is not None and len(splits) + self.split_count < 4:
                split_day = day + dt.timedelta(days=self.rng.randint(60, 180))
                if split_day < TODAY:
                    splits.append((split_day, *done))
                    splits.sort(key=lambda s: s[0])
        for split in splits:
            self.kk_split(*split)
        return self.count

    split_count = 0

    def _done(self, event: LifeEvent) -> LifeEvent:
        self.count += 1
        return event

    # each kind

    def birth(self, day: dt.date) -> None:
        def fits(people: list[Resident]) -> bool:
            wife = next((r for r in people if r.relationship == Relationship.WIFE), None)
            return wife is not None and 20 <= _age(wife.birth_date, day) <= 40

        family = self._pick_family(fits)
        if family is None:
            return
        head = next(r for r in self.present(family.pk) if r.relationship == Relationship.HEAD)
        maker = self.v.maker
        sex = self.rng.choice((Sex.MALE, Sex.FEMALE))
        values = {
            "nik": maker.nik(day, sex),
            "name": maker.full_name(sex, day, head.religion),
            "sex": sex,
            "birth_place": "Bandung",
            "religion": head.religion,
            "ktp_status": KtpStatus.NOT_REQUIRED,
            "insurance": head.insurance,
            "blood_type": BloodType.UNKNOWN,
        }
        place = self.rng.choice(("RSUD Majalaya", "Puskesmas Cileunyi", "Bidan Praktik Mandiri", "RS Al Islam"))
        event = event_birth(**self.kw, family=family, occurred_on=day, values=values, details={"place": place})
        if event.resident is not None and head.household_id:
            resident_write(event.resident, {"household_id": head.household_id}, event)
        self._done(event)

    def death(self, day: dt.date) -> None:
        def candidates(people: list[Resident]) -> list[Resident]:
            wife = any(r.relationship == Relationship.WIFE for r in people)
            return [
                r
                for r in people
                if _age(r.birth_date, day) >= 62
                and (
                    r.relationship in (Relationship.PARENT, Relationship.WIFE)
                    or (r.relationship == Relationship.HEAD and (wife or len(people) == 1))
                )
            ]

        family = self._pick_family(lambda people: bool(candidates(people)))
        if family is None:
            return
        people = self.present(family.pk)
        dead = max(candidates(people), key=lambda r: _age(r.birth_date, day))
        new_head = None
        relationships: dict[int, int] = {}
        if dead.relationship == Relationship.HEAD and len(people) > 1:
            new_head = next(r for r in people if r.relationship == Relationship.WIFE)
            relationships = {r.pk: Relationship.PARENT_IN_LAW for r in people if r.relationship == Relationship.PARENT}
        cause = self.rng.choice(("Sakit", "Sakit jantung", "Stroke", "Usia lanjut", "Diabetes"))
        self._done(
            event_death(
                **self.kw,
                resident=dead,
                occurred_on=day,
                new_head=new_head,
                relationships=relationships,
                details={"place": "Rumah", "cause": cause},
            )
        )

    def move_out_family(self, day: dt.date) -> None:
        family = self._pick_family(lambda people: len(people) <= 4)
        if family is None:
            return
        to = self.rng.choice(("Kota Bandung", "Kab. Sumedang", "Kota Bekasi", "Kab. Karawang", "Kota Cimahi"))
        self._done(event_move_out(**self.kw, family=family, occurred_on=day, destination=to))

    @staticmethod
    def _young_adult(r: Resident, day: dt.date, lo: int, hi: int, sex: str | None) -> bool:
        return (
            r.relationship == Relationship.CHILD
            and r.marital_status == MaritalStatus.NOT_MARRIED
            and lo <= _age(r.birth_date, day) <= hi
            and (sex is None or r.sex == sex)
        )

    def _leaver(self, day: dt.date, lo: int, hi: int, sex: str | None = None) -> tuple[Family, Resident] | None:
        family = self._pick_family(lambda people: any(self._young_adult(r, day, lo, hi, sex) for r in people))
        if family is None:
            return None
        return family, next(r for r in self.present(family.pk) if self._young_adult(r, day, lo, hi, sex))

    def move_out_person(self, day: dt.date) -> None:
        found = self._leaver(day, 19, 32)
        if found is None:
            return
        to = self.rng.choice(("Kota Bandung", "Kab. Bekasi", "Kota Depok", "Kab. Purwakarta", "Kota Batam"))
        self._done(event_move_out(**self.kw, resident=found[1], occurred_on=day, destination=to))

    def _mover(
        self,
        person: Person,
        *,
        religion: int,
        insurance: int,
        origin: tuple[str, str],
        married: dt.date | None,
        address: str,
        day: dt.date,
    ) -> dict[str, Any]:
        values = self.v.maker.values(
            person,
            religion=religion,
            insurance=insurance,
            address=address,
            married=married,
            today=day,
            district=origin[0],
            previous=origin[1],
        )
        return {k: v for k, v in values.items() if v not in (None, "")}

    def move_in_family(self, day: dt.date) -> None:
        maker, rng = self.v.maker, self.rng
        origin = rng.choice(ORIGINS)
        people, married = maker.family()
        while len(people) < 2 or married is None:
            people, married = maker.family()
        religion, insurance = maker.religion(), maker.insurance()
        rt = rng.choice(self.v.rts)
        address = _address(self.v, rt)
        rows = [
            self._mover(
                p, religion=religion, insurance=insurance, origin=origin, married=married, address=address, day=day
            )
            for p in people
        ]
        _parents_of(rows, people)
        event = event_move_in(
            **self.kw,
            occurred_on=day,
            people=list[Mapping[str, Any]](rows),
            area=rt,
            kk_number=maker.kk(day),
            address=address,
            origin=origin[1],
        )
        self.v.households += 1
        household = Household.objects.create(
            agency=self.v.agency, number=f"{self.v.spec.code}-{self.v.households:04d}", area=rt, address=address
        )
        for resident in Resident.objects.filter(family=event.family).order_by("pk"):
            values: dict[str, Any] = {"household_id": household.pk}
            if resident.relationship == Relationship.HEAD:
                values["is_household_head"] = True
            resident_write(resident, values, event)
        self._done(event)

    def move_in_person(self, day: dt.date) -> None:
        """A widowed mother comes to live with her son's family."""

        def fits(people: list[Resident]) -> bool:
            head = next((r for r in people if r.relationship == Relationship.HEAD), None)
            return (
                head is not None
                and head.sex == Sex.MALE
                and 30 <= _age(head.birth_date, day) <= 50
                and not any(r.relationship in (Relationship.PARENT, Relationship.PARENT_IN_LAW) for r in people)
            )

        family = self._pick_family(fits)
        if family is None:
            return
        head = next(r for r in self.present(family.pk) if r.relationship == Relationship.HEAD)
        birth = _day_in(self.rng, _years(head.birth_date, -35), _years(head.birth_date, -22))
        mother = Person(Sex.FEMALE, birth, Relationship.PARENT, MaritalStatus.WIDOWED)
        origin = self.rng.choice(ORIGINS)
        row = self._mover(
            mother,
            religion=head.religion,
            insurance=head.insurance or Insurance.NONE,
            origin=origin,
            married=None,
            address=family.address,
            day=day,
        )
        row["name"] = head.mother_name or row["name"]
        event = event_move_in(
            **self.kw,
            occurred_on=day,
            people=[row],
            area=family.area,
            family=family,
            address=family.address,
            origin=origin[1],
        )
        newcomer = Resident.objects.filter(family=family, registered_on=day).order_by("-pk").first()
        if newcomer is not None and head.household_id:
            resident_write(newcomer, {"household_id": head.household_id}, event)
        self._done(event)

    def move_within(self, day: dt.date) -> None:
        family = self._pick_family(lambda people: True)
        if family is None:
            return
        rt = self.rng.choice([a for a in self.v.rts if a.pk != family.area_id])
        self._done(event_move_within(**self.kw, occurred_on=day, family=family, area=rt, address=_address(self.v, rt)))

    def marriage(self, day: dt.date) -> tuple[Family, Resident, Resident] | None:
        """A son marries a woman from elsewhere; she moves into his parents' KK (daughter-in-law)."""
        found = self._leaver(day, 23, 36, Sex.MALE)
        if found is None:
            return None
        family, groom = found
        birth = min(_day_in(self.rng, _years(groom.birth_date, 1), _years(groom.birth_date, 6)), _years(day, -19))
        bride = Person(Sex.FEMALE, birth, Relationship.CHILD_IN_LAW, MaritalStatus.MARRIED)
        origin = self.rng.choice(ORIGINS)
        row = self._mover(
            bride,
            religion=groom.religion,
            insurance=groom.insurance or Insurance.NONE,
            origin=origin,
            married=None,
            address=family.address,
            day=day,
        )
        certificate = f"{self.rng.randint(1, 420):04d}/{self.rng.randint(10, 99):03d}/{day.month:02d}/{day.year}"
        row |= {"marriage_date": day, "marriage_certificate_number": certificate}
        self._done(
            event_marriage(
                **self.kw,
                resident=groom,
                occurred_on=day,
                certificate_number=certificate,
                spouse_name=row["name"],
                details={"office": "KUA Kecamatan Cileunyi"},
            )
        )
        event = event_move_in(
            **self.kw,
            occurred_on=day,
            people=[row],
            area=family.area,
            family=family,
            address=family.address,
            origin=origin[1],
            details={"reason": "marriage"},
        )
        wife = Resident.objects.filter(family=family, registered_on=day, sex=Sex.FEMALE).order_by("-pk").first()
        if wife is None:  # pragma: no cover - the move-in made her
            return None
        if groom.household_id:
            resident_write(wife, {"household_id": groom.household_id}, event)
        self._done(event)
        return family, groom, wife

    def kk_split(self, day: dt.date, family: Family, groom: Resident, wife: Resident) -> None:
        """The newly-weds leave the parents' KK for their own (same house, same household)."""
        present = {r.pk for r in self.present(family.pk)}
        if not {groom.pk, wife.pk} <= present or len(present) < 3 or day > TODAY:
            return
        self.split_count += 1
        self._done(
            event_kk_split(
                **self.kw,
                family=family,
                members=[groom, wife],
                new_kk_number=self.v.maker.kk(day),
                new_head=groom,
                occurred_on=day,
                relationships={groom.pk: Relationship.HEAD, wife.pk: Relationship.WIFE},
            )
        )

    def divorce(self, day: dt.date) -> None:
        """A young couple divorces; she heads a KK of her own."""

        def fits(people: list[Resident]) -> bool:
            wife = next((r for r in people if r.relationship == Relationship.WIFE), None)
            return len(people) == 2 and wife is not None and _age(wife.birth_date, day) < 35

        family = self._pick_family(fits)
        if family is None:
            return
        people = self.present(family.pk)
        head = next(r for r in people if r.relationship == Relationship.HEAD)
        wife = next(r for r in people if r.relationship == Relationship.WIFE)
        self._done(
            event_divorce(
                **self.kw,
                resident=head,
                spouse=wife,
                occurred_on=day,
                certificate_number=f"{self.rng.randint(100, 999)}/AC/{day.year}/PA.Bdg",
                leaving=wife,
                new_kk_number=self.v.maker.kk(day),
                details={"court": "Pengadilan Agama Bandung"},
            )
        )

    def missing(self, day: dt.date) -> None:
        found = self._leaver(day, 25, 45, Sex.MALE)
        if found is not None:
            self._done(
                event_missing(**self.kw, resident=found[1], occurred_on=day, details={"report": "Polsek Cileunyi"})
            )


def _parents_of(rows: list[dict[str, Any]], people: list[Person]) -> None:
    """A moving family's children carry the head's and his wife's NIK and names."""
    for person, row in zip(people, rows, strict=True):
        person.values = row
    _parents(people)
