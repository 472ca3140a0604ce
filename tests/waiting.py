"""Waiting in tests for something another thread or process does."""

import time
from collections.abc import Callable


def until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether `condition` became true within `seconds` (e.g. an announcement reaching the
    cache listener's thread)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()
