"""What the requester, the PPID and its superior are told at every step of a request.

The kinds are declared through padu.notify's kit, from the function the app's manifest names
(`notifications`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils import translation

from padu.core.roles import Role
from padu.notify import kit
from padu.notify.kit import Text, declare
from padu.notify.rendering import render_text
from padu.notify.services import notify
from padu.notify.templates_registry import registry
from padu.ppid.models import ContactChannel, ContactTask, InfoRequest

CHANNELS = list(kit.CHANNELS)
_VARS = ("name", "agency", "number", "url", "due_date", "reason", "decision")


def register_notifications() -> None:
    """The PPID kinds (named in the manifest as `notifications`)."""
    declare(
        "ppid.received",
        "A request for public information was received (to the requester).",
        _VARS,
        id={
            "email": Text(
                "Permohonan informasi {{ number }} telah diterima",
                "Yth. {{ name }},\n\nPermohonan informasi publik Anda telah kami terima di {{ agency }} dengan nomor"
                " pendaftaran {{ number }}.\n\nKami wajib menjawab paling lambat {{ due_date }} (10 hari kerja).\n\n"
                "Pantau permohonan Anda di {{ url }}\n\nTerima kasih,\nPPID {{ agency }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: permohonan informasi no. {{ number }} diterima."
                " Jawaban paling lambat {{ due_date }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Information request {{ number }} has been received",
                "Dear {{ name }},\n\nWe have received your request for public information at {{ agency }}, registration"
                " number {{ number }}.\n\nWe must answer by {{ due_date }} (10 working days).\n\n"
                "Follow your request at {{ url }}\n\nThank you,\nPPID {{ agency }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: information request no. {{ number }} received."
                " Answer due by {{ due_date }}. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.new",
        "A new request for public information arrived (to the information officers).",
        _VARS,
        id={
            "email": Text(
                "Permohonan informasi baru {{ number }}",
                "Yth. {{ name }},\n\nAda permohonan informasi publik baru di {{ agency }}: {{ number }}.\n"
                "Jawab paling lambat {{ due_date }}.\n\nBuka: {{ url }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: permohonan baru {{ number }}, jawab paling lambat {{ due_date }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "New information request {{ number }}",
                "Dear {{ name }},\n\nA new request for public information arrived at {{ agency }}: {{ number }}.\n"
                "Answer by {{ due_date }}.\n\nOpen: {{ url }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: new request {{ number }}, answer by {{ due_date }}. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.extended",
        "The PPID extended the time to answer (to the requester).",
        _VARS,
        id={
            "email": Text(
                "Waktu jawaban permohonan {{ number }} diperpanjang",
                "Yth. {{ name }},\n\nPPID {{ agency }} memperpanjang waktu untuk menjawab permohonan informasi Anda"
                " {{ number }} selama 7 hari kerja, sampai {{ due_date }}.\n\nAlasan: {{ reason }}\n\n"
                "Rincian: {{ url }}\n\nHormat kami,\nPPID {{ agency }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: jawaban permohonan {{ number }} diperpanjang sampai {{ due_date }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "More time to answer request {{ number }}",
                "Dear {{ name }},\n\nThe PPID of {{ agency }} has extended the time to answer your information request"
                " {{ number }} by 7 working days, to {{ due_date }}.\n\nReason: {{ reason }}\n\n"
                "Details: {{ url }}\n\nYours sincerely,\nPPID {{ agency }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: answer to request {{ number }} extended to {{ due_date }}. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.decided",
        "The PPID decided on a request (to the requester).",
        _VARS,
        id={
            "email": Text(
                "Jawaban atas permohonan informasi {{ number }}",
                "Yth. {{ name }},\n\nPPID {{ agency }} telah menjawab permohonan informasi Anda {{ number }}:"
                " {{ decision }}.\n\n{{ reason }}\n\nSurat pemberitahuan tertulis dan berkas informasi dapat Anda unduh"
                " di {{ url }}\n\nJika Anda tidak puas, Anda dapat mengajukan keberatan dalam 30 hari kerja.\n\n"
                "Hormat kami,\nPPID {{ agency }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: permohonan {{ number }} dijawab: {{ decision }}. Unduh di {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Answer to information request {{ number }}",
                "Dear {{ name }},\n\nThe PPID of {{ agency }} has answered your information request {{ number }}:"
                " {{ decision }}.\n\n{{ reason }}\n\nDownload the written notice and the files at {{ url }}\n\n"
                "If you are not satisfied, you may lodge an objection within 30 working days.\n\n"
                "Yours sincerely,\nPPID {{ agency }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: request {{ number }} answered: {{ decision }}. Download at {{ url }}",
            ),
        },
    )

    declare(
        "ppid.withdrawn",
        "The requester withdrew a request (to the information officers).",
        _VARS,
        id={
            "email": Text(
                "Permohonan informasi {{ number }} ditarik",
                "Yth. {{ name }},\n\nPemohon menarik permohonan informasi {{ number }} di {{ agency }}."
                " Tidak ada lagi yang perlu dijawab.\n\n{{ url }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: permohonan {{ number }} ditarik pemohon. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Information request {{ number }} withdrawn",
                "Dear {{ name }},\n\nThe requester has withdrawn information request {{ number }} at {{ agency }}."
                " Nothing more needs an answer.\n\n{{ url }}",
            ),
            "sms": Text(
                "",
                "PPID {{ agency }}: request {{ number }} withdrawn by the requester. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.objection_received",
        "An objection was registered (to the requester).",
        _VARS,
        id={
            "email": Text(
                "Keberatan {{ number }} telah diterima",
                "Yth. {{ name }},\n\nKeberatan Anda telah kami terima dengan nomor {{ number }}. Atasan PPID"
                " {{ agency }} wajib menanggapinya paling lambat {{ due_date }} (30 hari kerja).\n\n"
                "Rincian: {{ url }}\n\nTerima kasih,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: keberatan no. {{ number }} diterima. Tanggapan paling lambat {{ due_date }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Objection {{ number }} has been received",
                "Dear {{ name }},\n\nWe have received your objection, number {{ number }}. The PPID's superior at"
                " {{ agency }} must answer it by {{ due_date }} (30 working days).\n\n"
                "Details: {{ url }}\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: objection no. {{ number }} received. Answer due by {{ due_date }}. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.objection_new",
        "An objection was lodged (to the PPID's superior and the information officers).",
        _VARS,
        id={
            "email": Text(
                "Keberatan baru {{ number }}",
                "Yth. {{ name }},\n\nAda keberatan atas permohonan informasi di {{ agency }}: {{ number }}.\n"
                "Atasan PPID wajib menanggapi paling lambat {{ due_date }}.\n\nBuka: {{ url }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: keberatan baru {{ number }}, tanggapi paling lambat {{ due_date }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "New objection {{ number }}",
                "Dear {{ name }},\n\nAn objection about an information request was lodged at {{ agency }}:"
                " {{ number }}.\nThe PPID's superior must answer by {{ due_date }}.\n\nOpen: {{ url }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: new objection {{ number }}, answer by {{ due_date }}. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.objection_answered",
        "The PPID's superior answered an objection (to the requester and the information officers).",
        _VARS,
        id={
            "email": Text(
                "Tanggapan atas keberatan {{ number }}",
                "Yth. {{ name }},\n\nAtasan PPID {{ agency }} telah menanggapi keberatan {{ number }}: {{ decision }}."
                "\n\n{{ reason }}\n\nRincian dan surat tanggapan: {{ url }}\n\nJika tidak puas, pemohon dapat"
                " mengajukan penyelesaian sengketa ke Komisi Informasi dalam 14 hari kerja.\n\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: keberatan {{ number }} ditanggapi: {{ decision }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Answer to objection {{ number }}",
                "Dear {{ name }},\n\nThe PPID's superior at {{ agency }} has answered objection {{ number }}:"
                " {{ decision }}.\n\n{{ reason }}\n\nDetails and the letter: {{ url }}\n\nIf not satisfied, the"
                " requester may take the dispute to the Information Commission within 14 working days.\n\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: objection {{ number }} answered: {{ decision }}. {{ url }}",
            ),
        },
    )

    declare(
        "ppid.near_due",
        "A request or an objection falls due soon (to the officers who must answer).",
        _VARS,
        id={
            "email": Text(
                "Segera jatuh tempo: {{ number }}",
                "Yth. {{ name }},\n\n{{ number }} di {{ agency }} harus dijawab paling lambat {{ due_date }}.\n\n"
                "Buka: {{ url }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: {{ number }} harus dijawab paling lambat {{ due_date }}. {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Due soon: {{ number }}",
                "Dear {{ name }},\n\n{{ number }} at {{ agency }} must be answered by {{ due_date }}.\n\n"
                "Open: {{ url }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: {{ number }} must be answered by {{ due_date }}. {{ url }}",
            ),
        },
    )


def _site(path: str) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}{path}"


def requester_url(request: InfoRequest) -> str:
    return _site(f"/akun/ppid/{request.pk}/")


def staff_url(request: InfoRequest) -> str:
    return _site(f"/konsol/ppid/permohonan/{request.pk}/")


def public_url(request: InfoRequest) -> str:
    """The request's row in the agency's public register: where a requester without an
    account follows its status."""
    return _site(f"/ppid/{request.agency.slug}/?nomor={quote(request.number, safe='')}")


def local_date(request: InfoRequest, moment: dt.datetime | None, language: str) -> str:
    return kit.local_date(moment, request.agency.time_zone, language)


def _values(request: InfoRequest, language: str, url: str, context: dict[str, Any]) -> dict[str, Any]:
    values = {k: (kit.in_language(v, language) if v is not None else "") for k, v in context.items()}
    due = context.get("due") or request.due_at
    values.pop("due", None)
    return {"number": request.number, "url": url, "due_date": local_date(request, due, language), **values}


def tell_user(request: InfoRequest, user: Any, key: str, url: str, **context: Any) -> None:
    """One person, in their language; `due` (a datetime) replaces the request's deadline."""
    language = kit.language_of(user)
    kit.tell(
        user,
        key,
        _values(request, language, url, context),
        agency=request.agency,
        obj=request,
        channels=CHANNELS,
    )


