"""Population statistics pages: the public index of offices with a register, an office's
statistics (a village's own, or the roll-up of the villages beneath a kecamatan or regency)
with a chart beside each table and CSV downloads, all with small cells suppressed; the
console's exact numbers for the register's keepers and supervisors; and the block on an
office's public page. Thin: parse, call `padu.registries.statistics`, render."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from padu.core.actors import Actor
from padu.core.errors import NotFound
from padu.core.models import Agency
from padu.core.selectors import agency_get_for, agency_public_get
from padu.core.web.console import console_context, console_view
from padu.registries.charts import chart_for
from padu.registries.statistics import (
    SMALL,
    Statistics,
    Table,
    agencies_with_register,
    dimension_of,
    is_village,
    publishes_statistics,
    statistics_exact,
    statistics_public,
)

SECTION_TEMPLATE = "registries/statistics/agency_section.html"
PUBLIC_MAX_AGE = 300


def _blocks(stats: Statistics) -> list[dict[str, Any]]:
    """Each table with its chart (the sex table needs none: two numbers)."""
    return [
        {"table": t, "chart": None if t.dimension == "sex" else chart_for(t, min_cell=stats.min_cell)}
        for t in stats.tables
    ]


def _groups(agencies: list[Agency]) -> tuple[list[Agency], list[tuple[Agency | None, list[Agency]]]]:
    """The offices with a roll-up (kecamatan, regencies) and the villages under each parent."""
    rollups = [a for a in agencies if not is_village(a)]
    by_pk = {a.pk: a for a in agencies}
    groups: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        if is_village(agency):
            parent = agency.parent_id if agency.parent_id in by_pk else None
            groups.setdefault(parent, []).append(agency)
    ordered = sorted(groups.items(), key=lambda item: by_pk[item[0]].tree_path if item[0] is not None else "~")
    return rollups, [(by_pk.get(pk) if pk is not None else None, villages) for pk, villages in ordered]


@require_GET
def statistics_index(request: HttpRequest) -> HttpResponse:
    rollups, groups = _groups(agencies_with_register())
    return render(request, "registries/statistics/index.html", {"rollups": rollups, "groups": groups})


def _public(slug: str) -> Statistics:
    return statistics_public(agency_public_get(slug))


@require_GET
def statistics_page(request: HttpRequest, slug: str) -> HttpResponse:
    stats = _public(slug)
    children = []
    if stats.is_rollup:
        children = [
            a
            for a in agencies_with_register()
            if a.parent_id == stats.agency.pk and a.tree_path.startswith(stats.agency.tree_path)
        ]
    response = render(
        request,
        "registries/statistics/agency.html",
        {
            "stats": stats,
            "agency": stats.agency,
            # Called by the template only when its cached fragment (keyed on stats.key) is gone.
            "blocks": lambda: _blocks(stats),
            "children": children,
            "small_mark": f"< {stats.min_cell}",
        },
    )
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


def _cell_text(table: Table, col: str, row_values: dict[str, int | None], marks: dict[str, str], minimum: int) -> str:
    value = row_values[col]
    if value is not None:
        return str(value)
    return f"< {minimum}" if marks.get(col) == SMALL else _("hidden")


def table_csv(table: Table, minimum: int) -> str:
    """One table as CSV (with a BOM, so spreadsheet programs read it as UTF-8); hidden cells
    carry their mark, never a number."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["key", "label", "male", "female", "total"])
    for row in [*table.rows, table.total]:
        writer.writerow(
            [row.key, row.label, *(_cell_text(table, c, row.values, row.marks, minimum) for c in row.values)]
        )
    return out.getvalue()


@require_GET
def statistics_csv(request: HttpRequest, slug: str, dimension: str) -> HttpResponse:
    stats = _public(slug)
    name = dimension_of(dimension)
    table = stats.by_dimension.get(name)
    if table is None:  # the dusun / RW / RT tables exist for villages only
        raise Http404
    response = HttpResponse(table_csv(table, stats.min_cell), content_type="text/csv; charset=utf-8")
    filename = f"statistik-penduduk-{stats.agency.slug}-{table.slug}-{stats.as_of.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


@console_view
@require_GET
def console_statistics(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    base = agency_get_for(actor, agency_id)
    chosen = base
    wanted = request.GET.get("agency", "").strip()
    if wanted.isdigit() and int(wanted) != base.pk:
        chosen = agency_get_for(actor, int(wanted))
        if not chosen.tree_path.startswith(base.tree_path):
            raise NotFound(_("Agency not found."), code="agency_not_found")
    stats = statistics_exact(actor, chosen)
    choices = [base] + [
        a for a in agencies_with_register() if a.pk != base.pk and a.tree_path.startswith(base.tree_path)
    ]
    return render(
        request,
        "registries/statistics/console.html",
        console_context(
            request,
            actor,
            base,
            section="registry_statistics",
            stats=stats,
            chosen=chosen,
            choices=choices,
            blocks=_blocks(stats),
        ),
    )


def agency_statistics(agency: Agency) -> dict[str, Any]:
    """The office page's block (manifest `agency_sections`): the number of residents and a
    link to the statistics; nothing for an office without a register."""
    if not publishes_statistics(agency):
        return {}
    try:
        stats = statistics_public(agency)
    except NotFound:
        return {}
    return {
        "registry_statistics": {
            "residents": stats.residents.total,
            "families": stats.families,
            "as_of": stats.as_of,
            "rollup": stats.is_rollup,
            "url": reverse("portal:registry_statistics", args=[agency.slug]),
        }
    }


public_urlpatterns = [
    path("statistik-penduduk/", statistics_index, name="registry_statistics_index"),
    path("statistik-penduduk/<slug:slug>/", statistics_page, name="registry_statistics"),
    path("statistik-penduduk/<slug:slug>/<slug:dimension>.csv", statistics_csv, name="registry_statistics_csv"),
]
console_urlpatterns = [
    path("penduduk/statistik/", console_statistics, name="console_registry_statistics"),
]
