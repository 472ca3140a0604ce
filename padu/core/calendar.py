"""The working-day calendar: every legal deadline in the platform is counted here.

National holidays and cuti bersama come from the maintained `holidays` package
(categories public and government); an agency adds its own days off on top.
Weekends are Saturday and Sunday. Dates are the agency's local dates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from padu.core.models import Agency, AgencyHoliday

_MAX_SPAN_DAYS = 366 * 5


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Libur nasional and cuti bersama for one year, with their Indonesian names."""
    days = holidays_lib.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return dict(days.items())


def agency_local_date(agency: Agency, moment: dt.datetime | dt.date) -> dt.date:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(ZoneInfo(agency.time_zone)).date()
    return moment


class WorkCalendar:
    """One agency's calendar; reads its own holidays once."""

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self._own: dict[dt.date, str] | None = None

    def _own_holidays(self) -> dict[dt.date, str]:
        if self._own is None:
            self._own = dict(AgencyHoliday.objects.filter(agency=self.agency).values_list("date", "name"))
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
