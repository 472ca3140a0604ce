import datetime as dt

import pytest
import time_machine
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from padu.core.errors import InvalidInput
from padu.core.identifiers import mask_identifier, validate_kk, validate_nib, validate_nik, validate_npwp
from tests.factories import load_regions


@pytest.mark.django_db
def test_a_mans_nik_gives_his_birth_date_and_sex():
    nik = validate_nik("3204051705900001")
    assert nik.birth_date == dt.date(1990, 5, 17)
    assert nik.gender == "L"
    assert nik.district_code == "32.04.05"


@pytest.mark.django_db
def test_a_womans_birth_day_is_plus_forty():
    nik = validate_nik("3204055705900001")
    assert nik.birth_date == dt.date(1990, 5, 17)
    assert nik.gender == "P"


@pytest.mark.django_db
def test_separators_are_tolerated():
    assert validate_nik("3204 0517 0590 0001").number == "3204051705900001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("320405170590001", "16 digits"),  # 15 digits
        ("32040517059000012", "16 digits"),  # 17 digits
        ("32040517059O0001", "16 digits"),  # letter O
        ("9904051705900001", "region"),  # province 99 does not exist
        ("3200001705900001", "region"),  # regency 00
        ("3204053102900001", "birth date"),  # 31 February
        ("3204057305900001", "birth date"),  # day 73 - 40 = 33
        ("3204051705900000", "0000"),
    ],
)
def test_malformed_niks_are_refused_with_a_reason(value, fragment):
    with translation.override("en"), pytest.raises(InvalidInput) as err:
        validate_nik(value)
    assert err.value.code == "nik_invalid"
    assert fragment in str(err.value.message)
    assert "nik" in err.value.errors


@pytest.mark.django_db
def test_a_district_unknown_today_is_accepted_with_a_warning():
    load_regions(["32.04.05.2001"])
    assert validate_nik("3204051705900001").warnings == ()
    with translation.override("en"):
        nik = validate_nik("3204991705900001")  # Kab. Bandung has no district 99 today
    assert nik.district_code == "32.04.99"
    assert [(w.code, w.field) for w in nik.warnings] == [("nik_district_unknown", "nik")]
    assert "first issued" in nik.warnings[0].message


@pytest.mark.django_db
def test_a_nik_from_merauke_before_the_2022_split_keeps_its_papua_code():
    """Merauke was 91.01 (Papua) until Papua Selatan (93) was made in 2022; its NIKs keep 91.01."""
    load_regions(["93.01.01.2001", "91.71.01.1001"])
    nik = validate_nik("9101015708850002", field="nik_pemohon")
    assert (nik.district_code, nik.birth_date, nik.gender) == ("91.01.01", dt.date(1985, 8, 17), "P")
    assert [(w.code, w.field) for w in nik.warnings] == [("nik_district_unknown", "nik_pemohon")]
    # Its twin issued in Merauke today carries 93.01 and draws no warning.
    assert validate_nik("9301015708850002").warnings == ()


@pytest.mark.django_db
def test_every_province_of_today_is_a_possible_nik_province():
    load_regions(["32.04.05.2001"])
    for province in ("11", "65", "91", "92", "93", "94", "95", "96"):
        assert validate_nik(f"{province}01011705900001", check_region=False).district_code == f"{province}.01.01"
    for province in ("10", "20", "54", "97", "99"):  # never a province (54: Timor Timur, before NIKs)
        with pytest.raises(InvalidInput):
            validate_nik(f"{province}01011705900001")


# A woman born on 1 January of '25: 41 (1 + 40), 01, 25.
WOMAN_1_JAN_25 = "3204054101250001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stated", "today", "expected"),
    [
        (dt.date(1925, 1, 1), dt.date(2026, 6, 1), dt.date(1925, 1, 1)),  # the stated date picks 1925
        (dt.date(2025, 1, 1), dt.date(2026, 6, 1), dt.date(2025, 1, 1)),  # ... or 2025
        (None, dt.date(2026, 6, 1), dt.date(2025, 1, 1)),  # no date stated: the later century
        (None, dt.date(2024, 6, 1), dt.date(1925, 1, 1)),  # ... unless it lies in the future
    ],
)
def test_the_century_of_the_birth_year(stated, today, expected):
    nik = validate_nik(WOMAN_1_JAN_25, birth_date=stated, today=today)
    assert (nik.birth_date, nik.gender, nik.warnings) == (expected, "P", ())


