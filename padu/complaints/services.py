"""Writes for complaints. Atomic, audited; every state change goes through the table in workflow.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lokal import normalize_phone

from padu.accounts.selectors import citizen_lookup_by_nik
from padu.complaints import notifications as tell
from padu.complaints.models import (
    FINISHED_STATUSES,
    OFFLINE_CHANNELS,
    OPEN_STATUSES,
    Attachment,
    Author,
    Category,
    Channel,
    Complaint,
    ComplaintEvent,
    ContactChannel,
    Forward,
    Kind,
    Message,
    Status,
    flags_of,
)
from padu.complaints.permissions import can_moderate, can_record, is_complainant, is_officer
from padu.complaints.uploads import MAX_FILES, check_upload
from padu.complaints.workflow import WORKFLOW, Transition, Who, allowed_actions
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.calendar import WorkCalendar
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PaduError
from padu.core.models import Agency, Region
from padu.core.tracking import new_tracking_number

VERIFY_DAYS = 3
FOLLOW_UP_DAYS = 5
REOPEN_DAYS = 10

TITLE_MAX = 150
TEXT_MAX = 10_000
NAME_MAX = 150
ADDRESS_MAX = 300
MESSAGE_MAX = 5_000
NOTE_MAX = 5_000
REASON_MAX = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

# Indonesia, with a margin: a location outside it is a typing error.
LAT_RANGE = (Decimal("-12"), Decimal("7"))
LON_RANGE = (Decimal("94"), Decimal("142"))


def _plain(value: Any) -> str:
    return _CONTROL.sub("", str(value or "")).replace("\r\n", "\n").strip()


def clean_text(value: Any, field: str, *, limit: int, required: bool = True, minimum: int = 0) -> str:
    """Plain text as people typed it: control and bidi-override characters out, length checked.

    Markup is kept as text; pages escape it, so `<script>` is shown, never run."""
    text = _plain(value)
    if required and not text:
        message = _("This cannot be empty.")
        raise InvalidInput(message, code="field_required", errors={field: [message]})
    if len(text) > limit:
        message = _("This is too long: at most %(limit)s characters (you wrote %(count)s).") % {
            "limit": limit,
            "count": len(text),
        }
        raise InvalidInput(message, code="text_too_long", errors={field: [message]})
    if text and len(text) < minimum:
        message = _("Write at least %(minimum)s characters so the officers can understand.") % {"minimum": minimum}
        raise InvalidInput(message, code="text_too_short", errors={field: [message]})
    return text


def _coordinate(value: Any, field: str, bounds: tuple[Decimal, Decimal]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not bounds[0] <= number <= bounds[1]:
        message = _("This is not a location in Indonesia.")
        raise InvalidInput(message, code="location_invalid", errors={field: [message]})
    return number.quantize(Decimal("0.000001"))


def _choice(value: str, choices: Any, field: str, message: str) -> str:
    if value not in choices.values:
        raise InvalidInput(message, code=f"{field}_invalid", errors={field: [message]})
    return value


def _audit_actor(actor: Actor, complaint: Complaint) -> Actor:
    """The complainant of an anonymous complaint is recorded without name or address, so the
    agency's audit trail does not reveal them; the complaint row still links the account."""
    if complaint.is_anonymous and is_complainant(actor, complaint):
        return Actor(extra={"role": "anonymous_complainant"})
    return actor


def _event(
    complaint: Complaint, actor: Actor, action: str, source: str, note: str, now: dt.datetime, agency: Agency | None
) -> None:
    ComplaintEvent.objects.create(
        complaint=complaint,
        agency=agency,
        actor_id=None if complaint.is_anonymous and is_complainant(actor, complaint) else actor.user_id,
        action=action,
        from_status=source,
        to_status=complaint.status,
        note=note,
        created_at=now,
    )


def _new_complaint(
    agency: Agency, values: dict[str, Any], region: Region, *, submitted_at: dt.datetime, **fields: Any
) -> Complaint:
    """A submitted complaint handled by `agency`, due for verification in VERIFY_DAYS working
    days from `submitted_at`; `fields` say who sent it and how (online, or recorded by an officer)."""
    return Complaint.objects.create(
        tracking_number=_new_tracking_number(),
        agency=agency,
        handling_agency=agency,
        kind=values["kind"],
        title=values["title"],
        text=values["text"],
        category=values["category"],
        region=region,
        latitude=values["latitude"],
        longitude=values["longitude"],
        status=Status.SUBMITTED,
        submitted_at=submitted_at,
        due_at=WorkCalendar(agency).deadline(submitted_at, VERIFY_DAYS),
        **fields,
    )


def _new_tracking_number() -> str:
    for _attempt in range(10):
        number = new_tracking_number()
        if not Complaint.objects.filter(tracking_number=number).exists():
            return number
    raise Conflict(_("Could not allocate a tracking number; try again."), code="tracking_exhausted")


