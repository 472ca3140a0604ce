"""News, announcements and the JDIH register: public reads, staff writes, the JDIHN feed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Router, Status
from ninja.files import UploadedFile

from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import NotFound
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for, agency_public_get
from padu.publications import schemas as s
from padu.publications import selectors as sel
from padu.publications import services as svc
from padu.publications.jdihn import document_key, jdihn_record
from padu.publications.models import LegalDocument, NewsItem

router = Router(tags=["news & legal documents (JDIH)"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
PAGE_MAX = 200
# Staff writes are made by people in the console or with their session; an API token
# carries no publishing scope (what appears under an agency's name is signed by a person).
WRITE_SCOPE = "publications:write"


def _news(item: NewsItem, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.pk,
        "agency": item.agency.slug,
        "agency_name": item.agency.name,
        "kind": item.kind,
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "publish_at": item.publish_at,
        "pinned": bool(getattr(item, "pinned", 0)),
        "cover_url": reverse("portal:news_cover", args=[item.pk]) if item.cover else None,
        "cover_alt": item.cover_alt,
        "url": reverse("portal:news_item", args=[item.agency.slug, item.slug]),
    }
    if full:
        data |= {
            "body": item.body,
            "status": item.status,
            "pinned_until": item.pinned_until,
            "updated_at": item.updated_at,
        }
    return data


def _legal(document: LegalDocument, *, full: bool = False, public_only: bool = True) -> dict[str, Any]:
    key = document_key(document)
    data: dict[str, Any] = {
        "id": document.pk,
        "agency": document.agency.slug,
        "agency_name": document.agency.name,
        "doc_type": document.doc_type,
        "type_name": document.type_name,
        "number": document.number,
        "year": document.year,
        "title": document.title,
        "citation": document.citation,
        "status": document.status,
        "date_enacted": document.date_enacted,
        "date_promulgated": document.date_promulgated,
        "url": reverse("portal:legal_document", args=[key]),
    }
    if full:
        data |= {
            "place_enacted": document.place_enacted,
            "signer": document.signer,
            "initiator": document.initiator,
            "subject": document.subject,
            "field_of_law": document.field_of_law,
            "language": document.language,
            "source": document.source,
            "abstract": document.abstract,
            "pdf_url": reverse("portal:legal_document_pdf", args=[key]) if document.pdf else None,
            "pdf_sha256": document.pdf_sha256,
            "pdf_pages": document.pdf_pages,
            "published_at": document.published_at,
            "relations": [
                {
                    "id": line.id,
                    "kind": line.kind,
                    "label": line.label,
                    "direction": line.direction,
                    "other_id": line.other.pk if line.other else None,
                    "citation": line.citation,
                    "note": line.note,
                }
                for line in sel.legal_relations(document, public_only=public_only)
            ],
        }
    return data


# ---- public ----


@router.get("/news", response={200: list[s.NewsSummaryOut], 404: Problem}, auth=None)
def news_list(request: HttpRequest, agency: str | None = None, kind: str | None = None) -> object:
    """Public news and announcements (pinned announcements first), newest first."""
    where = agency_public_get(agency) if agency else None
    return [_news(i) for i in sel.news_public(agency=where, kind=kind)[:PAGE_MAX]]


@router.get("/news/{agency}/{slug}", response={200: s.NewsOut, 404: Problem}, auth=None)
def news_detail(request: HttpRequest, agency: str, slug: str) -> object:
    return _news(sel.news_public_get(agency, slug), full=True)


@router.get("/legal-documents", response={200: list[s.LegalSummaryOut], 404: Problem}, auth=None)
def legal_list(
    request: HttpRequest,
    q: str = "",
    type: str = "",  # noqa: A002 - the public filter's name
    year: int | None = None,
    status: str = "",
    subject: str = "",
    agency: str = "",
) -> object:
    """The public JDIH register; `q` searches the metadata and the text of the PDFs."""
    filters = sel.LegalFilters(
        query=q[:200], doc_type=type, year=year, status=status, subject=subject, agency_slug=agency
    )
    return [_legal(d) for d in sel.legal_public(filters)[:PAGE_MAX]]


@router.get("/legal-documents/{document_id}", response={200: s.LegalOut, 404: Problem}, auth=None)
def legal_detail(request: HttpRequest, document_id: int) -> object:
    return _legal(sel.legal_public_get(document_id), full=True)


@router.get("/jdih/jdihn", response={200: list[s.JdihnOut], 404: Problem}, auth=None)
def jdihn_feed(request: HttpRequest, agency: str = "") -> object:
    """The JDIHN integration feed: every public document (of one agency with `agency`),
    in the field names the national JDIH network harvests."""
    if agency:
        agency_public_get(agency)
    return [
        jdihn_record(d, request.build_absolute_uri) for d in sel.legal_jdihn(agency).select_related("agency__region")
    ]


# ---- staff ----


@router.get("/agencies/{agency_id}/news", response={200: list[s.NewsOut], **ERRORS}, auth=AUTH)
def staff_news_list(request: HttpRequest, agency_id: int) -> object:
    """Every item of the agency, drafts and scheduled ones included."""
    actor = api_actor(request, WRITE_SCOPE)
    return [_news(i, full=True) for i in sel.news_for(actor, agency_id)[:PAGE_MAX]]


@router.post("/agencies/{agency_id}/news", response={201: s.NewsOut, 413: Problem, **ERRORS}, auth=AUTH)
def staff_news_create(request: HttpRequest, agency_id: int, payload: s.NewsIn) -> object:
    """A new draft; the body is sanitised (scripts, event handlers and foreign embeds removed)."""
    actor = api_actor(request, WRITE_SCOPE)
    agency = agency_get_for(actor, agency_id)
    item = svc.news_create(actor=actor, agency=agency, **payload.dict())
    return Status(201, _news(item, full=True))


@router.patch("/agencies/{agency_id}/news/{item_id}", response={200: s.NewsOut, 413: Problem, **ERRORS}, auth=AUTH)
def staff_news_update(request: HttpRequest, agency_id: int, item_id: int, payload: s.NewsPatch) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    item = sel.news_get_for(actor, agency_id, item_id)
    return _news(svc.news_update(actor=actor, item=item, **payload.dict(exclude_unset=True)), full=True)


@router.post("/agencies/{agency_id}/news/{item_id}/publish", response={200: s.NewsOut, **ERRORS}, auth=AUTH)
def staff_news_publish(request: HttpRequest, agency_id: int, item_id: int, payload: s.PublishIn) -> object:
    """Publish now, or at `publish_at` (scheduled: invisible until then)."""
    actor = api_actor(request, WRITE_SCOPE)
    item = sel.news_get_for(actor, agency_id, item_id)
    return _news(svc.news_publish(actor=actor, item=item, publish_at=payload.publish_at), full=True)


@router.post("/agencies/{agency_id}/news/{item_id}/unpublish", response={200: s.NewsOut, **ERRORS}, auth=AUTH)
def staff_news_unpublish(request: HttpRequest, agency_id: int, item_id: int) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    item = sel.news_get_for(actor, agency_id, item_id)
    return _news(svc.news_unpublish(actor=actor, item=item), full=True)


@router.get("/agencies/{agency_id}/legal-documents", response={200: list[s.LegalOut], **ERRORS}, auth=AUTH)
def staff_legal_list(request: HttpRequest, agency_id: int) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    return [_legal(d, full=True, public_only=False) for d in sel.legal_for(actor, agency_id)[:PAGE_MAX]]


@router.post("/agencies/{agency_id}/legal-documents", response={201: s.LegalOut, 413: Problem, **ERRORS}, auth=AUTH)
def staff_legal_create(request: HttpRequest, agency_id: int, payload: s.LegalIn) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    agency = agency_get_for(actor, agency_id)
    document = svc.legal_create(actor=actor, agency=agency, **payload.dict())
    return Status(201, _legal(document, full=True, public_only=False))


@router.patch(
    "/agencies/{agency_id}/legal-documents/{document_id}", response={200: s.LegalOut, 413: Problem, **ERRORS}, auth=AUTH
)
def staff_legal_update(request: HttpRequest, agency_id: int, document_id: int, payload: s.LegalPatch) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    document = sel.legal_get_for(actor, agency_id, document_id)
    updated = svc.legal_update(actor=actor, document=document, **payload.dict(exclude_unset=True))
    return _legal(updated, full=True, public_only=False)


@router.post(
    "/agencies/{agency_id}/legal-documents/{document_id}/pdf",
    response={200: s.LegalOut, 413: Problem, **ERRORS},
    auth=AUTH,
)
def staff_legal_pdf(request: HttpRequest, agency_id: int, document_id: int, file: File[UploadedFile]) -> object:
    """Upload the document's PDF (multipart `file`); checked by content and parsed for search."""
    actor = api_actor(request, WRITE_SCOPE)
    document = sel.legal_get_for(actor, agency_id, document_id)
    return _legal(svc.legal_pdf_set(actor=actor, document=document, upload=file), full=True, public_only=False)


