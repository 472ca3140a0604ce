"""Writes to people's data. Atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from padu.accounts.models import BusinessMember, BusinessProfile, CitizenProfile, User
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.crypto import encrypt, keyed_hash
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.identifiers import validate_kk, validate_nib, validate_nik, validate_npwp
from padu.core.models import Region, RegionLevel


def _village(region_code: str, field: str = "region") -> Region:
    region = Region.objects.filter(code=(region_code or "").strip(), level=RegionLevel.VILLAGE).first()
    if region is None:
        message = _("Choose your village (desa/kelurahan) from the list.")
        raise InvalidInput(message, code="region_invalid", errors={field: [message]})
    return region


def _required(data: dict[str, Any], *names: str) -> None:
    errors = {n: [str(_("This field is required."))] for n in names if not str(data.get(n) or "").strip()}
    if errors:
        raise InvalidInput(_("Some required fields are empty."), code="required", errors=errors)


@transaction.atomic
def citizen_profile_save(
    *,
    actor: Actor,
    user: User,
    nik: str,
    name: str,
    birth_place: str,
    birth_date: dt.date | None,
    region_code: str,
    street: str,
    kk_number: str = "",
) -> CitizenProfile:
    """Create or update the citizen's own profile. The NIK's birth date and sex must agree
    with what the person states."""
    if actor.user_id != user.pk:
        raise Forbidden(_("Only the person themself may change their identity data."))
    _required(
        {"nik": nik, "name": name, "birth_place": birth_place, "birth_date": birth_date, "street": street},
        "nik",
        "name",
        "birth_place",
        "birth_date",
        "street",
    )
    info = validate_nik(nik)
    if birth_date is None or info.birth_date != birth_date:
        message = _("The date of birth does not match the NIK (digits 7 to 12).")
        raise InvalidInput(message, code="nik_birth_date_mismatch", errors={"birth_date": [message]})
    region = _village(region_code)
    nik_hash = keyed_hash("nik", info.number)
    if CitizenProfile.objects.filter(nik_hash=nik_hash).exclude(user=user).exists():
        message = _("This NIK is already registered to another account. Contact the office if this is your NIK.")
        raise Conflict(message, code="nik_taken", errors={"nik": [message]})
    kk = validate_kk(kk_number) if kk_number.strip() else ""
    profile = CitizenProfile.objects.filter(user=user).first()
    created = profile is None
    if profile is None:
        profile = CitizenProfile(user=user)
    profile.nik_encrypted = encrypt(info.number)
    profile.nik_hash = nik_hash
    profile.kk_encrypted = encrypt(kk) if kk else ""
    profile.kk_hash = keyed_hash("kk", kk) if kk else ""
    profile.name = name.strip()
    profile.birth_place = birth_place.strip()
    profile.birth_date = birth_date
    profile.gender = info.gender
    profile.region = region
    profile.street = street.strip()
    profile.save()
    if not user.full_name:
        user.full_name = profile.name
        user.save(update_fields=["full_name"])
    # Identity values never enter the audit trail in clear.
    audit_record(
        actor=actor,
        verb="citizen_profile.created" if created else "citizen_profile.updated",
        obj=profile,
        changes={"region": region.code, "nik_hash": nik_hash[:12], "has_kk": bool(kk)},
    )
    return profile


@transaction.atomic
def business_profile_create(
    *,
    actor: Actor,
    name: str,
    nib: str,
    npwp: str,
    region_code: str,
    street: str,
    legal_form: str = "",
) -> BusinessProfile:
    if actor.user_id is None:
        raise Forbidden()
    _required({"name": name, "nib": nib, "npwp": npwp, "street": street}, "name", "nib", "npwp", "street")
    nib_digits = validate_nib(nib)
    npwp16 = validate_npwp(npwp)
    region = Region.objects.filter(code=(region_code or "").strip()).first()
    if region is None:
        message = _("Choose the business's region from the list.")
        raise InvalidInput(message, code="region_invalid", errors={"region": [message]})
    if BusinessProfile.objects.filter(nib=nib_digits).exists():
        message = _("A business with this NIB is already registered.")
        raise Conflict(message, code="nib_taken", errors={"nib": [message]})
    business = BusinessProfile.objects.create(
        name=name.strip(),
        nib=nib_digits,
        npwp=npwp16,
        legal_form=legal_form.strip(),
        region=region,
        street=street.strip(),
    )
    BusinessMember.objects.create(business=business, user_id=actor.user_id)
    audit_record(
        actor=actor,
        verb="business_profile.created",
        obj=business,
        changes={"name": business.name, "nib": nib_digits, "region": region.code},
    )
    return business
