"""The satisfaction survey (SKM) in the demo, at Desa Cileunyi Kulon: last year's domicile
letters, all rated with the respondent profile of PermenPANRB 14/2017, give a published index;
this year's completed cases are rated too (the walk-in's on the paper questionnaire, entered by
the front desk), too few yet for this year's index, so the service page and the office's page
show last year's index and "not enough responses yet (n of N needed)". Idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from padu.accounts.models import CitizenProfile, User
from padu.core.actors import Actor
from padu.core.calendar import WorkCalendar, agency_local_date
from padu.core.models import Agency
from padu.services.demo.letters import _answers
from padu.services.models import (
    Application,
    ApplicationStatus,
    Channel,
    ServiceVersion,
    SurveyResponse,
    VersionStatus,
)
from padu.services.services import application_act, application_start, survey_submit
from padu.services.survey import ELEMENT_KEYS

SERVICE = "sk-domisili"
# What the demo's residents say about themselves on the questionnaire.
PROFILES: dict[str, dict[str, Any]] = {
    "warga@padu.test": {"sex": "P", "age": 35, "education": "sma", "occupation": "wirausaha"},
    "budi@padu.test": {"sex": "L", "age": 40, "education": "s1", "occupation": "swasta"},
    "nining@padu.test": {"sex": "P", "age": 48, "education": "smp", "occupation": "lainnya"},
}
# Who applied last year, in turn, and which parts of the profile they gave (some left parts
# out: every part is optional).
RESPONDENTS: list[tuple[str, tuple[str, ...]]] = [
    ("warga@padu.test", ("sex", "age", "education", "occupation")),
    ("budi@padu.test", ("sex", "age", "education", "occupation")),
    ("nining@padu.test", ("sex", "age", "education", "occupation")),
    ("budi@padu.test", ("sex", "education")),
    ("warga@padu.test", ()),
]
# The nine answers of last year's ratings, in turn: mostly good, the waiting room (u9) and the
# time it took (u3) rated lower. Twelve ratings give an IKM of 81.94, grade B.
SCORES = [
    (4, 3, 3, 4, 4, 3, 4, 3, 2),
    (3, 3, 2, 4, 3, 3, 4, 3, 3),
    (4, 4, 3, 4, 4, 4, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 2),
]
COMMENTS = {2: "Ruang tunggu sempit dan panas.", 7: "Petugas ramah, surat cepat jadi."}
LAST_YEAR_CASES = 12


def _working_day(calendar: WorkCalendar, day: dt.date) -> dt.date:
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _scores(i: int) -> dict[str, int]:
    return dict(zip(ELEMENT_KEYS, SCORES[i % len(SCORES)], strict=True))


def _last_year(agency: Agency, version: ServiceVersion, staff: dict[str, User]) -> int:
    """Twelve domicile letters of last year, one a month, each rated the afternoon it was signed."""
    calendar = WorkCalendar(agency)
    zone = ZoneInfo(agency.time_zone)
    year = agency_local_date(agency, timezone.now()).year - 1
    desk, verifier, signer = (Actor(user=staff[role]) for role in ("front_desk", "verifier", "signer"))

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)

    for i in range(LAST_YEAR_CASES):
        email, given = RESPONDENTS[i % len(RESPONDENTS)]
        profile = {key: PROFILES[email][key] for key in given}
        citizen = User.objects.get(email=email)
        applicant = Actor(user=citizen)
        first = _working_day(calendar, dt.date(year, 1 + i, 5))
        second = calendar.add_working_days(first, 1)
        answers = _answers(CitizenProfile.objects.get(user=citizen), version)
        application = application_start(actor=applicant, version=version, answers=answers)
        application = application_act(actor=applicant, application=application, action="submit", at=at(first, 8))
        for officer, moment in ((desk, at(first, 10)), (verifier, at(second, 9)), (signer, at(second, 11))):
            application = application_act(actor=officer, application=application, action="approve", at=moment)
        survey_submit(
            actor=applicant,
            application=application,
            scores=_scores(i),
            comment=COMMENTS.get(i, ""),
            profile=profile,
            at=at(second, 16),
        )
    return LAST_YEAR_CASES


def _this_year(agency: Agency, staff: dict[str, User]) -> int:
    """Every completed case of the office not rated yet: online by its applicant, or, for a
    counter case, the paper questionnaire entered by the front desk."""
    desk = Actor(user=staff["front_desk"])
    now = timezone.now()
    rated = 0
    completed = Application.objects.filter(agency=agency, status=ApplicationStatus.COMPLETED, survey__isnull=True)
    for i, application in enumerate(completed.select_related("service_version", "applicant").order_by("pk")):
        paper = application.channel == Channel.COUNTER
        done = application.completed_at or now
        survey_submit(
            actor=desk if paper else Actor(user=application.applicant),
            application=application,
            scores=_scores(i + 1),
            comment="Dibantu petugas loket sampai selesai." if paper else "",
            # The walk-in left her age blank on the paper form.
            profile={"sex": "P", "education": "sd", "occupation": "lainnya"}
            if paper
            else PROFILES.get(application.applicant.email or "", {}),
            at=min(done + dt.timedelta(hours=1), now),  # in the period the case was completed in
        )
        rated += 1
    return rated


def seed_survey(agency: Agency, staff: dict[str, User]) -> int:
    """Last year's rated letters and this year's ratings; returns how many ratings were made."""
    if SurveyResponse.objects.filter(agency=agency).exists():
        return 0
    version = (
        ServiceVersion.objects.filter(service__agency=agency, service__slug=SERVICE, status=VersionStatus.PUBLISHED)
        .select_related("service")
        .first()
    )
    if version is None:
        return 0
    with transaction.atomic():
        made = _last_year(agency, version, staff)
        made += _this_year(agency, staff)
    return made
