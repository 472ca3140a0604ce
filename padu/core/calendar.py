"""The working-day calendar: every legal deadline in the platform is counted here.

National holidays and cuti bersama come from the maintained `holidays` package
(categories public and government); an agency adds its own days off on top, and an office
keeps the days off of every office above it (a regency's day off counts in its districts and
villages). Weekends are Saturday and Sunday. Dates are the agency's local dates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from django.utils import timezone

from padu.core.models import Agency, AgencyHoliday

_MAX_SPAN_DAYS = 366 * 5


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Libur nasional and cuti bersama for one year, with their Indonesian names."""
    days = holidays_lib.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return dict(days.items())


@lru_cache(maxsize=64)
def cuti_bersama(year: int) -> dict[dt.date, str]:
    """The collective leave days (the `government` category) the `holidays` package knows for
    a year. The government decrees them about a year ahead, so a year far enough on has none
    until the package is updated."""
    days = holidays_lib.country_holidays("ID", years=year, categories=("government",), language="id")
    return dict(days.items())


def years_without_cuti_bersama(today: dt.date) -> list[int]:
    """The coming years whose collective leave Padu does not know yet: this year, and next
    year once today is in the last quarter (when the decree for it is usually out)."""
    years = [today.year, today.year + 1] if today.month >= 10 else [today.year]
    return [year for year in years if not cuti_bersama(year)]


def agency_lineage(agency: Agency) -> list[int]:
    """The ids of the agency and every agency above it, from the top down, read from its
    materialised path ("/1/5/12/") without a query."""
    ids = [int(part) for part in agency.tree_path.strip("/").split("/") if part.isdigit()]
    if agency.pk is not None and agency.pk not in ids:
        ids.append(agency.pk)
    return ids


def agency_local_date(agency: Agency, moment: dt.datetime | dt.date) -> dt.date:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(ZoneInfo(agency.time_zone)).date()
    return moment


def agency_today(agency: Agency) -> dt.date:
    """Today's date where the agency is (its time zone, not the server's)."""
    return agency_local_date(agency, timezone.now())


class WorkCalendar:
    """One agency's calendar; reads its own days off and those of every office above it once,
    in one query."""

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self._own: dict[dt.date, str] | None = None

    def _own_holidays(self) -> dict[dt.date, str]:
        if self._own is None:
            lineage = agency_lineage(self.agency)
            depth = {agency_id: i for i, agency_id in enumerate(lineage)}
            rows = AgencyHoliday.objects.filter(agency_id__in=lineage).values_list("agency_id", "date", "name")
            # The nearest office's name wins where two offices declared the same day.
            self._own = {day: name for _agency, day, name in sorted(rows, key=lambda row: depth[row[0]])}
        return self._own

    def holiday_name(self, day: dt.date) -> str | None:
        return self._own_holidays().get(day) or national_holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and self.holiday_name(day) is None

    def add_working_days(self, start: dt.datetime | dt.date, days: int) -> dt.date:
        """The date `days` working days after `start` (the start day itself never counts).

        With `days=0`, the first working day on or after `start`."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = agency_local_date(self.agency, start)
        if days == 0:
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
            return day
        counted = 0
        for _ in range(_MAX_SPAN_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                if counted == days:
                    return day
        raise ValueError("deadline too far in the future")

    def working_days_between(self, start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is earlier."""
        a = agency_local_date(self.agency, start)
        b = agency_local_date(self.agency, end)
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        if (b - a).days > _MAX_SPAN_DAYS:
            raise ValueError("span too long")
        count = 0
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count

    def deadline(self, start: dt.datetime, days: int) -> dt.datetime:
        """End of the working day `days` working days after `start`, as an aware datetime."""
        day = self.add_working_days(start, days)
        end = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=ZoneInfo(self.agency.time_zone))
        return end


def add_working_days(agency: Agency, start: dt.datetime | dt.date, days: int) -> dt.date:
    return WorkCalendar(agency).add_working_days(start, days)


def working_days_between(agency: Agency, start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> int:
    return WorkCalendar(agency).working_days_between(start, end)
