"""The tenant-isolation harness: which routes exist, and how each is kept to its owner.

Every route must appear here exactly once, as one of:
- FRAMEWORK: prefixes served by Django, allauth and the API docs, tested by their projects
  and holding no tenant data of ours;
- PUBLIC: routes that show only public information, to anyone, with the reason;
- SELF: routes that only ever act on the caller's own records (no id in the URL), with a
  check that another person's call does not reach the owner's data;
- CASES: routes that address another tenant's objects; each case makes the call as a user
  of agency B, or as a citizen who is not the owner, and expects 403 or 404.

A later issue that adds routes adds them here; `test_every_route_is_covered` fails until it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Routes served by Django (admin, language switch, redirects) and django-allauth (login,
# signup, password, e-mail and MFA flows on the caller's own account), and ninja's own
# documents: tested by their projects, and holding no tenant data of ours.
FRAMEWORK_MODULES = ("django.", "allauth.")
FRAMEWORK_ROUTES = {"api/v1/", "api/v1/docs", "api/v1/openapi.json"}
FRAMEWORK_PREFIXES = ("admin/",)

PUBLIC = {
    "": "home page: public agency directory",
    "wilayah/pilih/": "region picker fragment: public region tree",
    "bahasa/<str:code>/": "language switch: sets the visitor's own language cookie, reads nothing",
    "instansi/<slug:slug>/": "agency page: public letterhead data only",
    "api/v1/regions": "public region tree",
    "api/v1/regions/search": "public region tree",
    "api/v1/regions/<code>": "public region tree",
    "api/v1/agencies": "public agency directory",
    "api/v1/agencies/<slug>": "public agency letterhead data",
    "api/v1/agencies/<slug>/deadline": "public working-day arithmetic",
    "api/v1/services": "public service catalogue",
    "api/v1/services/<agency>/<slug>": "public service standard and form schema",
    "api/v1/tracking/<number>": "public case status by tracking number, without personal data",
    "api/v1/satisfaction": "public satisfaction index (IKM): aggregates only, no answers or comments",
    "akun/keamanan/wajib-2fa/": "an explanation page, no data",
    "layanan/": "public service catalogue",
    "layanan/<slug:agency_slug>/<slug:slug>/": "public service standard",
    "layanan/<slug:agency_slug>/<slug:slug>/ajukan/": "the public form of a published service (login required); it"
    " addresses no one's object and only ever creates a draft owned by the signed-in caller",
    "lacak/": "tracking form, no data",
    "lacak/<str:number>/": "public case status by tracking number, without personal data",
    "verifikasi/": "document check by upload: answers only for the uploaded file, which is not stored",
    "verifikasi/<str:code>/": "document verification by its unguessable code: issuer, number, signer, hash; no"
    " personal data",
    "api/v1/documents/verify/<code>": "document verification by its unguessable code, without personal data",
    "api/v1/documents/verify": "document check by upload: answers only for the uploaded file",
    "api/v1/notify/callback/<channel>": "gateway delivery report: no session, authenticated by an HMAC-SHA256"
    " signature of the body (NOTIFY_CALLBACK_SECRET); changes only the referenced message's status",
}


@dataclass(frozen=True)
class Call:
    method: str
    url: Callable[[Any], str]
    as_user: str  # attribute of the World: "admin_b", "front_desk_b", "citizen_other", ...
    expect: frozenset[int] = frozenset({403, 404})
    json: dict[str, Any] | None = None
    form: dict[str, Any] | None = None
    console_agency: str | None = None  # set the console's active agency in the session first
    # Who may make this call, for the control run (200 expected); None where the world has
    # no object the owner could fetch (a case's document exists only once it is signed).
    owner: str | None = "admin_a"


def api(method: str, url: Callable[[Any], str], as_user: str = "admin_b", **kw: Any) -> Call:
    return Call(method, url, as_user, **kw)


def page(method: str, url: str, as_user: str = "admin_b", **kw: Any) -> Call:
    # Console pages act on the session's active agency: point it at agency A as B's staff.
    def fixed(world: Any) -> str:
        return url

    return Call(method, fixed, as_user, console_agency=kw.pop("console_agency", "agency_a"), **kw)


def _inbox_message(world: Any) -> int:
    """An in-app message to agency A's admin (the owner in the control run), made on first use."""
    from padu.notify.models import Message

    message, _ = Message.objects.get_or_create(
        recipient=world.admin_a,
        channel="inapp",
        template_key="document.ready",
        defaults={"language": "id", "subject": "Dokumen siap", "body": "Untuk A", "agency": world.agency_a},
    )
    return message.pk


