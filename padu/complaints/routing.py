"""Which agency should receive a complaint, from where it happened and what it is about.

The rule, in order (the first that gives an answer wins):
1. An agency whose settings list the category under `complaint_categories` and whose
   region contains the place: the topic's own office for that area (e.g. the regency's
   population office for a KTP problem in one of its villages). The closest one wins.
2. Otherwise the general government closest to the place: the village or urban village
   of the place, else its district, else its regency or city, else its province.
Only active agencies count. The complainant may always choose another agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from padu.core.models import Agency, AgencyKind, Region

SETTINGS_KEY = "complaint_categories"
GENERAL_KINDS = (
    AgencyKind.VILLAGE_GOVERNMENT,
    AgencyKind.URBAN_VILLAGE,
    AgencyKind.DISTRICT,
    AgencyKind.LOCAL_GOVERNMENT,
)


@dataclass(frozen=True)
class Suggestion:
    agency: Agency
    reason: str


def _ancestor_codes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]  # the place itself first


def suggest_agency(region: Region, category: str) -> Suggestion | None:
    codes = _ancestor_codes(region.code)
    rank = {code: i for i, code in enumerate(codes)}
    candidates = list(Agency.objects.filter(is_active=True, region_id__in=codes).select_related("region"))
    # Closest region first; at the same region, the lower level (a village before a regency office).
    candidates.sort(key=lambda a: (rank[a.region_id], -a.level, a.pk))
    for agency in candidates:
        topics = agency.settings.get(SETTINGS_KEY) if isinstance(agency.settings, dict) else None
        if isinstance(topics, list) and category in topics:
            return Suggestion(agency, _("%(agency)s handles this topic for your area.") % {"agency": agency.name})
    for agency in candidates:
        if agency.kind in GENERAL_KINDS:
            return Suggestion(agency, _("%(agency)s is the government closest to the place.") % {"agency": agency.name})
    return None


def agencies_for_place(region: Region) -> list[Agency]:
    """Agencies a complainant may choose for a place: those of the place and of the areas above it."""
    codes = _ancestor_codes(region.code)
    return list(
        Agency.objects.filter(Q(region_id__in=codes), is_active=True).select_related("region").order_by("level", "name")
    )
