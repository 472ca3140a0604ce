"""Whole public pages kept in the cache for visitors who are not signed in.

The busiest public pages (the service catalogue, a case's status by tracking number) look
the same for every anonymous visitor in one language: nothing in them is personal once the
page carries no CSRF token and no one-off message. Their rendered HTML is kept in the
cache under a key made of the page's name, the language, the full path (with its query)
and what the page shows (`parts`: e.g. the catalogue's version, bumped on every publish and
retire, or the public status itself), so a change shows at once and nothing needs to be
forgotten by hand; `PAGE_SECONDS` bounds how long an entry lives.

`remembered()` does the same for a fragment of a page that is not shared (an inbox row):
keyed by everything it shows, kept in the worker's memory only.

Each worker process also keeps the pages it served last in memory (`LOCAL_PAGES` of them,
`LOCAL_BYTES` in all, each for `LOCAL_SECONDS` at most; `padu.core.cache.Nearby`): a page
dropped with `forget_page()` leaves every worker's memory as it leaves the shared cache, so
a page served from memory is as fresh as one from the shared cache, and a hit costs no
round trip.

A page is served from the cache, or stored, only when it is safe to share:
- the request is a GET from someone not signed in, with no message waiting for them;
- the response is a plain 200 that sets no cookie and used no CSRF token (a page with a
  POST form in it is never shared: its token belongs to one visitor).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from padu.core.cache import Nearby, Recent

PAGE_SECONDS = 300
# Each worker keeps this many pages, of at most this many bytes in all (a tracking page is
# about 3 KB, a catalogue page about 8 KB), each for this long at most.
LOCAL_PAGES = 4096
LOCAL_BYTES = 16 * 1024 * 1024
LOCAL_SECONDS = 60
FRAGMENTS = 4096
CONTENT_TYPE = "text/html; charset=utf-8"

nearby_pages = Nearby(LOCAL_PAGES, LOCAL_SECONDS, max_bytes=LOCAL_BYTES)
recent_fragments = Recent(FRAGMENTS, PAGE_SECONDS)


def shared_page(
    request: HttpRequest,
    name: str,
    parts: Iterable[object],
    build: Callable[[], HttpResponse],
    *,
    seconds: int = PAGE_SECONDS,
) -> HttpResponse:
    """The page `build()` makes, from the cache when an anonymous visitor asks for it again.

    A page whose `parts` do not say everything it shows is dropped with `forget_page()`
    when that changes."""
    if not _shareable_request(request):
        return build()
    key = page_key(name, get_language() or "", request.get_full_path(), parts)
    body = nearby_pages.get(key)
    if isinstance(body, bytes):
        return HttpResponse(body, content_type=CONTENT_TYPE)
    response = build()
    if _shareable_response(request, response):
        nearby_pages.set(key, response.content, seconds)
    return response


def forget_page(name: str, path: str, parts: Iterable[object]) -> None:
    """Drop a shared page (in every language) whose content changed, in every worker."""
    kept = tuple(parts)
    nearby_pages.forget([page_key(name, code, path, kept) for code, _name in settings.LANGUAGES])


def page_key(name: str, language: str, path: str, parts: Iterable[object]) -> str:
    digest = hashlib.blake2b(repr((path, tuple(parts))).encode(), digest_size=16).hexdigest()
    return f"padu:page:{name}:{language}:{digest}"


def _shareable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    return len(get_messages(request)) == 0


def _shareable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and response.get("Content-Type", "").startswith("text/html")
    )


def remembered(template: str, context: dict[str, Any], shows: tuple[object, ...]) -> SafeString:
    """`template` rendered with `context`, remembered by this worker under `shows`: every value
    the fragment displays (and the language), so a remembered fragment is never out of date."""
    key = page_key(template, get_language() or "", "", shows)
    html = recent_fragments.get(key)
    if html is None:
        html = render_to_string(template, context)
        recent_fragments.put(key, html)
    return mark_safe(html)  # noqa: S308 - rendered by our own template with autoescape
