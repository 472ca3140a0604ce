"""Tenant isolation of the population register: another village's officers, the front desk
(for the sensitive items), supervisors (numbers only) and tokens without `registries:read`
never reach a village's residents, families, events, imports or books. Each part's cases live
beside this module and are merged here."""

from __future__ import annotations

from typing import Any

from padu.registries.tests import (
    isolation_books,
    isolation_households,
    isolation_imports,
    isolation_linking,
    isolation_residents,
    isolation_statistics,
)
from tests.isolation.cases import Call, ListCase, TokenRoute

PARTS = (
    isolation_residents,
    isolation_imports,
    isolation_books,
    isolation_statistics,
    isolation_linking,
    isolation_households,
)

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}

for _part in PARTS:
    PUBLIC.update(_part.PUBLIC)
    CASES.update(_part.CASES)
    SELF.update(_part.SELF)
    LIST.update(_part.LIST)
    NOT_LIST.update(_part.NOT_LIST)
    TOKEN_SCOPES.update(_part.TOKEN_SCOPES)


def build(world: Any) -> None:
    for part in PARTS:
        part.build(world)