def _store_attachments(
    actor: Actor, complaint: Complaint, uploads: list[UploadedFile], message: Message | None, internal: bool
) -> list[Attachment]:
    if not uploads:
        return []
    if actor.user_id is None:
        raise Forbidden(code="login_required")
    user_id: int = actor.user_id
    existing = Attachment.objects.filter(complaint=complaint, message=message).count()
    if existing + len(uploads) > MAX_FILES:
        text = _("At most %(count)s files at a time.") % {"count": MAX_FILES}
        raise InvalidInput(text, code="too_many_files", errors={"attachments": [text]})
    checked = [check_upload(upload) for upload in uploads]
    stored: list[Attachment] = []
    try:
        for upload, info in zip(uploads, checked, strict=True):
            attachment = Attachment(
                complaint=complaint,
                message=message,
                original_name=info.original_name,
                content_type=info.content_type,
                size=info.size,
                sha256=info.sha256,
                uploaded_by_id=user_id,
                internal=internal,
            )
            attachment.file.save("upload", upload, save=False)
            stored.append(attachment)
            attachment.save()
    except Exception:
        attachments_discard(stored)
        raise
    return stored


@contextmanager
def _discard_on_error(stored: list[Attachment]) -> Iterator[None]:
    """Storage is not transactional: when the rest of the write fails, the bytes go too."""
    try:
        yield
    except BaseException:
        attachments_discard(stored)
        raise


def attachments_discard(stored: list[Attachment]) -> None:
    for attachment in stored:
        if attachment.file.name:
            default_storage.delete(attachment.file.name)


def _flags(
    visibility: str, anonymous: bool | None, confidential: bool | None, errors: dict[str, list[str]]
) -> tuple[bool, bool]:
    """The two flags, from the flags given or (for older callers) a visibility name; explicit
    flags win. Nothing given: public (neither flag), as in SP4N-LAPOR!."""
    base = (False, False)
    if visibility:
        known = flags_of(visibility)
        if known is None:
            errors["visibility"] = [_("Choose who may see the report.")]
        else:
            base = known
    for name, value in (("anonymous", anonymous), ("confidential", confidential)):
        if value is not None and not isinstance(value, bool):
            errors[name] = [_("Answer yes or no.")]
    return (
        base[0] if not isinstance(anonymous, bool) else anonymous,
        base[1] if not isinstance(confidential, bool) else confidential,
    )


def _check_report(
    *,
    kind: str,
    title: str,
    text: str,
    category: str,
    latitude: Any,
    longitude: Any,
    errors: dict[str, list[str]],
    codes: list[str],
) -> dict[str, Any]:
    """The report's own fields, every error at once (the form shows them all together)."""
    values: dict[str, Any] = {}
    checks = (
        ("kind", lambda: _choice(kind, Kind, "kind", _("Choose complaint, aspiration or question."))),
        ("category", lambda: _choice(category, Category, "category", _("Choose a category."))),
        ("title", lambda: clean_text(title, "title", limit=TITLE_MAX, minimum=5)),
        ("text", lambda: clean_text(text, "text", limit=TEXT_MAX, minimum=20)),
        ("latitude", lambda: _coordinate(latitude, "latitude", LAT_RANGE)),
        ("longitude", lambda: _coordinate(longitude, "longitude", LON_RANGE)),
    )
    for name, check in checks:
        try:
            values[name] = check()
        except InvalidInput as exc:
            errors.update(exc.errors)
            codes.append(exc.code)
    if (values.get("latitude") is None) != (values.get("longitude") is None) and not errors:
        errors["latitude"] = [_("Give both latitude and longitude, or neither.")]
        codes.append("location_invalid")
    return values


def _refuse(errors: dict[str, list[str]], codes: list[str], default: str) -> None:
    if errors:
        code = codes[0] if len(errors) == 1 and codes else default
        raise InvalidInput(_("The report is not complete."), code=code, errors=errors)


@transaction.atomic
def complaint_submit(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    title: str,
    text: str,
    category: str,
    region: Region,
    visibility: str = "",
    anonymous: bool | None = None,
    confidential: bool | None = None,
    latitude: Any = None,
    longitude: Any = None,
    uploads: list[UploadedFile] | None = None,
    at: dt.datetime | None = None,
) -> Complaint:
    """A person sends a complaint, aspiration or question to an agency.

    `anonymous` hides their identity from everyone, the agency's officers included;
    `confidential` keeps the complaint off public pages. Either, both or neither (older
    callers may still give `visibility`: public, anonymous or confidential)."""
    if actor.user_id is None:
        raise Forbidden(_("Log in to send a report, so that you can follow it and reply."), code="login_required")
    if not agency.is_active:
        raise InvalidInput(_("This agency does not receive reports."), code="agency_invalid")
    errors: dict[str, list[str]] = {}
    codes: list[str] = []
    values = _check_report(
        kind=kind,
        title=title,
        text=text,
        category=category,
        latitude=latitude,
        longitude=longitude,
        errors=errors,
        codes=codes,
    )
    before = len(errors)
    is_anonymous, is_confidential = _flags(visibility, anonymous, confidential, errors)
    if len(errors) > before:
        codes.append("visibility_invalid")
    _refuse(errors, codes, "complaint_invalid")
    now = timezone.now()
    if at is not None:
        if at > now:
            raise InvalidInput(_("A step cannot be recorded in the future."), code="time_in_future")
        now = at
    complaint = _new_complaint(
        agency,
        values,
        region,
        submitted_at=now,
        anonymous=is_anonymous,
        confidential=is_confidential,
        complainant_id=actor.user_id,
        channel=Channel.ONLINE,
    )
    stored = _store_attachments(actor, complaint, list(uploads or []), None, internal=False)
    with _discard_on_error(stored):
        _event(complaint, actor, "submit", "", "", now, agency)
        audit_record(
            actor=_audit_actor(actor, complaint),
            verb="complaint.submitted",
            agency=agency,
            obj=complaint,
            changes={
                "kind": complaint.kind,
                "category": complaint.category,
                "anonymous": complaint.anonymous,
                "confidential": complaint.confidential,
                "region": region.code,
                "attachments": len(stored),
            },
        )
        tell.tell_complainant(complaint, "complaint.received")
        tell.tell_officers(complaint, "complaint.assigned", [agency.pk], gettext_lazy("has arrived"))
    return complaint