def _document_a(world: Any) -> int:
    """An issued document of agency A (row and stored file only; signing is tested in documents)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from padu.documents.models import IssuedDocument

    document = IssuedDocument.objects.filter(agency=world.agency_a).first()
    if document is None:
        document = IssuedDocument(
            agency=world.agency_a,
            kind="sk",
            number="001/SK/XI/2026",
            title="Surat Keterangan",
            sha256="0" * 64,
            signer_name="Kepala Desa",
            signed_at=timezone.now(),
            verification_code="isolation-case-a",
        )
        document.pdf.save("isolation-case-a.pdf", ContentFile(b"%PDF-1.7 isolation case"), save=True)
    return document.pk


def _upload() -> dict[str, Any]:
    """A multipart body for the upload endpoint (a fresh file per case)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"field": "a", "file": SimpleUploadedFile("ktp.pdf", b"%PDF-1.7 isolation", content_type="application/pdf")}


SERVICE_FORM = {
    "name": "Layanan Sisipan",
    "description": "x",
    "audience": ["citizen"],
    "category": "surat",
    "completion_days": "3",
    "fee_kind": "free",
    "output": "x",
    "step_1": "verifier",
}
LETTER_FORM = {"name": "Sisipan", "kind": "skd", "body": "<p>x</p>"}


def _version_calls(suffix: str, method: str = "GET", form: dict[str, Any] | None = None) -> list[Call]:
    """Agency A's draft addressed by B's admin (in B's console) and by A's front-desk officer."""
    return [
        Call(
            method,
            lambda w: f"/konsol/layanan/{w.version_a.pk}/{suffix}/",
            "admin_b",
            form=form,
            console_agency="agency_b",
        ),
        Call(method, lambda w: f"/konsol/layanan/{w.version_a.pk}/{suffix}/", "admin_b", form=form),
        Call(
            method,
            lambda w: f"/konsol/layanan/{w.version_a.pk}/{suffix}/",
            "front_desk_a",
            form=form,
            console_agency="agency_a",
        ),
    ]


def _letter_calls(suffix: str, method: str = "GET", form: dict[str, Any] | None = None) -> list[Call]:
    return [
        Call(
            method,
            lambda w: f"/konsol/surat/{w.template_a.kind}/{suffix}/",
            "admin_b",
            form=form,
            console_agency="agency_b",
        ),
        Call(method, lambda w: f"/konsol/surat/{w.template_a.kind}/{suffix}/", "admin_b", form=form),
        Call(
            method,
            lambda w: f"/konsol/surat/{w.template_a.kind}/{suffix}/",
            "front_desk_a",
            form=form,
            console_agency="agency_a",
        ),
    ]


SERVICE = {
    "name": "Layanan Sisipan",
    "description": "x",
    "audience": ["citizen"],
    "category": "surat",
    "completion_days": 3,
    "output": "x",
    "form": {"fields": [{"name": "a", "type": "text", "label": "A"}]},
    "workflow": [{"role": "verifier"}],
}

