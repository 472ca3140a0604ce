"""The tenant-isolation harness: which routes exist, and how each is kept to its owner.

Every route must appear here exactly once, as one of:
- FRAMEWORK: allauth's account pages and the API docs, tested by their projects and holding
  no tenant data of ours (each with its reason; the Django admin is covered, areas/admin.py);
- PUBLIC: routes that show only public information, to anyone, with the reason (which
  covers GET, or the methods it begins with: "POST: …");
- SELF: routes that only ever act on the caller's own records (no id in the URL), with a
  check that another person's call does not reach the owner's data;
- CASES: routes that address another tenant's objects; each case makes the call as a user
  of agency B, or as a citizen who is not the owner, and expects 403 or 404.

Besides, every method a route accepts needs a case (test_methods.py), every list-like route a
LIST case (test_lists.py), every token route its scope (TOKEN_SCOPES, test_scopes.py). The
cases of most apps live in tests/isolation/areas/, one module per area, merged here.

A later issue that adds routes adds them here; `test_every_route_is_covered` fails until it does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

# Routes served by django-allauth (login, signup, password, email and MFA flows on the
# caller's own account) and ninja's own documents: tested by their projects, and holding no
# tenant data of ours. The Django admin is not among them: it is covered in areas/admin.py.
# (MEDIA_ROOT is never mounted: tests/isolation/test_framework.py checks that stored files
# are not served by path, and that static files are served only from the static root.)
FRAMEWORK_MODULES = {
    "allauth.": "django-allauth's account pages act on the signed-in caller's own account (login, signup,"
    " password, email addresses, two-step login); no id of anyone else's object in the URL",
    "django.views.generic.base": "allauth's redirects (RedirectView) to its own pages",
}
FRAMEWORK_ROUTES = {
    "api/v1/": "ninja's API root: the schema's index, no data",
    "api/v1/docs": "ninja's Swagger page: the schema, no data",
    "api/v1/openapi.json": "the OpenAPI schema: no data",
}


def public_methods(route: str) -> frozenset[str]:
    """The methods a PUBLIC reason covers: those it begins with ("POST: …"), else GET."""
    head, sep, _rest = PUBLIC[route].partition(": ")
    if sep and re.fullmatch(r"[A-Z]+(,[A-Z]+)*", head):
        return frozenset(head.split(","))
    return frozenset({"GET"})


def framework_reason(route: str, module: str) -> str | None:
    """Why a route served by a framework needs no case of ours; None for our own routes."""
    if route.startswith("admin/"):
        return None
    if route in FRAMEWORK_ROUTES:
        return FRAMEWORK_ROUTES[route]
    return next((reason for prefix, reason in FRAMEWORK_MODULES.items() if module.startswith(prefix)), None)


PUBLIC = {
    "": "home page: public agency directory",
    "wilayah/pilih/": "region picker fragment: public region tree",
    "bahasa/<str:code>/": "language switch: sets the visitor's own language cookie, reads nothing",
    "kontak/": "contact statement: the installation's operator, from the settings; no data",
    "privasi/": "privacy statement: fixed text and the operator's name; no data",
    "aksesibilitas/": "accessibility statement: fixed text; no data",
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
    "api/v1/on-time": "public on-time figures of completed applications: counts only, no personal data",
    "akun/keamanan/wajib-2fa/": "an explanation page, no data",
    "layanan/": "public service catalogue",
    "layanan/<slug:agency_slug>/<slug:slug>/": "public service standard",
    "layanan/<slug:agency_slug>/<slug:slug>/ajukan/": "the public form of a published service (login required); it"
    " addresses no one's object and only ever creates a draft owned by the signed-in caller",
    "lacak/": "tracking form, no data",
    "lacak/<str:number>/": "public case status by tracking number, without personal data",
    "verifikasi/": "GET,POST: document check by upload: answers only for the uploaded file, which is not stored",
    "verifikasi/<str:code>/": "document verification by its unguessable code: issuer, number, signer, hash; no"
    " personal data",
    "api/v1/documents/verify/<code>": "document verification by its unguessable code, without personal data",
    "api/v1/documents/verify": "POST: document check by upload: answers only for the uploaded file",
    "api/v1/notify/callback/<channel>": "POST: gateway delivery report: no session, authenticated by an HMAC-SHA256"
    " signature of the body (NOTIFY_CALLBACK_SECRET); changes only the referenced message's status",
}


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
OWNER_WRITE_STATUSES = frozenset({200, 201, 204, 302})


@dataclass(frozen=True)
class Call:
    method: str
    url: Callable[[Any], str]
    as_user: str  # attribute of the World: "admin_b", "front_desk_b", "citizen_other", ...
    expect: frozenset[int] = frozenset({403, 404})
    json: dict[str, Any] | None = None
    form: dict[str, Any] | Callable[[], dict[str, Any]] | None = None
    console_agency: str | None = None  # set the console's active agency in the session first
    # Who may make this call, for the control run (the same call as the owner succeeds and,
    # for a write, changes rows); None where the world has no object the owner could act on,
    # with the reason in `no_control`.
    owner: str | None = "admin_a"
    no_control: str = ""
    # The owner's control, where it differs from the refused call: another body (the refused
    # call's body may be invalid on purpose), other statuses, the tables it must change.
    owner_json: dict[str, Any] | None = None
    owner_form: dict[str, Any] | Callable[[], dict[str, Any]] | None = None
    owner_expect: frozenset[int] | None = None
    changes: tuple[str, ...] = ()

    def key(self, route: str) -> str:
        return f"{route} {self.method} {self.as_user} {self.body_id()}"

    def body_id(self) -> str:
        body = self.json if self.json is not None else self.form
        if callable(body):
            body = body() if not body.__code__.co_argcount else {"made": "per call"}
        if not body:
            return "{}"
        return "{" + ",".join(f"{k}={v}" for k, v in sorted(body.items()) if isinstance(v, (str, int, bool))) + "}"


def is_write(c: Call) -> bool:
    return c.method in WRITE_METHODS


def control_of(c: Call) -> Call:
    """The owner's same call, in the owner's console."""
    assert c.owner is not None
    write = is_write(c)
    expect = c.owner_expect or (OWNER_WRITE_STATUSES if write else frozenset({200}))
    return replace(
        c,
        as_user=c.owner,
        expect=expect,
        json=c.owner_json if c.owner_json is not None else c.json,
        form=c.owner_form if c.owner_form is not None else c.form,
        console_agency="agency_a" if c.console_agency else None,
    )


@dataclass(frozen=True)
class ListCase:
    """A list seen from each side in turn: `url(world, side)` fetched as `viewer` on that side
    ("admin_{s}" is admin_a, then admin_b). On each side the list shows the side's private
    markers (`PENANDA-<S>-<key>` for each key of `markers`), public ones of `public` and the
    strings `rows(world, side)` (tracking numbers and the like), and none of the other
    side's: no `PENANDA-<other>-` string at all, no `UMUM-<other>-<key>` of `public`, nothing
    of `rows(world, other)`. `shared` public markers show on both sides (a
    list of every agency's published rows). An anonymous viewer sees no `PENANDA-` string of
    either side. Seeing the own side's markers is the control: the list really shows them."""

    url: Callable[[Any, str], str]
    viewer: str = "admin_{s}"
    markers: tuple[str, ...] = ()
    public: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    console: bool = False
    rows: Callable[[Any, str], list[str]] | None = None
    label: str = ""


def console_list(path: str, *markers: str, viewer: str = "admin_{s}", **kw: Any) -> ListCase:
    """A console page, in the side's agency."""
    return ListCase(lambda w, s: path, viewer, markers, console=True, **kw)


def agency_api(path: str, *markers: str, viewer: str = "admin_{s}", **kw: Any) -> ListCase:
    """An API list of one agency: `{agency}` in `path` is the side's agency id."""
    return ListCase(lambda w, s: path.format(agency=w.agency(s).pk, slug=w.agency(s).slug), viewer, markers, **kw)


def mine(path: str, *markers: str, viewer: str = "citizen_{s}", **kw: Any) -> ListCase:
    """A person's own list, seen by each side's citizen (the owner of A-side data, the other)."""
    return ListCase(lambda w, s: path, viewer, markers, **kw)


def public_list(path: str, *markers: str, viewer: str = "anonymous", **kw: Any) -> ListCase:
    """A public list; `{slug}` / `{agency}` in `path` name the side's agency."""
    return ListCase(lambda w, s: path.format(agency=w.agency(s).pk, slug=w.agency(s).slug), viewer, markers, **kw)


@dataclass(frozen=True)
class TokenRoute:
    """What a token route requires: `scopes`, any one of which opens it (empty: no scope
    does, the route is for people only). The scope matrix calls it with agency A's token
    holding one scope at a time, with `url` and body if given, else with the route's first
    case of that method (its URL and body)."""

    scopes: tuple[str, ...] = ()
    url: Callable[[Any], str] | None = None
    json: dict[str, Any] | None = None
    form: dict[str, Any] | Callable[[], dict[str, Any]] | None = None
    reason: str = ""
    # A known bug that makes the route miss its declaration: the matrix expects it to fail
    # (strict xfail) until the bug is fixed, then the entry must go.
    known_bug: str = ""


def scope(*scopes: str, **kw: Any) -> TokenRoute:
    return TokenRoute(tuple(scopes), **kw)


def people_only(reason: str, **kw: Any) -> TokenRoute:
    return TokenRoute((), reason=reason, **kw)


def api(method: str, url: Callable[[Any], str], as_user: str = "admin_b", **kw: Any) -> Call:
    return Call(method, url, as_user, **kw)


def page(method: str, url: str, as_user: str = "admin_b", **kw: Any) -> Call:
    # Console pages act on the session's active agency: point it at agency A as B's staff.
    def fixed(world: Any) -> str:
        return url

    return Call(method, fixed, as_user, console_agency=kw.pop("console_agency", "agency_a"), **kw)


def _inbox_message(world: Any) -> int:
    """An in-app message to agency A's admin (the owner in the control run)."""
    return int(world.message_admin_a.pk)


def _document_a(world: Any) -> int:
    """An issued document of agency A (row and stored file only; signing is tested in documents)."""
    return int(world.document_a.pk)


def _upload() -> dict[str, Any]:
    """A multipart body for the upload endpoint (a fresh file per case)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import tiny_pdf

    return {"field": "ktp", "file": SimpleUploadedFile("ktp.pdf", tiny_pdf(), content_type="application/pdf")}


OWNER = "citizen_owner"
_NO_SURVEY = "a survey needs a completed case; the applicant's own survey is tested in padu/services/tests"
_SAME_DRAFT = (
    "version_a already is the service's draft: asking for a new draft leads to it and makes nothing new; the"
    " owner's new draft is tested in padu/services/tests/test_service_admin.py"
)
LOOKUP_OWNER = {"nik": "{citizen_owner.citizen.nik}", "purpose": "Layanan di loket"}

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
            owner="citizen_owner",
        ),
    ],
    "api/v1/applications/<application_id>": [
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}", "citizen_other"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}", "admin_b"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}", "token_b"),
    ],
    "api/v1/applications/<application_id>/document": [
        # `signed_a`: the owner's submitted application with its letter issued.
        api("GET", lambda w: f"/api/v1/applications/{w.signed_a.pk}/document", "citizen_other", owner="citizen_owner"),
        api("GET", lambda w: f"/api/v1/applications/{w.signed_a.pk}/document", "admin_b"),
    ],
    "akun/permohonan/<int:application_id>/dokumen/": [
        Call("GET", lambda w: f"/akun/permohonan/{w.signed_a.pk}/dokumen/", "citizen_other", owner="citizen_owner"),
        Call("GET", lambda w: f"/akun/permohonan/{w.signed_a.pk}/dokumen/", "admin_b", owner="citizen_owner"),
    ],
    "api/v1/applications/<application_id>/survey": [
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/survey",
            "citizen_other",
            json={"scores": {f"u{i}": 4 for i in range(1, 10)}},
            owner=None,
            no_control=_NO_SURVEY,
        ),
    ],
    "api/v1/applications/<application_id>/files": [
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "citizen_other"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "admin_b"),
        api("GET", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "token_b"),
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/files",
            "citizen_other",
            form=_upload,
            owner=OWNER,
        ),
        api("POST", lambda w: f"/api/v1/applications/{w.application_a.pk}/files", "admin_b", form=_upload, owner=OWNER),
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/files",
            "front_desk_a",
            form=_upload,
            owner=OWNER,
        ),
    ],
    "api/v1/files/<file_id>": [
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "citizen_other"),
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "admin_b"),
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/files/{w.file_a.pk}", "token_b"),
        api("DELETE", lambda w: f"/api/v1/files/{w.file_a.pk}", "citizen_other", owner=OWNER),
        api("DELETE", lambda w: f"/api/v1/files/{w.file_a.pk}", "admin_b", owner=OWNER),
        api("DELETE", lambda w: f"/api/v1/files/{w.file_a.pk}", "admin_a", owner=OWNER),
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
            owner=None,
            no_control=_NO_SURVEY,
        ),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/survei/", "admin_b", frozenset({404})),
    ],
    "api/v1/applications/<application_id>/answers": [
        api(
            "PUT",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/answers",
            "citizen_other",
            json={"answers": {"keperluan": "Sisipan"}},
            owner=OWNER,
        ),
        api(
            "PUT",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/answers",
            "front_desk_a",
            json={"answers": {"keperluan": "Sisipan"}},
            owner=OWNER,
        ),
    ],
    "api/v1/applications/<application_id>/actions": [
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/actions",
            "citizen_other",
            json={"action": "withdraw"},
            owner=OWNER,
        ),
        api(
            "POST",
            lambda w: f"/api/v1/applications/{w.application_a.pk}/actions",
            "admin_b",
            json={"action": "withdraw"},
            owner=OWNER,
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
            owner="front_desk_a",
            owner_json=LOOKUP_OWNER,
        ),
        api(
            "POST",
            lambda w: f"/api/v1/agencies/{w.agency_a.pk}/citizen-lookup",
            "citizen_other",
            json={"nik": "3204051705900001", "purpose": "x"},
            owner="front_desk_a",
            owner_json=LOOKUP_OWNER,
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
        Call(
            "POST",
            lambda w: f"/akun/permohonan/{w.application_a.pk}/",
            "citizen_other",
            form={"action": "withdraw"},
            owner=OWNER,
        ),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/", "admin_b", frozenset({404})),
        Call("GET", lambda w: f"/akun/permohonan/{w.application_a.pk}/", "front_desk_a", frozenset({404})),
        Call(
            "POST",
            lambda w: f"/akun/permohonan/{w.application_a.pk}/",
            "front_desk_a",
            form={"action": "save", "nik": "3204051705900001"},
            owner=OWNER,
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
    # The owner's publish, new draft and retire are tested in padu/services/tests/test_service_admin.py.
    "konsol/layanan/<int:version_id>/terbitkan/": _version_calls("terbitkan", "POST", {}),
    "konsol/layanan/<int:version_id>/draf-baru/": [
        replace(c, owner=None, no_control=_SAME_DRAFT) for c in _version_calls("draf-baru", "POST", {})
    ],
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
        page(
            "POST",
            "/konsol/pilih/",
            form={"agency": "{agency_a}"},
            console_agency="agency_b",
            owner=None,
            no_control="switching the console's agency writes only the session (no row); the owner's switch is"
            " tested in padu/portal/tests",
        ),
    ],
}


@dataclass(frozen=True)
class SelfScoped:
    reason: str
    calls: list[Call] = field(default_factory=list)


# Routes that act only on the caller's own records. The check: the other citizen's call
# never returns the owner's data (the harness looks for the owner's email and NIK).
SELF: dict[str, str] = {
    "api/v1/me": "GET",
    "api/v1/me/citizen": "PUT",
    "api/v1/me/access-log": "GET",
    "api/v1/me/export": "GET",
    "api/v1/me/businesses": "GET POST",
    "api/v1/me/applications": "GET",
    "akun/": "GET",
    "akun/profil/": "GET",
    "akun/usaha/baru/": "GET",
    "akun/ekspor/": "GET",
    "akun/pesan/": "GET",
    "akun/permohonan/": "GET",
    "api/v1/me/messages": "GET",
}


# List-like routes (see tests/isolation/test_lists.py): each has LIST cases, or is PUBLIC,
# or says here why it is no list.
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}

# The scope each API route that accepts tokens requires, keyed "METHOD route" (see
# tests/isolation/test_scopes.py); the kernel's and service delivery's here, the rest in areas.
TOKEN_SCOPES: dict[str, TokenRoute] = {}


def _merge_areas() -> None:
    from tests.isolation.areas import areas

    for area in areas():
        for ours, theirs in (
            (PUBLIC, area.PUBLIC),
            (CASES, area.CASES),
            (SELF, area.SELF),
            (LIST, getattr(area, "LIST", {})),
            (NOT_LIST, getattr(area, "NOT_LIST", {})),
            (TOKEN_SCOPES, getattr(area, "TOKEN_SCOPES", {})),
        ):
            clash = set(ours) & set(theirs)
            assert not clash, f"{area.__name__} repeats routes {sorted(clash)}"
            ours.update(theirs)


_merge_areas()
