"""Tenant isolation of complaints: officers of another agency, supervisors of another
subtree, API tokens and other citizens never reach a complaint, its thread or its files."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, api, page

PUBLIC: dict[str, str] = {
    "pengaduan/": "public list: public and anonymous complaints only, never a confidential one or an anonymous name",
    "pengaduan/kirim/": "the report form (login required): it addresses no one's object and only creates a"
    " complaint owned by the signed-in caller, from a draft in the caller's own session",
    "pengaduan/lacak/": "tracking form; a confidential complaint is found only by its own complainant",
    "pengaduan/statistik/": "public statistics: counts only, no names, no confidential content",
    "pengaduan/<str:number>/": "public page of a public or anonymous complaint by its tracking number; a"
    " confidential one is 404 for everyone but its complainant (redirected to their own page)",
    "api/v1/complaints": "submit: creates a complaint owned by the caller, addresses no one's object",
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

    return {"file": SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")}


def _detail(w: Any) -> str:
    return f"/api/v1/complaints/{w.complaint_a.pk}"


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
        api("POST", lambda w: f"{_detail(w)}/actions", "citizen_other", json={"action": "withdraw"}),
        api(
            "POST",
            lambda w: f"{_detail(w)}/actions",
            "supervisor_b",
            json={"action": "forward", "note": "x", "to_agency": "x"},
        ),
    ],
    "api/v1/complaints/<complaint_id>/messages": [
        api("POST", lambda w: f"{_detail(w)}/messages", json={"body": "Sisipan"}),
        api("POST", lambda w: f"{_detail(w)}/messages", "citizen_other", json={"body": "Sisipan"}),
        api("POST", lambda w: f"{_detail(w)}/messages", "token_b", json={"body": "Sisipan", "internal": True}),
    ],
    "api/v1/complaints/<complaint_id>/attachments": [
        api("POST", lambda w: f"{_detail(w)}/attachments", "citizen_other", form=_upload()),
        api("POST", lambda w: f"{_detail(w)}/attachments", "admin_b", form=_upload()),
        # Even the handling agency's officer cannot add files as if they were the complainant.
        api("POST", lambda w: f"{_detail(w)}/attachments", "front_desk_a", form=_upload()),
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
    """A confidential complaint of the owner to agency A, with a file and an internal note."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from padu.complaints.services import complaint_submit, message_post
    from padu.core.models import Region
    from tests.factories import actor_for

    complaint = complaint_submit(
        actor=actor_for(world.citizen_owner),
        agency=world.agency_a,
        kind="complaint",
        title="Pungutan di kantor desa",
        text="Petugas meminta uang untuk surat pengantar yang semestinya gratis.",
        category="pelayanan",
        region=Region.objects.get(code="32.04.05.2001"),
        visibility="confidential",
        uploads=[SimpleUploadedFile("bukti.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")],
    )
    message_post(actor=actor_for(world.admin_a), complaint=complaint, body="Catatan internal", internal=True)
    world.complaint_a = complaint
    world.complaint_file_a = complaint.attachments.get()


def snapshot() -> tuple[int, ...]:
    from padu.complaints.models import Attachment, Complaint, ComplaintEvent, Forward, Message

    return (
        Complaint.objects.count(),
        Complaint.objects.filter(status="submitted").count(),
        Complaint.objects.filter(moderated_at__isnull=False).count(),
        ComplaintEvent.objects.count(),
        Message.objects.count(),
        Attachment.objects.count(),
        Forward.objects.count(),
    )