CASES: dict[str, list[Call]] = {
    "api/v1/agencies/<agency_id>/documents": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents", "token_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents", "citizen_owner"),
    ],
    "api/v1/agencies/<agency_id>/documents/<document_id>/pdf": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents/{_document_a(w)}/pdf"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_b.pk}/documents/{_document_a(w)}/pdf"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents/{_document_a(w)}/pdf", "token_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/documents/{_document_a(w)}/pdf", "citizen_other"),
    ],
    "api/v1/applications": [
        api(
            "POST",
            lambda w: "/api/v1/applications",
            "citizen_other",
            json={
                "agency": "pemerintah-desa-cileunyi-kulon",
                "service": "surat-keterangan-domisili",
                "answers": {},
                "applicant_user_id": "{citizen_owner}",
            },
        ),
    ],
    "api/v1/applications/<application_id>": [
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}", "citizen_other"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}", "admin_b"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}", "token_b"),
    ],
    "api/v1/applications/<application_id>/document": [
        # The owner's download is tested with a signed letter in padu/services/tests/test_issued_document.py.
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/document", "citizen_other", owner=None),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/document", "admin_b"),
    ],
    "akun/permohonan/<int:application_id>/dokumen/": [
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/dokumen/", "citizen_other", owner=None),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/dokumen/", "admin_b"),
    ],
    "api/v1/applications/<application_id>/survey": [
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/survey",
            "citizen_other",
            json={"scores": {f"u{i}": 4 for i in range(1, 10)}},
        ),
    ],
    "api/v1/applications/<application_id>/files": [
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "citizen_other"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "admin_b"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "token_b"),
        api("POST", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "citizen_other", form=_upload()),
        api("POST", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "admin_b", form=_upload()),
        api("POST", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "front_desk_a", form=_upload()),
    ],
    "api/v1/files/<file_id>": [
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "citizen_other"),
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "admin_b"),
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "token_b"),
        api("DELETE", lambda w: f"/api/v1/files/{w.file_a.pk}", "citizen_other"),
        api("DELETE", lambda w: f"/api/v1/files/{w.file_a.pk}", "admin_b"),
        api("DELETE", lambda w: f"/api/v1/files/{w.file_a.pk}", "admin_a"),
    ],
    "akun/berkas/<int:file_id>/": [
        Call("GET", lambda w: f"/akun/berkas/{w.file_a.pk}/", "citizen_other", owner="citizen_owner"),
        Call("GET", lambda w: f"/akun/berkas/{w.file_a.pk}/", "admin_a"),  # staff read through the console
        Call("GET", lambda w: f"/akun/berkas/{w.file_a.pk}/", "admin_b"),
    ],
    "konsol/berkas/<int:file_id>/": [
        Call("GET", lambda w: f"/konsol/berkas/{w.file_a.pk}/", "admin_b", console_agency="agency_a"),
        Call("GET", lambda w: f"/konsol/berkas/{w.file_a.pk}/", "supervisor_b", console_agency="agency_b"),
        Call("GET", lambda w: f"/konsol/berkas/{w.file_a.pk}/", "citizen_other"),
    ],
    "akun/permohonan/<int:application_id>/survei/": [
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/survei/", "citizen_other", owner="citizen_owner"),
        Call(
            "POST",
            lambda w: f"/akun/permohonan/{w.application_a.pk}/survei/",
            "citizen_other",
            form={f"u{i}": "4" for i in range(1, 10)},
        ),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/survei/", "admin_b", frozenset({404})),
    ],
    "api/v1/applications/<application_id>/answers": [
        api(
            "PUT", lambda w: f"/api/v1/applications/{w.application_a.pk}/answers", "citizen_other", json={"answers": {}}
        ),
        api(
            "PUT", lambda w: f"/api/v1/applications/{w.application_a.pk}/answers", "front_desk_a", json={"answers": {}}
        ),
    ],
    "api/v1/applications/<application_id>/actions": [
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/actions",
            "citizen_other",
            json={"action": "withdraw"},
        ),
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/actions",
            "admin_b",
            json={"action": "withdraw"},
        ),
    ],
    "api/v1/agencies/<agency_id>/inbox": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/inbox"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/inbox", "citizen_owner"),
    ],
    "api/v1/agencies/<agency_id>/services": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/services"),
        api("POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/services", json=SERVICE),
        api("POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/services", "front_desk_a", json=SERVICE),
    ],
    "api/v1/agencies/<agency_id>/services/<version_id>": [
        api("PUT", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/services/{w.version_a.pk}", json=SERVICE),
        api("PUT", lambda w: f"/api/v1/agencies/{w.agency_b.pk}/services/{w.version_a.pk}", json=SERVICE),
    ],
    "api/v1/agencies/<agency_id>/services/<version_id>/publish": [
        api("POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/services/{w.version_a.pk}/publish"),
        api("POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/services/{w.version_a.pk}/publish", "front_desk_a"),
    ],
    "api/v1/agencies/<agency_id>/staff": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/staff"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/staff", "citizen_owner"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/staff", "token_b"),
    ],
    "api/v1/agencies/<agency_id>/audit": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/audit"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/audit", "supervisor_b"),
    ],
    "api/v1/agencies/<agency_id>/holidays": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/holidays"),
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/holidays",
            json={"date": "2026-12-01", "name": "Sisipan"},
        ),
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/holidays",
            "front_desk_a",
            json={"date": "2026-12-01", "name": "Sisipan"},
        ),
    ],
    "api/v1/agencies/<agency_id>/holidays/<holiday_id>": [
        api("DELETE", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/holidays/{w.holiday_a.pk}"),
        api("DELETE", lambda w: f"/api/v1/agencies/{w.agency_b.pk}/holidays/{w.holiday_a.pk}"),
    ],
    "api/v1/agencies/<agency_id>/tokens": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/tokens"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/tokens", "front_desk_a"),
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/tokens",
            json={"name": "x", "scopes": ["agencies:read"]},
        ),
    ],
    "api/v1/agencies/<agency_id>/tokens/<token_id>": [
        api("DELETE", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/tokens/{w.token_a.pk}"),
        api("DELETE", lambda w: f"/api/v1/agencies/{w.agency_b.pk}/tokens/{w.token_a.pk}"),
    ],
    "api/v1/agencies/<agency_id>/citizen-lookup": [
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/citizen-lookup",
            "front_desk_b",
            json={"nik": "3204051705900001", "purpose": "x"},
        ),
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/citizen-lookup",
            "citizen_other",
            json={"nik": "3204051705900001", "purpose": "x"},
        ),
    ],
    "akun/pesan/<int:message_id>/": [
        api("GET", lambda w: f"/akun/pesan/{_inbox_message(w)}/", "citizen_other", expect=frozenset({404})),
        api("GET", lambda w: f"/akun/pesan/{_inbox_message(w)}/", "admin_b", expect=frozenset({404})),
    ],
    "api/v1/me/messages/<message_id>/read": [
        api(
            "POST", lambda w: f"/api/v1/me/messages/{_inbox_message(w)}/read", "citizen_other", expect=frozenset({404})
        ),
        api("POST", lambda w: f"/api/v1/me/messages/{_inbox_message(w)}/read", "token_b"),
    ],
    "api/v1/agencies/<agency_id>/messages": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/messages"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/messages", "front_desk_a"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/messages", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/messages", "citizen_owner"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/messages", "token_b"),
    ],
    "konsol/": [page("GET", "/konsol/")],
    "konsol/staf/": [page("GET", "/konsol/staf/")],
    "konsol/audit/": [page("GET", "/konsol/audit/")],
    "konsol/kalender/": [
        page("GET", "/konsol/kalender/"),
        page("POST", "/konsol/kalender/", form={"date": "2026-12-01", "name": "Sisipan"}),
    ],
    "konsol/kalender/<int:holiday_id>/hapus/": [
        Call("POST", lambda w: f"/konsol/kalender/{w.holiday_a.pk}/hapus/", "admin_b", console_agency="agency_b"),
    ],
    "konsol/token/": [
        page("GET", "/konsol/token/"),
        page("GET", "/konsol/token/", "front_desk_a", console_agency=None),
    ],
    "konsol/token/<int:token_id>/cabut/": [
        Call("POST", lambda w: f"/konsol/token/{w.token_a.pk}/cabut/", "admin_b", console_agency="agency_b"),
    ],
    "konsol/warga/": [
        page("GET", "/konsol/warga/"),
        page("POST", "/konsol/warga/", "front_desk_b", form={"nik": "3204051705900001", "purpose": "x"}),
    ],
    "akun/permohonan/<int:application_id>/": [
        Call(
            "GET",
            lambda w: f"/akun/permohonan/{w.application_a.pk}/",
            "citizen_other",
            frozenset({404}),
            owner="citizen_owner",
        ),
        Call("POST", lambda w: f"/akun/permohonan/{w.application_a.pk}/", "citizen_other", form={"action": "withdraw"}),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/", "admin_b", frozenset({404})),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/", "front_desk_a", frozenset({404})),
        Call(
            "POST",
            lambda w: f"/akun/permohonan/{w.application_a.pk}/",
            "front_desk_a",
            form={"action": "save", "nik": "3204051705900001"},
        ),
    ],
    "konsol/kotak-masuk/": [
        page("GET", "/konsol/kotak-masuk/"),
        page("GET", "/konsol/kotak-masuk/", "citizen_owner", console_agency=None),
    ],
    "konsol/permohonan/<int:application_id>/": [
        Call("GET", lambda w: f"/konsol/permohonan/{w.application_a.pk}/", "admin_b", console_agency="agency_a"),
        Call("GET", lambda w: f"/konsol/permohonan/{w.application_a.pk}/", "admin_b", console_agency="agency_b"),
        Call("GET", lambda w: f"/konsol/permohonan/{w.application_a.pk}/", "citizen_owner"),
        Call(
            "POST",
            lambda w: f"/konsol/permohonan/{w.application_a.pk}/",
            "admin_b",
            form={"action": "reject", "note": "x"},
            console_agency="agency_b",
        ),
    ],
    "konsol/layanan/": [
        page("GET", "/konsol/layanan/"),
        page("GET", "/konsol/layanan/", "front_desk_a"),
    ],
    "konsol/layanan/baru/": [
        page("GET", "/konsol/layanan/baru/"),
        page("POST", "/konsol/layanan/baru/", form=SERVICE_FORM),
        page("POST", "/konsol/layanan/baru/", "front_desk_a", form=SERVICE_FORM),
    ],
    "konsol/layanan/<int:version_id>/ubah/": _version_calls("ubah") + _version_calls("ubah", "POST", SERVICE_FORM),
    "konsol/layanan/<int:version_id>/pratinjau/": _version_calls("pratinjau"),
    # The owner's publish, new draft and retire are tested in padu/portal/tests/test_service_admin.py.
    "konsol/layanan/<int:version_id>/terbitkan/": _version_calls("terbitkan", "POST", {}),
    "konsol/layanan/<int:version_id>/draf-baru/": _version_calls("draf-baru", "POST", {}),
    "konsol/layanan/<int:version_id>/pensiunkan/": _version_calls("pensiunkan", "POST", {}),
    "konsol/surat/": [
        page("GET", "/konsol/surat/"),
        page("GET", "/konsol/surat/", "front_desk_a"),
    ],
    "konsol/surat/baru/": [
        page("GET", "/konsol/surat/baru/"),
        page("POST", "/konsol/surat/baru/", form=LETTER_FORM),
        page("POST", "/konsol/surat/baru/", "front_desk_a", form=LETTER_FORM),
    ],
    "konsol/surat/<slug:kind>/ubah/": _letter_calls("ubah") + _letter_calls("ubah", "POST", LETTER_FORM),
    "konsol/surat/<slug:kind>/pratinjau/": _letter_calls("pratinjau"),
    "konsol/pilih/": [
        page("POST", "/konsol/pilih/", form={"agency": "{agency_a}"}, console_agency="agency_b"),
    ],
}


@dataclass(frozen=True)
class SelfScoped:
    reason: str
    calls: list[Call] = field(default_factory=list)


# Routes that act only on the caller's own records. The check: the other citizen's call
# never returns the owner's data (the harness looks for the owner's e-mail and NIK).
SELF: dict[str, str] = {
    "api/v1/me": "GET",
    "api/v1/me/citizen": "PUT",
    "api/v1/me/access-log": "GET",
    "api/v1/me/export": "GET",
    "api/v1/me/businesses": "GET",
    "api/v1/me/applications": "GET",
    "akun/": "GET",
    "akun/profil/": "GET",
    "akun/usaha/baru/": "GET",
    "akun/ekspor/": "GET",
    "akun/pesan/": "GET",
    "akun/permohonan/": "GET",
    "api/v1/me/messages": "GET",
}


def _merge_areas() -> None:
    from tests.isolation.areas import areas

    for area in areas():
        for mine, theirs in ((PUBLIC, area.PUBLIC), (CASES, area.CASES), (SELF, area.SELF)):
            clash = set(mine) & set(theirs)
            assert not clash, f"{area.__name__} repeats routes {sorted(clash)}"
            mine.update(theirs)


_merge_areas()
