"""What the applicant and the officers are told when a case moves."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from padu.notify import kit
from padu.notify.kit import Text, declare
from padu.services.models import Application, ApplicationStatus
from padu.services.selectors import service_offered

CHANNELS = list(kit.CHANNELS)

_KEYS = {
    "submit": "application.submitted",
    "resubmit": "application.submitted",
    "return": "application.returned",
    "reject": "application.rejected",
}


def local_date(application: Application, moment: dt.datetime | None, language: str) -> str:
    return kit.local_date(moment, application.agency.time_zone, language)


def tracking_url(application: Application) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/lacak/{application.tracking_number}/"


def my_application_url(application: Application) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/akun/permohonan/{application.pk}/"


def case_url(application: Application) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/konsol/permohonan/{application.pk}/"


def _site(path: str) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}{path}"


def reapply_url(application: Application) -> str:
    """Where to apply again: the service's page while it is offered, the catalogue otherwise."""
    return _site(reapply_path(application))


def reapply_path(application: Application) -> str:
    service = application.service_version.service
    if service_offered(service.pk):
        return reverse("portal:service", args=[service.agency.slug, service.slug])
    return reverse("portal:catalogue")


def complaint_url() -> str:
    """The public complaint form (linked by its page name: services does not know complaints)."""
    return _site(reverse("portal:complaint_submit"))


def tell_applicant(application: Application, action: str, note: str) -> None:
    """Called in the transition's transaction; delivery happens after commit."""
    key = _KEYS.get(action)
    if action == "approve" and application.status == ApplicationStatus.COMPLETED:
        key = "document.ready" if application.document_id else "application.approved"
    if key is None:
        return
    language = kit.language_of(application.applicant)
    document = application.document
    kit.tell(
        application.applicant,
        key,
        {
            "service": application.service_version.name,
            "number": application.tracking_number,
            "url": tracking_url(application),
            "reason": note,
            "due_date": local_date(application, application.due_at, language),
            "document": document.title if document else "",
            # The letter's own number on "document ready"; the tracking number otherwise.
            **({"number": document.number, "url": my_application_url(application)} if document else {}),
            # What a rejected applicant can do next: apply again, or complain.
            **(
                {
                    "service_url": reapply_url(application),
                    "complaint_channel": application.service_version.complaint_channel,
                    "complaint_url": complaint_url(),
                }
                if key == "application.rejected"
                else {}
            ),
        },
        agency=application.agency,
        obj=application,
        channels=CHANNELS,
    )


def tell_officer_near_due(application: Application, officer: object) -> None:
    language = kit.language_of(officer)
    kit.tell(
        officer,
        "case.near_due",
        {
            "case": application.service_version.name,
            "number": application.tracking_number,
            "due_date": local_date(application, application.due_at, language),
            "url": case_url(application),
        },
        agency=application.agency,
        obj=application,
        channels=CHANNELS,
    )


_APP_VARS = ("name", "service", "number", "agency", "url")


