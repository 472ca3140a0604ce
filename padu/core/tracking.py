"""Tracking numbers: short, unambiguous when read aloud, with a check character.

Shared by every app that hands people a number to follow a case with (applications,
complaints, information requests); each app checks uniqueness in its own table.

A number is eight characters of Crockford's base-32 alphabet (digits and letters without
I, L, O and U) in two groups of four, then one check character from the same 32 letters and
digits: `K7M3-9QXC-B`. Nothing to spell out on the phone but letters and digits.

The check character is ISO/IEC 7064's hybrid system with M = 32 ("MOD 33,32"): the state
starts at P = 32; for each character of value a, S = (P + a) mod 32 (0 counts as 32) and
P = 2S mod 33; the check character is the one that brings the last S to 1, (33 - P) mod 32.
Each step is a one-to-one map of the state, so the scheme catches:

- every single wrong character, in the body or the check character itself (all of them);
- every swap of two neighbours but one ordered pair in 496 (about 99.8 % caught): for each
  state, 2 of the 992 ordered pairs of different characters give the same state swapped.
  The same holds for the last body character swapped with the check character.

Numbers issued before this scheme end in Crockford's mod-37 check symbol, which may be one
of `* ~ $ = U` (`legacy_check_symbol`). They stay valid: `normalise_tracking_number`
accepts a number whose last character is either check of its body. A mistyped new number
therefore passes the check in about 1 case in 37 when its last character happens to be the
old symbol of the mistyped body; it then names no case (nobody holds that number), and the
lookup says "not found" instead of "typing error".
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LEGACY_CHECK_ALPHABET = ALPHABET + "*~$=U"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_READ_AS = {"I": "1", "L": "1", "O": "0"}
_M = 32  # ISO 7064 hybrid system MOD 33,32


def _state_after(text: str) -> int:
    """The hybrid system's state P after `text` (ISO 7064, M = 32)."""
    p = _M
    for ch in text:
        s = (p + _VALUE[ch]) % _M or _M
        p = (2 * s) % (_M + 1)
    return p


def check_character(body: str) -> str:
    """The ISO 7064 MOD 33,32 check character of an 8-character body."""
    return ALPHABET[(_M + 1 - _state_after(body)) % _M]


def legacy_check_symbol(body: str) -> str:
    """Crockford's mod-37 check symbol: the check of numbers issued before the ISO 7064 one."""
    value = 0
    for ch in body:
        value = value * 32 + _VALUE[ch]
    return LEGACY_CHECK_ALPHABET[value % 37]


def new_tracking_number() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}-{check_character(body)}"


def normalise_tracking_number(text: str, *, legacy: bool = True) -> str | None:
    """Accept lower case, spaces, missing dashes and I/L/O read as 1/1/0; None if not valid.

    A number is valid when its last character is the ISO 7064 check of its body or, with
    `legacy` (the default, for lookups), the mod-37 symbol of the numbers issued before."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum() or ch in "*~$=")
    raw = "".join(_READ_AS.get(ch, ch) for ch in raw)
    if len(raw) != 9 or any(ch not in _VALUE for ch in raw[:8]):
        return None
    body, check = raw[:8], raw[8]
    if check != check_character(body) and not (legacy and check == legacy_check_symbol(body)):
        return None
    return f"{body[:4]}-{body[4:]}-{check}"
