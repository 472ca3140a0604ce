"""The person's own data from every app, for a data-subject request (UU PDP).

Accounts sits below the apps that hold a person's cases, bills, complaints and requests,
so it cannot read them. Each of those apps registers a section from its AppConfig.ready();
`account_export` adds every registered section under its key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Section = Callable[[Any], Any]  # the user → plain JSON-able data
_sections: dict[str, Section] = {}


def export_section(key: str, section: Section) -> None:
    if _sections.get(key, section) is not section:
        raise ValueError(f"Export section {key!r} is already registered.")
    _sections[key] = section


def exported_sections(user: Any) -> dict[str, Any]:
    return {key: section(user) for key, section in sorted(_sections.items())}
