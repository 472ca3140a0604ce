"""The latest public news of an agency, for its page: `{% latest_news agency %}`."""

from __future__ import annotations

from typing import Any

from django import template

from padu.core.models import Agency
from padu.publications.web import home

register = template.Library()


@register.inclusion_tag(home.LATEST_NEWS_TEMPLATE)
def latest_news(agency: Agency) -> dict[str, Any]:
    return home.latest_news(agency)
