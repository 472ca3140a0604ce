"""`Nearby`: shared-cache entries kept in each worker's memory until any worker forgets them.

"Another worker" is played by a plain Redis client deleting a key and announcing it on the
channel, exactly what `Nearby.forget()` does in another process."""

from __future__ import annotations

import json

import redis
from django.core.cache import cache, caches

from padu.core import cache as padu_cache
from padu.core.cache import Listener, Nearby, Recent
from tests.waiting import until


def _elsewhere_forget(other: redis.Redis, listener: Listener, key: str) -> None:
    """What `forget()` does in another worker: delete from Redis, then announce."""
    other.delete(caches["default"].make_key(key))
    other.publish(listener.channel, json.dumps([key]))


def test_a_value_read_once_is_served_from_memory_until_another_worker_forgets_it(on_redis):
    listener, other = on_redis
    nearby = Nearby(size=10, seconds=60)
    cache.set("k", "first", 60)
    assert nearby.get("k") == "first"
    # Gone from Redis without an announcement: this worker still answers from memory.
    other.delete(caches["default"].make_key("k"))
    assert nearby.get("k") == "first"
    cache.set("k", "second", 60)
    other.publish(listener.channel, json.dumps(["k"]))
    assert until(lambda: nearby.get("k") == "second"), "the announcement did not reach this worker"


def test_forget_drops_the_value_here_at_once_and_in_redis(on_redis):
    nearby = Nearby(size=10, seconds=60)
    nearby.set("k", "value", 60)
    assert nearby.get("k") == "value"
    nearby.forget(["k"])
    assert nearby.get("k") is None
    assert cache.get("k") is None


def test_a_read_that_raced_an_announcement_is_not_kept(on_redis, monkeypatch):
    listener, other = on_redis
    nearby = Nearby(size=10, seconds=60)
    cache.set("k", "old", 60)
    backend = caches["default"]
    real_get = backend.get
    heard_before = listener.heard

    def get_while_another_worker_forgets(key, default=None, version=None):
        value = real_get(key, default, version)
        _elsewhere_forget(other, listener, key)
        assert until(lambda: listener.heard > heard_before)
        return value

    monkeypatch.setattr(backend, "get", get_while_another_worker_forgets)
    assert nearby.get("k") == "old"  # answered, as it was when read
    monkeypatch.setattr(backend, "get", real_get)
    assert nearby.get("k") is None  # but not kept


def test_a_worker_that_is_not_listening_keeps_nothing_in_memory(on_redis):
    listener, other = on_redis
    nearby = Nearby(size=10, seconds=60)
    cache.set("k", "value", 60)
    listener.listening = False
    try:
        assert nearby.get("k") == "value"
        other.delete(caches["default"].make_key("k"))
        assert nearby.get("k") is None
    finally:
        listener.listening = True


def test_after_a_lost_subscription_memory_starts_empty(on_redis):
    listener, other = on_redis
    nearby = Nearby(size=10, seconds=60)
    cache.set("k", "value", 60)
    assert nearby.get("k") == "value"
    other.delete(caches["default"].make_key("k"))  # announcement missed by this worker
    heard = listener.heard
    other.client_kill_filter(_type="pubsub")
    assert until(lambda: listener.heard > heard and listener.listening), "the listener did not come back"
    assert nearby.get("k") is None


def test_without_redis_the_cache_is_used_directly(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert padu_cache._listener() is None
    nearby = Nearby(size=10, seconds=60)
    nearby.set("k", "value", 60)
    assert nearby.get("k") == "value"
    cache.set("k", "changed", 60)
    assert nearby.get("k") == "changed"
    nearby.forget(["k"])
    assert cache.get("k") is None


def test_a_memory_with_a_byte_budget_lets_the_oldest_pages_go():
    recent = Recent(size=100, seconds=60, max_bytes=10)
    recent.put("a", b"xxxx")
    recent.put("b", b"yyyy")
    recent.put("a", b"xxxx")  # replacing an entry does not count it twice
    recent.put("c", b"zzzz")  # 12 bytes: the least recently used (b) goes
    assert recent.get("b") is None and recent.get("a") == b"xxxx" and recent.get("c") == b"zzzz"
    recent.drop(["a"])
    recent.put("d", b"wwww")  # 8 bytes with c: both stay
    assert recent.get("c") == b"zzzz" and recent.get("d") == b"wwww"
