"""Caching helpers: Django's Redis backend keeping its client, and per-process memories.

`RedisCache`: Django's Redis cache backend, keeping one Redis client per connection pool.

Django's own backend builds a new `redis.Redis` object for every cache call; its constructor
fills a table of ~170 response callbacks each time, which costs more CPU than the cache call
itself on a hot path (a tracking lookup, a shared page). The client is thread-safe and
Django already keeps one backend per thread, so it is built once and kept. Everything else
(connection pools, serialisation, options) is Django's.

`Recent`: a bounded memory in one worker process, for values that cannot go stale.

`Nearby`: entries of the shared cache mirrored in each worker's memory, which every worker
drops the moment any worker forgets them (a Redis channel carries the forgotten keys).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends import redis as django_redis
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


class Recent:
    """What a worker process used last, by key, in its own memory: at most `size` entries (and,
    with `max_bytes`, at most that many bytes of `bytes` values), each for `seconds` at most,
    shared by the process's threads. For values whose key already says what they are (so an
    entry cannot go stale, e.g. an inbox row), and as `Nearby`'s memory."""

    _all: weakref.WeakSet[Recent] = weakref.WeakSet()

    def __init__(self, size: int, seconds: float, *, max_bytes: int | None = None) -> None:
        self.size, self.seconds, self.max_bytes = size, seconds, max_bytes
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        Recent._all.add(self)

    def get(self, key: str) -> Any:
        """The value, or None when it is not here or too old."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._remove(key)
            self._entries[key] = (time.monotonic() + self.seconds, value)
            self._bytes += _size(value)
            while len(self._entries) > self.size or (self.max_bytes is not None and self._bytes > self.max_bytes):
                self._remove(next(iter(self._entries)))

    def drop(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._remove(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _remove(self, key: str) -> None:
        found = self._entries.pop(key, None)
        if found is not None:
            self._bytes -= _size(found[1])

    @classmethod
    def clear_all(cls) -> None:
        """Empty every process memory (with `cache.clear()`: a clean slate, e.g. between tests)."""
        for recent in list(cls._all):
            recent.clear()


def _size(value: Any) -> int:
    return len(value) if isinstance(value, bytes) else 0


# The listener asks Redis for a PONG this often, and counts its connection lost when none
# came for three times as long; after a loss it tries again this often.
PING_SECONDS = 5.0
RETRY_SECONDS = 1.0
CHANNEL = "padu:cache:forgotten"


class Nearby:
    """Entries of the shared cache that this worker read or wrote last, kept in its memory
    (at most `size`, each for `seconds` at most) until any worker forgets them.

    With Redis as the shared cache every worker process runs one listener thread subscribed
    to a channel; `forget()` deletes the keys from Redis, then announces them on the channel,
    and each worker drops them from its memory as the announcement arrives (well under a
    millisecond on one machine). A worker whose listener is not subscribed (starting up,
    connection lost) keeps nothing in memory and reads Redis every time; when it subscribes
    again its memory starts empty, so an announcement it missed cannot leave a stale entry.

    A value read from Redis is kept only if no announcement arrived while it was being read,
    so a read that raced a `forget()` elsewhere is not kept.

    With any other cache backend (the in-process one of a single-process install) the memory
    is not used: the cache itself is in the process, and `forget()` only deletes."""

    _all: weakref.WeakSet[Nearby] = weakref.WeakSet()

    def __init__(self, size: int, seconds: float, *, max_bytes: int | None = None) -> None:
        self._recent = Recent(size, seconds, max_bytes=max_bytes)
        Nearby._all.add(self)

    def get(self, key: str) -> Any:
        """The value, or None when the shared cache does not have it."""
        listener = _listener()
        if listener is None:
            return cache.get(key)
        if listener.listening:
            value = self._recent.get(key)
            if value is not None:
                return value
        heard = listener.heard
        value = cache.get(key)
        if value is not None:
            with _announcements:  # not between an announcement's count and its drop
                if listener.listening and listener.heard == heard:
                    self._recent.put(key, value)
        return value

    def set(self, key: str, value: Any, seconds: int) -> None:
        cache.set(key, value, seconds)
        listener = _listener()
        if listener is not None and listener.listening:
            self._recent.put(key, value)

    def forget(self, keys: Iterable[str]) -> None:
        """Delete `keys` from the shared cache and from every worker's memory."""
        keys = list(keys)
        cache.delete_many(keys)
        self._recent.drop(keys)
        listener = _listener()
        if listener is not None:
            listener.announce(keys)

    @classmethod
    def drop_everywhere(cls, keys: list[str]) -> None:
        for nearby in list(cls._all):
            nearby._recent.drop(keys)

    @classmethod
    def clear_all(cls) -> None:
        for nearby in list(cls._all):
            nearby._recent.clear()


