"""System checks of Padu's own settings, run by `padu check --deploy`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.checks import Warning as CheckWarning

DATA_KEY_MIN_LENGTH = 32
_GENERATE = (
    'Generate one with `python3 -c "import secrets; print(secrets.token_urlsafe(32))"`, set it in the '
    "environment or .env, and back it up apart from the database (docs/operators.md, section 4)."
)


@register(Tags.security, deploy=True)
def data_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """PADU_DATA_KEY encrypts every NIK and No. KK: it must be set, its own, and long."""
    key = str(getattr(settings, "PADU_DATA_KEY", "") or "")
    if not key:
        return [Error("PADU_DATA_KEY is not set: personal data cannot be encrypted.", hint=_GENERATE, id="padu.E001")]
    if key == settings.SECRET_KEY:
        return [
            Error(
                "PADU_DATA_KEY is the same as SECRET_KEY (with DEBUG on, an unset PADU_DATA_KEY falls back to "
                "it): whoever learns SECRET_KEY can also read every NIK.",
                hint=_GENERATE + " An installation whose NIKs are already encrypted with this value keeps it as "
                "PADU_DATA_KEY and gives SECRET_KEY a new value instead (this signs everyone out).",
                id="padu.E002",
            )
        ]
    if len(key) < DATA_KEY_MIN_LENGTH or len(set(key)) < 5:
        return [
            CheckWarning(
                f"PADU_DATA_KEY has fewer than {DATA_KEY_MIN_LENGTH} characters (or fewer than 5 different ones): "
                "it can be guessed from a stolen database.",
                hint=_GENERATE,
                id="padu.W001",
            )
        ]
    return []
