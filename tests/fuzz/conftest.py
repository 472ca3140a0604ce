from __future__ import annotations

import sys
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """After a run that fuzzed the API: per caller, the operations called, how many of them
    answered something other than 401/403 at least once, and how many answered with success."""
    fuzz = sys.modules.get("tests.fuzz.test_openapi")
    seen = getattr(fuzz, "SEEN", None)
    if not seen:
        return
    terminalreporter.section("API fuzzing: operations per caller")
    terminalreporter.write_line(f"{'caller':<24} {'called':>6} {'not 401/403':>12} {'2xx':>5}")
    for name, operations in seen.items():
        reached = sum(1 for codes in operations.values() if codes - {401, 403})
        succeeded = sum(1 for codes in operations.values() if any(200 <= code < 300 for code in codes))
        terminalreporter.write_line(f"{name:<24} {len(operations):>6} {reached:>12} {succeeded:>5}")
