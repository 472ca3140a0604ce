import datetime as dt

import pytest
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
def test_a_district_that_does_not_exist_is_refused_once_regions_are_loaded():
    load_regions(["32.04.05.2001"])
    validate_nik("3204051705900001")
    with pytest.raises(InvalidInput):
        validate_nik("3204991705900001")  # Kab. Bandung has no district 99


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
    for bad in ("320405010120000", "9904050101200001", "3204050101200000"):
        with pytest.raises(InvalidInput):
            validate_kk(bad)


def test_masking_shows_only_the_ends():
    assert mask_identifier("3204051705900001") == "3204********0001"
    assert mask_identifier("1234") == "****"
