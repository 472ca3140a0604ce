"""Population statistics: known-answer counts, the age groups, suppression of small cells
(primary and secondary), the roll-up through the agency tree and the cache."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from padu.core.actors import OPERATOR
from padu.core.errors import Forbidden, NotFound
from padu.core.roles import Role
from padu.registries.codes import Education, Occupation, Religion, Sex
from padu.registries.models import EventKind
from padu.registries.services import event_open
from padu.registries.statistics import (
    SECONDARY,
    SMALL,
    Row,
    Table,
    age_group_label,
    age_group_of,
    agencies_with_register,
    agency_counts,
    exact_tables,
    publish,
    statistics_exact,
    statistics_public,
    suppress,
)
from padu.registries.tests.factories import TODAY, make_family, make_resident, make_rt
from tests.factories import actor_for, make_agency, make_staff

pytestmark = pytest.mark.django_db


def _rows(table: Table) -> dict[str, tuple[int | None, int | None, int | None]]:
    return {row.key: (row.male, row.female, row.total) for row in table.rows}


def _table(dimension: str, *cells: tuple[str, int, int]) -> Table:
    rows = [Row(key, key, {"male": m, "female": f, "total": m + f}) for key, m, f in cells]
    male = sum(m for _k, m, _f in cells)
    female = sum(f for _k, _m, f in cells)
    return Table(
        dimension, dimension, rows, Row("total", "Total", {"male": male, "female": female, "total": male + female})
    )


def test_age_groups_are_exact_to_the_day():
    assert age_group_of(dt.date(1980, 3, 14), TODAY) == 9  # 46 on 2026-11-30
    assert age_group_label(9) == "45–49"
    assert age_group_of(dt.date(1976, 11, 30), TODAY) == 10  # 50 today: the birthday counts
    assert age_group_of(dt.date(1976, 12, 1), TODAY) == 9  # 49 until tomorrow
    assert age_group_of(dt.date(1930, 1, 1), TODAY) == 15
    assert age_group_label(15) == "75+"
    assert age_group_label(0) == "0–4"


def test_a_small_register_counts_known_answers():
    agency = make_agency()
    rt = make_rt(agency)
    make_family(agency, area=rt, members=4)  # man 1980, wife 1983, son 2008-01, daughter 2009-02
    make_resident(agency, area=rt, name="Nenek", sex=Sex.FEMALE, birth=dt.date(1950, 12, 1), religion=Religion.HINDU)
    # The woman born 1950-12-01 is 75 on 2026-11-30: the 75+ group.
    counts = agency_counts(agency, TODAY)
    tables = {t.dimension: t for t in exact_tables(counts)}
    age = _rows(tables["age"])
    assert age["9"] == (1, 0, 1)  # the head, 46
    assert age["8"] == (0, 1, 1)  # the wife, 43
    assert age["3"] == (1, 1, 2)  # the children, 18 and 17
    assert age["15"] == (0, 1, 1)
    assert sum(r.total or 0 for r in tables["age"].rows) == 5
    assert (tables["age"].total.male, tables["age"].total.female, tables["age"].total.total) == (2, 3, 5)
    assert _rows(tables["sex"]) == {"L": (2, 0, 2), "P": (0, 3, 3)}
    religion = _rows(tables["religion"])
    assert religion[str(Religion.ISLAM.value)] == (2, 2, 4) and religion[str(Religion.HINDU.value)] == (0, 1, 1)
    education = _rows(tables["education"])
    assert education[str(Education.JUNIOR.value)] == (1, 1, 2)
    occupation = _rows(tables["occupation"])
    assert occupation[str(Occupation.STUDENT.value)] == (1, 1, 2)
    # Most common first (ties in code order): pupils 2, private employees 2, homemakers 1.
    assert list(occupation) == [str(Occupation.STUDENT.value), str(Occupation.PRIVATE_EMPLOYEE.value), "2"]
    rt_rows = _rows(tables["rt"])
    assert rt_rows == {str(rt.pk): (2, 3, 5)}
    assert rt.parent is not None
    assert _rows(tables["dusun"]) == {str(rt.parent.parent_id): (2, 3, 5)}
    assert counts.families == 1 and counts.households == 0 and counts.villages == 1


def test_residents_who_left_are_not_counted_and_the_bad_input_is_refused():
    agency = make_agency()
    make_resident(agency)
    gone = make_resident(agency, birth=dt.date(1990, 1, 1))
    gone.life_status = "mati"
    gone.save()
    assert statistics_exact(OPERATOR, agency, TODAY).residents.total == 1
    with pytest.raises(NotFound):  # no register at all
        statistics_public(make_agency(name="Desa Kosong", region="32.04.05.2002"), TODAY)
    with pytest.raises(NotFound):  # an office that keeps no register
        statistics_public(make_agency(name="Dinas Kesehatan", kind="dinas", region="32.04"), TODAY)


def test_suppression_known_answer_one_small_cell_in_a_column():
    # One column (all men): 12, 3, 7 with the total 22. The 3 is under 5; alone, it would be
    # 22 - 12 - 7, so the next smallest cell of its column (7) is hidden too. Totals stay.
    table = _table("religion", ("a", 12, 0), ("b", 3, 0), ("c", 7, 0))
    [shown] = publish([table], 5)
    assert _rows(shown) == {"a": (12, 0, 12), "b": (None, 0, None), "c": (None, 0, None)}
    assert shown.rows[1].marks == {"male": SMALL, "total": SMALL}
    assert shown.rows[2].marks == {"male": SECONDARY, "total": SECONDARY}
    assert (shown.total.male, shown.total.female, shown.total.total) == (22, 0, 22)


def test_suppression_known_answer_within_a_row_and_across_columns():
    # Row r1: 12 men, 3 women. The 3 alone would be 15 - 12: 12 goes too; then each column has
    # one hidden cell, so r2's men and women go as well. The totals are published.
    hidden = suppress([_table("education", ("r1", 12, 3), ("r2", 20, 30))], 5)
    assert hidden == {
        ("education", "r1", "female"): SMALL,
        ("education", "r1", "male"): SECONDARY,
        ("education", "r2", "female"): SECONDARY,
        ("education", "r2", "male"): SECONDARY,
    }
    # Nothing under the minimum: nothing hidden; zeros are published.
    assert suppress([_table("education", ("r1", 12, 0), ("r2", 5, 9))], 5) == {}
    # Two small cells in a column protect each other.
    two = suppress([_table("religion", ("a", 40, 30), ("b", 2, 6), ("c", 1, 7))], 5)
    assert set(two) == {
        ("religion", "b", "male"),
        ("religion", "c", "male"),
        ("religion", "b", "female"),
        ("religion", "c", "female"),
    }
    assert all(two[("religion", k, "male")] == SMALL for k in ("b", "c"))


def test_an_rt_hidden_in_its_rw_is_protected_between_the_area_tables():
    dusun = Table(
        "dusun",
        "dusun",
        [Row("d", "D", {"male": 30, "female": 30, "total": 60})],
        Row("total", "T", {"male": 30, "female": 30, "total": 60}),
    )
    rw = Table("rw", "rw", [Row("w1", "W1", {"male": 30, "female": 30, "total": 60}, parent="d")], dusun.total)
    rt = Table(
        "rt",
        "rt",
        [
            Row("t1", "T1", {"male": 27, "female": 20, "total": 47}, parent="w1"),
            Row("t2", "T2", {"male": 3, "female": 10, "total": 13}, parent="w1"),
        ],
        dusun.total,
    )
    hidden = suppress([dusun, rw, rt], 5)
    assert hidden[("rt", "t2", "male")] == SMALL
    assert hidden[("rt", "t1", "male")] == SECONDARY  # else 30 - 27 in the RW's row
    assert ("rw", "w1", "male") not in hidden


def test_a_public_table_never_carries_a_hidden_value():
    agency = make_agency()
    make_family(agency, members=4)
    stats = statistics_public(agency, TODAY)
    for table in stats.tables:
        for row in [*table.rows, table.total]:
            for col, value, mark in row.cells():
                assert (value is None) == bool(mark), (table.dimension, row.key, col)
                assert value is None or value == 0 or value >= 5
    assert stats.residents.total is None and stats.residents.marks["total"] == SMALL


def test_a_kecamatan_and_a_regency_add_up_their_villages():
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05", parent=regency)
    one = make_agency(parent=district)
    two = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002", parent=district)
    make_family(one, members=4)
    make_family(two, members=3)
    make_resident(two, birth=dt.date(1990, 5, 5), religion=Religion.CATHOLIC)
    for office in (district, regency):
        stats = statistics_exact(OPERATOR, office, TODAY)
        assert stats.is_rollup and stats.villages == 2
        assert (stats.residents.male, stats.residents.female, stats.residents.total) == (5, 3, 8)
        assert stats.families == 2
        religion = {r.key: r.total for r in stats.by_dimension["religion"].rows}
        assert religion[str(Religion.ISLAM.value)] == 7 and religion[str(Religion.CATHOLIC.value)] == 1
        assert "rt" not in stats.by_dimension  # the area tables are a village's own
    assert [a.pk for a in agencies_with_register()] == [regency.pk, district.pk, one.pk, two.pk]


def test_exact_numbers_are_for_keepers_and_supervisors_only():
    agency = make_agency()
    make_family(agency, members=3)
    keeper = actor_for(make_staff(agency, Role.REGISTRAR))
    assert statistics_exact(keeper, agency, TODAY).residents.total == 3
    supervisor = actor_for(make_staff(agency, Role.SUPERVISOR))
    assert statistics_exact(supervisor, agency, TODAY).residents.total == 3
    with pytest.raises(Forbidden):
        statistics_exact(actor_for(make_staff(agency, Role.FRONT_DESK)), agency, TODAY)


def test_the_second_view_does_no_query_and_a_life_event_drops_the_cache(django_capture_on_commit_callbacks):
    agency = make_agency()
    make_family(agency, members=4)
    first = statistics_public(agency, TODAY)
    assert first.tables[0].total.total is None  # 4 residents: under 5
    with CaptureQueriesContext(connection) as queries:
        again = statistics_public(agency, TODAY)
    assert len(queries) == 0
    assert again.residents.marks == first.residents.marks
    with django_capture_on_commit_callbacks(execute=True):
        make_resident(agency, birth=dt.date(1995, 6, 1), sex=Sex.MALE)
        event_open(actor=OPERATOR, agency=agency, kind=EventKind.CORRECTION, occurred_on=TODAY)
    with CaptureQueriesContext(connection) as queries:
        after = statistics_public(agency, TODAY)
    assert len(queries) > 0
    assert after.residents.total == 5


def test_a_rollup_is_cached_and_a_village_change_reaches_it(django_capture_on_commit_callbacks):
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05")
    village = make_agency(parent=district)
    make_family(village, members=3)
    assert statistics_exact(OPERATOR, district, TODAY).residents.total == 3
    with CaptureQueriesContext(connection) as queries:
        statistics_exact(OPERATOR, district, TODAY)
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        make_resident(village, birth=dt.date(1995, 6, 1))
    assert statistics_exact(OPERATOR, district, TODAY).residents.total == 4
