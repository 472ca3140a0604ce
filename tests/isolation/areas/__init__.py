"""Tenant-isolation cases of the apps beyond service delivery, one module per area.

Each module defines PUBLIC, CASES and SELF (shaped as in tests/isolation/cases.py, which
merges them), `build(world)`, which adds the area's objects and users to the shared world
as attributes, and `snapshot()`, the counts that a refused call must leave unchanged.
"""

from __future__ import annotations

import importlib
from types import ModuleType

AREA_NAMES = ("billing", "complaints", "information")


def areas() -> list[ModuleType]:
    found = []
    for name in AREA_NAMES:
        try:
            found.append(importlib.import_module(f"tests.isolation.areas.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.isolation.areas.{name}":
                raise
    return found