def register_notifications() -> None:
    """The application kinds (named in the services manifest as `notifications`)."""
    declare(
        "application.submitted",
        "A citizen's application was received.",
        (*_APP_VARS, "due_date"),
        id={
            "email": Text(
                "Permohonan {{ number }} telah diterima",
                "Yth. {{ name }},\n\n"
                "Permohonan {{ service }} Anda dengan nomor {{ number }} telah kami terima di {{ agency }}."
                "{% if due_date %} Perkiraan selesai: {{ due_date }}.{% endif %}\n\n"
                "Pantau statusnya di {{ url }}\n\nTerima kasih,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: permohonan {{ service }} no. {{ number }} diterima."
                "{% if due_date %} Perkiraan selesai {{ due_date }}.{% endif %} Status: {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Application {{ number }} has been received",
                "Dear {{ name }},\n\n"
                "We have received your {{ service }} application, number {{ number }}, at {{ agency }}."
                "{% if due_date %} Expected completion: {{ due_date }}.{% endif %}\n\n"
                "Follow its status at {{ url }}\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: {{ service }} application no. {{ number }} received."
                "{% if due_date %} Expected by {{ due_date }}.{% endif %} Status: {{ url }}",
            ),
        },
    )

    declare(
        "application.returned",
        "An application was returned to the applicant to be completed or corrected.",
        (*_APP_VARS, "reason"),
        id={
            "email": Text(
                "Permohonan {{ number }} perlu dilengkapi",
                "Yth. {{ name }},\n\n"
                "Permohonan {{ service }} Anda dengan nomor {{ number }} dikembalikan untuk dilengkapi atau diperbaiki."
                "\n\nAlasan: {{ reason }}\n\n"
                "Silakan perbaiki dan kirim kembali melalui {{ url }}\n\n"
                "Waktu penyelesaian layanan berhenti sampai Anda mengirimkannya kembali; tanggal selesainya"
                " bergeser sebanyak hari kerja yang Anda perlukan.\n\nTerima kasih,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: permohonan no. {{ number }} perlu dilengkapi. Alasan: {{ reason|truncatechars:80 }}."
                " Waktu layanan berhenti sampai Anda kirim kembali di {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Application {{ number }} needs more information",
                "Dear {{ name }},\n\n"
                "Your {{ service }} application, number {{ number }}, has been returned to you to complete or correct."
                "\n\nReason: {{ reason }}\n\n"
                "Please correct it and send it again at {{ url }}\n\n"
                "The service clock is paused until you send it again; the due date moves by the working days"
                " you take.\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: application no. {{ number }} needs more information. Reason:"
                " {{ reason|truncatechars:80 }}. The clock is paused until you send it again at {{ url }}",
            ),
        },
    )

    declare(
        "application.rejected",
        "An application was rejected; the applicant is told what to do next.",
        (*_APP_VARS, "reason", "service_url", "complaint_channel", "complaint_url"),
        id={
            "email": Text(
                "Permohonan {{ number }} ditolak",
                "Yth. {{ name }},\n\n"
                "Dengan menyesal kami sampaikan bahwa permohonan {{ service }} Anda dengan nomor {{ number }} ditolak."
                "\n\nAlasan: {{ reason }}\n\n"
                "Yang dapat Anda lakukan:\n"
                "- Perbaiki hal yang disebut dalam alasan di atas, lalu ajukan permohonan baru di {{ service_url }}\n"
                "- Jika Anda tidak setuju dengan keputusan ini, sampaikan pengaduan"
                "{% if complaint_channel %} melalui {{ complaint_channel }} atau{% endif %}"
                " melalui formulir pengaduan di {{ complaint_url }}\n\n"
                "Rincian: {{ url }}\n\nHormat kami,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: permohonan no. {{ number }} ditolak. Alasan: {{ reason|truncatechars:80 }}."
                " Ajukan lagi setelah diperbaiki atau sampaikan pengaduan. Rincian: {{ url }}",
            ),
        },
        en={
            "email": Text(
                "Application {{ number }} has been rejected",
                "Dear {{ name }},\n\n"
                "We regret to tell you that your {{ service }} application, number {{ number }}, has been rejected."
                "\n\nReason: {{ reason }}\n\n"
                "What you can do next:\n"
                "- Fix what the reason above names, then apply again at {{ service_url }}\n"
                "- If you disagree with this decision, complain"
                "{% if complaint_channel %} through {{ complaint_channel }} or{% endif %}"
                " with the complaint form at {{ complaint_url }}\n\n"
                "Details: {{ url }}\n\nYours sincerely,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: application no. {{ number }} rejected. Reason: {{ reason|truncatechars:80 }}."
                " Apply again once fixed, or complain. Details: {{ url }}",
            ),
        },
    )

    declare(
        "application.approved",
        "An application was approved.",
        _APP_VARS,
        id={
            "email": Text(
                "Permohonan {{ number }} disetujui",
                "Yth. {{ name }},\n\n"
                "Permohonan {{ service }} Anda dengan nomor {{ number }} telah disetujui. "
                "Kami akan memberi tahu Anda saat dokumennya siap.\n\n"
                "Rincian: {{ url }}\n\nTerima kasih,\n{{ agency }}",
            ),
            "sms": Text("", "{{ agency }}: permohonan {{ service }} no. {{ number }} disetujui. Rincian: {{ url }}"),
        },
        en={
            "email": Text(
                "Application {{ number }} has been approved",
                "Dear {{ name }},\n\n"
                "Your {{ service }} application, number {{ number }}, has been approved. "
                "We will tell you when the document is ready.\n\n"
                "Details: {{ url }}\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text("", "{{ agency }}: {{ service }} application no. {{ number }} approved. Details: {{ url }}"),
        },
    )
