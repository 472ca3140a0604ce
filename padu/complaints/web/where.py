"""The "where did it happen?" step, shared by the report form and the officers' record page.

Three ways to give the place, all working without JavaScript:
- the region picker, preselected at the office's own area (down to its level);
- a search of villages by name: the form is submitted with "Search" and the matches come
  back as radio buttons;
- "Use my location" (JavaScript only, `complaints/where.js`): the device's position fills
  hidden coordinates; they are never typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from padu.complaints.selectors import PlaceOption, common_region_code, place_options
from padu.complaints.services import LAT_RANGE, LON_RANGE
from padu.core.errors import NotFound
from padu.core.models import Region
from padu.core.selectors import region_get
from padu.core.web.regionpicker import Picker, build_picker

QUERY_MAX = 60
# The buttons that ask for more on the same step (instead of continuing).
SEARCH = "search_place"
CHOOSE = "choose_region"
CLEAR_POINT = "clear_point"
# A long form's first, invisible button: Enter in any field lands here (and searches if a
# name was typed) instead of sending the form half-filled.
REFRESH = "refresh"


@dataclass
class Where:
    picker: Picker
    query: str = ""
    results: list[PlaceOption] | None = None
    chosen: str = ""  # a search result the person picked
    search_error: str = ""
    latitude: str = ""
    longitude: str = ""
    location_error: str = ""
    region: Region | None = None  # the answer, once valid
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def has_point(self) -> bool:
        return bool(self.latitude and self.longitude)


def _coordinate(value: Any, bounds: tuple[Decimal, Decimal]) -> str | None:
    """A coordinate from the device, or None when it is no place in Indonesia."""
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    if not number.is_finite() or not bounds[0] <= number <= bounds[1]:
        return None
    return str(number.quantize(Decimal("0.000001")))


def _village(code: str) -> Region | None:
    try:
        region = region_get(code) if code else None
    except NotFound:
        return None
    return region if region is not None and region.level == 4 else None


def start_code(*codes: str) -> str:
    """The first of the given region codes that is set, else the area of this installation's
    agencies (a village's own install starts at the village)."""
    return next((c for c in codes if c), "") or common_region_code()


def where_step(data: Any, *, start: str, latitude: str = "", longitude: str = "") -> tuple[Where, bool]:
    """The step from the submitted data (None: first view). Returns it and whether the person
    continues (True) or asked for more on the same step: a search, the next level of the
    picker, or removing the point. On continuing, `region` is set or an error is."""
    picker = build_picker(data, initial_code=start, purpose="incident")
    where = Where(picker=picker, latitude=latitude, longitude=longitude)
    if data is None:
        return where, False
    where.query = str(data.get("place_q") or "").strip()[:QUERY_MAX]
    where.chosen = str(data.get("place") or "").strip()
    near = picker.selected_code or start
    if len(where.query) >= 2:
        where.results = place_options(where.query, near=near)
    elif SEARCH in data:
        where.search_error = (
            _("Type at least two letters of the village's name.")
            if where.query
            else _("Type the name of the village or urban village.")
        )
    lat, lon = str(data.get("latitude") or ""), str(data.get("longitude") or "")
    if lat or lon:
        where.latitude, where.longitude = lat, lon
        fine = (_coordinate(lat, LAT_RANGE), _coordinate(lon, LON_RANGE))
        if fine[0] is None or fine[1] is None:
            where.location_error = _("The location from your device is not in Indonesia. Remove it, or try again.")
        else:
            where.latitude, where.longitude = fine[0], fine[1]
    if CLEAR_POINT in data:
        where.latitude = where.longitude = ""
        where.location_error = ""
        return where, False
    if SEARCH in data or CHOOSE in data or REFRESH in data:
        return where, False
    chosen = _village(where.chosen) if where.chosen else None
    if where.chosen and chosen is None:
        where.errors["place"] = _("Choose one of the villages found.")
    region = chosen or _village(picker.village_code)
    if region is None and not where.errors:
        picker.error = _("Choose the village or urban village where it happened.")
        where.errors["region"] = picker.error
    if where.location_error:
        where.errors["location"] = where.location_error
    where.region = region if not where.errors else None
    return where, True