# ---- complaints received off-line ----

# How each off-line channel reaches the person back, unless they choose another.
CONTACT_FOR_CHANNEL = {
    Channel.LETTER: ContactChannel.LETTER,
    Channel.EMAIL: ContactChannel.EMAIL,
    Channel.WHATSAPP: ContactChannel.WHATSAPP,
    Channel.PHONE: ContactChannel.PHONE,
    Channel.IN_PERSON: ContactChannel.PHONE,
}
# What each way of contact needs: the field that holds the address.
_CONTACT_NEEDS = {
    ContactChannel.PHONE: "contact_phone",
    ContactChannel.WHATSAPP: "contact_phone",
    ContactChannel.SMS: "contact_phone",
    ContactChannel.EMAIL: "contact_email",
    ContactChannel.LETTER: "contact_address",
}


def received_at_check(agency: Agency, value: dt.datetime | None, *, now: dt.datetime | None = None) -> dt.datetime:
    """When the agency received an off-line complaint: the deadlines count from it. Not in the
    future, and not before the agency existed in Padu (its first day, in its time zone)."""
    if value is None:
        message = _("Give the date and time the complaint was received.")
        raise InvalidInput(message, code="received_at_required", errors={"received_at": [message]})
    zone = ZoneInfo(agency.time_zone)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zone)
    if value > (now or timezone.now()):
        message = _("The time it was received cannot be in the future.")
        raise InvalidInput(message, code="time_in_future", errors={"received_at": [message]})
    first_day = agency.created_at.astimezone(zone).date()
    if value.astimezone(zone).date() < first_day:
        message = _("%(agency)s exists in Padu from %(date)s; a complaint cannot be received before that.") % {
            "agency": agency.name,
            "date": first_day.strftime("%d-%m-%Y"),
        }
        raise InvalidInput(message, code="received_before_agency", errors={"received_at": [message]})
    return value


def _phone(value: str) -> str:
    """A telephone or WhatsApp number, kept in the international form (+62…)."""
    text = _plain(value)
    if not text:
        return ""
    number = normalize_phone(text)
    if not number:
        message = _("This is not a telephone number, e.g. 0812 3456 7890.")
        raise InvalidInput(message, code="phone_invalid", errors={"contact_phone": [message]})
    return str(number)


def _email(value: str) -> str:
    text = _plain(value)
    if text:
        try:
            validate_email(text)
        except ValidationError as exc:
            message = _("This is not an email address.")
            raise InvalidInput(message, code="email_invalid", errors={"contact_email": [message]}) from exc
    return text.lower()


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    channel: str = ""


def _check_contact(
    contact: Contact, *, has_account: bool, anonymous: bool, errors: dict[str, list[str]], codes: list[str]
) -> Contact:
    """A person without an account is named (unless anonymous) and says how to reach them, with
    the address that way needs; with an account, Padu reaches them and all this is optional."""
    cleaned: dict[str, str] = {}
    checks = (
        ("name", "contact_name", lambda: clean_text(contact.name, "contact_name", limit=NAME_MAX, required=False)),
        ("phone", "contact_phone", lambda: _phone(contact.phone)),
        ("email", "contact_email", lambda: _email(contact.email)),
        (
            "address",
            "contact_address",
            lambda: clean_text(contact.address, "contact_address", limit=ADDRESS_MAX, required=False),
        ),
    )
    for key, _field, check in checks:
        try:
            cleaned[key] = check()
        except InvalidInput as exc:
            errors.update(exc.errors)
            codes.append(exc.code)
            cleaned[key] = ""
    channel = contact.channel or ""
    if channel and channel not in ContactChannel.values:
        errors["contact_channel"] = [_("Choose how to contact the complainant.")]
        codes.append("contact_channel_invalid")
        channel = ""
    if not has_account:
        if not anonymous and not cleaned["name"] and "contact_name" not in errors:
            errors["contact_name"] = [_("Give the complainant's name, or record the complaint as anonymous.")]
            codes.append("contact_name_required")
        if not channel and not anonymous and "contact_channel" not in errors:
            errors["contact_channel"] = [_("Choose how to contact the complainant.")]
            codes.append("contact_channel_required")
    needs = _CONTACT_NEEDS.get(channel)  # type: ignore[call-overload]
    if needs and not cleaned[needs.removeprefix("contact_")] and needs not in errors:
        errors[needs] = [
            {
                "contact_phone": _("Give the number to reach them on."),
                "contact_email": _("Give the email address to write to."),
                "contact_address": _("Give the address to send the letter to."),
            }[needs]
        ]
        codes.append("contact_incomplete")
    return Contact(cleaned["name"], cleaned["phone"], cleaned["email"], cleaned["address"], channel)


