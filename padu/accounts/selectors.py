"""Reads of people's data. Staff views of personal data are logged (UU PDP)."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.accounts.errors import TooManyLookups
from padu.accounts.export import exported_sections
from padu.accounts.lookup import lookup_in_scope, lookup_rate_take
from padu.accounts.models import BirthDateCheck, BusinessProfile, CitizenProfile, User
from padu.accounts.permissions import can_look_up_citizens
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.crypto import keyed_hash
from padu.core.errors import Forbidden, NotFound
from padu.core.identifiers import NIK_BIRTH_DATE_DIFFERS, IdentifierWarning, mask_identifier, validate_nik
from padu.core.models import Agency, AuditEvent, Membership, PersonalDataAccess
from padu.core.selectors import agency_get_for, personal_data_accesses
from padu.core.services import personal_data_access_record


def citizen_profile_of(user: Any) -> CitizenProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CitizenProfile.objects.select_related("region", "registered_at_agency").filter(user=user).first()


def businesses_of(user: Any) -> QuerySet[BusinessProfile]:
    return BusinessProfile.objects.filter(members=user).select_related("region").order_by("name")


LOOKUP_VERB = "citizen.looked_up"
# A walk-in citizen registered at the counter: the officer has found them as a look-up would.
REGISTER_VERB = "citizen.registered_at_counter"


class LookupOutcome:
    FOUND = "found"
    NOT_FOUND = "not_found"
    OUT_OF_REGION = "out_of_region"
    RATE_LIMITED = "rate_limited"


_SIXTEEN_DIGITS = re.compile(r"\d{16}")


def _lookup_audit(
    *, actor: Actor, agency: Agency, number: str, purpose: str, outcome: str, subject_id: int | None = None
) -> None:
    """Every look-up, hit or miss, with the NIK masked and keyed-hashed, never in plain.

    The rows go on the platform's chain, not the agency's: every member of an agency reads its
    trail, and an "out of region" row there would tell the officer what the answer hid."""
    audit_record(
        actor=actor,
        verb=LOOKUP_VERB,
        object_type="accounts.user" if subject_id is not None else "",
        object_id=subject_id if subject_id is not None else "",
        changes={
            "agency": agency.pk,
            "outcome": outcome,
            "nik_masked": mask_identifier(number),
            "nik_hash": keyed_hash("nik", number),
            # An officer may paste the number into the purpose too.
            "purpose": _SIXTEEN_DIGITS.sub(lambda m: mask_identifier(m.group()), purpose)[:200],
        },
    )


def citizen_lookup_by_nik(*, actor: Actor, agency_id: int, nik: str, purpose: str) -> CitizenProfile:
    """A counter officer finds a citizen by NIK to serve them; the view is logged.

    Only a citizen living within the agency's region, or with an open case there, is found; any
    other answers exactly as an unknown NIK does (so the look-up is no oracle for the whole
    country). Look-ups are limited per officer, and every one is audited."""
    agency: Agency = agency_get_for(actor, agency_id)
    if not can_look_up_citizens(actor, agency.pk) or actor.user_id is None:
        raise Forbidden()
    if not purpose.strip():
        raise Forbidden(_("State why you look up this person."), code="purpose_required")
    number = validate_nik(nik, check_region=False).number
    record = partial(_lookup_audit, actor=actor, agency=agency, number=number, purpose=purpose)
    if not lookup_rate_take(actor.user_id):
        record(outcome=LookupOutcome.RATE_LIMITED)
        raise TooManyLookups()
    profile = CitizenProfile.objects.select_related("user", "region").filter(nik_hash=keyed_hash("nik", number)).first()
    if profile is None or not lookup_in_scope(agency, user_id=profile.user_id, region_code=profile.region_id):
        if profile is None:
            record(outcome=LookupOutcome.NOT_FOUND)
        else:
            record(outcome=LookupOutcome.OUT_OF_REGION, subject_id=profile.user_id)
        raise NotFound(_("No citizen is registered with this NIK."), code="citizen_not_found")
    with transaction.atomic():
        record(outcome=LookupOutcome.FOUND, subject_id=profile.user_id)
        personal_data_access_record(
            actor=actor,
            subject_id=profile.user_id,
            agency=agency,
            purpose=purpose,
            fields=["nik", "name", "birth_date", "address"],
        )
    return profile


def citizen_found_by(*, officer_id: int, agency_id: int, user_id: int) -> bool:
    """The officer found this person through the look-up for this agency, recently enough to
    be serving them now (an assisted application is opened only for such a person)."""
    since = timezone.now() - dt.timedelta(hours=settings.PADU_CITIZEN_LOOKUP_VALID_HOURS)
    return (
        AuditEvent.objects.filter(
            object_type="accounts.user",
            object_id=str(user_id),
            actor_id=officer_id,
            created_at__gte=since,
            changes__agency=agency_id,
        )
        .filter(Q(verb=LOOKUP_VERB, changes__outcome=LookupOutcome.FOUND) | Q(verb=REGISTER_VERB))
        .exists()
    )


def citizen_found_profile(*, actor: Actor, agency_id: int, user_id: int) -> CitizenProfile:
    """The profile of a citizen the officer found at the counter for this agency, while the
    look-up holds (to show on the counter's pages; the look-up recorded the view)."""
    agency = agency_get_for(actor, agency_id)
    if actor.user_id is None or not can_look_up_citizens(actor, agency.pk):
        raise Forbidden()
    profile = CitizenProfile.objects.select_related("user", "region", "registered_at_agency").filter(user_id=user_id)
    found = profile.first()
    if found is None or not citizen_found_by(officer_id=actor.user_id, agency_id=agency.pk, user_id=user_id):
        raise NotFound(_("Find the citizen by NIK first."), code="citizen_not_found")
    return found


def citizen_profile_notices(profile: CitizenProfile) -> list[IdentifierWarning]:
    """What to tell about a saved profile: a NIK region code unknown today, a birth date that
    differs from the NIK and waits for an officer (not once an officer confirmed it)."""
    notices = list(validate_nik(profile.nik, birth_date=profile.birth_date).warnings)
    if profile.birth_date_check != BirthDateCheck.TO_CONFIRM:
        notices = [n for n in notices if n.code != NIK_BIRTH_DATE_DIFFERS]
    return notices


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
            "birth_date_check": profile.birth_date_check,
            "registered_at_counter_of": profile.registered_at_agency.name if profile.registered_at_agency else None,
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
                "viewer": a.viewer_label,
                "token": a.token.prefix if a.token is not None else None,
                "agency": a.agency.name if a.agency else None,
                "purpose": a.purpose,
                "fields": a.fields,
            }
            for a in my_access_log(user)
        ],
        # Applications, bills, complaints, information requests: each app's own section.
        **exported_sections(user),
    }