# What the office must hand to a requester without an account itself: Padu cannot send them
# files, so a decision or an answer is always a to-do, even when an email tells them of it.
_HAND_DELIVERED = frozenset({"ppid.decided", "ppid.objection_answered"})


def tell_requester(request: InfoRequest, key: str, **context: Any) -> None:
    """The requester: an account holder on the in-app inbox and by email. A requester without
    an account gets an email when they gave an address, and the information officers get a
    to-do (ContactTask) to tell them by the channel they asked for whenever that is not
    email, when they gave no address, or when there are documents to hand over."""
    if request.requester is not None:
        tell_user(request, request.requester, key, requester_url(request), **context)
        return
    language = "id"
    values = {
        "name": request.requester_name,
        "agency": request.agency.name,
        **_values(request, language, public_url(request), context),
    }
    if request.email:
        notify(
            address=request.email,
            channels=["email"],
            key=key,
            context=values,
            agency=request.agency,
            obj=request,
            language=language,
        )
    by_email = request.email and request.contact_channel == ContactChannel.EMAIL
    if not by_email or key in _HAND_DELIVERED:
        ContactTask.objects.create(
            request=request,
            kind=key,
            channel=request.contact_channel or ContactChannel.EMAIL,
            message=contact_text(key, values, language),
        )


def contact_text(key: str, values: dict[str, Any], language: str = "id") -> str:
    """The short text (the kind's SMS text) an officer passes on by WhatsApp, telephone or letter."""
    text = registry.get(key).text(language, "sms")
    with translation.override(language):
        return render_text(text.body, {"agency": "", **values}).strip()


def officers(request: InfoRequest, *roles: str) -> list[Any]:
    """The agency's active staff in the roles (the information officers by default), each once."""
    members = kit.staff_of([request.agency_id], roles or [Role.INFORMATION_OFFICER])
    return [member.user for member in members if member.user.is_active]


def tell_officers(request: InfoRequest, key: str, *roles: str, exclude: int | None = None, **context: Any) -> int:
    """The officers in the roles, but not `exclude` (the officer who made the change)."""
    people = [user for user in officers(request, *roles) if user.pk != exclude]
    for user in people:
        tell_user(request, user, key, staff_url(request), **context)
    return len(people)
