"""Tenant isolation of news, announcements and the JDIH register: another agency's staff,
its front desk and API tokens never reach an agency's drafts, covers, PDFs or relations."""

from __future__ import annotations

from typing import Any

from tests.factories import tiny_pdf
from tests.isolation.cases import (
    Call,
    ListCase,
    TokenRoute,
    agency_api,
    api,
    console_list,
    page,
    public_list,
    scope,
)

SELF: dict[str, str] = {}


def _console(method: str, url: Any, as_user: str = "admin_b", console: str = "agency_a", **kw: Any) -> Call:
    return Call(method, url, as_user, console_agency=console, **kw)


PUBLIC: dict[str, str] = {
    "berita/": "public news of all agencies: published items only",
    "instansi/<slug:slug>/berita/": "an agency's public news: published items only",
    "instansi/<slug:slug>/berita/rss/": "RSS feed of an agency's published news",
    "instansi/<slug:slug>/berita/atom/": "Atom feed of an agency's published news",
    "instansi/<slug:slug>/berita/<slug:news_slug>/": "a published news item; drafts and scheduled items are 404"
    " (padu/publications/tests/test_pages.py)",
    "jdih/": "the public JDIH register: published legal documents only",
    "jdih/<str:key>/": "a published legal document; drafts are 404",
    "jdih/<str:key>/unduh/": "the PDF of a published legal document; drafts are 404",
    "api/v1/news": "public news: published items only",
    "api/v1/news/<agency>/<slug>": "a published news item",
    "api/v1/legal-documents": "the public JDIH register",
    "api/v1/legal-documents/<document_id>": "a published legal document",
    "api/v1/jdih/jdihn": "the JDIHN integration feed of published legal documents",
}


def _news(world: Any) -> int:
    return int(world.news_a.pk)


def _legal(world: Any) -> int:
    return int(world.legal_a.pk)


def _cover_upload() -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("perda.pdf", tiny_pdf(), content_type="application/pdf")}


NEWS_FORM = {"kind": "news", "title": "Sisipan", "body": "Sisipan"}
LEGAL_FORM = {
    "doc_type": "perdes",
    "number": "99",
    "year": "2025",
    "title": "Sisipan",
    "language": "id",
    "status": "berlaku",
}
LEGAL_JSON = {"doc_type": "perdes", "number": "99", "year": 2025, "title": "Sisipan"}


def _staff_api(method: str, url: Any, **kw: Any) -> list[Call]:
    users = ("admin_b", "supervisor_b", "token_b", "front_desk_a") if method == "GET" else ("admin_b", "front_desk_a")
    return [api(method, url, user, **kw) for user in users]


def _staff_pages(method: str, url: Any, **kw: Any) -> list[Call]:
    """Agency A's object addressed by B's admin (in B's and in A's console) and A's front desk."""
    return [
        _console(method, url, "admin_b", console="agency_b", **kw),
        _console(method, url, "admin_b", console="agency_a", **kw),
        _console(method, url, "front_desk_a", console="agency_a", **kw),
    ]


