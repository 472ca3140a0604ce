"""One village's people, drawn deterministically: families, items, identifiers; and the demo
citizens who live there."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from padu.accounts.demo import CITIZENS, WALK_IN
from padu.registries.codes import (
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
from padu.registries.demo.villages import (
    BIRTH_PLACES,
    CHRISTIAN_FEMALE,
    CHRISTIAN_MALE,
    CHRISTIAN_SECOND,
    DISTRICT,
    FEMALE_OLD,
    FEMALE_SECOND,
    FEMALE_YOUNG,
    LOADED_ON,
    MALE_OLD,
    MALE_SECOND,
    MALE_YOUNG,
    VillageSpec,
    _age,
    _day_in,
    _pick,
    _years,
)
from padu.registries.models import (
    Area,
    Family,
    Resident,
)
from padu.registries.rules import resident_clean

# ---- one generated person and family ----


@dataclass
class Person:
    sex: str
    birth: dt.date
    rel: int | None
    marital: int
    name: str = ""
    nik: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    resident: Resident | None = None
    citizen: bool = False  # one of the demo citizens (NIK and name fixed by accounts' demo)


@dataclass
class FamilyPlan:
    people: list[Person]
    religion: int
    insurance: int
    origin: tuple[str, str] | None = None  # a newcomer family: where it came from
    kk: str = ""
    issued_on: dt.date | None = None
    address: str = ""
    rt: Area | None = None
    family: Family | None = None
    household_key: int = 0


class Maker:
    """Draws one village's people, deterministically, from its own random stream."""

    def __init__(self, spec: VillageSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)  # noqa: S311 - made-up people, not secrets
        self.serial = spec.serial_base
        self.kk_serial = spec.serial_base
        self.certificates = 0

    # identifiers

    def nik(self, birth: dt.date, sex: str, district: str = DISTRICT) -> str:
        self.serial += 1
        day = birth.day + (40 if sex == Sex.FEMALE else 0)
        return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{self.serial % 10000:04d}"

    def kk(self, issued: dt.date, district: str = DISTRICT) -> str:
        self.kk_serial += 1
        return f"{district.replace('.', '')}{issued:%d%m%y}{self.kk_serial % 10000:04d}"

    # names

    def first_name(self, sex: str, birth: dt.date, religion: int) -> str:
        rng = self.rng
        if religion in (Religion.PROTESTANT, Religion.CATHOLIC):
            return rng.choice(CHRISTIAN_MALE if sex == Sex.MALE else CHRISTIAN_FEMALE)
        if birth.year >= 1995:
            return rng.choice(MALE_YOUNG if sex == Sex.MALE else FEMALE_YOUNG)
        return rng.choice(MALE_OLD if sex == Sex.MALE else FEMALE_OLD)

    def full_name(self, sex: str, birth: dt.date, religion: int) -> str:
        rng = self.rng
        first = self.first_name(sex, birth, religion)
        if religion in (Religion.PROTESTANT, Religion.CATHOLIC):
            return f"{first} {rng.choice(CHRISTIAN_SECOND)}"
        if birth.year < 1960 and rng.random() < 0.35:
            return first  # many older Sundanese have one name
        if sex == Sex.MALE and birth.year >= 2005 and rng.random() < 0.3:
            return f"Muhammad {first}"
        return f"{first} {rng.choice(MALE_SECOND if sex == Sex.MALE else FEMALE_SECOND)}"

    # families (relationships, sexes, birth dates, marital status)

    def birth_in(self, year_from: int, year_to: int) -> dt.date:
        return _day_in(self.rng, dt.date(year_from, 1, 1), min(dt.date(year_to, 12, 31), LOADED_ON))

    def children(self, mother_birth: dt.date, married: dt.date, leave_after: int = 23) -> list[Person]:
        rng = self.rng
        wanted = _pick(rng, ((0, 8), (1, 18), (2, 34), (3, 26), (4, 10), (5, 4)))
        kids: list[Person] = []
        day = married + dt.timedelta(days=rng.randint(300, 900))
        last = min(_years(mother_birth, 43), LOADED_ON - dt.timedelta(days=30))
        while len(kids) < wanted and day <= last:
            age = _age(day, LOADED_ON)
            sex = rng.choice((Sex.MALE, Sex.FEMALE))
            # Grown daughters marry into their husband's family sooner than sons leave.
            stays = age < leave_after or rng.random() < (0.45 if age < 30 else 0.12) * (0.6 if sex == Sex.FEMALE else 1)
            if stays:
                kids.append(Person(sex, day, Relationship.CHILD, 1))
            day += dt.timedelta(days=rng.randint(640, 1900))
        return kids

    def couple(self, head_from: int, head_to: int) -> tuple[Person, Person, dt.date]:
        rng = self.rng
        head = Person(Sex.MALE, self.birth_in(head_from, head_to), Relationship.HEAD, MaritalStatus.MARRIED)
        wife_birth = _day_in(rng, head.birth, min(_years(head.birth, 8), _years(LOADED_ON, -19)))
        wife = Person(Sex.FEMALE, wife_birth, Relationship.WIFE, MaritalStatus.MARRIED)
        married = min(_day_in(rng, _years(wife_birth, 18), _years(wife_birth, 27)), LOADED_ON - dt.timedelta(60))
        married = max(married, _years(head.birth, 19))
        return head, wife, married

    def family(self) -> tuple[list[Person], dt.date | None]:
        """One KK's members and the head's marriage date (None when not married)."""
        rng = self.rng
        kind = _pick(
            rng,
            (
                ("couple_kids", 62),
                ("couple_kids_parent", 7),
                ("couple_old", 9),
                ("widow", 8),
                ("single_parent", 5),
                ("young_couple", 6),
                ("single", 5),
            ),
        )
        if kind in ("couple_kids", "couple_kids_parent"):
            head, wife, married = self.couple(1962, 1996)
            people = [head, wife, *self.children(wife.birth, married)]
            if kind == "couple_kids_parent":
                parent_birth = _day_in(rng, _years(head.birth, -36), _years(head.birth, -20))
                sex = _pick(rng, ((Sex.FEMALE, 3), (Sex.MALE, 1)))
                people.append(Person(sex, parent_birth, Relationship.PARENT, MaritalStatus.WIDOWED))
            return people, married
        if kind == "couple_old":
            head, wife, married = self.couple(1944, 1964)
            people = [head, wife, *self.children(wife.birth, married, leave_after=20)]
            if rng.random() < 0.5:
                people.append(Person(rng.choice((Sex.MALE, Sex.FEMALE)), self.birth_in(2008, 2022), 6, 1))
            return people, married
        if kind == "widow":
            sex = _pick(rng, ((Sex.FEMALE, 3), (Sex.MALE, 2)))
            head = Person(sex, self.birth_in(1938, 1968), Relationship.HEAD, MaritalStatus.WIDOWED)
            people = [head]
            if rng.random() < 0.4:
                people.append(Person(rng.choice((Sex.MALE, Sex.FEMALE)), self.birth_in(2006, 2020), 6, 1))
            if rng.random() < 0.3:
                child_birth = _day_in(rng, _years(head.birth, 22), _years(head.birth, 38))
                people.append(Person(rng.choice((Sex.MALE, Sex.FEMALE)), child_birth, Relationship.CHILD, 1))
            return people, None
        if kind == "single_parent":
            status = _pick(rng, ((MaritalStatus.DIVORCED, 3), (MaritalStatus.WIDOWED, 2)))
            head = Person(Sex.FEMALE, self.birth_in(1972, 1995), Relationship.HEAD, status)
            married = _years(head.birth, rng.randint(19, 24))
            kids = self.children(head.birth, married) or [
                Person(Sex.MALE, _years(head.birth, 25), Relationship.CHILD, 1)
            ]
            return [head, *kids], None
        if kind == "young_couple":
            head, wife, married = self.couple(1994, 2002)
            people = [head, wife]
            if rng.random() < 0.5 and married < LOADED_ON - dt.timedelta(days=400):
                baby = _day_in(rng, married + dt.timedelta(days=300), LOADED_ON - dt.timedelta(days=40))
                people.append(Person(rng.choice((Sex.MALE, Sex.FEMALE)), baby, Relationship.CHILD, 1))
            return people, married
        sex = _pick(rng, ((Sex.MALE, 4), (Sex.FEMALE, 1)))
        return [Person(sex, self.birth_in(1985, 2001), Relationship.HEAD, MaritalStatus.NOT_MARRIED)], None

    # items of one person

    def education(self, age: int, birth: dt.date) -> int:
        rng = self.rng
        if age < 5:
            return Education.NONE
        if age < 12:
            return Education.PRIMARY_INCOMPLETE
        if age < 15:
            return Education.PRIMARY
        if age < 18:
            return Education.JUNIOR
        if age < 23:
            return _pick(rng, ((Education.SENIOR, 80), (Education.JUNIOR, 14), (Education.DIPLOMA_3, 3), (3, 3)))
        if birth.year < 1960:
            table: tuple[tuple[int, float], ...] = ((1, 6), (2, 28), (3, 44), (4, 11), (5, 8), (7, 1), (8, 2))
        elif birth.year < 1980:
            table = ((2, 4), (3, 33), (4, 22), (5, 30), (6, 2), (7, 3), (8, 6))
        else:
            table = ((2, 1), (3, 13), (4, 21), (5, 47), (6, 3), (7, 5), (8, 9), (9, 1))
        return int(_pick(rng, table))

    def occupation(self, person: Person, age: int, education: int) -> int:
        rng = self.rng
        if age < 5:
            return Occupation.NOT_WORKING
        if age < 19:
            return Occupation.STUDENT
        if age < 23 and rng.random() < 0.35:
            return Occupation.STUDENT
        if age >= 66:
            return int(_pick(rng, ((1, 55), (4, 15), (9, 15), (8, 8), (2, 7 if person.sex == Sex.FEMALE else 0))))
        if education >= Education.BACHELOR and rng.random() < 0.5:
            return int(_pick(rng, ((5, 30), (65, 25), (15, 25), (74, 8), (73, 6), (72, 3), (64, 3))))
        if person.sex == Sex.FEMALE:
            return int(
                _pick(
                    rng,
                    ((2, 52), (15, 13), (8, 8), (88, 9), (1, 6), (19, 4), (30, 3), (65, 2), (20, 2), (23, 1)),
                )
            )
        return int(
            _pick(
                rng,
                (
                    (15, 22),
                    (88, 18),
                    (19, 12),
                    (8, 10),
                    (9, 6),
                    (20, 4),
                    (81, 6),
                    (26, 4),
                    (13, 3),
                    (5, 2),
                    (1, 4),
                    (35, 2),
                    (27, 2),
                    (14, 2),
                    (85, 1),
                    (6, 1),
                    (7, 1),
                ),
            )
        )

    def ktp(self, age: int, marital: int) -> int | None:
        if age < 17 and marital == MaritalStatus.NOT_MARRIED:
            return KtpStatus.NOT_REQUIRED
        return int(_pick(self.rng, ((8, 86), (3, 4), (2, 4), (5, 3), (4, 3))))

    def blood(self) -> int:
        return int(_pick(self.rng, ((13, 45), (1, 14), (2, 15), (4, 21), (3, 5))))

    def disability(self, age: int) -> int:
        chance = 0.012 if age < 60 else 0.05
        if self.rng.random() >= chance:
            return Disability.NONE
        return int(_pick(self.rng, ((1, 35), (2, 15), (3, 20), (4, 20), (5, 5), (6, 5))))

    def birth_certificate(self, birth: dt.date, today: dt.date) -> tuple[str, dt.date | None]:
        chance = 0.9 if birth.year >= 2000 else 0.55 if birth.year >= 1985 else 0.2
        if self.rng.random() >= chance:
            return "", None
        self.certificates += 1
        issued = min(birth + dt.timedelta(days=self.rng.randint(7, 700)), today)
        return f"3204-LT-{birth:%d%m%Y}-{self.certificates:04d}", issued

    def marriage_certificate(self, married: dt.date) -> str:
        if self.rng.random() < 0.2:
            return ""
        roman = "I II III IV V VI VII VIII IX X XI XII".split()[married.month - 1]
        return f"{self.rng.randint(1, 420):04d}/{self.rng.randint(10, 99):03d}/{roman}/{married.year}"

    def values(
        self,
        person: Person,
        *,
        religion: int,
        insurance: int,
        address: str,
        married: dt.date | None,
        today: dt.date,
        district: str = DISTRICT,
        status: str = ResidentStatus.PERMANENT,
        previous: str = "",
    ) -> dict[str, Any]:
        """The person's items, as a clean import row would give them."""
        age = _age(person.birth, today)
        if not person.nik:
            person.nik = self.nik(person.birth, person.sex, district)
        if not person.name:
            person.name = self.full_name(person.sex, person.birth, religion)
        education = self.education(age, person.birth)
        certificate, certificate_date = self.birth_certificate(person.birth, today)
        values: dict[str, Any] = {
            "nik": person.nik,
            "name": person.name,
            "sex": person.sex,
            "birth_place": "Bandung" if person.birth.year >= 2005 else _pick(self.rng, BIRTH_PLACES),
            "birth_date": person.birth,
            "blood_type": self.blood(),
            "religion": religion,
            "marital_status": person.marital,
            "relationship": person.rel,
            "disability": self.disability(age),
            "education": education,
            "occupation": self.occupation(person, age, education),
            "father_name": self.full_name(Sex.MALE, _years(person.birth, -30), religion),
            "mother_name": self.full_name(Sex.FEMALE, _years(person.birth, -26), religion),
            "previous_address": previous,
            "address": address,
            "birth_certificate_number": certificate,
            "birth_certificate_date": certificate_date,
            "resident_status": status,
            "ktp_status": self.ktp(age, person.marital),
            "insurance": insurance,
        }
        if married is not None and person.rel in (Relationship.HEAD, Relationship.WIFE):
            values["marriage_date"] = married
            values["marriage_certificate_number"] = self.marriage_certificate(married)
        return values

    def religion(self) -> int:
        return int(_pick(self.rng, ((1, 972), (2, 16), (3, 8), (5, 3), (4, 1))))

    def insurance(self) -> int:
        return int(_pick(self.rng, ((Insurance.BPJS_PBI, 38), (Insurance.BPJS_NON_PBI, 37), (1, 22), (99, 3))))


