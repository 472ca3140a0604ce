import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from padu.core import calendar as calendar_module
from padu.core.actors import OPERATOR
from padu.core.calendar import (
    WorkCalendar,
    add_working_days,
    national_holidays,
    working_days_between,
    years_without_cuti_bersama,
)
from padu.core.models import AgencyHoliday
from padu.core.roles import Role
from padu.core.services import holiday_add
from padu.core.web.console import SESSION_KEY
from tests import web_factories as web
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


# ---- days off of the offices above (inherited) ----


@pytest.fixture
def tree():
    """Kabupaten Bandung > Kecamatan Cileunyi > Desa Cileunyi Kulon, and a village of another
    district beside them."""
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05", parent=regency)
    village = make_agency(region="32.04.05.2001", parent=district)
    other_regency = make_agency(name="Pemerintah Kabupaten Cilacap", kind="pemda", region="33.01")
    return regency, district, village, other_regency


def test_a_regency_day_off_counts_in_every_office_beneath_it(tree):
    regency, district, village, other_regency = tree
    # Tuesday 20 April 2027: Hari Jadi Kabupaten Bandung.
    holiday_add(actor=OPERATOR, agency=regency, date=dt.date(2027, 4, 20), name="Hari Jadi Kabupaten Bandung")
    # Monday 19 April + 1 working day: Wednesday 21 April beneath the regency, Tuesday elsewhere.
    for office in (regency, district, village):
        assert add_working_days(office, dt.date(2027, 4, 19), 1) == dt.date(2027, 4, 21), office.name
    assert add_working_days(other_regency, dt.date(2027, 4, 19), 1) == dt.date(2027, 4, 20)
    assert WorkCalendar(village).holiday_name(dt.date(2027, 4, 20)) == "Hari Jadi Kabupaten Bandung"


def test_a_village_day_off_does_not_count_above_it(tree):
    regency, district, village, _other = tree
    holiday_add(actor=OPERATOR, agency=village, date=dt.date(2027, 9, 6), name="Hari Jadi Desa")  # a Monday
    assert add_working_days(village, dt.date(2027, 9, 3), 1) == dt.date(2027, 9, 7)
    assert add_working_days(district, dt.date(2027, 9, 3), 1) == dt.date(2027, 9, 6)
    assert add_working_days(regency, dt.date(2027, 9, 3), 1) == dt.date(2027, 9, 6)


def test_the_nearest_office_names_a_day_both_declared(tree):
    regency, district, village, _other = tree
    day = dt.date(2027, 10, 12)
    holiday_add(actor=OPERATOR, agency=regency, date=day, name="Libur Kabupaten")
    holiday_add(actor=OPERATOR, agency=district, date=day, name="Libur Kecamatan")
    assert WorkCalendar(village).holiday_name(day) == "Libur Kecamatan"
    assert WorkCalendar(district).holiday_name(day) == "Libur Kecamatan"
    assert WorkCalendar(regency).holiday_name(day) == "Libur Kabupaten"


def test_one_query_reads_the_days_off_of_the_whole_chain(tree, django_assert_num_queries):
    regency, district, village, _other = tree
    holiday_add(actor=OPERATOR, agency=regency, date=dt.date(2027, 4, 20), name="Hari Jadi Kabupaten Bandung")
    holiday_add(actor=OPERATOR, agency=district, date=dt.date(2027, 5, 4), name="Hari Jadi Kecamatan")
    calendar = WorkCalendar(village)
    with django_assert_num_queries(1):
        assert calendar.add_working_days(dt.date(2027, 4, 19), 1) == dt.date(2027, 4, 21)
        assert calendar.working_days_between(dt.date(2027, 5, 3), dt.date(2027, 5, 5)) == 1  # 4 May is off
        assert calendar.is_working_day(dt.date(2027, 5, 5))


# ---- cuti bersama the holidays package does not know yet ----


def test_years_without_cuti_bersama_on_fixed_dates():
    # The package knows 2026 and 2027; nobody knows 2039 or 2040 yet.
    assert years_without_cuti_bersama(dt.date(2026, 6, 1)) == []
    assert years_without_cuti_bersama(dt.date(2026, 11, 1)) == []  # last quarter: 2027 is known too
    assert years_without_cuti_bersama(dt.date(2039, 9, 30)) == [2039]
    assert years_without_cuti_bersama(dt.date(2039, 10, 1)) == [2039, 2040]


