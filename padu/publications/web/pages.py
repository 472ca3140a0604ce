"""Public pages of news, announcements and the JDIH register. Thin: parse, select, render."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from padu.core.actors import actor_from_request
from padu.core.models import Agency
from padu.core.selectors import agency_public_get
from padu.publications.jdihn import document_key
from padu.publications.models import LegalDocument
from padu.publications.selectors import (
    LegalFilters,
    legal_public,
    legal_public_get,
    legal_relations,
    news_body_html,
    news_cover_get,
    news_is_public,
    news_public,
    news_public_get,
)
from padu.publications.web.forms import LegalSearchForm, NewsFilterForm

PAGE_SIZE = 20
EDIT_NOTE_AFTER = dt.timedelta(hours=1)


def _news_page(request: HttpRequest, agency: Agency | None) -> HttpResponse:
    form = NewsFilterForm(request.GET)
    kind = form.cleaned_data.get("kind") if form.is_valid() else ""
    items = news_public(agency=agency, kind=kind or None)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/news_list.html",
        {"agency": agency, "form": form, "page": page, "kind": kind},
    )


def news_all(request: HttpRequest) -> HttpResponse:
    return _news_page(request, None)


def news_agency(request: HttpRequest, slug: str) -> HttpResponse:
    agency = agency_public_get(slug)
    return _news_page(request, agency)


def news_item(request: HttpRequest, slug: str, news_slug: str) -> HttpResponse:
    item = news_public_get(slug, news_slug)
    tz = ZoneInfo(item.agency.time_zone)
    return render(
        request,
        "publications/news_item.html",
        {
            "item": item,
            "agency": item.agency,
            "tz": tz,
            "body": news_body_html(item),
            # Saving right after publishing is not worth a note; a later correction is.
            "edited": item.publish_at is not None and item.updated_at - item.publish_at > EDIT_NOTE_AFTER,
        },
    )


def news_cover(request: HttpRequest, item_id: int) -> FileResponse:
    """The re-encoded cover image, shown inline (it was decoded and written anew on upload)."""
    item = news_cover_get(actor_from_request(request), item_id)
    response = FileResponse(item.cover.open("rb"), content_type=item.cover_content_type or "image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    # A draft's cover is seen by its publishers only: never let a shared cache keep it.
    response["Cache-Control"] = "public, max-age=3600" if news_is_public(item) else "private, no-store"
    return response


def legal_list(request: HttpRequest) -> HttpResponse:
    """The register of every agency, or of one with `?instansi=<slug>` (linked from its page)."""
    form = LegalSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    agency = None
    if request.GET.get("instansi"):
        agency = agency_public_get(request.GET["instansi"][:100])
    filters = LegalFilters(
        agency_slug=agency.slug if agency else "",
        query=data.get("q") or "",
        doc_type=data.get("type") or "",
        year=data.get("year"),
        status=data.get("status") or "",
        subject=data.get("subject") or "",
    )
    documents = legal_public(filters)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    searched = any(data.get(k) for k in ("q", "type", "year", "status", "subject"))
    return render(
        request,
        "publications/legal_list.html",
        {"form": form, "page": page, "searched": searched, "query": filters.query, "agency": agency},
    )


def _document(key: str) -> LegalDocument:
    head = key.split("-", 1)[0]
    if not head.isdigit():
        raise Http404
    return legal_public_get(int(head))


def legal_document(request: HttpRequest, key: str) -> HttpResponse:
    document = _document(key)
    canonical = document_key(document)
    if key != canonical:
        return redirect("portal:legal_document", canonical, permanent=True)
    return render(
        request,
        "publications/legal_document.html",
        {
            "document": document,
            "relations": legal_relations(document, public_only=True),
            "key": canonical,
        },
    )


def legal_document_pdf(request: HttpRequest, key: str) -> FileResponse:
    document = _document(key)
    if not document.pdf:
        raise Http404
    name = slugify(document.citation) or "dokumen"
    response = FileResponse(
        document.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{name}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response
