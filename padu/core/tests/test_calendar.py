import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from padu.core.actors import OPERATOR
from padu.core.calendar import WorkCalendar, add_working_days, national_holidays, working_days_between
from padu.core.services import holiday_add
from tests.factories import make_agency

pytestmark = pytest.mark.django_db


def test_national_holidays_include_cuti_bersama():
    days = national_holidays(2026)
    assert dt.date(2026, 8, 17) in days  # Proklamasi
    assert dt.date(2026, 3, 23) in days  # cuti bersama Idulfitri (government category)
    assert dt.date(2026, 3, 25) not in days


def test_deadline_skips_the_weekend_and_a_national_holiday():
    agency = make_agency()
    # Thursday 13 Aug 2026 + 3 working days: Fri 14, (Sat, Sun), Mon 17 is Proklamasi, Tue 18, Wed 19.
    assert add_working_days(agency, dt.date(2026, 8, 13), 3) == dt.date(2026, 8, 19)


def test_lebaran_week_counts_no_working_days():
    agency = make_agency()
    # 18 Mar (cuti bersama Nyepi) to 24 Mar 2026 (cuti bersama Idulfitri): nothing counts.
    assert working_days_between(agency, dt.date(2026, 3, 17), dt.date(2026, 3, 24)) == 0
    assert add_working_days(agency, dt.date(2026, 3, 17), 1) == dt.date(2026, 3, 25)


def test_an_agency_holiday_counts_only_for_that_agency():
    village = make_agency()
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    holiday_add(actor=OPERATOR, agency=village, date=dt.date(2026, 9, 7), name="Hari Jadi Desa")
    assert add_working_days(village, dt.date(2026, 9, 4), 1) == dt.date(2026, 9, 8)
    assert add_working_days(other, dt.date(2026, 9, 4), 1) == dt.date(2026, 9, 7)


def test_the_local_date_depends_on_the_agency_time_zone():
    wib = make_agency()
    wit = make_agency(name="Pemerintah Kota Jayapura", kind="pemda", region="91.71")
    assert wit.time_zone == "Asia/Jayapura"
    # 2026-11-26 16:30 UTC is still Thursday in WIB (23:30) but Friday 01:30 in WIT.
    moment = dt.datetime(2026, 11, 26, 16, 30, tzinfo=dt.UTC)
    assert add_working_days(wib, moment, 1) == dt.date(2026, 11, 27)
    assert add_working_days(wit, moment, 1) == dt.date(2026, 11, 30)


def test_deadline_is_the_end_of_the_due_day_in_local_time():
    agency = make_agency()
    due = WorkCalendar(agency).deadline(dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC), 10)
    assert due == dt.datetime(2026, 12, 11, 23, 59, 59, tzinfo=ZoneInfo("Asia/Jakarta"))


def test_between_is_negative_backwards_and_zero_days_rolls_to_a_working_day():
    agency = make_agency()
    assert working_days_between(agency, dt.date(2026, 11, 30), dt.date(2026, 11, 23)) == -5
    assert add_working_days(agency, dt.date(2026, 11, 28), 0) == dt.date(2026, 11, 30)
    with pytest.raises(ValueError):
        add_working_days(agency, dt.date(2026, 11, 28), -1)
