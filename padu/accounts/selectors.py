"""Reads of people's data. Staff views of personal data are logged (UU PDP)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from padu.accounts.export import exported_sections
from padu.accounts.models import BusinessProfile, CitizenProfile, User
from padu.accounts.permissions import can_look_up_citizens
from padu.core.actors import Actor
from padu.core.crypto import keyed_hash
from padu.core.errors import Forbidden, NotFound
from padu.core.identifiers import validate_nik
from padu.core.models import Agency, Membership, PersonalDataAccess
from padu.core.selectors import agency_get_for, personal_data_accesses
from padu.core.services import personal_data_access_record


def citizen_profile_of(user: Any) -> CitizenProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CitizenProfile.objects.select_related("region").filter(user=user).first()


def businesses_of(user: Any) -> QuerySet[BusinessProfile]:
    return BusinessProfile.objects.filter(members=user).select_related("region").order_by("name")


def citizen_lookup_by_nik(*, actor: Actor, agency_id: int, nik: str, purpose: str) -> CitizenProfile:
    """A counter officer finds a citizen by NIK to serve them; the view is logged."""
    agency: Agency = agency_get_for(actor, agency_id)
    if not can_look_up_citizens(actor, agency.pk):
        raise Forbidden()
    if not purpose.strip():
        raise Forbidden(_("State why you look up this person."), code="purpose_required")
    info = validate_nik(nik, check_region=False)
    profile = (
        CitizenProfile.objects.select_related("user", "region").filter(nik_hash=keyed_hash("nik", info.number)).first()
    )
    if profile is None:
        raise NotFound(_("No citizen is registered with this NIK."), code="citizen_not_found")
    personal_data_access_record(
        actor=actor,
        subject_id=profile.user_id,
        agency=agency,
        purpose=purpose,
        fields=["nik", "name", "birth_date", "address"],
    )
    return profile


def my_access_log(user: Any) -> QuerySet[PersonalDataAccess]:
    return personal_data_accesses(subject_id=user.pk)


def account_export(user: User) -> dict[str, Any]:
    """Everything Padu holds about the person, for a data-subject request (UU PDP)."""
    profile = citizen_profile_of(user)
    return {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "full_name": user.full_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
        },
        "citizen": None
        if profile is None
        else {
            "nik": profile.nik,
            "kk_number": profile.kk_number,
            "name": profile.name,
            "birth_place": profile.birth_place,
            "birth_date": profile.birth_date.isoformat(),
            "gender": profile.gender,
            "region": profile.region_id,
            "street": profile.street,
        },
        "businesses": [
            {"name": b.name, "nib": b.nib, "npwp": b.npwp, "region": b.region_id} for b in businesses_of(user)
        ],
        "memberships": [
            {"agency": m.agency.name, "role": m.role}
            for m in Membership.objects.filter(user=user).select_related("agency")
        ],
        "personal_data_accesses": [
            {
                "when": a.created_at.isoformat(),
                "viewer": str(a.viewer),
                "agency": a.agency.name if a.agency else None,
                "purpose": a.purpose,
                "fields": a.fields,
            }
            for a in my_access_log(user)
        ],
        # Applications, bills, complaints, information requests: each app's own section.
        **exported_sections(user),
    }
