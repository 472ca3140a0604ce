"""Writes to people's data. Atomic and audited."""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lokal import normalize_phone

from padu.accounts.errors import TooManyClaimAttempts, TooManyLookups
from padu.accounts.lookup import claim_rate_take, claim_rate_used, lookup_rate_take
from padu.accounts.models import BirthDateCheck, BusinessMember, BusinessProfile, CitizenProfile, User
from padu.accounts.permissions import can_confirm_birth_dates, can_register_walk_ins
from padu.accounts.selectors import REGISTER_VERB, citizen_found_by
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.crypto import encrypt, keyed_hash
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.identifiers import (
    IdentifierWarning,
    Nik,
    mask_identifier,
    validate_kk,
    validate_nib,
    validate_nik,
    validate_npwp,
)
from padu.core.models import Region, RegionLevel
from padu.core.selectors import agency_get_for


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


def _birth_date_given(birth_date: dt.date | None, today: dt.date) -> dt.date:
    if birth_date is None:  # pragma: no cover - _required caught it
        raise InvalidInput(code="required")
    if birth_date > today:
        message = _("The date of birth cannot be in the future.")
        raise InvalidInput(message, code="birth_date_invalid", errors={"birth_date": [message]})
    return birth_date


def _identity(
    nik: str, name: str, birth_place: str, birth_date: dt.date | None, region_code: str, street: str
) -> tuple[dt.date, Nik, Region]:
    """The identity fields every citizen profile needs, checked: all given, the birth date not
    in the future, the NIK (with its warnings), the village."""
    _required(
        {"nik": nik, "name": name, "birth_place": birth_place, "birth_date": birth_date, "street": street},
        "nik",
        "name",
        "birth_place",
        "birth_date",
        "street",
    )
    given = _birth_date_given(birth_date, timezone.localdate())
    return given, validate_nik(nik, birth_date=given), _village(region_code)


def _birth_date_check(info: Nik, profile: CitizenProfile | None, nik_hash: str, birth_date: dt.date) -> str:
    """Matches the NIK; else to be confirmed, unless an officer confirmed this very date."""
    if not info.birth_date_differs:
        return BirthDateCheck.MATCHES
    if (
        profile is not None
        and profile.birth_date_check == BirthDateCheck.CONFIRMED
        and profile.nik_hash == nik_hash
        and profile.birth_date == birth_date
    ):
        return BirthDateCheck.CONFIRMED
    return BirthDateCheck.TO_CONFIRM


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
    claim_code: str = "",
) -> CitizenProfile:
    """Create or update the citizen's own profile; the sex is the NIK's.

    A NIK whose region code is not in today's list, or a birth date that differs from the NIK,
    is accepted (`citizen_profile_notices` says so); a differing birth date waits for an
    officer's confirmation. A NIK registered at an office's counter is taken over with the
    claim code printed for the person there (`claim_code`)."""
    if actor.user_id != user.pk:
        raise Forbidden(_("Only the person themself may change their identity data."))
    birth_date, info, region = _identity(nik, name, birth_place, birth_date, region_code, street)
    nik_hash = keyed_hash("nik", info.number)
    kk = validate_kk(kk_number) if kk_number.strip() else ""
    other = CitizenProfile.objects.select_for_update().filter(nik_hash=nik_hash).exclude(user=user).first()
    claimed_from: User | None = None
    if other is not None:
        if not other.claim_code_encrypted:
            message = _("This NIK is already registered to another account. Contact the office if this is your NIK.")
            raise Conflict(message, code="nik_taken", errors={"nik": [message]})
        claimed_from = other.user
        _claim(actor=actor, user=user, profile=other, code=claim_code)
    profile = CitizenProfile.objects.filter(user=user).first()
    created = profile is None
    if profile is None:
        profile = CitizenProfile(user=user)
    profile.birth_date_check = _birth_date_check(info, profile, nik_hash, birth_date)
    if profile.birth_date_check != BirthDateCheck.CONFIRMED:
        profile.birth_date_confirmed_by = None
        profile.birth_date_confirmed_at = None
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
    changes: dict[str, Any] = {
        "region": region.code,
        "nik_hash": nik_hash[:12],
        "has_kk": bool(kk),
        "birth_date_check": profile.birth_date_check,
        "warnings": [w.code for w in info.warnings],
    }
    if claimed_from is not None:
        changes["claimed_from_user"] = claimed_from.pk
    audit_record(
        actor=actor,
        verb="citizen_profile.created" if created else "citizen_profile.updated",
        obj=profile,
        changes=changes,
    )
    return profile


