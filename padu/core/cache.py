"""Caching helpers: Django's Redis backend keeping its client, and a small per-process memory.

`RedisCache`: Django's Redis cache backend, keeping one Redis client per connection pool.

Django's own backend builds a new `redis.Redis` object for every cache call; its constructor
fills a table of ~170 response callbacks each time, which costs more CPU than the cache call
itself on a hot path (a tracking lookup, a shared page). The client is thread-safe and
Django already keeps one backend per thread, so it is built once and kept. Everything else
(connection pools, serialisation, options) is Django's.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from typing import Any

from django.core.cache.backends import redis as django_redis


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
    """What a worker process used last, by key, in its own memory: at most `size` entries,
    each for `seconds` at most, shared by the process's threads. In front of the shared cache
    for values whose key already says what they are (so an entry cannot go stale), or for a
    value that may lag the shared cache by `seconds` (e.g. a version token)."""

    _all: weakref.WeakSet[Recent] = weakref.WeakSet()

    def __init__(self, size: int, seconds: float) -> None:
        self.size, self.seconds = size, seconds
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        Recent._all.add(self)

    def get(self, key: str) -> Any:
        """The value, or None when it is not here or too old."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + self.seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    @classmethod
    def clear_all(cls) -> None:
        """Empty every process memory (with `cache.clear()`: a clean slate, e.g. between tests)."""
        for recent in list(cls._all):
            recent.clear()
