"""Population statistics over the API: an office's published figures (small cells suppressed,
anyone may read them) and the exact figures (the register's officers and supervisors, people
only: exact small counts could single somebody out, so no token reads them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import Forbidden
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for, agency_public_get
from padu.registries.statistics import Row, Statistics, statistics_exact, statistics_public

router = Router(tags=["population register"])
ERRORS: dict[int, type[Problem]] = {401: Problem, 403: Problem, 404: Problem}


class StatisticsRowOut(Schema):
    key: str
    label: str
    male: int | None
    female: int | None
    total: int | None
    suppressed: bool = Field(description="True when a cell of the row is not published (its value is null)")
    hidden: dict[str, str] = Field(
        default_factory=dict,
        description="Why each null cell is hidden: `small` (under min_cell) or `secondary` (so that a small"
        " cell cannot be worked out from a total)",
    )


class TableOut(Schema):
    title: str
    rows: list[StatisticsRowOut]
    total: StatisticsRowOut


class PopulationStatisticsOut(Schema):
    agency: str
    name: str
    as_of: dt.date
    exact: bool
    min_cell: int = Field(description="The smallest number published; smaller ones are null")
    rollup: bool = Field(description="True for a kecamatan or regency: the sum of the villages beneath it")
    villages: int
    families: int
    households: int
    dimensions: dict[str, TableOut]


def _row(row: Row) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "male": row.male,
        "female": row.female,
        "total": row.total,
        "suppressed": row.suppressed,
        "hidden": dict(row.marks),
    }


def _out(stats: Statistics) -> dict[str, Any]:
    return {
        "agency": stats.agency.slug,
        "name": stats.agency.name,
        "as_of": stats.as_of,
        "exact": stats.exact,
        "min_cell": stats.min_cell,
        "rollup": stats.is_rollup,
        "villages": stats.villages,
        "families": stats.families,
        "households": stats.households,
        "dimensions": {
            t.dimension: {"title": t.title, "rows": [_row(r) for r in t.rows], "total": _row(t.total)}
            for t in stats.tables
        },
    }


@router.get("/registry/statistics/{agency_slug}", response={200: PopulationStatisticsOut, 404: Problem}, auth=None)
def statistics_published(request: HttpRequest, agency_slug: str) -> object:
    """An office's published population statistics (a kecamatan's or regency's add up the
    villages beneath it): every cell under `min_cell` is null with `suppressed: true`."""
    return _out(statistics_public(agency_public_get(agency_slug)))


@router.get("/agencies/{agency_id}/registry/statistics", response={200: PopulationStatisticsOut, **ERRORS}, auth=AUTH)
def statistics_numbers(request: HttpRequest, agency_id: int) -> object:
    """The exact figures, for the register's officers and supervisors (people only, no token)."""
    actor = api_actor(request)
    if actor.token is not None:
        raise Forbidden(code="token_not_allowed")
    return _out(statistics_exact(actor, agency_get_for(actor, agency_id)))