def complaint_record(
    *,
    actor: Actor,
    agency: Agency,
    channel: str,
    received_at: dt.datetime | None,
    kind: str,
    title: str,
    text: str,
    category: str,
    region: Region | None,
    contact: Contact,
    complainant_nik: str = "",
    anonymous: bool = False,
    confidential: bool = False,
    latitude: Any = None,
    longitude: Any = None,
) -> Complaint:
    """An officer enters a complaint the agency received by letter, email, WhatsApp, telephone
    or in person (the counter). The deadlines count from `received_at`, not from now.

    The complainant may have no account: then `contact` names them and says how to reach
    them. With `complainant_nik` the complaint goes to the account registered with that NIK,
    found through the counter look-up (its rules: the agency's area or an open case there, a
    rate limit, every look-up audited); the person then follows it under "My reports"."""
    if not can_record(actor, agency.pk):
        raise Forbidden(_("Only the agency's complaint officers record complaints."), code="not_complaint_officer")
    if not agency.is_active:
        raise InvalidInput(_("This agency does not receive reports."), code="agency_invalid")
    errors: dict[str, list[str]] = {}
    codes: list[str] = []
    if channel not in OFFLINE_CHANNELS:
        errors["channel"] = [_("Choose how the complaint was received.")]
        codes.append("channel_invalid")
    try:
        received = received_at_check(agency, received_at)
    except InvalidInput as exc:
        errors.update(exc.errors)
        codes.append(exc.code)
        received = None
    values = _check_report(
        kind=kind,
        title=title,
        text=text,
        category=category,
        latitude=latitude,
        longitude=longitude,
        errors=errors,
        codes=codes,
    )
    if region is None or region.level != 4:
        errors["region"] = [_("Choose the village or urban village where it happened.")]
        codes.append("region_invalid")
    nik = re.sub(r"[\s.-]", "", _plain(complainant_nik))
    cleaned = _check_contact(contact, has_account=bool(nik), anonymous=bool(anonymous), errors=errors, codes=codes)
    _refuse(errors, codes, "complaint_invalid")
    if received is None or region is None:  # refused above; this tells the type checker
        raise InvalidInput(_("The report is not complete."), code="complaint_invalid")
    user = None
    if nik:
        # The look-up writes its own audit row, kept even if nothing else is written.
        try:
            profile = citizen_lookup_by_nik(
                actor=actor,
                agency_id=agency.pk,
                nik=nik,
                purpose=_("Recording a complaint received by %(channel)s")
                % {"channel": str(dict(Channel.choices)[channel]).lower()},
            )
        except NotFound as exc:
            message = _(
                "No citizen with this NIK has an account in your area. Leave the NIK empty to record the "
                "complaint without an account."
            )
            raise InvalidInput(message, code="citizen_not_found", errors={"complainant_nik": [message]}) from exc
        except Forbidden as exc:
            message = _("Your role cannot look up citizens by NIK. Leave the NIK empty, or ask the front desk.")
            raise InvalidInput(message, code="lookup_forbidden", errors={"complainant_nik": [message]}) from exc
        except PaduError as exc:  # a NIK that is no NIK, or too many look-ups in a short time
            message = str(exc.message)
            raise InvalidInput(message, code=exc.code, errors={"complainant_nik": [message]}) from exc
        user = profile.user
    return _record(
        actor=actor,
        agency=agency,
        channel=channel,
        received=received,
        values=values,
        region=region,
        contact=cleaned,
        user=user,
        anonymous=bool(anonymous),
        confidential=bool(confidential),
    )


@transaction.atomic
def _record(
    *,
    actor: Actor,
    agency: Agency,
    channel: str,
    received: dt.datetime,
    values: dict[str, Any],
    region: Region,
    contact: Contact,
    user: Any,
    anonymous: bool,
    confidential: bool,
) -> Complaint:
    now = timezone.now()
    complaint = _new_complaint(
        agency,
        values,
        region,
        submitted_at=received,
        anonymous=anonymous,
        confidential=confidential,
        complainant=user,
        channel=channel,
        contact_name=contact.name,
        contact_phone=contact.phone,
        contact_email=contact.email,
        contact_address=contact.address,
        contact_channel=contact.channel,
        recorded_by_id=actor.user_id,
        recorded_at=now,
    )
    _event(complaint, actor, "submit", "", "", received, agency)
    audit_record(
        actor=actor,
        verb="complaint.recorded",
        agency=agency,
        obj=complaint,
        # No name or address here: the agency's whole staff reads its trail.
        changes={
            "channel": channel,
            "received_at": received.isoformat(),
            "kind": complaint.kind,
            "category": complaint.category,
            "anonymous": anonymous,
            "confidential": confidential,
            "region": region.code,
            "account": user is not None,
            "contact_channel": contact.channel,
        },
    )
    tell.tell_complainant(complaint, "complaint.received")
    tell.tell_officers(complaint, "complaint.assigned", [agency.pk], gettext_lazy("has arrived"), exclude=actor.user_id)
    return complaint


