"""Every test starts with an empty cache: cached pages and statuses never leak between tests
(nor, on Redis, between runs).

`api_client` and `csrf_client`: clients that enforce CSRF as a real server does, the first
sending the page's CSRF token, the second none (see tests/clients.py).

`on_redis`: the default cache on the machine's Redis (database 9), whatever `CACHE_URL`
says, with this process's listener subscribed; it yields the listener and a plain Redis
client that can play another worker (delete a key, announce it on the channel)."""

from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from padu.core import cache as padu_cache
from padu.core.cache import Listener, Recent
from tests import clients
from tests.waiting import until

REDIS_TEST_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    Recent.clear_all()
    yield


@pytest.fixture
def api_client() -> Client:
    return clients.api_client()


@pytest.fixture
def csrf_client() -> Client:
    return clients.csrf_client()


@pytest.fixture
def on_redis(settings: Any) -> Iterator[tuple[Listener, redis.Redis]]:
    settings.CACHES = {"default": {"BACKEND": "padu.core.cache.RedisCache", "LOCATION": REDIS_TEST_URL}}
    cache.clear()
    other = redis.Redis.from_url(REDIS_TEST_URL)
    listener = padu_cache._listener()
    assert listener is not None
    assert until(lambda: listener.listening), "the cache listener never subscribed to Redis"
    yield listener, other
    cache.clear()
    Recent.clear_all()
    other.close()
