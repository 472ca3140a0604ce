"""Tenant isolation of complaints: officers of another agency, supervisors of another
subtree, API tokens and other citizens never reach a complaint, its thread or its files.

An area of the harness in tests/isolation/ (shaped as described in tests/isolation/areas/),
named by the app's manifest (`isolation=`). The harness imports it; importing it first, on
its own, runs into the harness's merge of the areas half-way."""

from __future__ import annotations

from typing import Any

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

PUBLIC: dict[str, str] = {
    "pengaduan/": "public list: public and anonymous complaints only, never a confidential one or an anonymous name",
    "pengaduan/kirim/": "the report form (login required): it addresses no one's object and only creates a"
    " complaint owned by the signed-in caller, from a draft in the caller's own session",
    "pengaduan/lacak/": "tracking form; a confidential complaint is found only by its own complainant",
    "pengaduan/statistik/": "public statistics: counts only, no names, no confidential content",
    "pengaduan/<str:number>/": "public page of a public or anonymous complaint by its tracking number; a"
    " confidential one is 404 for everyone but its complainant (redirected to their own page)",
    "api/v1/complaints": "POST: submit: creates a complaint owned by the caller, addresses no one's object",
    "api/v1/complaints/public": "public list, as the page",
    "api/v1/complaints/public/<number>": "public page by tracking number, as the page",
    "api/v1/complaints/statistics": "public statistics: counts only",
    "api/v1/complaints/suggest-agency": "which agency handles a topic at a place: public agency data only",
}

SELF: dict[str, str] = {
    "akun/pengaduan/": "GET",
    "api/v1/me/complaints": "GET",
}


def _upload() -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import tiny_image

    return {"file": SimpleUploadedFile("foto.png", tiny_image(), content_type="image/png")}


OWNER = "citizen_owner"


def _detail(w: Any) -> str:
    return f"/api/v1/complaints/{w.complaint_a.pk}"


def _today(w: Any) -> Any:
    """Agency A's today, in its time zone (a complaint is received neither in the future nor
    before the agency existed)."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    return timezone.now().astimezone(ZoneInfo(w.agency_a.time_zone))


def _record_form(w: Any) -> dict[str, Any]:
    """The record page's form for a telephone complaint to agency A, at its own village."""
    return {
        "channel": "phone",
        "received_date": _today(w).strftime("%Y-%m-%d"),
        "received_time": "00:00",
        "contact_name": "Sumarni",
        "contact_phone": "081222334455",
        "contact_channel": "phone",
        "kind": "complaint",
        "title": "Saluran air tersumbat",
        "text": "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.",
        "category": "infrastruktur",
        "region_1": "32",
        "region_2": "32.04",
        "region_3": "32.04.05",
        "region_code": "32.04.05.2001",
        "record": "1",
    }


RECORD_JSON = {
    "channel": "whatsapp",
    "received_at": "{complaint_received_at}",
    "title": "Saluran air tersumbat",
    "text": "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.",
    "category": "infrastruktur",
    "region": "32.04.05.2001",
    "contact": {"name": "Sumarni", "phone": "081222334455", "channel": "whatsapp"},
}


def _record_url(w: Any) -> str:
    return f"/api/v1/agencies/{w.agency_a.pk}/complaints"


def _mine(method: str, url: Any, **kw: Any) -> Call:
    """A citizen's own complaint, asked for by another citizen."""
    return Call(method, url, "citizen_other", owner="citizen_owner", **kw)