def _can_make(actor: Actor, complaint: Complaint, transition: Transition) -> bool:
    if transition.who is Who.COMPLAINANT:
        return is_complainant(actor, complaint)
    if transition.who is Who.OFFICER:
        return is_officer(actor, complaint)
    return actor.is_operator


def _not_yours(actor: Actor, complaint: Complaint, transition: Transition) -> PaduError:
    """A complainant's step refused to someone who is not an officer of the complaint: it is
    not found for them (its existence is not confirmed); otherwise the step is not theirs."""
    if transition.who is Who.COMPLAINANT and not is_officer(actor, complaint):
        return NotFound(_("Complaint not found."), code="complaint_not_found")
    return WORKFLOW.refusals.wrong_person(transition)


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("handling_agency", "agency", "complainant", "escalated_to")
        .get(pk=complaint.pk)
    )


_STEP_FOR_COMPLAINANT = {
    "verify": gettext_lazy("verified; it is being followed up"),
    "forward": gettext_lazy("forwarded to the agency responsible"),
    "answer": gettext_lazy("answered"),
    "reject": gettext_lazy("not processed"),
    "close": gettext_lazy("closed"),
    "auto_close": gettext_lazy("closed, as it was not reopened within 10 working days"),
}
_ACTIVITY_FOR_OFFICERS = {
    "rate": gettext_lazy("the complainant rated the answer"),
    "withdraw": gettext_lazy("the complainant withdrew it"),
}


