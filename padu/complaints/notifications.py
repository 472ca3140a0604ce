"""What the complainant and the officers are told at every step. Never the identity of an
anonymous complainant: officers' messages carry the number, title and link only.

A complainant recorded off-line without an account is told by email only if they gave an
address; otherwise nothing is sent and the officer reaches them by the channel they chose
(the case page says how, and the officer records the contact in the thread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from padu.complaints.models import Complaint
from padu.complaints.permissions import NOTIFIED_ROLES
from padu.core.models import Agency, Membership
from padu.notify import kit
from padu.notify.kit import Text, declare
from padu.notify.services import notify

CHANNELS = list(kit.CHANNELS)
_ANONYMOUS = gettext_lazy("Complainant")


def _site() -> str:
    return str(settings.PADU_SITE_URL).rstrip("/")


def my_complaint_url(complaint: Complaint) -> str:
    return f"{_site()}/akun/pengaduan/{complaint.pk}/"


def case_url(complaint: Complaint) -> str:
    return f"{_site()}/konsol/pengaduan/{complaint.pk}/"


def local_date(agency: Agency, moment: dt.datetime | None, language: str) -> str:
    return kit.local_date(moment, agency.time_zone, language)


def public_url(complaint: Complaint) -> str:
    return f"{_site()}/pengaduan/{complaint.tracking_number}/"


def tracking_url() -> str:
    return f"{_site()}/pengaduan/lacak/"


def reaches_by_itself(complaint: Complaint) -> bool:
    """Whether Padu tells the complainant by itself (an account with an email address, or an
    email address given); otherwise an officer reaches them by telephone, WhatsApp, letter or
    at the office (also a walk-in's account made at a counter, without email)."""
    user = complaint.complainant
    return bool(user is not None and user.email) or bool(complaint.contact_email)


def tell_complainant(complaint: Complaint, key: str, step: str | Promise = "", note: str = "") -> bool:
    """Called inside the service's transaction; delivery happens after commit. Returns
    whether a message was made (False for a complainant Padu cannot reach by itself)."""
    agency = complaint.handling_agency
    # The agency's delivery log shows who it wrote to (masked address, object id): an
    # anonymous complainant's messages are kept out of it.
    logged_agency = None if complaint.is_anonymous else agency
    logged_obj = None if complaint.is_anonymous else complaint
    user = complaint.complainant
    language = kit.language_of(user) if user is not None else "id"
    context = {
        "number": complaint.tracking_number,
        "title": complaint.title,
        "step": kit.in_language(step, language),
        "note": note,
        "due_date": local_date(agency, complaint.due_at, language),
        "url": my_complaint_url(complaint),
        "agency": agency.name,
    }
    if user is not None:
        kit.tell(user, key, context, agency=logged_agency, obj=logged_obj, channels=CHANNELS)
        return True
    if not complaint.contact_email:
        return False
    # No account: the email they gave, with the public page instead of the account page they
    # do not have; a confidential complaint has no public page, so the office's (its contacts).
    context["url"] = f"{_site()}/instansi/{agency.slug}/" if complaint.confidential else public_url(complaint)
    context["name"] = complaint.contact_name or kit.in_language(_ANONYMOUS, language)
    notify(
        address=complaint.contact_email,
        channels=["email"],
        key=key,
        context=context,
        agency=logged_agency,
        obj=logged_obj,
        language=language,
    )
    return True


def officers_of(agency_ids: Iterable[int]) -> list[Membership]:
    return kit.staff_of(agency_ids, NOTIFIED_ROLES)


def tell_officers(
    complaint: Complaint, key: str, agency_ids: Iterable[int], what: str | Promise = "", exclude: int | None = None
) -> int:
    count = 0
    for membership in officers_of(agency_ids):
        if membership.user_id == exclude:
            continue
        language = kit.language_of(membership.user)
        kit.tell(
            membership.user,
            key,
            {
                "number": complaint.tracking_number,
                "title": complaint.title,
                "what": kit.in_language(what, language),
                "due_date": local_date(complaint.handling_agency, complaint.due_at, language),
                "handling": complaint.handling_agency.name,
                "url": case_url(complaint),
            },
            agency=membership.agency,
            obj=complaint,
            channels=CHANNELS,
        )
        count += 1
    return count


def register_templates() -> None:
    """The complaint kinds (named in the manifest as `notifications`)."""
    declare(
        "complaint.received",
        "To the complainant: the complaint was received, with its tracking number.",
        ("name", "number", "title", "agency", "due_date", "url"),
        id={
            "email": Text(
                "Pengaduan {{ number }} telah diterima",
                "Yth. {{ name }},\n\nLaporan Anda \u201c{{ title }}\u201d telah diterima {{ agency }} dengan nomor "
                "{{ number }}.{% if due_date %} Laporan akan diverifikasi paling lambat {{ due_date }}.{% endif %}"
                "\n\nIkuti perkembangannya dan balas petugas di {{ url }}\n\nTerima kasih,\n{{ agency }}",
            ),
            "sms": Text("", "{{ agency }}: laporan no. {{ number }} diterima. Pantau di {{ url }}"),
        },
        en={
            "email": Text(
                "Complaint {{ number }} has been received",
                "Dear {{ name }},\n\n{{ agency }} has received your report \u201c{{ title }}\u201d with number "
                "{{ number }}.{% if due_date %} It will be verified by {{ due_date }}.{% endif %}\n\n"
                "Follow it and reply to the officers at {{ url }}\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text("", "{{ agency }}: report no. {{ number }} received. Follow it at {{ url }}"),
        },
    )
    declare(
        "complaint.updated",
        "To the complainant: the complaint moved a step, or an officer replied.",
        ("name", "number", "title", "agency", "step", "note", "due_date", "url"),
        id={
            "email": Text(
                "Pengaduan {{ number }}: {{ step }}",
                "Yth. {{ name }},\n\nLaporan Anda \u201c{{ title }}\u201d ({{ number }}): {{ step }}."
                "{% if note %}\n\n{{ note }}{% endif %}\n\nSelengkapnya di {{ url }}\n\nTerima kasih,\n{{ agency }}",
            ),
            "sms": Text("", "{{ agency }}: laporan no. {{ number }}: {{ step }}. Lihat {{ url }}"),
        },
        en={
            "email": Text(
                "Complaint {{ number }}: {{ step }}",
                "Dear {{ name }},\n\nYour report \u201c{{ title }}\u201d ({{ number }}): {{ step }}."
                "{% if note %}\n\n{{ note }}{% endif %}\n\nMore at {{ url }}\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text("", "{{ agency }}: report no. {{ number }}: {{ step }}. See {{ url }}"),
        },
    )
    declare(
        "complaint.assigned",
        "To officers: a complaint arrived, was forwarded to them or was reopened.",
        ("name", "number", "title", "what", "due_date", "url"),
        id={
            "email": Text(
                "Pengaduan {{ number }} menunggu tindakan",
                "Yth. {{ name }},\n\nPengaduan {{ number }} \u201c{{ title }}\u201d {{ what }}."
                "{% if due_date %} Batas waktu: {{ due_date }}.{% endif %}\n\nBuka di {{ url }}",
            ),
            "sms": Text("", "Pengaduan {{ number }} {{ what }}. Batas {{ due_date }}. {{ url }}"),
        },
        en={
            "email": Text(
                "Complaint {{ number }} needs action",
                "Dear {{ name }},\n\nComplaint {{ number }} \u201c{{ title }}\u201d {{ what }}."
                "{% if due_date %} Deadline: {{ due_date }}.{% endif %}\n\nOpen it at {{ url }}",
            ),
            "sms": Text("", "Complaint {{ number }} {{ what }}. Due {{ due_date }}. {{ url }}"),
        },
    )
    declare(
        "complaint.activity",
        "To officers: the complainant replied, rated, reopened or withdrew a complaint.",
        ("name", "number", "title", "what", "url"),
        id={
            "email": Text(
                "Pengaduan {{ number }}: {{ what }}",
                "Yth. {{ name }},\n\nPengaduan {{ number }} \u201c{{ title }}\u201d: {{ what }}.\n\nBuka di {{ url }}",
            ),
            "sms": Text("", "Pengaduan {{ number }}: {{ what }}. {{ url }}"),
        },
        en={
            "email": Text(
                "Complaint {{ number }}: {{ what }}",
                "Dear {{ name }},\n\nComplaint {{ number }} \u201c{{ title }}\u201d: {{ what }}.\n\n"
                "Open it at {{ url }}",
            ),
            "sms": Text("", "Complaint {{ number }}: {{ what }}. {{ url }}"),
        },
    )
    declare(
        "complaint.escalated",
        "To the supervising agency's and the handling agency's officers: a complaint passed its deadline.",
        ("name", "number", "title", "handling", "due_date", "url"),
        id={
            "email": Text(
                "Pengaduan {{ number }} melewati batas waktu",
                "Yth. {{ name }},\n\nPengaduan {{ number }} \u201c{{ title }}\u201d di {{ handling }} belum "
                "ditindaklanjuti sampai batas waktu {{ due_date }} dan dieskalasi ke instansi pengawas.\n\n"
                "Buka di {{ url }}",
            ),
            "sms": Text("", "Pengaduan {{ number }} di {{ handling }} lewat batas {{ due_date }}. {{ url }}"),
        },
        en={
            "email": Text(
                "Complaint {{ number }} is past its deadline",
                "Dear {{ name }},\n\nComplaint {{ number }} \u201c{{ title }}\u201d at {{ handling }} was not "
                "acted on by its deadline of {{ due_date }} and has been escalated to the supervising agency.\n\n"
                "Open it at {{ url }}",
            ),
            "sms": Text("", "Complaint {{ number }} at {{ handling }} passed its deadline {{ due_date }}. {{ url }}"),
        },
    )
