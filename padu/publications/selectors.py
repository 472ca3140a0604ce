"""Reads of news and the JDIH register. Public reads show only what is public now; staff
reads take the actor and require the publishing role in the agency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency
from padu.core.richtext import default_image_prefixes, render
from padu.core.selectors import agency_get_for
from padu.publications.models import (
    NEWS_IMAGE_PATH,
    RELATION_INVERSE_LABELS,
    LegalDocument,
    LegalRelation,
    LegalStatus,
    LegalType,
    NewsItem,
    NewsKind,
    NewsStatus,
    RelationKind,
    search_words,
)
from padu.publications.permissions import can_publish

SEARCH_WORDS_MAX = 8

# ---- news ----


def _visible_news(now: dt.datetime | None = None) -> QuerySet[NewsItem]:
    now = now or timezone.now()
    return NewsItem.objects.filter(
        status=NewsStatus.PUBLISHED, publish_at__lte=now, agency__is_active=True
    ).select_related("agency")


def news_public(
    *, agency: Agency | None = None, kind: str | None = None, region_code: str | None = None
) -> QuerySet[NewsItem]:
    """Public items, pinned announcements first (until their pin ends), then newest first."""
    now = timezone.now()
    qs = _visible_news(now)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if region_code:
        qs = qs.filter(Q(agency__region_id=region_code) | Q(agency__region__code__startswith=f"{region_code}."))
    if kind in NewsKind.values:
        qs = qs.filter(kind=kind)
    return qs.annotate(
        pinned=Case(
            When(kind=NewsKind.ANNOUNCEMENT, pinned_until__gt=now, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-pinned", "-publish_at", "-pk")


def news_public_get(agency_slug: str, slug: str) -> NewsItem:
    item = _visible_news().filter(agency__slug=agency_slug, slug=slug).first()
    if item is None:
        raise NotFound(_("This news item does not exist or is not public."), code="news_not_found")
    return item


def news_for(actor: Actor, agency_id: int) -> QuerySet[NewsItem]:
    """All the agency's items, drafts and scheduled ones included, for its publishers."""
    agency = agency_get_for(actor, agency_id)
    if not can_publish(actor, agency.pk):
        raise Forbidden(_("Only the agency's administrator or information officer (PPID) may publish."))
    return (
        NewsItem.objects.filter(agency=agency)
        .select_related("agency")
        .order_by(F("publish_at").desc(nulls_first=True), "-pk")
    )


def news_get_for(actor: Actor, agency_id: int, item_id: int) -> NewsItem:
    item = news_for(actor, agency_id).filter(pk=item_id).first()
    if item is None:
        raise NotFound(code="news_not_found")
    return item


def news_cover_get(actor: Actor, item_id: int) -> NewsItem:
    """A cover image: anyone once the item is public; before that only its publishers."""
    item = NewsItem.objects.select_related("agency").filter(pk=item_id).exclude(cover="").first()
    if item is None:
        raise NotFound(code="news_not_found")
    visible = item.status == NewsStatus.PUBLISHED and item.publish_at is not None and item.publish_at <= timezone.now()
    if not (visible and item.agency.is_active) and not can_publish(actor, item.agency_id):
        raise NotFound(code="news_not_found")
    return item


def news_body_html(item: NewsItem) -> SafeString:
    """The item's body, sanitised again for the page or the feed (images may come from the
    platform's media and from the news image route)."""
    return render(item.body, image_prefixes=(*default_image_prefixes(), NEWS_IMAGE_PATH))


def news_is_public(item: NewsItem) -> bool:
    return item.status == NewsStatus.PUBLISHED and item.publish_at is not None and item.publish_at <= timezone.now()


# ---- legal documents ----


def _public_legal() -> QuerySet[LegalDocument]:
    return LegalDocument.objects.filter(published_at__isnull=False, agency__is_active=True).select_related("agency")


def query_words(query: str) -> list[str]:
    return search_words(query)[:SEARCH_WORDS_MAX]


def _search(qs: QuerySet[LegalDocument], query: str) -> QuerySet[LegalDocument]:
    words = query_words(query)
    if not words:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search = SearchQuery(" ".join(words), config="simple", search_type="plain")
        return (
            qs.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-year", "-pk")
        )
    # SQLite: every word must appear, as a whole word, in the indexed text (metadata,
    # abstract, PDF text), as PostgreSQL's 'simple' configuration matches them.
    for word in words:
        qs = qs.filter(search_text__contains=f" {word} ")
    return qs