CASES: dict[str, list[Call]] = {
    "berita/gambar/<int:item_id>/": [
        # The cover of A's draft: only A's publishers see it before publication.
        api("GET", lambda w: f"/berita/gambar/{_news(w)}/", "admin_b"),
        api("GET", lambda w: f"/berita/gambar/{_news(w)}/", "citizen_other"),
        api("GET", lambda w: f"/berita/gambar/{_news(w)}/", "front_desk_a"),
    ],
    "api/v1/agencies/<agency_id>/news": [
        *_staff_api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/news"),
        *_staff_api("POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/news", json={"title": "x", "body": "x"}),
    ],
    "api/v1/agencies/<agency_id>/news/<item_id>": _staff_api(
        "PATCH", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/news/{_news(w)}", json={"title": "Diambil"}
    ),
    "api/v1/agencies/<agency_id>/news/<item_id>/publish": _staff_api(
        "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/news/{_news(w)}/publish", json={}
    ),
    "api/v1/agencies/<agency_id>/news/<item_id>/unpublish": _staff_api(
        "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/news/{w.news_published_a.pk}/unpublish", json={}
    ),
    "api/v1/agencies/<agency_id>/legal-documents": [
        *_staff_api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents"),
        *_staff_api("POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents", json=LEGAL_JSON),
    ],
    "api/v1/agencies/<agency_id>/legal-documents/<document_id>": _staff_api(
        "PATCH", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{_legal(w)}", json={"title": "x"}
    ),
    "api/v1/agencies/<agency_id>/legal-documents/<document_id>/pdf": [
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{_legal(w)}/pdf",
            u,
            form=_cover_upload(),
        )
        for u in ("admin_b", "front_desk_a", "token_b")
    ],
    "api/v1/agencies/<agency_id>/legal-documents/<document_id>/publish": _staff_api(
        "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{_legal(w)}/publish", json={}
    ),
    "api/v1/agencies/<agency_id>/legal-documents/<document_id>/unpublish": _staff_api(
        "POST",
        lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{w.legal_published_a.pk}/unpublish",
        json={},
    ),
    "api/v1/agencies/<agency_id>/legal-documents/<document_id>/relations": _staff_api(
        "POST",
        lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{_legal(w)}/relations",
        json={"kind": "implements", "target_citation": "UU 1/2026"},
    ),
    "api/v1/agencies/<agency_id>/legal-documents/<document_id>/relations/<relation_id>": _staff_api(
        "DELETE",
        lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{_legal(w)}/relations/{w.relation_a.pk}",
    ),
    "konsol/berita/": [page("GET", "/konsol/berita/"), page("GET", "/konsol/berita/", "front_desk_a")],
    "konsol/berita/baru/": [
        page("GET", "/konsol/berita/baru/", "front_desk_a"),
        page("POST", "/konsol/berita/baru/", "front_desk_a", form=NEWS_FORM),
    ],
    "konsol/berita/<int:item_id>/": [
        *_staff_pages("GET", lambda w: f"/konsol/berita/{_news(w)}/"),
        *_staff_pages(
            "POST",
            lambda w: f"/konsol/berita/{_news(w)}/",
            form=NEWS_FORM,
            owner_form={**NEWS_FORM, "cover_alt": "Foto"},
        ),
    ],
    "konsol/berita/<int:item_id>/terbitkan/": _staff_pages(
        "POST", lambda w: f"/konsol/berita/{_news(w)}/terbitkan/", form={}
    ),
    "konsol/berita/<int:item_id>/tarik/": _staff_pages(
        "POST", lambda w: f"/konsol/berita/{w.news_published_a.pk}/tarik/", form={}
    ),
    "konsol/jdih/": [page("GET", "/konsol/jdih/"), page("GET", "/konsol/jdih/", "front_desk_a")],
    "konsol/jdih/baru/": [
        page("GET", "/konsol/jdih/baru/", "front_desk_a"),
        page("POST", "/konsol/jdih/baru/", "front_desk_a", form=LEGAL_FORM),
    ],
    "konsol/jdih/<int:document_id>/": [
        *_staff_pages("GET", lambda w: f"/konsol/jdih/{_legal(w)}/"),
        *_staff_pages("POST", lambda w: f"/konsol/jdih/{_legal(w)}/", form=LEGAL_FORM),
    ],
    "konsol/jdih/<int:document_id>/terbitkan/": _staff_pages(
        "POST", lambda w: f"/konsol/jdih/{_legal(w)}/terbitkan/", form={}
    ),
    "konsol/jdih/<int:document_id>/tarik/": _staff_pages(
        "POST", lambda w: f"/konsol/jdih/{w.legal_published_a.pk}/tarik/", form={}
    ),
    "konsol/jdih/<int:document_id>/relasi/": _staff_pages(
        "POST",
        lambda w: f"/konsol/jdih/{_legal(w)}/relasi/",
        form={"kind": "implements", "target_citation": "UU 1/2026"},
    ),
    "konsol/jdih/<int:document_id>/relasi/<int:relation_id>/hapus/": _staff_pages(
        "POST", lambda w: f"/konsol/jdih/{_legal(w)}/relasi/{w.relation_a.pk}/hapus/", form={}
    ),
}