@transaction.atomic
def complaint_act(
    *,
    actor: Actor,
    complaint: Complaint,
    action: str,
    note: str = "",
    to_agency: Agency | None = None,
    rating: int | None = None,
    anonymous: bool | None = None,
    confidential: bool | None = None,
    at: dt.datetime | None = None,
) -> Complaint:
    """Make one transition of the state machine. Anything not in the table is refused (409).

    At verification the officer may change `anonymous` and `confidential` (None: unchanged),
    with the reason in `note`; the change is audited and the complainant is told."""
    complaint = _locked(complaint)
    if (anonymous is not None or confidential is not None) and action != "verify":
        raise InvalidInput(
            _("Who may see a complaint is changed only when it is verified."), code="visibility_not_at_this_step"
        )
    transition = WORKFLOW.check(
        action,
        complaint.status,
        may=lambda t: _can_make(actor, complaint, t),
        reason=_plain(note),
        wrong_person=lambda t: _not_yours(actor, complaint, t),
    )
    note = clean_text(note, "note", limit=NOTE_MAX, required=transition.needs_note)
    now = timezone.now()
    if at is not None:
        if at > now:
            raise InvalidInput(_("A step cannot be recorded in the future."), code="time_in_future")
        now = at
    source = complaint.status
    agency = complaint.handling_agency
    changes: dict[str, Any] = {"from": source}
    if action == "forward":
        if to_agency is None or to_agency.pk == agency.pk or not to_agency.is_active:
            message = _("Choose the agency to forward the complaint to.")
            raise InvalidInput(message, code="forward_target_invalid", errors={"to_agency": [message]})
        Forward.objects.create(
            complaint=complaint,
            from_agency=agency,
            to_agency=to_agency,
            reason=note,
            actor_id=actor.user_id,
            created_at=now,
        )
        complaint.handling_agency = to_agency
        complaint.escalated_to = None  # a new office, a new clock
        complaint.due_at = WorkCalendar(to_agency).deadline(now, VERIFY_DAYS)
        changes.update({"from_agency": agency.pk, "to_agency": to_agency.pk})
    elif action == "verify":
        complaint.verified_at = now
        complaint.due_at = WorkCalendar(agency).deadline(now, FOLLOW_UP_DAYS)
        flags_before = (complaint.anonymous, complaint.confidential)
        flags_after = (
            flags_before[0] if anonymous is None else bool(anonymous),
            flags_before[1] if confidential is None else bool(confidential),
        )
        if flags_after != flags_before:
            if not note:
                message = _("Say why who may see the report changes: the complainant reads it.")
                raise InvalidInput(message, code="visibility_reason_required", errors={"note": [message]})
            complaint.anonymous, complaint.confidential = flags_after
            changes["visibility"] = {
                "anonymous": [flags_before[0], flags_after[0]],
                "confidential": [flags_before[1], flags_after[1]],
            }
    elif action == "answer":
        if complaint.first_answered_at is None:
            complaint.first_answered_at = now
            complaint.answered_on_time = complaint.due_at is None or now <= complaint.due_at
            complaint.answer_working_days = max(
                0, WorkCalendar(agency).working_days_between(complaint.submitted_at, now)
            )
        complaint.answered_at = now
        complaint.due_at = None
        complaint.reopen_until = WorkCalendar(agency).deadline(now, REOPEN_DAYS)
    elif action == "reopen":
        if complaint.rated_at is not None:
            raise Conflict(_("A rated answer cannot be reopened."), code="already_rated")
        if complaint.reopen_until is None or now > complaint.reopen_until:
            raise Conflict(
                _("The answer can be reopened only within %(days)s working days.") % {"days": REOPEN_DAYS},
                code="reopen_window_closed",
            )
        complaint.closed_at = None
        complaint.reopen_until = None
        complaint.due_at = WorkCalendar(agency).deadline(now, FOLLOW_UP_DAYS)
    elif action == "rate":
        if complaint.rated_at is not None:
            raise Conflict(_("You have already rated this answer. Thank you."), code="already_rated")
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
            message = _("Choose 1 (very poor) to 5 (very good).")
            raise InvalidInput(message, code="rating_invalid", errors={"rating": [message]})
        complaint.rating = rating
        complaint.rating_comment = note
        complaint.rated_at = now
        changes["rating"] = rating
    if action in ("close", "rate", "auto_close") and complaint.closed_at is None:
        complaint.closed_at = now
    if transition.target in FINISHED_STATUSES:
        complaint.due_at = None
        if action in ("reject", "withdraw"):
            complaint.closed_at = now
    complaint.status = transition.target
    complaint.save()
    # A change of who may see it carries the reason in its own history line.
    quiet = action == "rate" or "visibility" in changes
    _event(complaint, actor, action, source, "" if quiet else note, now, complaint.handling_agency)
    changes["to"] = complaint.status
    audit_record(
        actor=_audit_actor(actor, complaint),
        verb=f"complaint.{action}",
        agency=agency,
        obj=complaint,
        changes=changes,
    )
    if action == "forward":
        # The sending office's trail has the hand-over; the receiving office's too.
        audit_record(
            actor=actor,
            verb="complaint.received_forward",
            agency=complaint.handling_agency,
            obj=complaint,
            changes=changes,
        )
        tell.tell_officers(
            complaint,
            "complaint.assigned",
            [complaint.handling_agency_id],
            gettext_lazy("was forwarded to your agency"),
        )
    if "visibility" in changes:
        _visibility_changed(actor, complaint, changes["visibility"], note, now)
    if action in _STEP_FOR_COMPLAINANT:
        tell.tell_complainant(complaint, "complaint.updated", _STEP_FOR_COMPLAINANT[action], "" if quiet else note)
    if action == "reopen":
        tell.tell_officers(
            complaint,
            "complaint.assigned",
            [complaint.handling_agency_id],
            gettext_lazy("was reopened by the complainant"),
        )
    elif action in _ACTIVITY_FOR_OFFICERS:
        tell.tell_officers(
            complaint, "complaint.activity", [complaint.handling_agency_id], _ACTIVITY_FOR_OFFICERS[action]
        )
    return complaint


def visibility_words(anonymous: bool, confidential: bool) -> str:
    """Who may see a report, as the complainant is told it."""
    if anonymous and confidential:
        return _("anonymous and confidential: only you can see your name, and the report is not published")
    if anonymous:
        return _("anonymous: the report is public, but only you can see your name")
    if confidential:
        return _("confidential: the report is not published; the officers handling it see your name")
    return _("public: anyone can read the report and see your name")


def _visibility_changed(
    actor: Actor, complaint: Complaint, change: dict[str, list[bool]], note: str, now: dt.datetime
) -> None:
    """The verifier changed who may see the report: its own audit event (the flags before and
    after), a line in the history both sides read, and a message to the complainant."""
    ComplaintEvent.objects.create(
        complaint=complaint,
        agency=complaint.handling_agency,
        actor_id=actor.user_id,
        action="visibility",
        from_status=complaint.status,
        to_status=complaint.status,
        note=note,
        created_at=now,
    )
    audit_record(
        actor=actor,
        verb="complaint.visibility_changed",
        agency=complaint.handling_agency,
        obj=complaint,
        changes={**change, "reason": note},
    )
    user = complaint.complainant
    language = str(getattr(user, "language", "") or "id")
    with translation.override(language):
        step = _("who may see it was changed to %(words)s") % {
            "words": visibility_words(complaint.anonymous, complaint.confidential)
        }
    tell.tell_complainant(complaint, "complaint.updated", step, note)


def complainant_actions(complaint: Complaint, *, now: dt.datetime | None = None) -> set[str]:
    """The steps `complaint_act` lets the complainant take now: a rated answer is neither rated
    nor reopened again, and an answer is reopened only until `reopen_until`."""
    actions = {t.action for t in allowed_actions(complaint.status, Who.COMPLAINANT)}
    if complaint.rated_at is not None:
        actions -= {"rate", "reopen"}
    if complaint.reopen_until is None or (now or timezone.now()) > complaint.reopen_until:
        actions.discard("reopen")
    return actions