def _claim(*, actor: Actor, user: User, profile: CitizenProfile, code: str) -> None:
    """The person takes over the profile an office registered for them at its counter: every
    row that names the counter-made account (the profile, its applications, bills, messages,
    its access log) moves to the person's own account, which the counter-made one then stays
    beside, closed. The code printed for the person proves it is theirs."""
    agency_name = profile.registered_at_agency.name if profile.registered_at_agency else _("an office")
    if not code.strip():
        message = _(
            "This NIK was registered at the counter of %(agency)s. To take over that record and its "
            "applications, enter the claim code printed on your counter receipt."
        ) % {"agency": agency_name}
        raise Conflict(message, code="nik_registered_at_counter", errors={"claim_code": [message]})
    if claim_rate_used(user.pk):
        raise TooManyClaimAttempts()
    if not hmac.compare_digest(_code_key(code), _code_key(profile.claim_code)):
        claim_rate_take(user.pk)
        message = _("This claim code is not right. Check it on your counter receipt.")
        raise InvalidInput(message, code="claim_code_invalid", errors={"claim_code": [message]})
    walk_in = profile.user
    own = CitizenProfile.objects.filter(user=user).first()
    if own is not None:
        own.delete()  # the person now says this NIK is theirs, and proved it
    moved = _move_rows(walk_in, user)
    if walk_in.phone and not user.phone:
        phone, walk_in.phone = walk_in.phone, None
        walk_in.save(update_fields=["phone"])
        user.phone = phone
        user.save(update_fields=["phone"])
    walk_in.is_active = False
    walk_in.save(update_fields=["is_active"])
    CitizenProfile.objects.filter(user=user).update(claim_code_encrypted="")
    audit_record(
        actor=actor,
        verb="citizen_profile.claimed",
        agency=profile.registered_at_agency,
        object_type="accounts.user",
        object_id=user.pk,
        changes={"from_user": walk_in.pk, "moved": moved},
    )


def _move_rows(source: User, target: User) -> dict[str, int]:
    """Point every foreign key to `source` at `target`, in every installed app (found through
    the model registry: accounts cannot name the apps above it)."""
    moved: dict[str, int] = {}
    for relation in User._meta.related_objects:
        if relation.many_to_many or not relation.field.concrete:
            continue
        model = relation.related_model
        name = relation.field.name
        count = model._base_manager.filter(**{name: source.pk}).update(**{name: target.pk})
        if count:
            moved[f"{model._meta.label_lower}.{name}"] = count
    return moved


CLAIM_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L or U: easy to read aloud


def new_claim_code() -> str:
    """`K7MQ-3XRA`: 8 characters of 30 (about 39 bits), printed for the walk-in citizen."""
    body = "".join(secrets.choice(CLAIM_ALPHABET) for _i in range(8))
    return f"{body[:4]}-{body[4:]}"


