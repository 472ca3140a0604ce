"""Reads of the population register. Each takes the actor and applies tenancy and the
permission there; pages and endpoints never query register models themselves."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency
from padu.registries import errors
from padu.registries.models import Area, Family, Resident
from padu.registries.permissions import can_find_residents
from padu.registries.services import nik_hash


def _require_finder(actor: Actor, agency: Agency) -> None:
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(_("Only the village's officers read its population register."))


def areas_of(agency: Agency) -> QuerySet[Area]:
    """The agency's dusun, RW and RT (their names and heads are public on the statistics)."""
    return Area.objects.filter(agency=agency).select_related("parent", "parent__parent")


def rt_label(area: Area | None) -> str:
    """ "RT 001 / RW 003, Dusun Cikoneng" for an RT; the name itself for a higher area."""
    if area is None:
        return ""
    names = [area.name]
    parent = area.parent
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent
    return " / ".join(names)


def resident_for_staff(actor: Actor, agency: Agency, resident_id: int) -> Resident:
    """One resident of the agency for one of its officers (the caller logs the read)."""
    _require_finder(actor, agency)
    resident = (
        Resident.objects.select_related("family", "area__parent__parent", "household", "user")
        .filter(agency=agency, pk=resident_id)
        .first()
    )
    if resident is None:
        raise NotFound(_("Resident not found."), code=errors.RESIDENT_NOT_FOUND)
    return resident


def resident_by_nik(actor: Actor, agency: Agency, nik: str) -> Resident | None:
    """The agency's resident with this NIK, or None (the caller logs the read)."""
    _require_finder(actor, agency)
    return (
        Resident.objects.select_related("family", "area__parent__parent", "household", "user")
        .filter(agency=agency, nik_hash=nik_hash(nik))
        .first()
    )


def family_for_staff(actor: Actor, agency: Agency, family_id: int) -> Family:
    _require_finder(actor, agency)
    family = Family.objects.select_related("area__parent__parent").filter(agency=agency, pk=family_id).first()
    if family is None:
        raise NotFound(_("Family not found."), code=errors.FAMILY_NOT_FOUND)
    return family


def family_members(family: Family) -> QuerySet[Resident]:
    return Resident.objects.filter(family=family).order_by("life_status", "relationship", "birth_date")
