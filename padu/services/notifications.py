"""What the applicant and the officers are told when a case moves."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, translation

from padu.notify.services import notify
from padu.services.models import Application, ApplicationStatus

CHANNELS = ["inapp", "email"]

_KEYS = {
    "submit": "application.submitted",
    "resubmit": "application.submitted",
    "return": "application.returned",
    "reject": "application.rejected",
}


def local_date(application: Application, moment: dt.datetime | None, language: str) -> str:
    if moment is None:
        return ""
    with translation.override(language):
        return formats.date_format(moment.astimezone(ZoneInfo(application.agency.time_zone)), "j F Y")


def tracking_url(application: Application) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/lacak/{application.tracking_number}/"


def my_application_url(application: Application) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/akun/permohonan/{application.pk}/"


def case_url(application: Application) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/konsol/permohonan/{application.pk}/"


def tell_applicant(application: Application, action: str, note: str) -> None:
    """Called in the transition's transaction; delivery happens after commit."""
    key = _KEYS.get(action)
    if action == "approve" and application.status == ApplicationStatus.COMPLETED:
        key = "document.ready" if application.document_id else "application.approved"
    if key is None:
        return
    language = getattr(application.applicant, "language", "id") or "id"
    document = application.document
    notify(
        recipient_user=application.applicant,
        channels=CHANNELS,
        key=key,
        context={
            "service": application.service_version.name,
            "number": application.tracking_number,
            "url": tracking_url(application),
            "reason": note,
            "due_date": local_date(application, application.due_at, language),
            "document": document.title if document else "",
            # The letter's own number on "document ready"; the tracking number otherwise.
            **({"number": document.number, "url": my_application_url(application)} if document else {}),
        },
        agency=application.agency,
        obj=application,
    )


def tell_officer_near_due(application: Application, officer: object) -> None:
    language = getattr(officer, "language", "id") or "id"
    notify(
        recipient_user=officer,
        channels=CHANNELS,
        key="case.near_due",
        context={
            "case": application.service_version.name,
            "number": application.tracking_number,
            "due_date": local_date(application, application.due_at, language),
            "url": case_url(application),
        },
        agency=application.agency,
        obj=application,
    )