CASES: dict[str, list[Call]] = {
    "api/v1/complaints/<complaint_id>": [
        api("GET", _detail),
        api("GET", _detail, "supervisor_b"),
        api("GET", _detail, "token_b"),
        api("GET", _detail, "citizen_other"),
        api("GET", _detail, "front_desk_b"),
    ],
    "api/v1/complaints/<complaint_id>/actions": [
        api("POST", lambda w: f"{_detail(w)}/actions", json={"action": "verify"}),
        api("POST", lambda w: f"{_detail(w)}/actions", "front_desk_b", json={"action": "verify"}),
        api("POST", lambda w: f"{_detail(w)}/actions", "token_b", json={"action": "verify"}),
        api("POST", lambda w: f"{_detail(w)}/actions", "citizen_other", json={"action": "withdraw"}, owner=OWNER),
        api(
            "POST",
            lambda w: f"{_detail(w)}/actions",
            "supervisor_b",
            json={"action": "forward", "note": "x", "to_agency": "x"},
            owner_json={"action": "forward", "note": "Bukan wewenang desa", "to_agency": "{agency_b.slug}"},
        ),
    ],
    "api/v1/complaints/<complaint_id>/messages": [
        api("POST", lambda w: f"{_detail(w)}/messages", json={"body": "Sisipan"}),
        api("POST", lambda w: f"{_detail(w)}/messages", "citizen_other", json={"body": "Sisipan"}),
        api("POST", lambda w: f"{_detail(w)}/messages", "token_b", json={"body": "Sisipan", "internal": True}),
    ],
    "api/v1/complaints/<complaint_id>/attachments": [
        api("POST", lambda w: f"{_detail(w)}/attachments", "citizen_other", form=_upload, owner=OWNER),
        api("POST", lambda w: f"{_detail(w)}/attachments", "admin_b", form=_upload, owner=OWNER),
        # Even the handling agency's officer cannot add files as if they were the complainant.
        api("POST", lambda w: f"{_detail(w)}/attachments", "front_desk_a", form=_upload, owner=OWNER),
    ],
    "api/v1/complaints/<complaint_id>/moderation": [
        api("POST", lambda w: f"{_detail(w)}/moderation", json={"reason": "Sisipan"}),
        api("POST", lambda w: f"{_detail(w)}/moderation", "citizen_owner", json={"reason": "Sisipan"}),
        # An officer of the handling agency who is not its administrator or verifier.
        api("POST", lambda w: f"{_detail(w)}/moderation", "front_desk_a", json={"reason": "Sisipan"}),
    ],
    "api/v1/complaint-attachments/<attachment_id>": [
        api("GET", lambda w: f"/api/v1/complaint-attachments/{w.complaint_file_a.pk}"),
        api("GET", lambda w: f"/api/v1/complaint-attachments/{w.complaint_file_a.pk}", "citizen_other"),
        api("GET", lambda w: f"/api/v1/complaint-attachments/{w.complaint_file_a.pk}", "token_b"),
        api("GET", lambda w: f"/api/v1/complaint-attachments/{w.complaint_file_a.pk}", "supervisor_b"),
    ],
    "api/v1/agencies/<agency_id>/complaints": [
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/complaints"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/complaints", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/complaints", "token_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_a.pk}/complaints", "citizen_owner"),
        # Recording a complaint received off-line for agency A: only A's complaint officers.
        api("POST", _record_url, json=RECORD_JSON, owner_expect=frozenset({201})),
        api("POST", _record_url, "supervisor_b", json=RECORD_JSON, owner_expect=frozenset({201})),
        api("POST", _record_url, "token_b", json=RECORD_JSON, owner_expect=frozenset({201})),
        api("POST", _record_url, "citizen_owner", json=RECORD_JSON, owner_expect=frozenset({201})),
    ],
    "konsol/pengaduan/catat/": [
        page("GET", "/konsol/pengaduan/catat/"),
        page("POST", "/konsol/pengaduan/catat/", form=_record_form, owner_expect=frozenset({302})),
        page("POST", "/konsol/pengaduan/catat/", "supervisor_b", form=_record_form, owner_expect=frozenset({302})),
    ],
    "konsol/pengaduan/<int:complaint_id>/tanda-terima/": [
        Call(
            "GET",
            lambda w: f"/konsol/pengaduan/{w.complaint_offline_a.pk}/tanda-terima/",
            "admin_b",
            console_agency="agency_a",
        ),
        Call(
            "GET",
            lambda w: f"/konsol/pengaduan/{w.complaint_offline_a.pk}/tanda-terima/",
            "admin_b",
            console_agency="agency_b",
        ),
        Call(
            "GET",
            lambda w: f"/konsol/pengaduan/{w.complaint_offline_a.pk}/tanda-terima/",
            "citizen_other",
            console_agency="agency_a",
        ),
    ],
    "akun/pengaduan/<int:complaint_id>/": [
        _mine("GET", lambda w: f"/akun/pengaduan/{w.complaint_a.pk}/"),
        _mine("POST", lambda w: f"/akun/pengaduan/{w.complaint_a.pk}/", form={"what": "withdraw"}),
        _mine("POST", lambda w: f"/akun/pengaduan/{w.complaint_a.pk}/", form={"what": "reply", "body": "Sisipan"}),
        Call("GET", lambda w: f"/akun/pengaduan/{w.complaint_a.pk}/", "admin_a", owner="citizen_owner"),
    ],
    "pengaduan/lampiran/<int:attachment_id>/": [
        _mine("GET", lambda w: f"/pengaduan/lampiran/{w.complaint_file_a.pk}/"),
        Call("GET", lambda w: f"/pengaduan/lampiran/{w.complaint_file_a.pk}/", "admin_b", owner="citizen_owner"),
    ],
    "konsol/pengaduan/": [
        page("GET", "/konsol/pengaduan/"),
        page("GET", "/konsol/pengaduan/", "supervisor_b"),
    ],
    "konsol/pengaduan/ekspor/": [
        page("GET", "/konsol/pengaduan/ekspor/"),
        page("GET", "/konsol/pengaduan/ekspor/", "supervisor_b"),
    ],
    "konsol/pengaduan/<int:complaint_id>/": [
        Call("GET", lambda w: f"/konsol/pengaduan/{w.complaint_a.pk}/", "admin_b", console_agency="agency_a"),
        Call("GET", lambda w: f"/konsol/pengaduan/{w.complaint_a.pk}/", "admin_b", console_agency="agency_b"),
        Call(
            "POST",
            lambda w: f"/konsol/pengaduan/{w.complaint_a.pk}/",
            "admin_b",
            form={"action": "verify"},
            console_agency="agency_b",
        ),
        Call(
            "POST",
            lambda w: f"/konsol/pengaduan/{w.complaint_a.pk}/",
            "admin_b",
            form={"what": "moderate", "hide": "on", "reason": "x"},
            console_agency="agency_b",
        ),
        Call(
            "POST",
            lambda w: f"/konsol/pengaduan/{w.complaint_a.pk}/",
            "citizen_other",
            form={"what": "reply", "body": "x", "internal": "on"},
            console_agency="agency_a",
        ),
    ],
}


