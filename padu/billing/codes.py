"""Billing codes and proof numbers.

A billing code is 14 digits: 12 random digits and two ISO 7064 MOD 97-10 check digits
(the scheme of IBAN). Read as a number, a valid code leaves remainder 1 when divided by 97.
Every single mistyped digit and every swap of two neighbouring digits changes that
remainder, because 97 is prime and divides neither 10^k·d nor 9·10^k·d for any digit
difference d: Luhn, by contrast, misses 09↔90. Random rather than sequential, so that
the public bill page cannot be walked by counting.
"""

from __future__ import annotations

import secrets
import string

BODY_LENGTH = 12
CODE_LENGTH = BODY_LENGTH + 2
PROOF_LENGTH = 16
# No 0/O, 1/I, 8/B look-alikes: proof numbers are read out over the phone.
_PROOF_ALPHABET = "".join(c for c in string.digits + string.ascii_uppercase if c not in "01OIB8")


def check_digits(body: str) -> str:
    """The two MOD 97-10 check digits to append to a string of digits."""
    if not body.isdigit() or not body.isascii():
        raise ValueError("body must be ASCII digits")
    return f"{98 - (int(body) * 100) % 97:02d}"


def is_valid_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and code.isascii() and code.isdigit() and int(code) % 97 == 1


def normalise_code(text: str) -> str:
    """What a person typed, without the spaces, dots and dashes they grouped it with."""
    return "".join(ch for ch in str(text) if ch not in " .-\t")


def new_code() -> str:
    # A leading non-zero digit: spreadsheets and some teller systems drop leading zeros.
    body = str(secrets.choice("123456789")) + "".join(secrets.choice(string.digits) for _ in range(BODY_LENGTH - 1))
    return body + check_digits(body)


def group_code(code: str) -> str:
    """`1234 5678 9012 34`, easier to read aloud and to type."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_proof_number() -> str:
    return "".join(secrets.choice(_PROOF_ALPHABET) for _ in range(PROOF_LENGTH))


def new_verification_code() -> str:
    return secrets.token_urlsafe(24)
