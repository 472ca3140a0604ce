"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's own backend builds a new `redis.Redis` object for every cache call; its constructor
fills a table of ~170 response callbacks each time, which costs more CPU than the cache call
itself on a hot path (a tracking lookup, a shared page). The client is thread-safe and
Django already keeps one backend per thread, so it is built once and kept. Everything else
(connection pools, serialisation, options) is Django's.
"""

from __future__ import annotations

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