def build(world: Any) -> None:
    """On each side: a draft news item with a cover and a draft regulation with a PDF and a
    relation (A's are `news_a`, `legal_a`, `relation_a`), and a published item of each."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from padu.core.actors import OPERATOR
    from padu.publications.models import LegalDocument, LegalRelation, NewsItem
    from padu.publications.services import (
        legal_create,
        legal_pdf_set,
        legal_publish,
        news_create,
        news_publish,
    )
    from tests.factories import tiny_image
    from tests.isolation.world import SIDES, mark, public_mark

    for s in SIDES:
        agency = world.agency(s)
        news = NewsItem(
            agency=agency,
            title=f"Draf {mark(s, 'BERITA')}",
            slug=f"draf-{s}",
            body="<p>Rahasia</p>",
            cover_alt="Foto",
            cover_content_type="image/jpeg",
        )
        news.cover.save(f"isolation-{s}.jpg", ContentFile(tiny_image("JPEG")), save=False)
        news.save()
        legal = LegalDocument(
            agency=agency,
            doc_type="perdes",
            number="1",
            year=2026,
            title=f"Draf Perdes {mark(s, 'PERDES')}",
            slug=f"perdes-1-2026-draf-{s}",
            date_enacted=dt.date(2026, 1, 5),
        )
        legal.pdf.save(f"isolation-{s}.pdf", ContentFile(tiny_pdf()), save=False)
        legal.save()
        setattr(world, f"news_{s}", news)
        setattr(world, f"legal_{s}", legal)
        relation = LegalRelation.objects.create(source=legal, kind="implements", target_citation="UU 6/2014")
        setattr(world, f"relation_{s}", relation)
        published = news_create(
            actor=OPERATOR, agency=agency, title=f"Kabar {public_mark(s, 'BERITA')}", body="<p>Kabar</p>"
        )
        news_publish(actor=OPERATOR, item=published)
        setattr(world, f"news_published_{s}", published)
        regulation = legal_create(
            actor=OPERATOR,
            agency=agency,
            doc_type="perdes",
            number="2",
            year=2025,
            title=f"Perdes {public_mark(s, 'PERDES')}",
            date_enacted=dt.date(2025, 3, 1),
        )
        legal_pdf_set(actor=OPERATOR, document=regulation, upload=SimpleUploadedFile("p.pdf", tiny_pdf()))
        legal_publish(actor=OPERATOR, document=regulation)
        setattr(world, f"legal_published_{s}", regulation)


LIST: dict[str, list[ListCase]] = {
    "konsol/berita/": [console_list("/konsol/berita/", "BERITA", public=("BERITA",))],
    "api/v1/agencies/<agency_id>/news": [
        agency_api("/api/v1/agencies/{agency}/news", "BERITA", public=("BERITA",)),
    ],
    "konsol/jdih/": [console_list("/konsol/jdih/", "PERDES", public=("PERDES",))],
    "api/v1/agencies/<agency_id>/legal-documents": [
        agency_api("/api/v1/agencies/{agency}/legal-documents", "PERDES", public=("PERDES",)),
    ],
    "berita/": [public_list("/berita/", shared=("BERITA",))],
    "instansi/<slug:slug>/berita/": [public_list("/instansi/{slug}/berita/", public=("BERITA",))],
    "instansi/<slug:slug>/berita/rss/": [public_list("/instansi/{slug}/berita/rss/", public=("BERITA",))],
    "instansi/<slug:slug>/berita/atom/": [public_list("/instansi/{slug}/berita/atom/", public=("BERITA",))],
    "api/v1/news": [
        public_list("/api/v1/news", shared=("BERITA",)),
        public_list("/api/v1/news?agency={slug}", public=("BERITA",), label="filter"),
    ],
    "jdih/": [
        public_list("/jdih/", shared=("PERDES",)),
        public_list("/jdih/?q=Perdes", shared=("PERDES",), label="search"),
    ],
    "api/v1/legal-documents": [
        public_list("/api/v1/legal-documents", shared=("PERDES",)),
        public_list("/api/v1/legal-documents?agency={slug}", public=("PERDES",), label="filter"),
    ],
    "api/v1/jdih/jdihn": [public_list("/api/v1/jdih/jdihn", shared=("PERDES",))],
}


NOT_LIST: dict[str, str] = {
    "konsol/berita/baru/": "a form for a new news item",
    "konsol/jdih/baru/": "a form for a new regulation",
}


# Publishing through the API asks for `publications:write`, a scope API_SCOPES does not offer:
# no token can hold it, so every token is refused with token_scope_missing.
_PUBLISH = "publications:write"
TOKEN_SCOPES: dict[str, TokenRoute] = {
    f"{method} api/v1/agencies/<agency_id>/{path}": scope(_PUBLISH)
    for method, path in (
        ("GET", "news"),
        ("POST", "news"),
        ("PATCH", "news/<item_id>"),
        ("POST", "news/<item_id>/publish"),
        ("POST", "news/<item_id>/unpublish"),
        ("GET", "legal-documents"),
        ("POST", "legal-documents"),
        ("PATCH", "legal-documents/<document_id>"),
        ("POST", "legal-documents/<document_id>/pdf"),
        ("POST", "legal-documents/<document_id>/publish"),
        ("POST", "legal-documents/<document_id>/unpublish"),
        ("POST", "legal-documents/<document_id>/relations"),
        ("DELETE", "legal-documents/<document_id>/relations/<relation_id>"),
    )
}