def officer_actions(actor: Actor, complaint: Complaint) -> list[str]:
    """The decisions `complaint_act` lets the actor take now as an officer, in the table's order
    (none for anyone who is not an officer of the complaint)."""
    if not is_officer(actor, complaint):
        return []
    return list(dict.fromkeys(t.action for t in allowed_actions(complaint.status, Who.OFFICER)))


@transaction.atomic
def message_post(
    *,
    actor: Actor,
    complaint: Complaint,
    body: str,
    internal: bool = False,
    contact_channel: str = "",
    uploads: list[UploadedFile] | None = None,
    at: dt.datetime | None = None,
) -> Message:
    """A reply in the thread. Officers may write an internal note the complainant never sees.

    `contact_channel` records that an officer reached the complainant outside Padu (a call, a
    WhatsApp message, a letter, at the office): the thread shows "contacted by telephone"
    and nothing is sent. A complainant Padu cannot reach (no account, no email) is replied
    to only that way. `at` records a message exchanged earlier; never in the future."""
    complaint = _locked(complaint)
    mine = is_complainant(actor, complaint)
    officer = is_officer(actor, complaint)
    if not (mine or officer):
        raise NotFound(_("Complaint not found."), code="complaint_not_found")
    if internal and not officer:
        raise Forbidden(_("Only officers write internal notes."), code="internal_note_forbidden")
    side = Author.OFFICER if officer and not mine else Author.COMPLAINANT
    if contact_channel:
        if side != Author.OFFICER or internal:
            raise InvalidInput(
                _("Only an officer's message to the complainant records a contact."), code="contact_not_allowed"
            )
        if contact_channel not in ContactChannel.values:
            problem = _("Choose how you reached the complainant.")
            raise InvalidInput(problem, code="contact_channel_invalid", errors={"contact_channel": [problem]})
    elif side == Author.OFFICER and not internal and not tell.reaches_by_itself(complaint):
        problem = _(
            "Padu cannot deliver this: the complainant has no account and no email address. Reach them "
            "as they asked, then record here how you did."
        )
        raise InvalidInput(problem, code="contact_channel_required", errors={"contact_channel": [problem]})
    # A contact may be recorded after the end (e.g. telling them the outcome by telephone).
    if complaint.status in FINISHED_STATUSES and not internal and not contact_channel:
        raise Conflict(_("This complaint is finished; the thread is closed."), code="thread_closed")
    text = clean_text(body, "body", limit=MESSAGE_MAX)
    if actor.user_id is None:
        raise Forbidden(_("Log in to reply."), code="login_required")
    author_id: int = actor.user_id
    now = timezone.now()
    if at is not None:
        if at > now:
            raise InvalidInput(_("A step cannot be recorded in the future."), code="time_in_future")
        now = at
    message = Message.objects.create(
        complaint=complaint,
        author_id=author_id,
        author_side=side,
        agency=complaint.handling_agency if side == Author.OFFICER else None,
        body=text,
        internal=internal,
        contact_channel=contact_channel,
        created_at=now,
    )
    files = _store_attachments(actor, complaint, list(uploads or []), message, internal=internal)
    with _discard_on_error(files):
        verb = "complaint.note_added" if internal else "complaint.replied"
        changes: dict[str, Any] = {"message": message.pk, "side": side, "internal": internal, "attachments": len(files)}
        if contact_channel:
            verb = "complaint.contacted"
            changes["contact_channel"] = contact_channel
        audit_record(
            actor=_audit_actor(actor, complaint),
            verb=verb,
            agency=complaint.handling_agency,
            obj=complaint,
            changes=changes,
        )
        if internal or contact_channel:
            return message
        if side == Author.OFFICER:
            tell.tell_complainant(complaint, "complaint.updated", gettext_lazy("an officer replied"), text)
        else:
            tell.tell_officers(
                complaint, "complaint.activity", [complaint.handling_agency_id], gettext_lazy("the complainant replied")
            )
    return message


@transaction.atomic
def complaint_moderate(*, actor: Actor, complaint: Complaint, reason: str, hide: bool = True) -> Complaint:
    """Hide the title and text from public view (abuse, personal data of others), or show them again."""
    complaint = _locked(complaint)
    if not can_moderate(actor, complaint):
        raise Forbidden(_("Only the agency's administrator or verifier moderates."), code="not_moderator")
    reason = clean_text(reason, "reason", limit=REASON_MAX, required=hide)
    if hide == (complaint.moderated_at is not None):
        raise Conflict(
            _("The text is already hidden.") if hide else _("The text is not hidden."), code="moderation_unchanged"
        )
    complaint.moderated_at = timezone.now() if hide else None
    complaint.moderation_reason = reason if hide else ""
    complaint.save(update_fields=["moderated_at", "moderation_reason", "updated_at"])
    ComplaintEvent.objects.create(
        complaint=complaint,
        agency=complaint.handling_agency,
        actor_id=actor.user_id,
        action="moderate" if hide else "unmoderate",
        from_status=complaint.status,
        to_status=complaint.status,
        note=reason,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        verb="complaint.hidden" if hide else "complaint.unhidden",
        agency=complaint.handling_agency,
        obj=complaint,
        changes={"reason": reason},
    )
    return complaint


