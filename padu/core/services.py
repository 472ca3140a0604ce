"""Writes to kernel data. Each is atomic and audited in the same transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.db import lock_or_create
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import (
    Agency,
    AgencyHoliday,
    AgencyKind,
    AgencyLevel,
    ApiToken,
    Membership,
    NumberCounter,
    NumberPattern,
    PersonalDataAccess,
    Region,
    RegionLevel,
    ResetPeriod,
    TimeZone,
)
from padu.core.numbering import (
    AGENDA_KEY,
    CODE_KEY_PREFIX,
    SCOPE_SETTING,
    NumberScope,
    agency_scope,
    counter_key,
    validate_pattern,
)
from padu.core.permissions import can_create_child_agency, can_manage_agency
from padu.core.roles import API_SCOPES, Role
from padu.core.selectors import region_get

# Provinces on WITA and WIT; every other province is on WIB.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}

_KIND_LEVELS: dict[str, set[int]] = {
    AgencyKind.VILLAGE_GOVERNMENT: {AgencyLevel.VILLAGE},
    AgencyKind.URBAN_VILLAGE: {AgencyLevel.VILLAGE},
    AgencyKind.DISTRICT: {AgencyLevel.DISTRICT},
    AgencyKind.DEPARTMENT: {AgencyLevel.NATIONAL, AgencyLevel.PROVINCE, AgencyLevel.REGENCY},
    AgencyKind.LOCAL_GOVERNMENT: {AgencyLevel.PROVINCE, AgencyLevel.REGENCY},
    AgencyKind.MINISTRY: {AgencyLevel.NATIONAL},
}


def default_time_zone(region: Region) -> str:
    province = region.code[:2]
    if province in _WIT:
        return TimeZone.WIT
    if province in _WITA:
        return TimeZone.WITA
    return TimeZone.WIB


def _level_for(kind: str, region: Region) -> int:
    if kind == AgencyKind.MINISTRY:
        return AgencyLevel.NATIONAL
    allowed = _KIND_LEVELS.get(kind)
    if allowed is None:
        raise InvalidInput(_("Unknown agency kind."), code="agency_kind_invalid")
    level = region.level if region.level <= RegionLevel.VILLAGE else AgencyLevel.VILLAGE
    if level not in allowed:
        raise InvalidInput(
            _("A %(kind)s cannot sit in a region at this level.") % {"kind": AgencyKind(kind).label},
            code="agency_region_mismatch",
        )
    return level


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "instansi"
    slug, n = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def agency_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    region_code: str,
    parent: Agency | None = None,
    slug: str | None = None,
    code: str = "",
    time_zone: str | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
) -> Agency:
    if not can_create_child_agency(actor, parent):
        raise Forbidden(_("Only an administrator of the parent agency may create an agency beneath it."))
    name = name.strip()
    if not name:
        raise InvalidInput(_("The agency needs a name."), code="agency_name_missing")
    region = region_get(region_code)
    level = _level_for(kind, region)
    if parent is not None and not (
        region.code == parent.region_id
        or region.code.startswith(f"{parent.region_id}.")
        or parent.level == AgencyLevel.NATIONAL
    ):
        raise InvalidInput(
            _("The agency's region must lie within its parent agency's region."), code="agency_region_outside_parent"
        )
    if time_zone and time_zone not in TimeZone.values:
        raise InvalidInput(_("Unknown time zone."), code="time_zone_invalid")
    if slug and Agency.objects.filter(slug=slug).exists():
        raise Conflict(_("An agency with this short name already exists."), code="agency_slug_taken")
    agency = Agency.objects.create(
        slug=slug or _unique_slug(name),
        name=name,
        kind=kind,
        level=level,
        region=region,
        parent=parent,
        tree_path="",
        time_zone=time_zone or default_time_zone(region),
        code=code,
        address=address,
        phone=phone,
        email=email,
        website=website,
    )
    agency.tree_path = f"{parent.tree_path if parent else '/'}{agency.pk}/"
    agency.save(update_fields=["tree_path"])
    audit_record(
        actor=actor,
        verb="agency.created",
        agency=agency,
        obj=agency,
        changes={"name": name, "kind": kind, "region": region.code, "parent": parent.pk if parent else None},
    )
    return agency


_EDITABLE = {"name", "code", "address", "phone", "email", "website", "time_zone", "settings"}


@transaction.atomic
def agency_update(*, actor: Actor, agency: Agency, **fields: Any) -> Agency:
    if not can_manage_agency(actor, agency):
        raise Forbidden()
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise InvalidInput(_("These fields cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "time_zone" in fields and fields["time_zone"] not in TimeZone.values:
        raise InvalidInput(_("Unknown time zone."), code="time_zone_invalid")
    changes = {}
    for key, value in fields.items():
        old = getattr(agency, key)
        if old != value:
            changes[key] = {"from": old, "to": value}
            setattr(agency, key, value)
    if changes:
        agency.save(update_fields=list(changes))
        audit_record(actor=actor, verb="agency.updated", agency=agency, obj=agency, changes=changes)
    return agency


@transaction.atomic
def membership_grant(
    *, actor: Actor, agency: Agency, user: Any, role: str, position: str = "", employee_number: str = ""
) -> Membership:
    if not can_manage_agency(actor, agency):
        raise Forbidden()
    if role not in Role.values:
        raise InvalidInput(_("Unknown role."), code="role_invalid")
    membership, created = Membership.objects.get_or_create(
        user=user,
        agency=agency,
        role=role,
        defaults={"position": position, "employee_number": employee_number},
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        created = True
    if created:
        audit_record(
            actor=actor,
            verb="membership.granted",
            agency=agency,
            obj=membership,
            changes={"user": user.pk, "role": role, "position": position},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    if not can_manage_agency(actor, membership.agency):
        raise Forbidden()
    if membership.is_active:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            verb="membership.revoked",
            agency=membership.agency,
            obj=membership,
            changes={"user": membership.user_id, "role": membership.role},
        )


@transaction.atomic
def holiday_add(*, actor: Actor, agency: Agency, date: dt.date, name: str) -> AgencyHoliday:
    if not can_manage_agency(actor, agency):
        raise Forbidden()
    name = name.strip()
    if not name:
        raise InvalidInput(_("The holiday needs a name."), code="holiday_name_missing")
    if AgencyHoliday.objects.filter(agency=agency, date=date).exists():
        raise Conflict(_("This date is already a holiday of the agency."), code="holiday_exists")
    holiday = AgencyHoliday.objects.create(agency=agency, date=date, name=name)
    audit_record(actor=actor, verb="holiday.added", agency=agency, obj=holiday, changes={"date": date, "name": name})
    return holiday


@transaction.atomic
def holiday_remove(*, actor: Actor, holiday: AgencyHoliday) -> None:
    if not can_manage_agency(actor, holiday.agency):
        raise Forbidden()
    audit_record(
        actor=actor,
        verb="holiday.removed",
        agency=holiday.agency,
        obj=holiday,
        changes={"date": holiday.date, "name": holiday.name},
    )
    holiday.delete()


@transaction.atomic
def number_pattern_set(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    pattern: str,
    reset: str = ResetPeriod.YEARLY,
    classification_code: str = "",
) -> NumberPattern:
    if not can_manage_agency(actor, agency):
        raise Forbidden()
    if reset not in ResetPeriod.values:
        raise InvalidInput(_("Unknown reset period."), code="number_reset_invalid")
    validate_pattern(pattern, reset=reset)
    classification_code = classification_code.strip()
    if agency_scope(agency) == NumberScope.CLASSIFICATION and classification_code and "[kode]" not in pattern:
        raise InvalidInput(str(_CODE_NEEDED), code="number_pattern_invalid")
    obj, _created = NumberPattern.objects.update_or_create(
        agency=agency,
        kind=kind,
        defaults={"pattern": pattern, "reset": reset, "classification_code": classification_code},
    )
    audit_record(
        actor=actor,
        verb="number_pattern.set",
        agency=agency,
        obj=obj,
        changes={"kind": kind, "pattern": pattern, "reset": reset, "classification_code": classification_code},
    )
    return obj


_CODE_NEEDED = gettext_lazy(
    "This office numbers each classification code on its own counter, so the pattern must contain [kode]: "
    "without it two codes would give the same number."
)


@transaction.atomic
def letter_numbering_set(*, actor: Actor, agency: Agency, scope: str) -> Agency:
    """Number the agency's letters from one agenda counter, or from one counter per
    classification code. The counters of the new scope start after the highest number the
    old one reached in each period, so no number is ever given twice."""
    if not can_manage_agency(actor, agency):
        raise Forbidden()
    if scope not in NumberScope.values:
        raise InvalidInput(_("Choose how letters are numbered."), code="number_scope_invalid")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    old = agency_scope(agency)
    if old == scope:
        return agency
    patterns = NumberPattern.objects.filter(agency=agency)
    if scope == NumberScope.CLASSIFICATION:
        missing = sorted(p.kind for p in patterns if p.classification_code and "[kode]" not in p.pattern)
        if missing:
            without = _("Patterns without it: %(kinds)s.") % {"kinds": ", ".join(missing)}
            raise InvalidInput(f"{_CODE_NEEDED} {without}", code="number_pattern_invalid")
    shared = list(NumberCounter.objects.select_for_update().filter(agency=agency, kind__startswith="@"))
    reached: dict[str, int] = {}
    for counter in shared:
        reached[counter.period] = max(reached.get(counter.period, 0), counter.last)
    # The counters the new scope numbers from: its patterns' and any it used before.
    new_prefix = CODE_KEY_PREFIX if scope == NumberScope.CLASSIFICATION else AGENDA_KEY
    keys = {counter_key(scope, p.classification_code) for p in patterns}
    keys |= {c.kind for c in shared if c.kind.startswith(new_prefix)}
    for period, top in reached.items():
        for key in keys:
            counter = lock_or_create(NumberCounter, agency=agency, kind=key, period=period)
            if counter.last < top:
                counter.last = top
                counter.save(update_fields=["last"])
    agency.settings = {**(agency.settings if isinstance(agency.settings, dict) else {}), SCOPE_SETTING: scope}
    agency.save(update_fields=["settings"])
    audit_record(
        actor=actor,
        verb="letter_numbering.set",
        agency=agency,
        obj=agency,
        changes={"scope": {"from": old, "to": scope}, "continues_after": reached},
    )
    return agency


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: Actor, agency: Agency, name: str, scopes: list[str], expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token; the raw secret is returned once and never stored."""
    if not can_manage_agency(actor, agency):
        raise Forbidden()
    unknown = sorted(set(scopes) - set(API_SCOPES))
    if unknown or not scopes:
        raise InvalidInput(_("Choose one or more known scopes."), code="token_scope_invalid")
    if not name.strip():
        raise InvalidInput(_("The token needs a name."), code="token_name_missing")
    prefix = secrets.token_hex(4)
    raw = f"padu_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        agency=agency,
        name=name.strip(),
        prefix=prefix,
        token_hash=hash_token(raw),
        scopes=sorted(set(scopes)),
        created_by_id=actor.user_id,
        expires_at=expires_at,
    )
    audit_record(
        actor=actor, verb="api_token.created", agency=agency, obj=token, changes={"name": name, "scopes": scopes}
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    if not can_manage_agency(actor, token.agency):
        raise Forbidden()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, verb="api_token.revoked", agency=token.agency, obj=token)


