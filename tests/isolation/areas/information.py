"""Tenant-isolation cases of padu.information: public-information requests (PPID) and
publications (news, JDIH). Each area keeps to its own section below."""

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
    mine,
    page,
    people_only,
    public_list,
    scope,
)

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}

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
PPID = "ppid_a"  # agency A's information officer: decides A's requests
_NO_OBJECTION = (
    "an objection needs a decided request (and its answer a pending objection); the requester's objection and"
    " its answer are tested in padu/information/tests"
)


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
                owner="citizen_owner",
            ),
            api("POST", lambda w: f"/api/v1/ppid-requests/{_req(w)}/actions", "admin_b", json=DECIDE, owner=PPID),
            api("POST", lambda w: f"/api/v1/ppid-requests/{_req(w)}/actions", "token_b", json=DECIDE, owner=PPID),
        ],
        "api/v1/ppid-requests/<request_id>/objection": [
            api(
                "POST",
                lambda w: f"/api/v1/ppid-requests/{_req(w)}/objection",
                "citizen_other",
                json={"grounds": ["c"], "reasons": "x"},
                owner=None,
                no_control=_NO_OBJECTION,
            ),
        ],
        "api/v1/ppid-requests/<request_id>/objection/answer": [
            api(
                "POST",
                lambda w: f"/api/v1/ppid-requests/{_req(w)}/objection/answer",
                "admin_b",
                json={"outcome": "upheld", "answer": "x"},
                owner=None,
                no_control=_NO_OBJECTION,
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
            Call(
                "POST",
                lambda w: f"/akun/ppid/{_req(w)}/",
                "citizen_other",
                form={"action": "withdraw"},
                owner="citizen_owner",
            ),
            Call("GET", lambda w: f"/akun/ppid/{_req(w)}/", "admin_a", frozenset({404})),
        ],
        "akun/ppid/<int:request_id>/keberatan/": [
            Call("GET", lambda w: f"/akun/ppid/{_req(w)}/keberatan/", "citizen_other", owner="citizen_owner"),
            Call(
                "POST",
                lambda w: f"/akun/ppid/{_req(w)}/keberatan/",
                "citizen_other",
                form={"grounds": ["c"], "reasons": "x"},
                owner=None,
                no_control=_NO_OBJECTION,
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
                owner=PPID,
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
    """On each side: a request of the side's citizen with a released file (A's is
    `ppid_request_a`, `ppid_file_a`), a hidden entry of the side's list (A's `ppid_item_a`)
    and a published one. A request's subject is public by law (the register), so it carries
    a public marker; its requester (the citizen's name) is private."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from padu.core.calendar import WorkCalendar
    from padu.core.roles import Role
    from padu.information.models import InfoRequest, PublicInformation, RequestFile
    from tests.factories import make_staff
    from tests.isolation.world import CITIZEN, SIDES, mark, public_mark

    now = timezone.now()
    for s in SIDES:
        agency = world.agency(s)
        setattr(
            world, f"ppid_{s}", make_staff(agency, Role.INFORMATION_OFFICER, full_name=f"PPID {mark(s, 'PPID-STAF')}")
        )
        citizen = getattr(world, CITIZEN[s])
        request = InfoRequest.objects.create(
            agency=agency,
            number=f"001/PPID/ISOLASI-{s.upper()}/2026",
            requester=citizen,
            requester_kind="person",
            requester_name=citizen.full_name,
            address=f"Jl. Rahasia 1 {mark(s, 'ALAMAT')}",
            email=citizen.email,
            information=f"Salinan APBDes {public_mark(s, 'PPID')}",
            purpose=f"Penelitian {mark(s, 'TUJUAN')}",
            obtain_method="soft_copy",
            delivery_method="email",
            submitted_at=now,
            due_at=WorkCalendar(agency).deadline(now, 10),
        )
        stored = RequestFile(
            request=request,
            kind="released",
            original_name="apbdes.pdf",
            content_type="application/pdf",
            size=9,
            sha256="0" * 64,
        )
        stored.file.save("apbdes.pdf", ContentFile(tiny_pdf()), save=True)
        for published in (False, True):
            item = PublicInformation(
                agency=agency,
                category="berkala",
                title=f"APBDes {public_mark(s, 'DIP') if published else mark(s, 'DIP')}",
                summary="x",
                responsible_unit="Kaur Keuangan",
                retention="5 tahun",
                is_published=published,
                document_name="apbdes.pdf",
                document_type="application/pdf",
                document_size=9,
            )
            item.document.save("apbdes.pdf", ContentFile(tiny_pdf()), save=True)
            if not published:
                setattr(world, f"ppid_item_{s}", item)
        setattr(world, f"ppid_request_{s}", request)
        setattr(world, f"ppid_file_{s}", stored)


def _ppid_numbers(world: Any, side: str) -> list[str]:
    return [getattr(world, f"ppid_request_{side}").number]


LIST.update(
    {
        "konsol/ppid/": [
            console_list("/konsol/ppid/", "WARGA", public=("PPID",), rows=_ppid_numbers),
            console_list("/konsol/ppid/?show=all", "WARGA", public=("PPID",), label="all"),
            console_list("/konsol/ppid/?show=all&q=ISOLASI", "WARGA", label="search"),
        ],
        "konsol/ppid/daftar-informasi/": [console_list("/konsol/ppid/daftar-informasi/", "DIP", public=("DIP",))],
        "konsol/ppid/laporan/": [console_list("/konsol/ppid/laporan/")],
        "konsol/ppid/laporan/unduh/": [console_list("/konsol/ppid/laporan/unduh/", public=("PPID",))],
        "api/v1/agencies/<agency_id>/ppid/report": [agency_api("/api/v1/agencies/{agency}/ppid/report?year=2026")],
        "akun/ppid/": [mine("/akun/ppid/", rows=_ppid_numbers)],
        "api/v1/me/ppid-requests": [mine("/api/v1/me/ppid-requests", "TUJUAN", public=("PPID",), rows=_ppid_numbers)],
        "ppid/<slug:slug>/": [public_list("/ppid/{slug}/", public=("PPID",), rows=_ppid_numbers)],
        "api/v1/ppid/<agency>/register": [
            public_list("/api/v1/ppid/{slug}/register", public=("PPID",), rows=_ppid_numbers)
        ],
        "ppid/<slug:slug>/daftar-informasi/": [public_list("/ppid/{slug}/daftar-informasi/", public=("DIP",))],
        "api/v1/ppid/<agency>/public-information": [
            public_list("/api/v1/ppid/{slug}/public-information", public=("DIP",))
        ],
        "ppid/": [public_list("/ppid/")],
    }
)
NOT_LIST.update({"konsol/ppid/daftar-informasi/baru/": "a form for a new entry"})


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
)


def _build_publications(world: Any) -> None:
    """On each side: a draft news item with a cover and a draft regulation with a PDF and a
    relation (A's are `news_a`, `legal_a`, `relation_a`), and a published item of each."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from padu.core.actors import OPERATOR
    from padu.information.models import LegalDocument, LegalRelation, NewsItem
    from padu.information.publications_services import (
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


LIST.update(
    {
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
)
NOT_LIST.update(
    {
        "konsol/berita/baru/": "a form for a new news item",
        "konsol/jdih/baru/": "a form for a new regulation",
    }
)


def build(world: Any) -> None:
    _build_ppid(world)
    _build_publications(world)


_PPID = "requests are filed by a person and decided by the information officer, a person"
TOKEN_SCOPES.update(
    {
        "POST api/v1/ppid/<agency>/requests": people_only(_PPID, json=PPID_REQUEST),
        "GET api/v1/me/ppid-requests": people_only(_PPID, url=lambda w: "/api/v1/me/ppid-requests"),
        "GET api/v1/ppid-requests/<request_id>": people_only(_PPID),
        "POST api/v1/ppid-requests/<request_id>/actions": people_only(_PPID),
        "POST api/v1/ppid-requests/<request_id>/objection": people_only(_PPID),
        "POST api/v1/ppid-requests/<request_id>/objection/answer": people_only(_PPID),
        "GET api/v1/agencies/<agency_id>/ppid/report": people_only("the PPID report is for the agency's staff"),
    }
)

# Publishing through the API asks for `publications:write`, a scope API_SCOPES does not offer:
# no token can hold it, so every token is refused with token_scope_missing.
_PUBLISH = "publications:write"
TOKEN_SCOPES.update(
    {
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
)