@transaction.atomic
def message_moderate(*, actor: Actor, message: Message, reason: str, hide: bool = True) -> Message:
    complaint = _locked(message.complaint)
    if not can_moderate(actor, complaint):
        raise Forbidden(_("Only the agency's administrator or verifier moderates."), code="not_moderator")
    message = Message.objects.select_for_update().get(pk=message.pk, complaint=complaint)
    reason = clean_text(reason, "reason", limit=REASON_MAX, required=hide)
    if hide == (message.hidden_at is not None):
        raise Conflict(
            _("The text is already hidden.") if hide else _("The text is not hidden."), code="moderation_unchanged"
        )
    message.hidden_at = timezone.now() if hide else None
    message.hidden_reason = reason if hide else ""
    message.save(update_fields=["hidden_at", "hidden_reason"])
    audit_record(
        actor=actor,
        verb="complaint.message_hidden" if hide else "complaint.message_unhidden",
        agency=complaint.handling_agency,
        obj=complaint,
        changes={"message": message.pk, "reason": reason},
    )
    return message


@dataclass(frozen=True)
class SweepResult:
    escalated: int
    closed: int


def _escalate(complaint: Complaint, now: dt.datetime) -> None:
    agency = complaint.handling_agency
    supervisor = agency.parent if agency.parent_id and agency.parent and agency.parent.is_active else None
    complaint.escalated_at = now
    complaint.escalated_to = supervisor
    complaint.escalated_due_at = complaint.due_at
    complaint.escalation_count += 1
    complaint.save(update_fields=["escalated_at", "escalated_to", "escalated_due_at", "escalation_count", "updated_at"])
    ComplaintEvent.objects.create(
        complaint=complaint,
        agency=supervisor or agency,
        action="escalate",
        from_status=complaint.status,
        to_status=complaint.status,
        created_at=now,
    )
    changes = {"due_at": complaint.due_at, "to_agency": supervisor.pk if supervisor else None}
    audit_record(
        actor=Actor(is_operator=True), verb="complaint.escalated", agency=agency, obj=complaint, changes=changes
    )
    if supervisor is not None:
        audit_record(
            actor=Actor(is_operator=True), verb="complaint.escalated", agency=supervisor, obj=complaint, changes=changes
        )
    targets = [agency.pk] + ([supervisor.pk] if supervisor else [])
    tell.tell_officers(complaint, "complaint.escalated", targets)
    tell.tell_complainant(
        complaint,
        "complaint.updated",
        gettext_lazy("past its deadline; it has been escalated to the supervising agency"),
    )


def complaints_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Escalate open complaints past their deadline (once per deadline) and close answers
    that were not reopened within 10 working days. Safe to run as often as you like."""
    now = now or timezone.now()
    escalated = closed = 0
    overdue_ids = list(
        Complaint.objects.filter(status__in=OPEN_STATUSES, due_at__lt=now)
        .exclude(escalated_due_at=F("due_at"))
        .values_list("pk", flat=True)
    )
    for pk in overdue_ids:
        with transaction.atomic():
            complaint = (
                Complaint.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("handling_agency__parent", "complainant")
                .filter(pk=pk, status__in=OPEN_STATUSES, due_at__lt=now)
                .first()
            )
            if complaint is None or complaint.escalated_due_at == complaint.due_at:
                continue
            _escalate(complaint, now)
            escalated += 1
    expired_ids = list(
        Complaint.objects.filter(status=Status.ANSWERED, reopen_until__lt=now).values_list("pk", flat=True)
    )
    for pk in expired_ids:
        complaint = Complaint.objects.filter(pk=pk).first()
        if complaint is None:
            continue
        try:
            complaint_act(actor=Actor(is_operator=True), complaint=complaint, action="auto_close", at=now)
        except Conflict:
            continue  # moved on in the meantime
        closed += 1
    return SweepResult(escalated=escalated, closed=closed)


@transaction.atomic
def attachments_add(*, actor: Actor, complaint: Complaint, uploads: list[UploadedFile]) -> list[Attachment]:
    """The complainant adds photos or documents to an open complaint."""
    complaint = _locked(complaint)
    if not is_complainant(actor, complaint):
        raise NotFound(_("Complaint not found."), code="complaint_not_found")
    if not complaint.is_open:
        raise Conflict(_("Files can be added only while the complaint is open."), code="complaint_not_open")
    if not uploads:
        message = _("Choose a file.")
        raise InvalidInput(message, code="file_missing", errors={"attachments": [message]})
    stored = _store_attachments(actor, complaint, uploads, None, internal=False)
    with _discard_on_error(stored):
        audit_record(
            actor=_audit_actor(actor, complaint),
            verb="complaint.files_added",
            agency=complaint.handling_agency,
            obj=complaint,
            changes={"attachments": [a.sha256 for a in stored]},
        )
        tell.tell_officers(
            complaint, "complaint.activity", [complaint.handling_agency_id], gettext_lazy("the complainant added files")
        )
    return stored
