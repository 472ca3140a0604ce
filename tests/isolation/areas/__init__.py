"""Tenant-isolation cases of the apps beyond service delivery, one module per area.

The harness finds the areas: the kernel's, the documents' and the Django admin's here, and every app's from
its manifest (`Manifest.isolation`, padu.core.manifest). It never names a domain.

Each module defines PUBLIC, CASES and SELF (shaped as in tests/isolation/cases.py, which
merges them), LIST and NOT_LIST (its list-like routes: tests/isolation/test_lists.py),
TOKEN_SCOPES (the scope each token route requires: test_scopes.py), and `build(world)`,
which adds the area's objects, users and marker rows (both sides, see world.py) to the
shared world as attributes. (A refused call must change no row of any table: the snapshot
is a digest of every table, world.digest.)
"""

from __future__ import annotations

import importlib
from types import ModuleType

# The kernel's first; every app's from its manifest; then the documents' (letters are issued by
# the apps above: their cases build on the applications those areas made) and the admin's.
FIRST = ("tests.isolation.areas.core",)
LAST = ("tests.isolation.areas.documents", "tests.isolation.areas.admin")


def areas() -> list[ModuleType]:
    # The area modules import tests.isolation.cases, which merges them when it loads: load it first.
    importlib.import_module("tests.isolation.cases")
    from padu.core.manifest import isolation_modules

    return [importlib.import_module(name) for name in (*FIRST, *isolation_modules(), *LAST)]


# Importing an area module directly loads this package first: load the cases (which merge
# every area) now, before the area module itself runs half-way into a circular import.
import tests.isolation.cases  # noqa: E402, F401