@pytest.fixture
def no_cuti_bersama_in_2026(monkeypatch):
    """The holidays package as it would be before the 2026 decree: no government days."""
    real = calendar_module.holidays_lib.country_holidays

    def country_holidays(country, *, years, categories=("public",), **kw):
        if years == 2026 and tuple(categories) == ("government",):
            return {}
        return real(country, years=years, categories=categories, **kw)

    monkeypatch.setattr(calendar_module.holidays_lib, "country_holidays", country_holidays)
    calendar_module.cuti_bersama.cache_clear()
    yield
    calendar_module.cuti_bersama.cache_clear()


def test_a_year_the_package_has_no_cuti_bersama_for_is_reported(no_cuti_bersama_in_2026):
    assert years_without_cuti_bersama(dt.date(2026, 3, 1)) == [2026]
    assert years_without_cuti_bersama(dt.date(2026, 12, 31)) == [2026]


def _console(client, person, agency):
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_console_warns_the_admin_when_next_year_has_no_cuti_bersama(client):
    village = web.agency()
    admin = web.staff(village, Role.AGENCY_ADMIN, "admin@example.id")
    web.with_totp(admin)
    clerk = web.staff(village, Role.FRONT_DESK, "loket@example.id")
    warning = "The national calendar for 2040 has no cuti bersama yet"
    # 15 November 2039, 09:00 WIB: the last quarter, and the package knows neither year.
    with time_machine.travel(dt.datetime(2039, 11, 15, 2, 0, tzinfo=dt.UTC), tick=False):
        _console(client, admin, village)
        overview = client.get(reverse("portal:console")).content.decode()
        assert warning in overview and "The national calendar for 2039 has no cuti bersama yet" in overview
        assert reverse("portal:console_calendar") in overview
        assert warning in client.get(reverse("portal:console_calendar")).content.decode()
        # The overview tells the admin, who can act; not the clerk.
        _console(client, clerk, village)
        assert warning not in client.get(reverse("portal:console")).content.decode()
    # In June 2026 the package knows the year: no warning.
    with time_machine.travel(dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC), tick=False):
        _console(client, admin, village)
        assert "has no cuti bersama yet" not in client.get(reverse("portal:console")).content.decode()


def test_the_console_warns_about_this_year_when_the_package_lacks_it(client, no_cuti_bersama_in_2026):
    village = web.agency()
    admin = web.staff(village, Role.AGENCY_ADMIN, "admin@example.id")
    web.with_totp(admin)
    with time_machine.travel(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False):
        _console(client, admin, village)
        page = client.get(reverse("portal:console_calendar")).content.decode()
    assert "The national calendar for 2026 has no cuti bersama yet" in page


def test_the_calendar_page_lists_the_days_off_of_the_offices_above_without_a_remove_button(client):
    regency = web.agency("Pemerintah Kabupaten Bandung", region_code="32.04", kind="pemda")
    district = web.agency("Kecamatan Cileunyi", region_code="32.04.05", kind="kecamatan", parent=regency)
    village = web.agency(parent=district)
    regency_day = holiday_add(
        actor=OPERATOR, agency=regency, date=dt.date(2027, 4, 20), name="Hari Jadi Kabupaten Bandung"
    )
    own_day = holiday_add(actor=OPERATOR, agency=village, date=dt.date(2027, 9, 6), name="Hari Jadi Desa")
    admin = web.staff(village, Role.AGENCY_ADMIN, "admin@example.id")
    web.with_totp(admin)
    with time_machine.travel(dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.UTC), tick=False):
        _console(client, admin, village)
        page = client.get(reverse("portal:console_calendar")).content.decode()
        inherited = page.split('id="inherited-holidays"')[1].split("</table>")[0]
        own = page.split('id="own-holidays"')[1].split("</table>")[0]
        assert "Hari Jadi Kabupaten Bandung" in inherited and "Pemerintah Kabupaten Bandung" in inherited
        assert "Tuesday, 20 April 2027" in inherited
        assert "Hari Jadi Desa" in own and "Hari Jadi Kabupaten Bandung" not in own
        # Removable here: only the village's own day; the regency's only by the regency.
        assert reverse("portal:console_holiday_delete", args=[own_day.pk]) in page
        assert reverse("portal:console_holiday_delete", args=[regency_day.pk]) not in page
        assert client.post(reverse("portal:console_holiday_delete", args=[regency_day.pk])).status_code == 404
    assert AgencyHoliday.objects.filter(pk=regency_day.pk).exists()
    # The regency's admin removes it, and the village no longer keeps the day.
    regency_admin = web.staff(regency, Role.AGENCY_ADMIN, "admin.kab@example.id")
    web.with_totp(regency_admin)
    _console(client, regency_admin, regency)
    assert client.post(reverse("portal:console_holiday_delete", args=[regency_day.pk])).status_code == 302
    assert add_working_days(village, dt.date(2027, 4, 19), 1) == dt.date(2027, 4, 20)
