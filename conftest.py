"""Every test starts with an empty cache: cached pages and statuses never leak between tests
(nor, on Redis, between runs)."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from padu.core.cache import Recent


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    Recent.clear_all()
    yield
