"""The cascading region picker (province → regency/city → district → village).

State lives in the submitted data: one select per level. Without JavaScript the person
presses "Choose" to reveal the next level; with HTMX the picker re-renders on change.

A page may give the picker a `purpose` (one of PURPOSES): its own legend and hint, e.g.
"Where did it happen?" for a complaint's place. The purpose travels with the picker's data
(a hidden field), so the HTMX fragment keeps it; `initial_code` preselects a region down to
its level (e.g. the office's own area) until the person chooses another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from padu.core.errors import NotFound
from padu.core.models import Region
from padu.core.selectors import region_ancestors, region_children, region_get

# Field names, one per level; the village level is submitted as `region_code`.
FIELD_NAMES = ("region_1", "region_2", "region_3", "region_code")
LEVEL_LABELS = (_("Province"), _("Regency or city"), _("District (kecamatan)"), _("Village (desa/kelurahan)"))
PURPOSE_FIELD = "picker_purpose"


@dataclass(frozen=True)
class Purpose:
    legend: Any
    hint: Any


# What a picker asks, by purpose (the default asks for a region; in a form, where one lives).
PURPOSES = {
    "incident": Purpose(
        _("Where did it happen?"),
        _("It starts at the office's own area: change any level if it happened elsewhere."),
    ),
}


@dataclass
class PickerLevel:
    name: str
    label: Any
    options: list[Region]
    selected: str = ""

    @property
    def id(self) -> str:
        return f"id_{self.name}"


@dataclass
class Picker:
    levels: list[PickerLevel] = field(default_factory=list)
    # The deepest region chosen (any level), or None.
    selected: Region | None = None
    error: str = ""
    purpose: str = ""

    @property
    def legend(self) -> Any:
        return PURPOSES[self.purpose].legend if self.purpose in PURPOSES else ""

    @property
    def hint(self) -> Any:
        return PURPOSES[self.purpose].hint if self.purpose in PURPOSES else ""

    @property
    def selected_code(self) -> str:
        return self.selected.code if self.selected else ""

    @property
    def village_code(self) -> str:
        return self.selected.code if self.selected and self.selected.level == 4 else ""

    @property
    def first_id(self) -> str:
        return self.levels[-1].id if self.levels else "id_region_1"


def _chain_from_data(data: Any) -> list[str]:
    """The consistent chain of codes from the submitted selects (each the child of the last)."""
    chain: list[str] = []
    for name in FIELD_NAMES:
        code = str(data.get(name) or "").strip() if data is not None else ""
        parent = chain[-1] if chain else ""
        if not code or (parent and not code.startswith(parent + ".")) or (not parent and "." in code):
            break
        chain.append(code)
    return chain


def build_picker(data: Any = None, initial_code: str = "", *, purpose: str = "") -> Picker:
    if not purpose and data is not None:
        purpose = str(data.get(PURPOSE_FIELD) or "")
    chain = _chain_from_data(data)
    if not chain and initial_code:
        try:
            region = region_get(initial_code)
        except NotFound:
            region = None
        if region is not None:
            chain = [r.code for r in region_ancestors(region)] + [region.code]
    picker = Picker(purpose=purpose if purpose in PURPOSES else "")
    parent = ""
    for index, name in enumerate(FIELD_NAMES):
        try:
            options = list(region_children(parent or None))
        except NotFound:
            break
        selected = chain[index] if index < len(chain) else ""
        option_codes = {r.code for r in options}
        if selected not in option_codes:
            selected = ""
        picker.levels.append(PickerLevel(name=name, label=LEVEL_LABELS[index], options=options, selected=selected))
        if not selected or not options:
            break
        picker.selected = next(r for r in options if r.code == selected)
        parent = selected
    return picker
