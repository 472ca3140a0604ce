"""Tenant-isolation cases of padu.information: public-information requests (PPID) and
publications (news, JDIH). Each area keeps to its own section below."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, api, page

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}

# ---- PPID (public-information requests) ----

PUBLIC.update(
    {
        "ppid/": "PPID start page: public agency directory",
        "ppid/<slug:slug>/": "the agency's public register of requests: number, dates, subject, status; no requester",
        "ppid/<slug:slug>/daftar-informasi/": "the agency's published daftar informasi publik",
        "ppid/<slug:slug>/daftar-informasi/<int:item_id>/unduh/": "a published entry's document (hidden entries and"
        " other agencies' entries are 404, tested in padu/portal/tests/test_ppid_pages.py)",
        "ppid/<slug:slug>/ajukan/": "the public request form (login required); it addresses no one's object and only"
        " ever creates a request owned by the signed-in caller",
        "api/v1/ppid/<agency>/register": "the agency's public register of requests, without requester identity",
        "api/v1/ppid/<agency>/public-information": "the agency's published daftar informasi publik",
    }
)

SELF.update({"akun/ppid/": "GET", "api/v1/me/ppid-requests": "GET"})

PPID_REQUEST = {
    "requester_kind": "legal_entity",
    "name": "Sisipan",
    "legal_entity_number": "AHU-1",
    "address": "x",
    "email": "x@example.id",
    "information": "x",
    "purpose": "x",
    "obtain_method": "soft_copy",
    "delivery_method": "email",
}
PPID_ITEM_FORM = {
    "category": "berkala",
    "title": "Sisipan",
    "summary": "x",
    "responsible_unit": "x",
    "retention": "x",
    "format": "soft",
    "is_published": "on",
}
DECIDE = {"action": "decide", "decision": "not_held", "note": "x"}


def _req(world: Any) -> int:
    return int(world.ppid_request_a.pk)


def _console(method: str, url: Any, as_user: str = "admin_b", console: str = "agency_a", **kw: Any) -> Call:
    return Call(method, url, as_user, console_agency=console, **kw)


CASES.update(
    {
        "api/v1/ppid/<agency>/requests": [
            # An agency token never files a request in anyone's name.
            api("POST", lambda w: f"/api/v1/ppid/{w.agency_a.slug}/requests", "token_b", json=PPID_REQUEST),
        ],
        "api/v1/ppid-requests/<request_id>": [
            api("GET", lambda w: f"/api/v1/ppid-requests/{_req(w)}", "citizen_other", owner="citizen_owner"),
            api("GET", lambda w: f"/api/v1/ppid-requests/{_req(w)}", "admin_b"),
            api("GET", lambda w: f"/api/v1/ppid-requests/{_req(w)}", "supervisor_b"),
            api("GET", lambda w: f"/api/v1/ppid-requests/{_req(w)}", "token_b"),
            api("GET", lambda w: f"/api/v1/ppid-requests/{_req(w)}", "front_desk_a"),
        ],
        "api/v1/ppid-requests/<request_id>/actions": [
            api(
                "POST",
                lambda w: f"/api/v1/ppid-requests/{_req(w)}/actions",
                "citizen_other",
                json={"action": "withdraw"},
            ),
            api("POST", lambda w: f"/api/v1/ppid-requests/{_req(w)}/actions", "admin_b", json=DECIDE),
            api("POST", lambda w: f"/api/v1/ppid-requests/{_req(w)}/actions", "token_b", json=DECIDE),
        ],
        "api/v1/ppid-requests/<request_id>/objection": [
            api(
                "POST",
                lambda w: f"/api/v1/ppid-requests/{_req(w)}/objection",
                "citizen_other",
                json={"grounds": ["c"], "reasons": "x"},
            ),
        ],
        "api/v1/ppid-requests/<request_id>/objection/answer": [
            api(
                "POST",
                lambda w: f"/api/v1/ppid-requests/{_req(w)}/objection/answer",
                "admin_b",
                json={"outcome": "upheld", "answer": "x"},
            ),
        ],
        "api/v1/agencies/<agency_id>/ppid/report": [
            api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/report?year=2026"),
            api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/report?year=2026", "supervisor_b"),
            api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/report?year=2026", "token_b"),
            api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/report?year=2026", "citizen_owner"),
            api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/report?year=2026", "front_desk_a"),
        ],
        "akun/ppid/<int:request_id>/": [
            Call("GET", lambda w: f"/akun/ppid/{_req(w)}/", "citizen_other", frozenset({404}), owner="citizen_owner"),
            Call("POST", lambda w: f"/akun/ppid/{_req(w)}/", "citizen_other", form={"action": "withdraw"}),
            Call("GET", lambda w: f"/akun/ppid/{_req(w)}/", "admin_a", frozenset({404})),
        ],
        "akun/ppid/<int:request_id>/keberatan/": [
            Call("GET", lambda w: f"/akun/ppid/{_req(w)}/keberatan/", "citizen_other", owner="citizen_owner"),
            Call(
                "POST",
                lambda w: f"/akun/ppid/{_req(w)}/keberatan/",
                "citizen_other",
                form={"grounds": ["c"], "reasons": "x"},
            ),
        ],
        "akun/ppid/berkas/<int:file_id>/": [
            Call("GET", lambda w: f"/akun/ppid/berkas/{w.ppid_file_a.pk}/", "citizen_other", owner="citizen_owner"),
            Call("GET", lambda w: f"/akun/ppid/berkas/{w.ppid_file_a.pk}/", "admin_a"),  # staff use the console
            Call("GET", lambda w: f"/akun/ppid/berkas/{w.ppid_file_a.pk}/", "admin_b"),
        ],
        "konsol/ppid/": [
            page("GET", "/konsol/ppid/"),
            page("GET", "/konsol/ppid/", "front_desk_a"),
            page("GET", "/konsol/ppid/", "citizen_owner", console_agency=None),
        ],
        "konsol/ppid/permohonan/<int:request_id>/": [
            _console("GET", lambda w: f"/konsol/ppid/permohonan/{_req(w)}/"),
            _console("GET", lambda w: f"/konsol/ppid/permohonan/{_req(w)}/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/ppid/permohonan/{_req(w)}/", "supervisor_b", console="agency_b"),
            _console("GET", lambda w: f"/konsol/ppid/permohonan/{_req(w)}/", "front_desk_a"),
            Call("GET", lambda w: f"/konsol/ppid/permohonan/{_req(w)}/", "citizen_owner"),
            _console(
                "POST",
                lambda w: f"/konsol/ppid/permohonan/{_req(w)}/",
                console="agency_b",
                form={"action": "decide", "decide-decision": "not_held", "decide-note": "x"},
            ),
        ],
        "konsol/ppid/berkas/<int:file_id>/": [
            _console("GET", lambda w: f"/konsol/ppid/berkas/{w.ppid_file_a.pk}/"),
            _console("GET", lambda w: f"/konsol/ppid/berkas/{w.ppid_file_a.pk}/", "supervisor_b", console="agency_b"),
            Call("GET", lambda w: f"/konsol/ppid/berkas/{w.ppid_file_a.pk}/", "citizen_owner"),
        ],
        "konsol/ppid/daftar-informasi/": [
            page("GET", "/konsol/ppid/daftar-informasi/"),
            page("GET", "/konsol/ppid/daftar-informasi/", "front_desk_a"),
        ],
        "konsol/ppid/daftar-informasi/baru/": [
            page("GET", "/konsol/ppid/daftar-informasi/baru/"),
            page("POST", "/konsol/ppid/daftar-informasi/baru/", form=PPID_ITEM_FORM),
            page("POST", "/konsol/ppid/daftar-informasi/baru/", "front_desk_a", form=PPID_ITEM_FORM),
        ],
        "konsol/ppid/daftar-informasi/<int:item_id>/": [
            _console("GET", lambda w: f"/konsol/ppid/daftar-informasi/{w.ppid_item_a.pk}/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/ppid/daftar-informasi/{w.ppid_item_a.pk}/"),
            _console(
                "POST",
                lambda w: f"/konsol/ppid/daftar-informasi/{w.ppid_item_a.pk}/",
                console="agency_b",
                form=PPID_ITEM_FORM,
            ),
            _console(
                "POST",
                lambda w: f"/konsol/ppid/daftar-informasi/{w.ppid_item_a.pk}/",
                "front_desk_a",
                form=PPID_ITEM_FORM,
            ),
        ],
        "konsol/ppid/daftar-informasi/<int:item_id>/unduh/": [
            _console("GET", lambda w: f"/konsol/ppid/daftar-informasi/{w.ppid_item_a.pk}/unduh/", console="agency_b"),
            _console("GET", lambda w: f"/konsol/ppid/daftar-informasi/{w.ppid_item_a.pk}/unduh/", "front_desk_a"),
        ],
        "konsol/ppid/laporan/": [
            page("GET", "/konsol/ppid/laporan/"),
            page("GET", "/konsol/ppid/laporan/", "front_desk_a"),
            _console("GET", lambda w: f"/konsol/ppid/laporan/?agency={w.agency_a.pk}", console="agency_b"),
            _console(
                "GET", lambda w: f"/konsol/ppid/laporan/?agency={w.agency_a.pk}", "supervisor_b", console="agency_b"
            ),
        ],
        "konsol/ppid/laporan/unduh/": [
            page("GET", "/konsol/ppid/laporan/unduh/"),
            _console("GET", lambda w: f"/konsol/ppid/laporan/unduh/?agency={w.agency_a.pk}", console="agency_b"),
        ],
    }
)


def _build_ppid(world: Any) -> None:
    """A request of the owner to agency A with a released file, and an entry of A's list."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from padu.core.calendar import WorkCalendar
    from padu.information.models import InfoRequest, PublicInformation, RequestFile

    now = timezone.now()
    request = InfoRequest.objects.create(
        agency=world.agency_a,
        number="001/PPID/ISOLASI/2026",
        requester=world.citizen_owner,
        requester_kind="person",
        requester_name=world.citizen_owner.full_name,
        address="Jl. Rahasia 1",
        email=world.citizen_owner.email,
        information="Salinan APBDes",
        purpose="Penelitian",
        obtain_method="soft_copy",
        delivery_method="email",
        submitted_at=now,
        due_at=WorkCalendar(world.agency_a).deadline(now, 10),
    )
    stored = RequestFile(
        request=request,
        kind="released",
        original_name="apbdes.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    stored.file.save("apbdes.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    item = PublicInformation(
        agency=world.agency_a,
        category="berkala",
        title="APBDes",
        summary="x",
        responsible_unit="Kaur Keuangan",
        retention="5 tahun",
        is_published=False,
        document_name="apbdes.pdf",
        document_type="application/pdf",
        document_size=9,
    )
    item.document.save("apbdes.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    world.ppid_request_a = request
    world.ppid_file_a = stored
    world.ppid_item_a = item


def _snapshot_ppid() -> tuple[int, ...]:
    from padu.information.models import InfoObjection, InfoRequest, PublicInformation, RequestEvent, RequestFile

    return (
        InfoRequest.objects.count(),
        InfoRequest.objects.filter(status="submitted").count(),
        InfoObjection.objects.count(),
        RequestEvent.objects.count(),
        RequestFile.objects.count(),
        PublicInformation.objects.count(),
        PublicInformation.objects.filter(is_published=True).count(),
    )


# ---- publications (news, announcements, JDIH) ----

PUBLIC.update(
    {
        "berita/": "public news of all agencies: published items only",
        "instansi/<slug:slug>/berita/": "an agency's public news: published items only",
        "instansi/<slug:slug>/berita/rss/": "RSS feed of an agency's published news",
        "instansi/<slug:slug>/berita/atom/": "Atom feed of an agency's published news",
        "instansi/<slug:slug>/berita/<slug:news_slug>/": "a published news item; drafts and scheduled items are 404"
        " (padu/portal/tests/test_publication_pages.py)",
        "jdih/": "the public JDIH register: published legal documents only",
        "jdih/<str:key>/": "a published legal document; drafts are 404",
        "jdih/<str:key>/unduh/": "the PDF of a published legal document; drafts are 404",
        "api/v1/news": "public news: published items only",
        "api/v1/news/<agency>/<slug>": "a published news item",
        "api/v1/legal-documents": "the public JDIH register",
        "api/v1/legal-documents/<document_id>": "a published legal document",
        "api/v1/jdih/jdihn": "the JDIHN integration feed of published legal documents",
    }
)


def _news(world: Any) -> int:
    return int(world.news_a.pk)


def _legal(world: Any) -> int:
    return int(world.legal_a.pk)


def _cover_upload() -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("perda.pdf", b"%PDF-1.7 isolation", content_type="application/pdf")}


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


CASES.update(
    {
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
            "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/news/{_news(w)}/unpublish", json={}
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
            "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/legal-documents/{_legal(w)}/unpublish", json={}
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
            *_staff_pages("POST", lambda w: f"/konsol/berita/{_news(w)}/", form=NEWS_FORM),
        ],
        "konsol/berita/<int:item_id>/terbitkan/": _staff_pages(
            "POST", lambda w: f"/konsol/berita/{_news(w)}/terbitkan/", form={}
        ),
        "konsol/berita/<int:item_id>/tarik/": _staff_pages(
            "POST", lambda w: f"/konsol/berita/{_news(w)}/tarik/", form={}
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
            "POST", lambda w: f"/konsol/jdih/{_legal(w)}/tarik/", form={}
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
)


def _build_publications(world: Any) -> None:
    """A draft news item of agency A with a cover, and a draft regulation of A with a PDF and a relation."""
    import datetime as dt
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from padu.information.models import LegalDocument, LegalRelation, NewsItem

    image = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 40)).save(image, format="JPEG")
    news = NewsItem(
        agency=world.agency_a,
        title="Draf A",
        slug="draf-a",
        body="<p>Rahasia A</p>",
        cover_alt="Foto A",
        cover_content_type="image/jpeg",
    )
    news.cover.save("isolation-a.jpg", ContentFile(image.getvalue()), save=False)
    news.save()
    legal = LegalDocument(
        agency=world.agency_a,
        doc_type="perdes",
        number="1",
        year=2026,
        title="Draf Perdes A",
        slug="perdes-1-2026-draf",
        date_enacted=dt.date(2026, 1, 5),
    )
    legal.pdf.save("isolation-a.pdf", ContentFile(b"%PDF-1.7 isolation"), save=False)
    legal.save()
    world.news_a = news
    world.legal_a = legal
    world.relation_a = LegalRelation.objects.create(source=legal, kind="implements", target_citation="UU 6/2014")


def _snapshot_publications() -> tuple[int, ...]:
    from padu.information.models import LegalDocument, LegalRelation, NewsItem

    return (
        NewsItem.objects.count(),
        NewsItem.objects.filter(status="published").count(),
        NewsItem.objects.exclude(cover="").count(),
        NewsItem.objects.filter(title="Draf A").count(),
        LegalDocument.objects.count(),
        LegalDocument.objects.filter(published_at__isnull=False).count(),
        LegalDocument.objects.filter(title="Draf Perdes A").count(),
        LegalRelation.objects.count(),
    )


def build(world: Any) -> None:
    _build_ppid(world)
    _build_publications(world)


def snapshot() -> tuple[int, ...]:
    return _snapshot_ppid() + _snapshot_publications()