def build(world: Any) -> None:
    """On each side: a confidential complaint of the side's citizen to the side's agency, with
    a file and an internal note (A's is `complaint_a`), and an anonymous one (public, without the name)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from padu.complaints.services import Contact, complaint_record, complaint_submit, message_post
    from padu.core.models import Region
    from tests.factories import actor_for, tiny_image
    from tests.isolation.world import CITIZEN, SIDES, mark, public_mark

    for s in SIDES:
        citizen = actor_for(getattr(world, CITIZEN[s]))
        village = Region.objects.get(code="32.04.05.2001" if s == "a" else "32.04.05.2002")
        complaint = complaint_submit(
            actor=citizen,
            agency=world.agency(s),
            kind="complaint",
            title=f"Pungutan di kantor desa {mark(s, 'ADUAN')}",
            text=f"Petugas meminta uang untuk surat pengantar yang semestinya gratis. {mark(s, 'ADUAN-ISI')}",
            category="pelayanan",
            region=village,
            visibility="confidential",
            uploads=[SimpleUploadedFile("bukti.png", tiny_image(), content_type="image/png")],
        )
        message_post(
            actor=actor_for(getattr(world, f"admin_{s}")),
            complaint=complaint,
            body=f"Catatan internal {mark(s, 'CATATAN')}",
            internal=True,
        )
        setattr(world, f"complaint_{s}", complaint)
        setattr(world, f"complaint_file_{s}", complaint.attachments.get())
        public = complaint_submit(
            actor=citizen,
            agency=world.agency(s),
            kind="aspiration",
            title=f"Lampu jalan padam {public_mark(s, 'ADUAN')}",
            text="Lampu jalan di depan balai desa padam sejak seminggu yang lalu, mohon diperbaiki.",
            category="infrastruktur",
            region=village,
            visibility="anonymous",  # shown to all, the name to no one
        )
        setattr(world, f"complaint_public_{s}", public)
        # A complaint taken by telephone from a resident without an account.
        offline = complaint_record(
            actor=actor_for(getattr(world, f"admin_{s}")),
            agency=world.agency(s),
            channel="phone",
            received_at=timezone.now(),
            kind="complaint",
            title=f"Saluran tersumbat {mark(s, 'ADUAN-TELEPON')}",
            text="Saluran air di depan rumah tersumbat sampah sejak hujan tiga hari lalu.",
            category="infrastruktur",
            region=village,
            contact=Contact(name=f"Sumarni {mark(s, 'WARGA-TELEPON')}", phone="081222334455", channel="phone"),
            confidential=True,
        )
        setattr(world, f"complaint_offline_{s}", offline)
    world.complaint_received_at = timezone.now().isoformat()


def _numbers(world: Any, side: str) -> list[str]:
    return [getattr(world, f"complaint_{side}").tracking_number]


LIST: dict[str, list[ListCase]] = {
    "konsol/pengaduan/": [
        console_list("/konsol/pengaduan/", "ADUAN", "WARGA", rows=_numbers),
        console_list("/konsol/pengaduan/?status=all", "ADUAN", public=("ADUAN",), label="all"),
        console_list("/konsol/pengaduan/?q=Pungutan", "ADUAN", label="search"),
        console_list("/konsol/pengaduan/?status=all", "ADUAN", viewer="supervisor_{s}", label="supervisor"),
    ],
    "konsol/pengaduan/ekspor/": [
        console_list("/konsol/pengaduan/ekspor/?status=all", "ADUAN", "WARGA", public=("ADUAN",), rows=_numbers),
        console_list("/konsol/pengaduan/ekspor/?q=Pungutan", "ADUAN", label="search"),
    ],
    "api/v1/agencies/<agency_id>/complaints": [
        agency_api("/api/v1/agencies/{agency}/complaints?status=all", "ADUAN", public=("ADUAN",), rows=_numbers),
        agency_api("/api/v1/agencies/{agency}/complaints?search=Pungutan", "ADUAN", label="search"),
    ],
    "akun/pengaduan/": [mine("/akun/pengaduan/", "ADUAN", public=("ADUAN",), rows=_numbers)],
    "api/v1/me/complaints": [mine("/api/v1/me/complaints", "ADUAN", public=("ADUAN",), rows=_numbers)],
    "pengaduan/": [
        public_list("/pengaduan/", shared=("ADUAN",)),
        public_list("/pengaduan/?q=Lampu", shared=("ADUAN",), label="search"),
    ],
    "api/v1/complaints/public": [
        public_list("/api/v1/complaints/public", shared=("ADUAN",)),
        public_list("/api/v1/complaints/public?agency={slug}", public=("ADUAN",), label="filter"),
        public_list("/api/v1/complaints/public?q=Pungutan", label="search"),
    ],
    "pengaduan/statistik/": [public_list("/pengaduan/statistik/")],
    "api/v1/complaints/statistics": [public_list("/api/v1/complaints/statistics")],
}

NOT_LIST: dict[str, str] = {
    "konsol/pengaduan/catat/": "the record form: it lists no complaint (its village search lists public regions)",
}

_PEOPLE = "complaints are handled by named officers and followed by their complainant, never by a system"

TOKEN_SCOPES: dict[str, TokenRoute] = {
    "POST api/v1/complaints": people_only(
        "a complaint is sent by a signed-in person",
        url=lambda w: "/api/v1/complaints",
        json={
            "agency": "pemerintah-desa-cileunyi-kulon",
            "kind": "complaint",
            "title": "Lampu jalan padam",
            "text": "Lampu jalan di depan balai desa padam sejak seminggu yang lalu.",
            "category": "infrastruktur",
            "region": "32.04.05.2001",
            "visibility": "public",
        },
    ),
    "GET api/v1/me/complaints": people_only(_PEOPLE, url=lambda w: "/api/v1/me/complaints"),
    "GET api/v1/complaints/<complaint_id>": people_only(_PEOPLE),
    "POST api/v1/complaints/<complaint_id>/actions": people_only(_PEOPLE),
    "POST api/v1/complaints/<complaint_id>/messages": people_only(_PEOPLE),
    "POST api/v1/complaints/<complaint_id>/attachments": people_only(_PEOPLE),
    "GET api/v1/complaint-attachments/<attachment_id>": people_only(_PEOPLE),
    "POST api/v1/complaints/<complaint_id>/moderation": people_only(_PEOPLE),
    "GET api/v1/agencies/<agency_id>/complaints": people_only(_PEOPLE),
    "POST api/v1/agencies/<agency_id>/complaints": people_only(
        "an off-line complaint is recorded by a named officer of the agency"
    ),
}
