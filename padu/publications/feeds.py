"""RSS 2.0 and Atom feeds of an agency's public news and announcements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from padu.core.errors import NotFound
from padu.core.models import Agency
from padu.core.richtext import to_text
from padu.core.selectors import agency_public_get
from padu.publications.models import NewsItem
from padu.publications.selectors import news_body_html, news_public

FEED_ITEMS = 30


class AgencyNewsRss(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Agency:
        try:
            return agency_public_get(kwargs["slug"])
        except NotFound as exc:
            raise Http404(str(exc.message)) from exc

    def title(self, obj: Agency) -> str:
        return _("News and announcements: %(agency)s") % {"agency": obj.name}

    def link(self, obj: Agency) -> str:
        return reverse("portal:agency_news", args=[obj.slug])

    def description(self, obj: Agency) -> str:
        return _("The latest news and announcements of %(agency)s.") % {"agency": obj.name}

    def items(self, obj: Agency) -> list[NewsItem]:
        return list(news_public(agency=obj)[:FEED_ITEMS])

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        # The sanitised body; readers that show only text get the summary first.
        summary = f"<p>{_escape(item.summary)}</p>" if item.summary else ""
        return summary + str(news_body_html(item))

    def item_link(self, item: NewsItem) -> str:
        return reverse("portal:news_item", args=[item.agency.slug, item.slug])

    def item_guid(self, item: NewsItem) -> str:
        return f"padu-news-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsItem) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: NewsItem) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: NewsItem) -> str:
        return item.agency.name

    def item_categories(self, item: NewsItem) -> list[str]:
        return [str(item.get_kind_display())]


class AgencyNewsAtom(AgencyNewsRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: Agency) -> str:
        return self.description(obj)


def _escape(text: str) -> str:
    from django.utils.html import escape

    return str(escape(to_text(text)))