@router.post(
    "/agencies/{agency_id}/legal-documents/{document_id}/publish", response={200: s.LegalOut, **ERRORS}, auth=AUTH
)
def staff_legal_publish(request: HttpRequest, agency_id: int, document_id: int) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    document = sel.legal_get_for(actor, agency_id, document_id)
    return _legal(svc.legal_publish(actor=actor, document=document), full=True, public_only=False)


@router.post(
    "/agencies/{agency_id}/legal-documents/{document_id}/unpublish", response={200: s.LegalOut, **ERRORS}, auth=AUTH
)
def staff_legal_unpublish(request: HttpRequest, agency_id: int, document_id: int) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    document = sel.legal_get_for(actor, agency_id, document_id)
    return _legal(svc.legal_unpublish(actor=actor, document=document), full=True, public_only=False)


@router.post(
    "/agencies/{agency_id}/legal-documents/{document_id}/relations",
    response={201: s.LegalOut, **ERRORS},
    auth=AUTH,
)
def staff_legal_relation_add(request: HttpRequest, agency_id: int, document_id: int, payload: s.RelationIn) -> object:
    """Record that this document amends, revokes or implements another (by id, or by
    citation for a regulation outside the register). The other document's status follows."""
    actor = api_actor(request, WRITE_SCOPE)
    document = sel.legal_get_for(actor, agency_id, document_id)
    target = None
    if payload.target_id is not None:
        target = sel.legal_relation_targets(actor, document).filter(pk=payload.target_id).first()
        if target is None:
            raise NotFound(code="legal_not_found")
    svc.legal_relation_add(
        actor=actor,
        document=document,
        kind=payload.kind,
        target=target,
        target_citation=payload.target_citation,
        note=payload.note,
    )
    return Status(201, _legal(document, full=True, public_only=False))


@router.delete(
    "/agencies/{agency_id}/legal-documents/{document_id}/relations/{relation_id}",
    response={204: None, **ERRORS},
    auth=AUTH,
)
def staff_legal_relation_remove(request: HttpRequest, agency_id: int, document_id: int, relation_id: int) -> object:
    actor = api_actor(request, WRITE_SCOPE)
    relation = sel.legal_relation_get_for(actor, agency_id, document_id, relation_id)
    svc.legal_relation_remove(actor=actor, relation=relation)
    return Status(204, None)