@pytest.mark.django_db
def test_a_birth_date_later_this_year_is_last_century():
    # 15 December '26 read on 1 March 2026 is not yet born: 1926.
    assert validate_nik("3204051512260001", today=dt.date(2026, 3, 1)).birth_date == dt.date(1926, 12, 15)
    assert validate_nik("3204051512260001", today=dt.date(2026, 12, 20)).birth_date == dt.date(2026, 12, 15)


@pytest.mark.django_db
def test_the_century_follows_the_clock_when_no_date_is_given():
    with time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        assert validate_nik(WOMAN_1_JAN_25).birth_date == dt.date(1925, 1, 1)
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        assert validate_nik(WOMAN_1_JAN_25).birth_date == dt.date(2025, 1, 1)


@pytest.mark.django_db
def test_a_stated_birth_date_that_differs_from_the_nik_is_a_warning():
    with translation.override("en"):
        nik = validate_nik("3204051705900001", birth_date=dt.date(1990, 5, 18), today=dt.date(2026, 1, 1))
    assert nik.birth_date == dt.date(1990, 5, 17)  # what the NIK says
    assert [(w.code, w.field) for w in nik.warnings] == [("nik_birth_date_differs", "birth_date")]
    assert nik.birth_date_differs
    assert "corrected" in nik.warnings[0].message
    assert nik.warnings[0].as_dict()["code"] == "nik_birth_date_differs"
    # Another century with the same digits is a difference too (17 May 1890 is not 1990).
    assert validate_nik("3204051705900001", birth_date=dt.date(1890, 5, 17)).birth_date_differs
    assert not validate_nik("3204051705900001", birth_date=dt.date(1990, 5, 17)).birth_date_differs


@pytest.mark.django_db
@given(
    birth=st.dates(min_value=dt.date(1931, 1, 1), max_value=dt.date(2025, 12, 31)),
    female=st.booleans(),
    serial=st.integers(min_value=1, max_value=9999),
)
def test_any_well_formed_nik_round_trips(birth, female, serial):
    day = birth.day + (40 if female else 0)
    value = f"320405{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    nik = validate_nik(value, check_region=False)
    assert (nik.birth_date.month, nik.birth_date.day, nik.birth_date.year % 100) == (
        birth.month,
        birth.day,
        birth.year % 100,
    )
    assert nik.gender == ("P" if female else "L")


@pytest.mark.parametrize("value", ["01.234.567.8-901.000", "012345678901000", "0012345678901000"])
def test_npwp_in_old_and_new_form(value):
    assert validate_npwp(value) == "0012345678901000"


@pytest.mark.parametrize("value", ["1234", "01.234.567.8-901", "ABCDEFGHIJKLMNO", "3204053102900001"])
def test_bad_npwp_is_refused(value):
    with pytest.raises(InvalidInput) as err:
        validate_npwp(value)
    assert err.value.code == "npwp_invalid"


def test_nib_has_thirteen_digits():
    assert validate_nib("9120 0012 34567") == "9120001234567"
    for bad in ("912000123456", "91200012345678", "0000000000000", "91200012345AB"):
        with pytest.raises(InvalidInput):
            validate_nib(bad)


def test_family_card_number():
    assert validate_kk("3204050101200001") == "3204050101200001"
    assert validate_kk("9101050101200001") == "9101050101200001"  # Merauke before 2022
    for bad in ("320405010120000", "9904050101200001", "3204050101200000"):
        with pytest.raises(InvalidInput):
            validate_kk(bad)


def test_masking_shows_only_the_ends():
    assert mask_identifier("3204051705900001") == "3204********0001"
    assert mask_identifier("1234") == "****"
