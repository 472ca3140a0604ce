"""The latest public news of an agency, for its page: `{% latest_news agency %}`."""

from __future__ import annotations

from typing import Any

from django import template

from padu.core.models import Agency
from padu.information.publications_selectors import news_public

register = template.Library()
LATEST = 3


@register.inclusion_tag("portal/publications/latest_news.html")
def latest_news(agency: Agency) -> dict[str, Any]:
    return {"agency": agency, "items": list(news_public(agency=agency)[:LATEST])}
