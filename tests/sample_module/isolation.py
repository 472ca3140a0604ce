"""The notice board's tenant-isolation cases, found by the harness through the manifest."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, console_list, page, public_list

PUBLIC: dict[str, str] = {"papan/<slug:slug>/": "an agency's notice board: public by design"}
CASES: dict[str, list[Call]] = {
    "konsol/papan/": [
        page("GET", "/konsol/papan/"),
        page("POST", "/konsol/papan/", form={"title": "Sisipan"}),
    ],
}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {
    "papan/<slug:slug>/": [public_list("/papan/{slug}/", public=("PAPAN",))],
    "konsol/papan/": [console_list("/konsol/papan/", public=("PAPAN",))],
}


def build(world: Any) -> None:
    """A notice on each side's board, its title a public marker."""
    from tests.isolation.world import SIDES, public_mark
    from tests.sample_module.models import Notice

    for s in SIDES:
        Notice.objects.create(
            agency=world.agency(s), author=getattr(world, f"admin_{s}"), title=public_mark(s, "PAPAN")
        )
