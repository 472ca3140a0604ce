"""(being written)"""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}


def build(world: Any) -> None:
    return None