def _code_key(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", code.upper())


@dataclass(frozen=True)
class WalkIn:
    """A walk-in citizen registered at the counter: the profile, the claim code to print for
    them, and what the officer should check (a region code unknown today, a birth date that
    differs from the NIK)."""

    profile: CitizenProfile
    claim_code: str
    warnings: tuple[IdentifierWarning, ...]


@transaction.atomic
def citizen_walk_in_register(
    *,
    actor: Actor,
    agency_id: int,
    nik: str,
    name: str,
    birth_place: str,
    birth_date: dt.date | None,
    region_code: str,
    street: str,
    phone: str = "",
) -> WalkIn:
    """A front-desk officer registers a person who has no account and no email, to serve them
    at the counter: a light profile on an account without email or password, which the person
    can claim later. The officer has then found the person (`citizen_found_by`)."""
    agency = agency_get_for(actor, agency_id)
    if actor.user_id is None or not can_register_walk_ins(actor, agency.pk):
        raise Forbidden(
            _("Only a front-desk officer of this office can register a citizen at the counter."),
            code="counter_officer_only",
        )
    birth_date, info, region = _identity(nik, name, birth_place, birth_date, region_code, street)
    phone_number = ""
    if phone.strip():
        phone_number = normalize_phone(phone) or ""
        if not phone_number:
            message = _("Enter an Indonesian phone number, e.g. 0812 3456 7890.")
            raise InvalidInput(message, code="phone_invalid", errors={"phone": [message]})
        if User.objects.filter(phone=phone_number).exists():
            message = _("This phone number belongs to another account. Leave it empty or give another.")
            raise Conflict(message, code="phone_taken", errors={"phone": [message]})
    if not lookup_rate_take(actor.user_id):
        raise TooManyLookups()
    nik_hash = keyed_hash("nik", info.number)
    if CitizenProfile.objects.filter(nik_hash=nik_hash).exists():
        message = _(
            "A person with this NIK is already registered. Find them by NIK; if they are not found, "
            "they live outside your office's area: ask them to log in to their account."
        )
        raise Conflict(message, code="nik_taken", errors={"nik": [message]})
    user = User(email=None, phone=phone_number or None, full_name=name.strip(), language="id")
    user.set_unusable_password()
    user.save()
    code = new_claim_code()
    profile = CitizenProfile.objects.create(
        user=user,
        nik_encrypted=encrypt(info.number),
        nik_hash=nik_hash,
        name=name.strip(),
        birth_place=birth_place.strip(),
        birth_date=birth_date,
        gender=info.gender,
        region=region,
        street=street.strip(),
        birth_date_check=BirthDateCheck.TO_CONFIRM if info.birth_date_differs else BirthDateCheck.MATCHES,
        registered_by_id=actor.user_id,
        registered_at_agency=agency,
        claim_code_encrypted=encrypt(code),
    )
    audit_record(
        actor=actor,
        verb=REGISTER_VERB,
        agency=agency,
        object_type="accounts.user",
        object_id=user.pk,
        changes={
            "agency": agency.pk,
            "region": region.code,
            "nik_masked": mask_identifier(info.number),
            "nik_hash": nik_hash[:12],
            "has_phone": bool(phone_number),
            "birth_date_check": profile.birth_date_check,
            "warnings": [w.code for w in info.warnings],
        },
    )
    return WalkIn(profile=profile, claim_code=code, warnings=info.warnings)


@transaction.atomic
def citizen_birth_date_confirm(*, actor: Actor, agency_id: int, user_id: int, evidence: str) -> CitizenProfile:
    """An officer confirms a birth date that differs from the NIK, naming the document seen
    (a corrected birth certificate, the KK). Only for a person the officer has found at the
    counter for this office (the look-up's rules)."""
    agency = agency_get_for(actor, agency_id)
    if actor.user_id is None or not can_confirm_birth_dates(actor, agency.pk):
        raise Forbidden()
    if not citizen_found_by(officer_id=actor.user_id, agency_id=agency.pk, user_id=user_id):
        raise NotFound(_("Find the citizen by NIK first."), code="citizen_not_found")
    evidence = evidence.strip()
    if not evidence:
        message = _("Name the document you checked, e.g. the corrected birth certificate.")
        raise InvalidInput(message, code="evidence_required", errors={"evidence": [message]})
    profile = CitizenProfile.objects.select_for_update().filter(user_id=user_id).first()
    if profile is None:
        raise NotFound(_("No citizen is registered with this NIK."), code="citizen_not_found")
    if profile.birth_date_check != BirthDateCheck.TO_CONFIRM:
        raise Conflict(_("This birth date has nothing to confirm."), code="birth_date_not_to_confirm")
    profile.birth_date_check = BirthDateCheck.CONFIRMED
    profile.birth_date_confirmed_by_id = actor.user_id
    profile.birth_date_confirmed_at = timezone.now()
    profile.save(update_fields=["birth_date_check", "birth_date_confirmed_by", "birth_date_confirmed_at"])
    audit_record(
        actor=actor,
        verb="citizen_profile.birth_date_confirmed",
        agency=agency,
        obj=profile,
        changes={"birth_date": profile.birth_date.isoformat(), "evidence": evidence[:300]},
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