def api_token_authenticate(raw: str) -> ApiToken | None:
    token = ApiToken.objects.select_related("agency").filter(token_hash=hash_token(raw)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@dataclass(frozen=True)
class DataLook:
    """One person's data shown to the actor: whose (None: nobody to log, e.g. a walk-in payer
    without an account), under which agency, why, and which fields."""

    subject_id: int | None
    agency: Agency | None
    purpose: str
    fields: list[str]


def personal_data_access_record(
    *, actor: Actor, subject_id: int, agency: Agency | None, purpose: str, fields: list[str]
) -> None:
    """Log that staff, or another system with an agency's API token, viewed a person's data
    (UU PDP). Never logged for the person themself, nor for the operator at the command line.
    A token's read names the token and the person who created it."""
    personal_data_accesses_record(actor=actor, looks=[DataLook(subject_id, agency, purpose, fields)])


def personal_data_accesses_record(*, actor: Actor, looks: Iterable[DataLook]) -> int:
    """The same for a list or an export: one row per person shown (their first look in
    `looks`), all written in one insert. Returns the number of rows written."""
    token = actor.token
    if token is None and actor.user_id is None:
        return 0
    rows: dict[int, PersonalDataAccess] = {}
    for look in looks:
        if look.subject_id is None or look.subject_id in rows:
            continue
        if token is None and look.subject_id == actor.user_id:
            continue
        rows[look.subject_id] = PersonalDataAccess(
            subject_id=look.subject_id,
            viewer_id=token.created_by_id if token is not None else actor.user_id,
            token=token,
            agency_id=look.agency.pk if look.agency is not None else (token.agency_id if token is not None else None),
            purpose=str(look.purpose)[:200],
            fields=list(look.fields),
            ip_address=actor.ip_address,
        )
    if rows:
        PersonalDataAccess.objects.bulk_create(rows.values())
    return len(rows)
