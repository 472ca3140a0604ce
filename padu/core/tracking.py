"""Tracking numbers: short, unambiguous when read aloud, with a check character.

Shared by every app that hands people a number to follow a case with (applications,
complaints, information requests); each app checks uniqueness in its own table.

Crockford's base-32 alphabet (no I, L, O, U) in two groups of four, plus Crockford's
mod-37 check symbol: `K7M3-9QXC-*`. One mistyped or swapped character is caught.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
_READ_AS = {"I": "1", "L": "1", "O": "0"}


def check_symbol(body: str) -> str:
    value = 0
    for ch in body:
        value = value * 32 + ALPHABET.index(ch)
    return CHECK_ALPHABET[value % 37]


def new_tracking_number() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}-{check_symbol(body)}"


def normalise_tracking_number(text: str) -> str | None:
    """Accept lower case, spaces, missing dashes and I/L/O read as 1/1/0; None if not valid."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum() or ch in "*~$=")
    raw = "".join(_READ_AS.get(ch, ch) for ch in raw)
    if len(raw) != 9 or any(ch not in ALPHABET for ch in raw[:8]):
        return None
    body, check = raw[:8], raw[8]
    if check_symbol(body) != check:
        return None
    return f"{body[:4]}-{body[4:]}-{check}"
