"""The register's demo: two villages of about 2,000 residents in KKs, households and RT/RW, two
years of life events, the demo citizens in the register (one linked), an import waiting with its
diff and proposals from applications; every record passes the register's own rules; a second
run changes nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from padu.accounts.demo import AGENCIES, CITIZENS
from padu.accounts.demo import seed as accounts_seed
from padu.accounts.models import CitizenProfile
from padu.core.manifest import DemoContext
from padu.core.models import Agency
from padu.registries.codes import LifeStatus, MaritalStatus, Relationship, ResidentStatus, Sex
from padu.registries.demo import TODAY, VILLAGES, seed
from padu.registries.models import (
    Area,
    EventKind,
    EventProposal,
    Family,
    Household,
    ImportBatch,
    LifeEvent,
    Resident,
    ResidentChange,
)
from padu.registries.rules import PLAIN_ITEMS, Member, family_problems, resident_clean
from tests.factories import load_regions

pytestmark = pytest.mark.django_db


def _context(lines: list[str]) -> DemoContext:
    return DemoContext(agencies={a.slug: a for a in Agency.objects.all()}, say=lines.append, created={})


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Resident, Family, Household, Area, LifeEvent, ResidentChange, ImportBatch, EventProposal)
    )


@pytest.fixture
def demo_world() -> list[str]:
    load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
    accounts_seed(_context([]))
    lines: list[str] = []
    seed(_context(lines))
    return lines


def test_two_villages_of_about_two_thousand_in_kks_households_and_rts(demo_world):
    assert len(demo_world) == 2 and "Cileunyi Kulon" in demo_world[0] and "residents in" in demo_world[0]
    for spec in VILLAGES:
        agency = Agency.objects.get(slug=spec.slug)
        present = Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT)
        assert 1900 <= present.count() <= 2200
        assert 500 <= Family.objects.filter(agency=agency, is_active=True).count() <= 620
        assert 450 <= Household.objects.filter(agency=agency).count() <= 580
        # 3 dusun, each with 2-3 RW of 3-4 RT, all with heads; everyone placed in an RT.
        areas = Area.objects.filter(agency=agency)
        assert Counter(areas.values_list("level", flat=True))["dusun"] == 3
        assert not areas.filter(head_name="").exists()
        assert not present.filter(area__isnull=True).exists()
        assert set(present.values_list("area__level", flat=True)) == {"rt"}
        # Newcomers and temporary residents, a few disabilities, insurance and e-KTP statuses.
        statuses = Counter(present.values_list("resident_status", flat=True))
        assert statuses[ResidentStatus.NEWCOMER] >= 20 and 5 <= statuses[ResidentStatus.TEMPORARY] <= 20
        assert 10 <= present.exclude(disability=0).count() <= 120
        assert len(set(present.values_list("insurance", flat=True))) >= 4
        assert len(set(present.values_list("ktp_status", flat=True))) >= 4
        # A pyramid: more children than people over 65, about as many women as men.
        ages = [r.age_on(TODAY) for r in present.only("birth_date")]
        assert sum(a < 15 for a in ages) > 2 * sum(a >= 65 for a in ages) > 0
        sexes = Counter(present.values_list("sex", flat=True))
        assert 0.9 < sexes[Sex.MALE] / sexes[Sex.FEMALE] < 1.1


def test_every_kk_keeps_the_family_rules_and_every_nik_is_valid_and_unique(demo_world):
    for spec in VILLAGES:
        agency = Agency.objects.get(slug=spec.slug)
        by_family: dict[int, list[Member]] = {}
        present = Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT)
        for r in present.exclude(family__isnull=True):
            by_family.setdefault(r.family_id or 0, []).append(
                Member(str(r.pk), r.relationship, r.sex, r.marital_status, r.birth_date)
            )
        assert len(by_family) == Family.objects.filter(agency=agency, is_active=True).count()
        assert {fid: family_problems(m) for fid, m in by_family.items() if family_problems(m)} == {}
        niks = []
        for r in Resident.objects.filter(agency=agency):
            values = {name: getattr(r, name) for name in PLAIN_ITEMS} | {"nik": r.nik}
            values |= {"father_nik": r.father_nik, "mother_nik": r.mother_nik}
            cleaned = resident_clean(values, today=TODAY, region_known=lambda _code: True)
            assert cleaned.errors == {}, (r.pk, cleaned.errors)
            niks.append(r.nik)
        assert len(niks) == len(set(niks))
        # One household head per household.
        heads = Counter(present.filter(is_household_head=True).values_list("household_id", flat=True))
        assert heads and max(heads.values()) == 1


def test_two_years_of_life_events_the_citizens_the_import_and_the_proposals(demo_world):
    kulon = Agency.objects.get(slug="desa-cileunyi-kulon")
    events = LifeEvent.objects.filter(agency=kulon).exclude(kind=EventKind.IMPORT)
    kinds = Counter(events.values_list("kind", flat=True))
    assert 130 <= sum(kinds.values()) <= 230
    assert kinds[EventKind.BIRTH] >= 40 and kinds[EventKind.DEATH] >= 10 and kinds[EventKind.MARRIAGE] >= 8
    assert kinds[EventKind.MOVE_IN] and kinds[EventKind.MOVE_OUT] and kinds[EventKind.MOVE_WITHIN]
    assert kinds[EventKind.KK_SPLIT] >= 1 and kinds[EventKind.DIVORCE] == 1 and kinds[EventKind.MISSING] == 1
    days = list(events.values_list("occurred_on", flat=True))
    assert min(days).year == 2025 and max(days) <= TODAY
    # One import event holds the first load, with every item as history.
    load = LifeEvent.objects.get(agency=kulon, kind=EventKind.IMPORT, import_batch__isnull=True)
    assert load.changes.filter(field="name").count() >= 1900 and not load.changes.filter(field="religion").exists()
    assert Resident.objects.filter(agency=kulon, life_status=LifeStatus.DEAD).count() == kinds[EventKind.DEATH]
    assert Resident.objects.filter(agency=kulon, life_status=LifeStatus.MISSING).count() == 1
    # The demo citizens are in the register with their account's NIK; Siti Aminah is linked.
    for profile in CitizenProfile.objects.filter(region__code__startswith="32.04.05.200"):
        resident = Resident.objects.get(agency__region=profile.region, nik_hash=profile.nik_hash)
        assert resident.name == profile.name and resident.birth_date == profile.birth_date
    linked = Resident.objects.get(user__email="warga@padu.test")
    assert (
        linked.linked_by is not None
        and linked.linked_by.email == "penduduk.cileunyikulon@padu.test"
        and linked.linked_at
    )
    assert linked.relationship == Relationship.WIFE and linked.marital_status == MaritalStatus.MARRIED
    # One import waiting with its diff: new, changed and invalid rows.
    batch = ImportBatch.objects.get(agency=kulon)
    assert batch.status == "ready"
    assert batch.counts["new"] > 0 and batch.counts["changed"] > 0 and batch.counts["invalid"] > 0
    # Two proposals from applications wait for the officer.
    assert EventProposal.objects.filter(agency=kulon, status="pending").count() == 2


def test_a_second_run_changes_nothing(demo_world):
    first = _counts()
    lines: list[str] = []
    assert all(v == 0 for v in seed(_context(lines)).values())
    assert _counts() == first


def test_a_village_missing_from_the_demo_is_skipped_and_bad_input_is_refused():
    # No agencies at all: nothing to seed, nothing written.
    assert seed(DemoContext(agencies={}, say=lambda _line: None, created={})) == {}
    assert Resident.objects.count() == 0
    # The register's rules refuse what the demo must never make: a broken NIK, a KK with two heads.
    bad = resident_clean({"nik": "3204050000000000"}, today=TODAY, partial=True)
    assert "nik" in bad.errors
    head = Member("a", Relationship.HEAD, Sex.MALE, MaritalStatus.MARRIED, TODAY.replace(year=1980))
    assert family_problems([head, head]) != []