class Listener:
    """One worker process's subscription to the channel on which forgotten keys are announced.

    `listening` is true only while subscribed and answering pings; `heard` counts the
    announcements (and losses of the subscription) seen so far."""

    def __init__(self, client: Any, channel: str) -> None:
        self.client, self.channel = client, channel
        self.listening = False
        self.heard = 0
        threading.Thread(target=self._run, name="padu-cache-listener", daemon=True).start()

    def announce(self, keys: list[str]) -> None:
        self.client.publish(self.channel, json.dumps(keys))

    def _heard(self, keys: list[str] | None, *, listening: bool) -> None:
        """Count an announcement and drop its keys (None: everything) from every memory."""
        with _announcements:
            self.heard += 1
            self.listening = listening
            if keys is None:
                Nearby.clear_all()
            else:
                Nearby.drop_everywhere(keys)

    def _run(self) -> None:
        while True:
            try:
                self._listen()
            except Exception:  # noqa: BLE001 - any failure only means reading Redis every time
                logger.warning("Not listening for forgotten cache keys; retrying.", exc_info=True)
            self._heard(None, listening=False)
            time.sleep(RETRY_SECONDS)

    def _listen(self) -> None:
        pubsub = self.client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            pinged = answered = time.monotonic()
            while True:
                message = pubsub.get_message(timeout=1.0)
                now = time.monotonic()
                if message is not None:
                    answered = now
                    if message["type"] == "subscribe":
                        # (Re)subscribed: anything announced before is unknown here.
                        self._heard(None, listening=True)
                    elif message["type"] == "message":
                        self._heard(json.loads(message["data"]), listening=True)
                if now - pinged >= PING_SECONDS:
                    pubsub.ping()
                    pinged = now
                if now - answered > 3 * PING_SECONDS:
                    raise ConnectionError("Redis did not answer the listener's pings")
        finally:
            self.listening = False
            pubsub.close()


# Held while an announcement is counted and its keys dropped, and while a value read from
# Redis is kept: a value read before an announcement is never kept after its drop.
_announcements = threading.Lock()


_listener_lock = threading.Lock()
_listeners: dict[tuple[int, Any], Listener] = {}
# (process id, this process's listener or None): looked up once per process, not per read.
_current: tuple[int, Listener | None] | None = None


def _listener() -> Listener | None:
    """This process's listener, started on first use; None unless the cache is Redis."""
    current = _current
    if current is not None and current[0] == os.getpid():
        return current[1]
    return _find_listener()


def _find_listener() -> Listener | None:
    global _current
    backend = caches["default"]
    listener = None
    if isinstance(backend, RedisCache):
        key = (os.getpid(), tuple(backend._servers))  # type: ignore[attr-defined]  # a forked worker starts its own
        with _listener_lock:
            listener = _listeners.get(key)
            if listener is None:
                client = backend._cache.get_client(write=True)
                listener = _listeners[key] = Listener(client, backend.make_key(CHANNEL))
    _current = (os.getpid(), listener)
    return listener


@receiver(setting_changed)
def _cache_settings_changed(*, setting: str, **kwargs: Any) -> None:
    global _current
    if setting == "CACHES":
        _current = None