@dataclass(frozen=True)
class LegalFilters:
    query: str = ""
    doc_type: str = ""
    year: int | None = None
    status: str = ""
    subject: str = ""
    agency_slug: str = ""


def legal_public(filters: LegalFilters) -> QuerySet[LegalDocument]:
    qs = _public_legal()
    if filters.agency_slug:
        qs = qs.filter(agency__slug=filters.agency_slug)
    if filters.doc_type in LegalType.values:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status in LegalStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.subject.strip():
        subject = filters.subject.strip()[:100]
        qs = qs.filter(Q(subject__icontains=subject) | Q(field_of_law__icontains=subject))
    qs = qs.order_by("-year", "doc_type", "-pk")
    return _search(qs, filters.query)


def legal_public_years() -> list[int]:
    return list(_public_legal().order_by("-year").values_list("year", flat=True).distinct())


def legal_public_get(document_id: int) -> LegalDocument:
    document = _public_legal().filter(pk=document_id).first()
    if document is None:
        raise NotFound(_("This legal document does not exist or is not public."), code="legal_not_found")
    return document


def legal_for(actor: Actor, agency_id: int) -> QuerySet[LegalDocument]:
    agency = agency_get_for(actor, agency_id)
    if not can_publish(actor, agency.pk):
        raise Forbidden(_("Only the agency's administrator or information officer (PPID) may publish."))
    return LegalDocument.objects.filter(agency=agency).select_related("agency").order_by("-year", "doc_type", "-pk")


def legal_get_for(actor: Actor, agency_id: int, document_id: int) -> LegalDocument:
    document = legal_for(actor, agency_id).filter(pk=document_id).first()
    if document is None:
        raise NotFound(code="legal_not_found")
    return document


def legal_relation_targets(actor: Actor, document: LegalDocument) -> QuerySet[LegalDocument]:
    """Documents this one may refer to: the agency's own (drafts too) and public ones."""
    return (
        LegalDocument.objects.filter(Q(agency_id=document.agency_id) | Q(published_at__isnull=False))
        .exclude(pk=document.pk)
        .select_related("agency")
        .order_by("-year", "doc_type", "number")
    )


def legal_relation_get_for(actor: Actor, agency_id: int, document_id: int, relation_id: int) -> LegalRelation:
    document = legal_get_for(actor, agency_id, document_id)
    relation = LegalRelation.objects.select_related("source", "target").filter(pk=relation_id, source=document).first()
    if relation is None:
        raise NotFound(code="relation_not_found")
    return relation


@dataclass(frozen=True)
class RelationLine:
    """One relation as read from one document: "amends X" or "amended by Y"."""

    id: int
    kind: str
    label: str
    direction: str  # "out": this document acts on the other; "in": the other acts on this one
    other: LegalDocument | None
    citation: str
    note: str


def legal_relations(document: LegalDocument, *, public_only: bool) -> list[RelationLine]:
    """Both directions of every relation of `document`. Public pages list only public others."""
    lines: list[RelationLine] = []
    outgoing = LegalRelation.objects.filter(source=document).select_related("target__agency")
    for r in outgoing:
        other = r.target
        if other is not None and public_only and other.published_at is None:
            continue
        lines.append(
            RelationLine(
                r.pk,
                r.kind,
                str(RelationKind(r.kind).label),
                "out",
                other,
                other.citation if other else r.target_citation,
                r.note,
            )
        )
    incoming = LegalRelation.objects.filter(target=document).select_related("source__agency")
    for r in incoming:
        if public_only and r.source.published_at is None:
            continue
        lines.append(
            RelationLine(
                r.pk,
                r.kind,
                str(RELATION_INVERSE_LABELS[r.kind]),
                "in",
                r.source,
                r.source.citation,
                r.note,
            )
        )
    return lines


def legal_jdihn(agency_slug: str = "") -> QuerySet[LegalDocument]:
    qs = _public_legal().order_by("-year", "doc_type", "-pk")
    if agency_slug:
        qs = qs.filter(agency__slug=agency_slug)
    return qs
