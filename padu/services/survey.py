"""The public-satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017).

Nine elements, each answered 1 (not good) to 4 (very good). The index (IKM) is the mean of
the nine element means, each weighted 1/9, times 25: a number from 25 to 100 with a grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

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


@dataclass(frozen=True)
class Index:
    responses: int
    element_means: dict[str, Decimal]
    ikm: Decimal | None  # 25.00 to 100.00
    grade: str | None
    quality: str | None


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
