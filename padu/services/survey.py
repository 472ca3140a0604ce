"""The public-satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017).

Nine elements, each answered 1 (not good) to 4 (very good). The index (IKM) is the mean of
the nine element means, each weighted 1/9, times 25: a number from 25 to 100 with a grade.

An index is published only from a large enough sample. The regulation's annex takes the
sample size for a population (here: the applications completed in the period) from the
table of Krejcie and Morgan (1970); Padu asks for that many answers, and never fewer than
`PADU_SKM_MIN_RESPONSES` (default 10): below 10 answers a single answer can move the index
by more than 7.5 points. Periods are whole days in the agency's time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from padu.core.actors import Actor
from padu.services.models import Application, Channel, SurveySource
from padu.services.permissions import counter_membership

ELEMENTS = (
    ("u1", _("Requirements")),
    ("u2", _("Procedure")),
    ("u3", _("Completion time")),
    ("u4", _("Cost or fee")),
    ("u5", _("The product of the service")),
    ("u6", _("Competence of the staff")),
    ("u7", _("Conduct of the staff")),
    ("u8", _("Handling of complaints and suggestions")),
    ("u9", _("Facilities")),
)
ELEMENT_KEYS = tuple(key for key, _label in ELEMENTS)

# (lowest converted IKM, grade, quality) from PermenPANRB 14/2017, Appendix.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)


# Krejcie & Morgan (1970), "Determining sample size for research activities", Table 1, as
# reproduced in the annex of PermenPANRB 14/2017: (population N, sample S). The table is the
# formula S = X²NP(1-P) / (d²(N-1) + X²P(1-P)) with X² = 3.841, P = 0.5, d = 0.05, rounded.
KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)  # fmt: skip


def krejcie_morgan(population: int) -> int:
    """The table's sample for a population: the row of that population or, between rows, of
    the next larger one (the safe side), but never more people than there are."""
    sample = next((s for n, s in KREJCIE_MORGAN if n >= population), KREJCIE_MORGAN[-1][1])
    return max(0, min(sample, population))


def sample_minimum(population: int, floor: int) -> int:
    """Answers needed before the index of a period with `population` completed applications
    is published: the Krejcie–Morgan sample, and at least `floor`."""
    return max(floor, krejcie_morgan(population))


def day_bounds(start: dt.date | None, end: dt.date | None, time_zone: str) -> tuple[dt.datetime | None, ...]:
    """A period of whole local days (both ends included) as aware instants [from, until)."""
    zone = ZoneInfo(time_zone)
    since = dt.datetime.combine(start, dt.time(0), tzinfo=zone) if start else None
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=zone) if end else None
    return since, until


@dataclass(frozen=True)
class Index:
    responses: int
    element_means: dict[str, Decimal]
    ikm: Decimal | None  # 25.00 to 100.00; None when not published
    grade: str | None
    quality: str | None
    population: int = 0  # applications completed in the period
    required: int = 0  # answers needed before the index is published
    # Respondent profile counts ({"sex": {"L": 3, ...}, ...}), only with a published index.
    respondents: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def published(self) -> bool:
        return self.ikm is not None


def grade_of(ikm: Decimal) -> tuple[str, str]:
    for floor, grade, quality in GRADES:
        if ikm >= floor:
            return grade, quality
    return "D", "Tidak Baik"


def compute_index(totals: dict[str, int], responses: int) -> Index:
    """From the sum of each element's scores over `responses` answers."""
    if responses == 0:
        return Index(0, {}, None, None, None)
    means = {k: (Decimal(totals[k]) / responses) for k in ELEMENT_KEYS}
    weighted = sum((m / len(ELEMENT_KEYS) for m in means.values()), Decimal(0))
    ikm = (weighted * 25).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    grade, quality = grade_of(ikm)
    return Index(
        responses,
        {k: m.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for k, m in means.items()},
        ikm,
        grade,
        quality,
    )


def published_index(
    index: Index, *, population: int, floor: int, respondents: dict[str, dict[str, int]] | None = None
) -> Index:
    """The index as the public sees it: withheld (no score, only the counts) until the period
    has the answers `sample_minimum` asks for."""
    required = sample_minimum(population, floor)
    if index.responses == 0 or index.responses < required:
        return Index(index.responses, {}, None, None, None, population, required)
    return replace(index, population=population, required=required, respondents=respondents or {})


PROFILE_KEYS = ("sex", "age", "education", "occupation")
AGE_MIN, AGE_MAX = 10, 120


def survey_source(actor: Actor, application: Application) -> str | None:
    """Who may answer a completed case's survey, and so how the answers came: the applicant
    online, or, for a case taken at the counter, a front-desk officer of the agency entering
    the applicant's paper questionnaire. None for anyone else."""
    if actor.user_id is not None and actor.user_id == application.applicant_id:
        return SurveySource.ONLINE
    if application.channel == Channel.COUNTER and counter_membership(actor, application.agency_id) is not None:
        return SurveySource.PAPER
    return None
