"""The counter in the demo, at the village office of Desa Cileunyi Kulon: the walk-in citizen
with no account and no email (registered by the front desk in the accounts demo) applied at
the counter for a domicile letter two working days ago, with the officer filling the form for
her; the case went through the three steps, and today the signed letter was handed over at the
counter. Her receipt is at /konsol/loket/permohonan/<id>/tanda-terima/. Idempotent."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from padu.accounts.demo import walk_in_nik
from padu.accounts.models import CitizenProfile, User
from padu.core.actors import Actor
from padu.core.calendar import WorkCalendar, agency_local_date
from padu.core.crypto import keyed_hash
from padu.core.models import Agency
from padu.services.counter import application_hand_over
from padu.services.demo.letters import _answers
from padu.services.models import Application, ServiceVersion, VersionStatus
from padu.services.services import application_act, application_start

SERVICE = "sk-domisili"


def _working_days_ago(calendar: WorkCalendar, today: dt.date, count: int) -> dt.date:
    day, counted = today, 0
    while counted < count:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def seed_counter(agency: Agency, staff: dict[str, User]) -> int:
    """The walk-in's counter application, completed and handed over; returns how many were made."""
    profile = CitizenProfile.objects.filter(nik_hash=keyed_hash("nik", walk_in_nik())).select_related("user").first()
    if profile is None or Application.objects.filter(applicant=profile.user).exists():
        return 0
    version = (
        ServiceVersion.objects.filter(service__agency=agency, service__slug=SERVICE, status=VersionStatus.PUBLISHED)
        .select_related("service")
        .first()
    )
    if version is None:
        return 0
    calendar = WorkCalendar(agency)
    zone = ZoneInfo(agency.time_zone)
    today = agency_local_date(agency, timezone.now())

    def at(working_days_ago: int, hour: int) -> dt.datetime:
        return dt.datetime.combine(_working_days_ago(calendar, today, working_days_ago), dt.time(hour), tzinfo=zone)

    desk, verifier, signer = (Actor(user=staff[role]) for role in ("front_desk", "verifier", "signer"))
    answers = {**_answers(profile, version), "keperluan": "Pendaftaran bantuan sosial lansia"}
    # The front desk found her at the counter (the registration) and fills the form for her.
    application = application_start(actor=desk, version=version, answers=answers, applicant=profile.user)
    application = application_act(actor=desk, application=application, action="submit", at=at(2, 9))
    for step, (officer, hour) in enumerate(((desk, 10), (verifier, 9), (signer, 11))):
        moment = at(2 if step == 0 else 1, hour)
        application = application_act(actor=officer, application=application, action="approve", at=moment)
    application_hand_over(actor=desk, application=application, received_by=profile.name)
    return 1
