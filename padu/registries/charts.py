"""Server-side SVG charts of the register's statistics: a population pyramid and horizontal
bar charts. No JavaScript; each chart is an image (`role="img"`) named by its <title> and
described by its <desc>, with its numbers written beside the bars, and the same numbers in
the table next to it. The viewBox is 360 units wide and the chart takes the width it is
given, so it reads on a 320 px phone. A suppressed cell draws no bar (a bar's length would
give its value away): only its mark ("< 5" or "hidden")."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from padu.registries.statistics import SMALL, Row, Table

WIDTH = 360
FONT = 12
INK = "#1b1b1b"
MALE = "#1f5f8b"
FEMALE = "#a8481f"
BOTH = "#2f6b3a"
LABEL_CHARS = 52


def _mark(row: Row, col: str, min_cell: int) -> str:
    """The text a hidden cell shows instead of its number."""
    return f"< {min_cell}" if row.marks.get(col) == SMALL else _("hidden")


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _svg(chart_id: str, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stat-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" '
        f'font-size="{FONT}" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text above is escaped


def _scale(values: list[int | None], room: float) -> float:
    top = max((v for v in values if v), default=0)
    return room / top if top else 0.0


def bar_chart(table: Table, *, chart_id: str, min_cell: int) -> SafeString:
    """One horizontal bar per row (men and women together), the row's label above its bar."""
    row_height = 36
    height = max(row_height * len(table.rows) + 4, 40)
    room = WIDTH - 8 - 56
    scale = _scale([r.total for r in table.rows], room)
    body: list[str] = []
    for i, row in enumerate(table.rows):
        y = i * row_height
        body.append(f'<text x="4" y="{y + 13}">{escape(_short(row.label))}</text>')
        if row.total is None:
            body.append(f'<text x="4" y="{y + 29}" font-style="italic">{escape(_mark(row, "total", min_cell))}</text>')
            continue
        length = round(row.total * scale, 1)
        if length:
            body.append(f'<rect x="4" y="{y + 18}" width="{length}" height="12" fill="{BOTH}"/>')
        body.append(f'<text x="{4 + length + 4}" y="{y + 29}">{row.total}</text>')
    desc = _("A bar for each row of the table beside it: residents by %(what)s, men and women together.") % {
        "what": str(table.title).lower()
    }
    return _svg(chart_id, height, str(table.title), desc, body)


def pyramid(table: Table, *, chart_id: str, min_cell: int) -> SafeString:
    """The population pyramid: one row per age group, the oldest on top, men to the left and
    women to the right of the ages."""
    row_height = 18
    top = 22
    middle = 48
    half = (WIDTH - middle) / 2
    room = half - 34
    left_axis = half
    right_axis = half + middle
    rows = list(reversed(table.rows))
    scale = _scale([r.male for r in rows] + [r.female for r in rows], room)
    height = top + row_height * len(rows) + 4
    body = [
        f'<text x="{left_axis - 4}" y="14" text-anchor="end" font-weight="bold">{escape(_("Men"))}</text>',
        f'<text x="{right_axis + 4}" y="14" font-weight="bold">{escape(_("Women"))}</text>',
    ]
    for i, row in enumerate(rows):
        y = top + i * row_height
        body.append(f'<text x="{WIDTH / 2}" y="{y + 12}" text-anchor="middle">{escape(row.label)}</text>')
        for col, colour, side in (("male", MALE, -1), ("female", FEMALE, 1)):
            value = row.values[col]
            axis = left_axis if side < 0 else right_axis
            anchor = "end" if side < 0 else "start"
            if value is None:
                x = axis - 3 if side < 0 else axis + 3
                text = escape(_mark(row, col, min_cell))
                body.append(f'<text x="{x}" y="{y + 12}" text-anchor="{anchor}" font-style="italic">{text}</text>')
                continue
            length = round(value * scale, 1)
            if length:
                x = axis - length if side < 0 else axis
                body.append(f'<rect x="{x}" y="{y + 2}" width="{length}" height="{row_height - 4}" fill="{colour}"/>')
            tx = axis - length - 3 if side < 0 else axis + length + 3
            body.append(f'<text x="{tx}" y="{y + 12}" text-anchor="{anchor}">{value}</text>')
    desc = _(
        "Population pyramid: for each age group, the oldest on top, a bar for the men to the left and one for"
        " the women to the right. The numbers are in the table beside it."
    )
    return _svg(chart_id, height, _("Population pyramid by age group and sex"), desc, body)


def chart_for(table: Table, *, min_cell: int) -> SafeString:
    chart_id = f"chart-{table.slug}"
    if table.dimension == "age":
        return pyramid(table, chart_id=chart_id, min_cell=min_cell)
    return bar_chart(table, chart_id=chart_id, min_cell=min_cell)
