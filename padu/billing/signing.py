"""Request signatures for payment channels.

A channel signs each request: HMAC-SHA256, keyed with its shared secret, over the
timestamp, a newline and the raw body bytes; hex-encoded. Headers:

    X-Padu-Client-Id:  the channel's client id
    X-Padu-Timestamp:  Unix time in seconds
    X-Padu-Signature:  hex HMAC-SHA256(secret, timestamp + "\\n" + body)

A timestamp more than REPLAY_WINDOW away from Padu's clock is refused, so a captured
request cannot be played again later; within the window, repeats are harmless because
every notification is idempotent by the channel's reference.
"""

from __future__ import annotations

import hashlib
import hmac
import time

REPLAY_WINDOW = 300
HEADER_CLIENT_ID = "X-Padu-Client-Id"
HEADER_TIMESTAMP = "X-Padu-Timestamp"
HEADER_SIGNATURE = "X-Padu-Signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"\n" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_matches(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature.strip().lower())


def timestamp_fresh(timestamp: str, now: float | None = None) -> bool:
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    return abs((now if now is not None else time.time()) - int(timestamp)) <= REPLAY_WINDOW


def signed_headers(client_id: str, secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    """The headers a channel sends (used by `padu bank-simulator` and the tests)."""
    timestamp = str(int(now if now is not None else time.time()))
    return {
        HEADER_CLIENT_ID: client_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_SIGNATURE: sign(secret, timestamp, body),
    }
