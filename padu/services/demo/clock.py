"""The service clock in the demo, at the village office of Desa Cileunyi Kulon: a case back
with its applicant now (its clock paused), and one that was returned, sent again and then
completed and signed before its due date, moved by the days it was back with the applicant.
The dates are working days counted back from today in the office's calendar. Idempotent."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from padu.accounts.models import CitizenProfile, User
from padu.core.actors import Actor
from padu.core.calendar import WorkCalendar, agency_local_date
from padu.core.models import Agency
from padu.services.demo.letters import _answers
from padu.services.models import ApplicationEvent, ServiceVersion, VersionStatus
from padu.services.services import application_act, application_start

RETURNED_NOTE = "Foto Kartu Keluarga tidak terbaca. Unggah foto yang lebih jelas, lalu kirim kembali."
CORRECTED_NOTE = "Jumlah tanggungan berbeda dengan Kartu Keluarga; sesuaikan dengan KK terbaru."


def _working_days_ago(calendar: WorkCalendar, today: dt.date, count: int) -> dt.date:
    day, counted = today, 0
    while counted < count:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def seed_clock(agency: Agency, staff: dict[str, User]) -> int:
    """Two cases on the service clock; returns how many were made (0 when they exist)."""
    if ApplicationEvent.objects.filter(agency=agency, action="return", note=CORRECTED_NOTE).exists():
        return 0
    versions = {
        v.service.slug: v
        for v in ServiceVersion.objects.filter(service__agency=agency, status=VersionStatus.PUBLISHED).select_related(
            "service"
        )
    }
    if not {"sk-tidak-mampu", "sk-domisili"} <= set(versions):
        return 0
    calendar = WorkCalendar(agency)
    zone = ZoneInfo(agency.time_zone)
    today = agency_local_date(agency, timezone.now())

    def at(working_days_ago: int, hour: int) -> dt.datetime:
        day = _working_days_ago(calendar, today, working_days_ago)
        return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)

    citizen = User.objects.get(email="budi@padu.test")
    applicant = Actor(user=citizen)
    profile = CitizenProfile.objects.get(user=citizen)
    desk, verifier, signer = (Actor(user=staff[role]) for role in ("front_desk", "verifier", "signer"))

    # Returned on its second working day, corrected three working days later (the clock stood
    # for those three days, so its due date moved by three), then completed that same day.
    version = versions["sk-tidak-mampu"]
    done = application_start(actor=applicant, version=version, answers=_answers(profile, version))
    for actor, action, note, moment in (
        (applicant, "submit", "", at(12, 9)),
        (desk, "return", CORRECTED_NOTE, at(11, 10)),
        (applicant, "resubmit", "", at(8, 9)),
        (desk, "approve", "", at(8, 11)),
        (verifier, "approve", "", at(8, 13)),
        (signer, "approve", "", at(8, 15)),
    ):
        done = application_act(actor=actor, application=done, action=action, note=note, at=moment)

    # Back with the applicant since yesterday's working day: its clock stands until they resubmit.
    version = versions["sk-domisili"]
    paused = application_start(actor=applicant, version=version, answers=_answers(profile, version))
    paused = application_act(actor=applicant, application=paused, action="submit", at=at(2, 9))
    application_act(actor=desk, application=paused, action="return", note=RETURNED_NOTE, at=at(1, 10))
    return 2
