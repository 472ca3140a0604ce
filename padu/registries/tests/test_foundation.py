"""The register's shared rules and writes: an item check, the family rules, the history."""

from __future__ import annotations

import datetime as dt

import pytest

from padu.core.errors import InvalidInput
from padu.registries.codes import MaritalStatus, Relationship, Sex
from padu.registries.models import ResidentChange
from padu.registries.rules import Member, family_problems, resident_clean
from padu.registries.services import family_check, history_value
from padu.registries.tests.factories import TODAY, make_family, resident_values
from tests.factories import load_regions, make_agency

pytestmark = pytest.mark.django_db


def test_a_valid_resident_is_clean_and_a_bad_one_reports_every_item():
    load_regions(["32.04.05.2001"])
    assert resident_clean(resident_values(), today=TODAY).errors == {}
    bad = resident_clean(
        resident_values(nik="3204051403800000", sex=Sex.FEMALE, religion=42, birth_date="31-02-1980"),
        today=TODAY,
    )
    assert set(bad.errors) == {"nik", "religion", "birth_date"}
    # The NIK of a man (day 14, not 54) with sex P is refused at the sex.
    wrong_sex = resident_clean(resident_values(birth=dt.date(1980, 3, 14), sex=Sex.MALE) | {"sex": "P"}, today=TODAY)
    assert "sex" in wrong_sex.errors


def test_family_rules_known_answers():
    head = Member("head", Relationship.HEAD, Sex.MALE, MaritalStatus.MARRIED, dt.date(1980, 1, 1))
    wife = Member("wife", Relationship.WIFE, Sex.FEMALE, MaritalStatus.MARRIED, dt.date(1982, 1, 1))
    child = Member("child", Relationship.CHILD, Sex.MALE, MaritalStatus.NOT_MARRIED, dt.date(2010, 1, 1))
    assert family_problems([head, wife, child]) == []
    assert len(family_problems([wife, child])) == 1  # no head
    assert len(family_problems([head, head, wife])) == 1  # two heads
    male_wife = Member("w2", Relationship.WIFE, Sex.MALE, MaritalStatus.MARRIED, dt.date(1982, 1, 1))
    assert any("w2" in p for p in family_problems([head, male_wife]))
    old_child = Member("c2", Relationship.CHILD, Sex.MALE, MaritalStatus.NOT_MARRIED, dt.date(1970, 1, 1))
    assert any("c2" in p for p in family_problems([head, old_child]))
    single_head = Member("h", Relationship.HEAD, Sex.MALE, MaritalStatus.NOT_MARRIED, dt.date(1980, 1, 1))
    assert family_problems([single_head, wife])


def test_a_made_family_passes_the_rules_and_its_history_is_sealed():
    agency = make_agency()
    family, people = make_family(agency, members=4)
    family_check(family)
    head = people[0]
    nik_change = ResidentChange.objects.get(resident=head, field="nik")
    assert head.nik not in nik_change.new  # sealed at rest
    assert history_value("nik", nik_change.new) == head.nik
    religion = ResidentChange.objects.get(resident=head, field="religion")
    assert history_value("religion", religion.new) == "1"
    head.relationship = Relationship.CHILD
    head.save()
    with pytest.raises(InvalidInput) as exc:
        family_check(family)
    assert exc.value.code == "family_rules"


def test_an_area_of_an_unknown_level_is_refused_and_a_known_one_is_saved():
    from padu.core.actors import OPERATOR
    from padu.registries.models import Area
    from padu.registries.services import area_save

    agency = make_agency()
    with pytest.raises(InvalidInput) as exc:
        area_save(actor=OPERATOR, agency=agency, level="kampung", name="Dusun Satu")
    assert exc.value.code == "area_level_invalid"
    assert not Area.objects.filter(agency=agency).exists()
    area_save(actor=OPERATOR, agency=agency, level="dusun", name="Dusun Satu")
    assert list(Area.objects.filter(agency=agency).values_list("name", flat=True)) == ["Dusun Satu"]