def _clean(values: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The register's own check, so the demo never holds what an import would refuse."""
    cleaned = resident_clean(values, today=today, region_known=lambda _code: True)
    cleaned.raise_if_invalid()
    return cleaned.values


def _parents(people: list[Person]) -> None:
    """Children of the head and his wife carry their parents' NIK and names."""
    head = next((p for p in people if p.rel == Relationship.HEAD), None)
    wife = next((p for p in people if p.rel == Relationship.WIFE), None)
    for person in people:
        if person.rel != Relationship.CHILD or head is None:
            continue
        father, mother = (head, wife) if head.sex == Sex.MALE else (None, head)
        if father is not None:
            person.values["father_nik"], person.values["father_name"] = father.nik, father.name
        if mother is not None:
            person.values["mother_nik"], person.values["mother_name"] = mother.nik, mother.name


# ---- the demo citizens who live in these villages ----


@dataclass(frozen=True)
class CitizenHome:
    """Where one of accounts' demo citizens lives, and the family around them."""

    nik_serial: str
    rw: int
    rt: int
    role: str  # "head", "wife" or "widow"
    others: tuple[tuple[str, int, dt.date], ...]  # (sex, relationship, birth) of the rest of the KK


CITIZEN_HOMES = {
    "desa-cileunyi-kulon": (
        CitizenHome(
            "0003",
            5,
            2,
            "wife",
            ((Sex.MALE, Relationship.HEAD, dt.date(1987, 2, 9)), (Sex.FEMALE, 4, dt.date(2014, 7, 21))),
        ),
        CitizenHome(
            "0011",
            3,
            1,
            "head",
            (
                (Sex.FEMALE, Relationship.WIFE, dt.date(1988, 6, 4)),
                (Sex.MALE, 4, dt.date(2011, 3, 15)),
                (Sex.FEMALE, 4, dt.date(2016, 10, 1)),
            ),
        ),
        CitizenHome("0021", 7, 3, "widow", ((Sex.MALE, Relationship.GRANDCHILD, dt.date(2009, 1, 12)),)),
    ),
    "desa-cileunyi-wetan": (
        CitizenHome(
            "0007",
            1,
            4,
            "wife",
            (
                (Sex.MALE, Relationship.HEAD, dt.date(1975, 9, 30)),
                (Sex.MALE, 4, dt.date(2001, 4, 2)),
                (Sex.FEMALE, 4, dt.date(2008, 12, 19)),
            ),
        ),
    ),
}
LINKED_CITIZEN = "warga@padu.test"  # Siti Aminah: her account is linked to her record


def _citizens_by_serial() -> dict[str, tuple[str, str, dt.date, bool, str]]:
    """NIK serial → (email or "", name, birth date, female, street) of accounts' demo citizens."""
    found = {
        serial: (email, name, birth, female, street)
        for email, _phone, name, _place, birth, female, _village, street, serial in CITIZENS
    }
    name, _place, birth, female, _village, street, serial = WALK_IN
    found[serial] = ("", name, birth, female, street)
    return found


def _citizen_family(maker: Maker, home: CitizenHome) -> tuple[list[Person], dt.date | None, str]:
    _email, name, birth, female, street = _citizens_by_serial()[home.nik_serial]
    sex = Sex.FEMALE if female else Sex.MALE
    day = birth.day + (40 if female else 0)
    nik = f"{DISTRICT.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{home.nik_serial}"
    rel = {"head": Relationship.HEAD, "wife": Relationship.WIFE, "widow": Relationship.HEAD}[home.role]
    marital = MaritalStatus.WIDOWED if home.role == "widow" else MaritalStatus.MARRIED
    me = Person(sex, birth, rel, marital, name=name, nik=nik, citizen=True)
    people = [me]
    for other_sex, other_rel, other_birth in home.others:
        other_marital = MaritalStatus.MARRIED if other_rel in (Relationship.HEAD, Relationship.WIFE) else 1
        people.append(Person(other_sex, other_birth, other_rel, other_marital))
    people.sort(key=lambda p: p.rel or 99)
    married = None if home.role == "widow" else dt.date(max(p.birth.year for p in people[:2]) + 22, 9, 14)
    address = street.split(" RT")[0].rstrip(",")
    return people, married, address
