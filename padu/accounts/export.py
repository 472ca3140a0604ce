"""The person's own data from every app, for a data-subject request (UU PDP).

Accounts sits below the apps that hold a person's cases, bills, complaints and requests,
so it cannot read them. Each of those apps names its sections in its manifest
(`Manifest.export`, padu.core.manifest); `account_export` adds every section under its key.
"""

from __future__ import annotations

from typing import Any

from padu.core.manifest import export_sections


def exported_sections(user: Any) -> dict[str, Any]:
    return {key: section(user) for key, section in sorted(export_sections())}
