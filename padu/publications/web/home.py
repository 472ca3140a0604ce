"""What the publications bring to an agency's public page: its latest news and announcements."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from padu.core.models import Agency
from padu.publications.selectors import news_public

LATEST = 3
LATEST_NEWS_TEMPLATE = "publications/latest_news.html"


def latest_news(agency: Agency) -> dict[str, Any]:
    """The context of LATEST_NEWS_TEMPLATE: the agency and its few latest public items."""
    return {"agency": agency, "items": list(news_public(agency=agency)[:LATEST])}


def latest_news_html(agency: Agency) -> SafeString:
    """The agency page's news section, rendered (links to all news and to its JDIH register)."""
    return SafeString(render_to_string(LATEST_NEWS_TEMPLATE, latest_news(agency)))
