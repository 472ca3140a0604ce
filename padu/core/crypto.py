"""Encryption at rest for personal data, and keyed hashes for exact look-up.

`encrypt`/`decrypt` give and take a bare Fernet token (a column that holds nothing else,
e.g. `CitizenProfile.nik_encrypted`). `seal`/`unseal` do the same for a value stored among
others (an answer in an application's JSON): the token carries the prefix `fernet:`, so a
sealed value is told from a plain one without trying to decrypt it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

SEALED_PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(key_material: str) -> Fernet:
    digest = hashlib.sha256(f"padu-data-encryption:{key_material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(value: str) -> str:
    return _fernet(settings.PADU_DATA_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(settings.PADU_DATA_KEY).decrypt(token.encode()).decode()


def keyed_hash(kind: str, value: str) -> str:
    """HMAC of an identifier: equal values match, the value itself cannot be read back."""
    key = hashlib.sha256(f"padu-lookup:{settings.PADU_DATA_KEY}".encode()).digest()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


class UnreadableSealedValue(Exception):
    """A sealed value that PADU_DATA_KEY does not open: the key is not the one it was sealed with."""


def is_sealed(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def seal(value: str) -> str:
    """`value` encrypted with PADU_DATA_KEY, marked as sealed."""
    return SEALED_PREFIX + encrypt(value)


def unseal(value: str) -> str:
    """The text a sealed value holds; UnreadableSealedValue if the key does not open it."""
    try:
        return decrypt(value[len(SEALED_PREFIX) :])
    except InvalidToken as exc:
        raise UnreadableSealedValue(
            "An encrypted value cannot be decrypted with PADU_DATA_KEY: the key is not the one it was encrypted with."
        ) from exc


def opens(value: Any) -> bool:
    """Whether `value` is sealed and PADU_DATA_KEY opens it."""
    if not is_sealed(value):
        return False
    try:
        unseal(value)
    except UnreadableSealedValue:
        return False
    return True
