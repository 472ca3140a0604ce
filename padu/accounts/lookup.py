"""The limits of the counter look-up of citizens by NIK.

An officer finds a citizen to serve them: only a citizen who lives within the region of the
officer's agency (a regency-level agency covers its whole regency, by prefix of the Kemendagri
code), or who has an open case with that agency; and only so many times in a window, so that
nobody can walk through NIKs.

Accounts sits below the apps that hold cases, so it cannot read them: each of those apps
registers a check from its AppConfig.ready() (as the data-subject export does).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from padu.core.models import Agency, AgencyLevel

OpenCaseCheck = Callable[[int, int], bool]  # (agency id, user id) → the person has an open case there
_open_case_checks: list[OpenCaseCheck] = []


def open_cases_source(check: OpenCaseCheck) -> None:
    if check not in _open_case_checks:
        _open_case_checks.append(check)


def has_open_case(agency_id: int, user_id: int) -> bool:
    return any(check(agency_id, user_id) for check in _open_case_checks)


def region_covers(agency: Agency, region_code: str) -> bool:
    """The region code lies within the agency's region (a national agency covers the country)."""
    if agency.level == AgencyLevel.NATIONAL:
        return True
    scope = agency.region_id
    return region_code == scope or region_code.startswith(f"{scope}.")


def lookup_in_scope(agency: Agency, *, user_id: int, region_code: str) -> bool:
    return region_covers(agency, region_code) or has_open_case(agency.pk, user_id)


def _window_take(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt under `key`; False once over `limit` in this window.

    A fixed window that starts at the first attempt; the cache keeps the count, so every
    worker (on Redis) shares it."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr: this attempt opens a new one
        cache.set(key, 1, timeout=window)
        count = 1
    return int(count) <= limit


def lookup_rate_take(officer_id: int) -> bool:
    """Count one look-up of the officer; False once they are over the limit in this window.
    (Registering a walk-in citizen counts too: a refused NIK tells that it is registered.)"""
    return _window_take(
        f"padu:citizen-lookup:{officer_id}",
        limit=settings.PADU_CITIZEN_LOOKUP_LIMIT,
        window=settings.PADU_CITIZEN_LOOKUP_WINDOW,
    )


CLAIM_ATTEMPTS = 5
CLAIM_WINDOW = 3600


def claim_rate_take(user_id: int) -> bool:
    """Count one wrong claim code typed by the person; False after five in an hour, so that
    nobody can guess a walk-in's code."""
    return _window_take(f"padu:citizen-claim:{user_id}", limit=CLAIM_ATTEMPTS, window=CLAIM_WINDOW)


def claim_rate_used(user_id: int) -> bool:
    """The person has no more tries in this window."""
    return int(cache.get(f"padu:citizen-claim:{user_id}") or 0) >= CLAIM_ATTEMPTS
