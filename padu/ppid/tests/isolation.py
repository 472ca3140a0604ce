"""Tenant isolation of public-information requests (PPID): another agency's staff, the front
desk, supervisors and API tokens never reach an agency's requests, files or unpublished list
entries; a requester never reaches another's request."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

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
)

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}
LIST: dict[str, list[ListCase]] = {}
NOT_LIST: dict[str, str] = {}
TOKEN_SCOPES: dict[str, TokenRoute] = {}

PUBLIC.update(
    {
        "ppid/": "PPID start page: public agency directory",
        "ppid/<slug:slug>/": "the agency's public register of requests: number, dates, subject, status; no requester",
        "ppid/<slug:slug>/daftar-informasi/": "the agency's published daftar informasi publik",
        "ppid/<slug:slug>/daftar-informasi/<int:item_id>/unduh/": "a published entry's document (hidden entries and"
        " other agencies' entries are 404, tested in padu/ppid/tests/test_pages.py)",
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
# A request received at the desk; "{ppid_received_at}" is yesterday, set by build().
RECORD = {
    "channel": "in_person",
    "received_at": "{ppid_received_at}",
    "requester_kind": "person",
    "name": "Sisipan Loket",
    "address": "x",
    "phone": "081234567890",
    "contact_channel": "whatsapp",
    "information": "x",
    "purpose": "x",
    "obtain_method": "hard_copy",
    "delivery_method": "pick_up",
}
RECORD_FORM = {
    **{k: v for k, v in RECORD.items() if k != "received_at"},
    "received_date": "{ppid_received_date}",
}
PPID = "ppid_a"  # agency A's information officer: decides A's requests
_NO_OBJECTION = (
    "an objection needs a decided request (and its answer a pending objection); the requester's objection and"
    " its answer are tested in padu/ppid/tests"
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
        "api/v1/agencies/<agency_id>/ppid/requests": [
            # B's staff never record a request into A's register; A's front desk is no PPID.
            api(
                "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/requests", "admin_b", json=RECORD, owner=PPID
            ),
            api(
                "POST",
                lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/requests",
                "supervisor_b",
                json=RECORD,
                owner=PPID,
            ),
            api(
                "POST",
                lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/requests",
                "front_desk_a",
                json=RECORD,
                owner=PPID,
            ),
            api(
                "POST", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/ppid/requests", "token_b", json=RECORD, owner=PPID
            ),
        ],
        "api/v1/ppid-requests/<request_id>/objection/record": [
            api(
                "POST",
                lambda w: f"/api/v1/ppid-requests/{_req(w)}/objection/record",
                "admin_b",
                json={"channel": "letter", "received_at": "{ppid_received_at}", "grounds": ["c"], "reasons": "x"},
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
        "konsol/ppid/catat/": [
            page("GET", "/konsol/ppid/catat/", "front_desk_a", owner=PPID),
            page("GET", "/konsol/ppid/catat/", "citizen_owner", console_agency=None),
            page(
                "POST",
                "/konsol/ppid/catat/",
                "front_desk_a",
                form=RECORD_FORM,
                owner=PPID,
                owner_expect=frozenset({302}),
            ),
            page("POST", "/konsol/ppid/catat/", "admin_a", form=RECORD_FORM, owner=PPID, owner_expect=frozenset({302})),
        ],
        "konsol/ppid/permohonan/<int:request_id>/tanda-terima/": [
            _console("GET", lambda w: f"/konsol/ppid/permohonan/{w.ppid_recorded_a.pk}/tanda-terima/"),
            _console(
                "GET", lambda w: f"/konsol/ppid/permohonan/{w.ppid_recorded_a.pk}/tanda-terima/", console="agency_b"
            ),
            _console(
                "GET",
                lambda w: f"/konsol/ppid/permohonan/{w.ppid_recorded_a.pk}/tanda-terima/",
                "supervisor_b",
                console="agency_b",
            ),
            _console("GET", lambda w: f"/konsol/ppid/permohonan/{w.ppid_recorded_a.pk}/tanda-terima/", "front_desk_a"),
            Call("GET", lambda w: f"/konsol/ppid/permohonan/{w.ppid_recorded_a.pk}/tanda-terima/", "citizen_owner"),
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
    a public marker; its requester (the citizen's name) is private. Besides, a request taken
    at the desk from a person without an account (`ppid_recorded_a`), with a contact to-do.
    `ppid_received_at` / `ppid_received_date`: yesterday, for the bodies that record one."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from padu.core.calendar import WorkCalendar
    from padu.core.roles import Role
    from padu.ppid.models import ContactTask, InfoRequest, PublicInformation, RequestFile
    from tests.factories import make_staff
    from tests.isolation.world import CITIZEN, SIDES, mark, public_mark

    now = timezone.now()
    yesterday = now - dt.timedelta(days=1)
    world.ppid_received_at = yesterday.isoformat()
    world.ppid_received_date = yesterday.astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()
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
            received_at=now,
            submitted_at=now,
            due_at=WorkCalendar(agency).deadline(now, 10),
        )
        recorded = InfoRequest.objects.create(
            agency=agency,
            number=f"002/PPID/ISOLASI-{s.upper()}/2026",
            requester=None,
            channel="in_person",
            contact_channel="whatsapp",
            requester_kind="person",
            requester_name=f"Ibu Loket {mark(s, 'TANPA-AKUN')}",
            address="Jl. Loket 2",
            phone="081234567890",
            information=f"Jadwal posyandu {public_mark(s, 'PPID')}",
            purpose="x",
            obtain_method="hard_copy",
            delivery_method="pick_up",
            received_at=now,
            submitted_at=now,
            due_at=WorkCalendar(agency).deadline(now, 10),
        )
        ContactTask.objects.create(request=recorded, kind="ppid.received", channel="whatsapp", message="x")
        setattr(world, f"ppid_recorded_{s}", recorded)
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
            console_list("/konsol/ppid/?show=contact", "TANPA-AKUN", label="to contact"),
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
NOT_LIST.update(
    {
        "konsol/ppid/daftar-informasi/baru/": "a form for a new entry",
        "konsol/ppid/catat/": "a form to record a request received off-line",
    }
)


def build(world: Any) -> None:
    _build_ppid(world)


_PPID = "requests are filed by a person and decided by the information officer, a person"
TOKEN_SCOPES.update(
    {
        "POST api/v1/ppid/<agency>/requests": people_only(_PPID, json=PPID_REQUEST),
        "GET api/v1/me/ppid-requests": people_only(_PPID, url=lambda w: "/api/v1/me/ppid-requests"),
        "GET api/v1/ppid-requests/<request_id>": people_only(_PPID),
        "POST api/v1/ppid-requests/<request_id>/actions": people_only(_PPID),
        "POST api/v1/ppid-requests/<request_id>/objection": people_only(_PPID),
        "POST api/v1/ppid-requests/<request_id>/objection/answer": people_only(_PPID),
        "POST api/v1/agencies/<agency_id>/ppid/requests": people_only(_PPID, json=RECORD),
        "POST api/v1/ppid-requests/<request_id>/objection/record": people_only(_PPID),
        "GET api/v1/agencies/<agency_id>/ppid/report": people_only("the PPID report is for the agency's staff"),
    }
)
