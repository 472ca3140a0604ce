"""Encryption at rest for personal data, and keyed hashes for exact look-up."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings


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
