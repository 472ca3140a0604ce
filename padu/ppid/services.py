"""Writes for public-information requests (UU 14/2008, Perki 1/2021): atomic, audited,
every state change through the table in workflow.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from padu.accounts.selectors import citizen_found_by
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.calendar import WorkCalendar
from padu.core.crypto import encrypt
from padu.core.db import lock_or_create
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.identifiers import validate_nik
from padu.core.models import Agency, NumberCounter, NumberPattern
from padu.core.money import format_rupiah
from padu.core.numbering import render_number
from padu.core.roles import Role
from padu.documents.rendering import html_to_pdf, tanggal_indonesia
from padu.ppid import notifications as tell
from padu.ppid.models import (
    OFFLINE_CHANNELS,
    OPEN_STATUSES,
    ContactChannel,
    ContactTask,
    Decision,
    DeliveryMethod,
    Exemption,
    FileKind,
    InfoCategory,
    InfoFormat,
    InfoObjection,
    InfoRequest,
    IntakeChannel,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    PublicInformation,
    RequesterKind,
    RequestEvent,
    RequestFile,
    RequestStatus,
)
from padu.ppid.permissions import (
    can_handle_ppid,
    can_manage_public_information,
    is_information_officer,
    is_ppid_superior,
)
from padu.ppid.uploads import check_file
from padu.ppid.workflow import OVERDUE, WORKFLOW, Transition, Who

ANSWER_DAYS = 10  # Pasal 22 ayat (7) UU 14/2008
EXTENSION_DAYS = 7  # Pasal 22 ayat (8)
OBJECTION_WINDOW_DAYS = 30  # Pasal 36 ayat (1)
OBJECTION_ANSWER_DAYS = 30  # Pasal 36 ayat (2)
MAX_FILES = 10
# A request or objection received off-line is recorded with the moment the office received it.
# Receipt more than RECENT_DAYS ago needs a note saying why it is recorded only now; more than
# OLDEST_DAYS ago it is not recorded at all (the case is long overdue: treat it as a new one).
RECENT_DAYS = 30
OLDEST_DAYS = 365
# A moment a few minutes ahead of the server's clock is the officer's watch, not the future.
CLOCK_SLACK = dt.timedelta(minutes=5)

REQUEST_KIND = "ppid-permohonan"
OBJECTION_KIND = "ppid-keberatan"
NOTICE_KIND = "ppid-pemberitahuan"
_DEFAULT_PATTERNS = {
    REQUEST_KIND: "[nomor,3]/PPID/{code}[bulan_romawi]/[tahun]",
    OBJECTION_KIND: "[nomor,3]/KEB-PPID/{code}[bulan_romawi]/[tahun]",
    NOTICE_KIND: "[nomor,3]/PT-PPID/{code}[bulan_romawi]/[tahun]",
}
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")


# ---- helpers ----


def take_number(agency: Agency, kind: str, when: dt.datetime) -> str:
    """The next number of `kind`: the agency's own pattern if it set one, else a PPID default."""
    local = when.astimezone(ZoneInfo(agency.time_zone))
    own = NumberPattern.objects.filter(agency=agency, kind=kind).first()
    if own is not None:
        pattern, yearly, classification = own.pattern, own.reset == "yearly", own.classification_code
    else:
        code = f"{agency.code}/" if agency.code else ""
        pattern, yearly, classification = _DEFAULT_PATTERNS[kind].replace("{code}", code), True, ""
    counter = lock_or_create(NumberCounter, agency=agency, kind=kind, period=str(local.year) if yearly else "all")
    counter.last += 1
    counter.save(update_fields=["last"])
    return render_number(pattern, number=counter.last, agency=agency, when=local.date(), classification=classification)


def _text(
    value: Any, field: str, label: str, errors: dict[str, list[str]], *, limit: int, required: bool = True
) -> str:
    text = str(value or "").strip()
    if required and not text:
        errors.setdefault(field, []).append(_("Enter %(what)s.") % {"what": label})
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("At most %(n)d characters.") % {"n": limit})
    return text


def _event(request: InfoRequest, actor: Actor, action: str, source: str, note: str = "", **changes: Any) -> None:
    RequestEvent.objects.create(
        request=request, actor_id=actor.user_id, action=action, from_status=source, to_status=request.status, note=note
    )
    audit_record(
        actor=actor,
        verb=f"ppid.{action}",
        agency=request.agency,
        obj=request,
        changes={"number": request.number, "from": source, "to": request.status, "note": note[:500], **changes},
    )


def _requester_details(
    errors: dict[str, list[str]],
    *,
    requester_kind: str,
    name: str,
    nik: str,
    legal_entity_number: str,
    address: str,
    phone: str,
    email: str,
    nik_required: bool,
) -> dict[str, str]:
    """The requester's identity as Perki 1/2021 asks it (name, address, contact; the NIK of an
    individual, or the deed of a legal entity), checked; problems go into `errors`."""
    if requester_kind not in RequesterKind.values:
        errors["requester_kind"] = [_("Choose who is requesting.")]
    name = _text(name, "name", _("the name"), errors, limit=200)
    address = _text(address, "address", _("the address"), errors, limit=300)
    phone = _text(phone, "phone", "", errors, limit=30, required=False)
    email = _text(email, "email", "", errors, limit=254, required=False)
    legal_entity_number = _text(legal_entity_number, "legal_entity_number", "", errors, limit=100, required=False)
    nik_number = ""
    if (requester_kind == RequesterKind.PERSON and (nik_required or nik.strip())) or (
        requester_kind == RequesterKind.GROUP and nik.strip()
    ):
        try:
            nik_number = validate_nik(nik, field="nik").number
        except InvalidInput as exc:
            errors.update(exc.errors or {"nik": [str(exc.message)]})
    if requester_kind == RequesterKind.LEGAL_ENTITY and not legal_entity_number:
        errors["legal_entity_number"] = [_("Enter the number of the deed of establishment or the registration.")]
    if phone and not _PHONE.match(phone):
        errors["phone"] = [_("Enter a telephone number, e.g. 0812 3456 7890.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter an email address, e.g. nama@contoh.id.")]
    return {
        "requester_kind": requester_kind,
        "requester_name": name,
        "nik": nik_number,
        "legal_entity_number": legal_entity_number,
        "address": address,
        "phone": phone,
        "email": email,
    }


def _request_details(
    errors: dict[str, list[str]], *, information: str, purpose: str, obtain_method: str, delivery_method: str
) -> dict[str, str]:
    information = _text(information, "information", _("the information you need"), errors, limit=4000)
    purpose = _text(purpose, "purpose", _("why you need it"), errors, limit=2000)
    if obtain_method not in ObtainMethod.values:
        errors["obtain_method"] = [_("Choose how you want to get the information.")]
    if delivery_method not in DeliveryMethod.values:
        errors["delivery_method"] = [_("Choose how you want to receive it.")]
    return {
        "information": information,
        "purpose": purpose,
        "obtain_method": obtain_method,
        "delivery_method": delivery_method,
    }


def _received(
    agency: Agency, received_at: dt.datetime | None, note: str, now: dt.datetime, errors: dict[str, list[str]]
) -> dt.datetime | None:
    """The moment an off-line request or objection reached the office: not in the future, and
    more than RECENT_DAYS ago only with a note saying why it is recorded so late."""
    if received_at is None:
        errors["received_at"] = [_("Enter the date the office received it.")]
        return None
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at, ZoneInfo(agency.time_zone))
    if received_at > now + CLOCK_SLACK:
        errors["received_at"] = [_("The date received cannot be in the future.")]
    elif received_at < now - dt.timedelta(days=OLDEST_DAYS):
        errors["received_at"] = [_("It was received more than a year ago: ask the requester to submit it again.")]
    elif received_at < now - dt.timedelta(days=RECENT_DAYS) and not note.strip():
        errors["note"] = [
            _("It was received more than %(n)d days ago: say in the note why it is recorded only now.")
            % {"n": RECENT_DAYS}
        ]
    return min(received_at, now)


def _channel(channel: str, errors: dict[str, list[str]]) -> str:
    if channel not in OFFLINE_CHANNELS:
        errors["channel"] = [_("Choose how the office received it.")]
    return channel


def _lock(request: InfoRequest) -> InfoRequest:
    return InfoRequest.objects.select_for_update(of=("self",)).select_related("agency", "requester").get(pk=request.pk)


def _may(actor: Actor, request: InfoRequest) -> Callable[[Transition], bool]:
    """The table's `may` predicate: whether a step on `request` is the actor's to take."""

    def may(transition: Transition) -> bool:
        if transition.who is Who.REQUESTER:
            return actor.user_id is not None and actor.user_id == request.requester_id
        if transition.who is Who.OFFICER:
            return is_information_officer(actor, request.agency_id)
        return is_ppid_superior(actor, request.agency_id)

    return may


def _transition(
    actor: Actor, request: InfoRequest, action: str, *, holds: Callable[[str], bool] | None = None
) -> Transition:
    """The step from the request's status, or the table's refusal: wrong state (409), then
    wrong person (404 to a requester, 403 to staff)."""
    return WORKFLOW.check(action, request.status, may=_may(actor, request), holds=holds)


def is_overdue(request: InfoRequest, now: dt.datetime | None = None) -> bool:
    return request.status in OPEN_STATUSES and request.due_at < (now or timezone.now())


def objection_deadline(request: InfoRequest) -> dt.datetime | None:
    """The end of the 30 working days to object: from the decision, or from the answer's
    deadline when none came. None while the request may still be answered in time."""
    if request.status in (RequestStatus.WITHDRAWN,):
        return None
    if request.decided_at is not None:
        base = request.decided_at
    elif request.status in OPEN_STATUSES:
        base = request.due_at
    else:
        return None
    return WorkCalendar(request.agency).deadline(base, OBJECTION_WINDOW_DAYS)


def may_object(request: InfoRequest, now: dt.datetime | None = None) -> bool:
    """Whether the requester may still lodge an objection: the state machine allows it from the
    request's status (an unanswered request only once its deadline has passed) and the 30
    working days to object have not ended."""
    now = now or timezone.now()
    if WORKFLOW.find("object", request.status, holds=lambda condition: is_overdue(request, now)) is None:
        return False
    deadline = objection_deadline(request)
    return deadline is not None and now <= deadline


def _store(request: InfoRequest, kind: str, name: str, content: bytes, content_type: str, actor: Actor) -> RequestFile:
    import hashlib

    stored = RequestFile(
        request=request,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by_id=actor.user_id,
    )
    stored.file.save(name, ContentFile(content), save=False)
    stored.save()
    return stored


def _attach(
    actor: Actor, request: InfoRequest, kind: str, uploads: Sequence[UploadedFile], field: str
) -> list[RequestFile]:
    if len(uploads) > MAX_FILES:
        message = _("At most %(n)d files at once.") % {"n": MAX_FILES}
        raise InvalidInput(message, code="too_many_files", errors={field: [message]})
    checked = [(upload, check_file(upload, field)) for upload in uploads]
    stored = []
    for upload, info in checked:
        row = RequestFile(
            request=request,
            kind=kind,
            original_name=info.original_name,
            content_type=info.content_type,
            size=info.size,
            sha256=info.sha256,
            uploaded_by_id=actor.user_id,
        )
        row.file.save(info.original_name, upload, save=False)
        row.save()
        stored.append(row)
        audit_record(
            actor=actor,
            verb="ppid.file_added",
            agency=request.agency,
            obj=request,
            changes={"file": row.pk, "kind": kind, "sha256": info.sha256, "size": info.size},
        )
    return stored


def _notice_pdf(request: InfoRequest, actor: Actor, *, objection: InfoObjection | None = None) -> RequestFile:
    """The written notice (pemberitahuan tertulis) of the decision, or the superior's answer
    to an objection, as a PDF on the agency's letterhead."""
    agency = request.agency
    now = timezone.now()
    number = take_number(agency, NOTICE_KIND, now)
    signer = actor.user
    with override("id"):
        context = {
            "agency": agency,
            "request": request,
            "number": number,
            "submitted": tanggal_indonesia(request.received_at, agency),
            "today": tanggal_indonesia(now, agency),
            "place": agency.region.name.title() if agency.region_id else "",
            "obtain": request.get_obtain_method_display(),
            "delivery": request.get_delivery_method_display(),
            "fee": format_rupiah(request.fee_amount),
            "decision": request.get_decision_display() if request.decision else "",
            "exemption": request.get_exemption_display() if request.exemption else "",
            "signer_name": getattr(signer, "full_name", "") or str(signer or ""),
            "signer_title": "Atasan PPID" if objection else "Pejabat Pengelola Informasi dan Dokumentasi",
        }
        if objection is not None:
            context.update(
                {
                    "title": "Tanggapan atas Keberatan",
                    "objection": objection,
                    "outcome": objection.get_outcome_display(),
                    "grounds": "; ".join(str(ObjectionGround(g).label) for g in objection.grounds),
                }
            )
        else:
            context["title"] = "Pemberitahuan Tertulis"
        html = render_to_string("ppid/notice.html", context)
    pdf = html_to_pdf(html)
    prefix = "tanggapan-keberatan" if objection else "pemberitahuan-tertulis"
    name = f"{prefix}-{slugify(request.number)}.pdf"
    kind = FileKind.OBJECTION_ANSWER if objection else FileKind.DECISION_LETTER
    return _store(request, kind, name, pdf, "application/pdf", actor)


# ---- requests ----


@transaction.atomic
def request_submit(
    *,
    actor: Actor,
    agency: Agency,
    requester_kind: str,
    name: str,
    nik: str = "",
    legal_entity_number: str = "",
    address: str,
    phone: str = "",
    email: str = "",
    information: str,
    purpose: str,
    obtain_method: str,
    delivery_method: str,
    now: dt.datetime | None = None,
) -> InfoRequest:
    """Register a request; the answer is due in 10 working days on the agency's calendar."""
    if actor.user_id is None or actor.token is not None:
        raise Forbidden(_("Log in to request information."), code="login_required")
    if not agency.is_active:
        raise NotFound(code="agency_not_found")
    errors: dict[str, list[str]] = {}
    who = _requester_details(
        errors,
        requester_kind=requester_kind,
        name=name,
        nik=nik,
        legal_entity_number=legal_entity_number,
        address=address,
        phone=phone,
        email=email,
        nik_required=True,
    )
    if not who["phone"] and not who["email"] and "phone" not in errors and "email" not in errors:
        errors.setdefault("phone", []).append(_("Give a telephone number or an email address so we can reach you."))
    what = _request_details(
        errors, information=information, purpose=purpose, obtain_method=obtain_method, delivery_method=delivery_method
    )
    if delivery_method == DeliveryMethod.EMAIL and not who["email"] and "email" not in errors:
        errors["email"] = [_("Enter the email address to send the information to.")]
    if errors:
        raise InvalidInput(_("The request is not complete."), code="ppid_request_invalid", errors=errors)
    now = now or timezone.now()
    nik_number = who.pop("nik")
    request = InfoRequest.objects.create(
        agency=agency,
        number=take_number(agency, REQUEST_KIND, now),
        requester_id=actor.user_id,
        requester_nik_encrypted=encrypt(nik_number) if nik_number else "",
        **who,
        **what,
        channel=IntakeChannel.ONLINE,
        received_at=now,
        submitted_at=now,
        due_at=WorkCalendar(agency).deadline(now, ANSWER_DAYS),
    )
    _event(request, actor, "submit", "")
    tell.tell_requester(request, "ppid.received")
    tell.tell_officers(request, "ppid.new")
    return request


@transaction.atomic
def request_record(
    *,
    actor: Actor,
    agency: Agency,
    channel: str,
    received_at: dt.datetime | None,
    requester_kind: str,
    name: str,
    nik: str = "",
    legal_entity_number: str = "",
    address: str,
    phone: str = "",
    email: str = "",
    contact_channel: str,
    information: str,
    purpose: str,
    obtain_method: str,
    delivery_method: str,
    note: str = "",
    requester_id: int | None = None,
    now: dt.datetime | None = None,
) -> InfoRequest:
    """Record a request the office received off-line (letter, email, WhatsApp, telephone, in
    person) for a requester with or without an account. The 10 working days count from
    `received_at`, and so does its registration number's month and year.

    A requester without an account is reached by `contact_channel`: by email when they gave
    one, else through the officers' to-do list. An account is linked (`requester_id`) only
    for a person the officer has just found through the counter's NIK look-up."""
    if not is_information_officer(actor, agency.pk):
        raise Forbidden(_("Only the information officer (PPID) may record requests."), code="ppid_role_required")
    if not agency.is_active:
        raise NotFound(code="agency_not_found")
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    channel = _channel(channel, errors)
    note = _text(note, "note", "", errors, limit=2000, required=False)
    received = _received(agency, received_at, note, now, errors)
    who = _requester_details(
        errors,
        requester_kind=requester_kind,
        name=name,
        nik=nik,
        legal_entity_number=legal_entity_number,
        address=address,
        phone=phone,
        email=email,
        nik_required=False,
    )
    if contact_channel not in ContactChannel.values:
        errors["contact_channel"] = [_("Choose how to contact the requester.")]
    elif contact_channel == ContactChannel.EMAIL and not who["email"] and "email" not in errors:
        errors["email"] = [_("Enter the requester's email address to contact them by email.")]
    elif (
        contact_channel in (ContactChannel.WHATSAPP, ContactChannel.PHONE)
        and not who["phone"]
        and "phone" not in errors
    ):
        errors["phone"] = [_("Enter the requester's telephone number to contact them by WhatsApp or telephone.")]
    what = _request_details(
        errors, information=information, purpose=purpose, obtain_method=obtain_method, delivery_method=delivery_method
    )
    if delivery_method == DeliveryMethod.EMAIL and not who["email"] and "email" not in errors:
        errors["email"] = [_("Enter the email address to send the information to.")]
    if requester_id is not None and (
        actor.user_id is None
        or not citizen_found_by(officer_id=actor.user_id, agency_id=agency.pk, user_id=requester_id)
    ):
        errors["requester"] = [
            _("Find the requester through the NIK look-up first, or record them without an account.")
        ]
    if errors:
        raise InvalidInput(_("The request is not complete."), code="ppid_request_invalid", errors=errors)
    assert received is not None  # noqa: S101 - an empty moment is an error above
    nik_number = who.pop("nik")
    request = InfoRequest.objects.create(
        agency=agency,
        number=take_number(agency, REQUEST_KIND, received),
        requester_id=requester_id,
        requester_nik_encrypted=encrypt(nik_number) if nik_number else "",
        **who,
        **what,
        channel=channel,
        contact_channel=contact_channel,
        received_at=received,
        submitted_at=now,
        recorded_by_id=actor.user_id,
        intake_note=note,
        due_at=WorkCalendar(agency).deadline(received, ANSWER_DAYS),
    )
    _event(
        request,
        actor,
        "record",
        "",
        note,
        channel=channel,
        received_at=received.isoformat(),
        account=requester_id is not None,
    )
    if channel != IntakeChannel.IN_PERSON or requester_id is not None:
        # At the desk the printed receipt is the confirmation; an account holder has it in the inbox too.
        tell.tell_requester(request, "ppid.received")
    tell.tell_officers(request, "ppid.new", exclude=actor.user_id)
    return request


@transaction.atomic
def request_extend(*, actor: Actor, request: InfoRequest, reason: str) -> InfoRequest:
    """Once only, by 7 working days after the first deadline, with a reason the requester sees."""
    request = _lock(request)
    transition = _transition(actor, request, "extend")
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason for the extension; the requester will read it.")
        raise InvalidInput(message, code="ppid_reason_required", errors={"reason": [message]})
    if len(reason) > 2000:
        raise InvalidInput(code="ppid_reason_too_long", errors={"reason": [_("At most 2000 characters.")]})
    source = request.status
    request.status = transition.target
    request.extended_at = timezone.now()
    request.extension_reason = reason
    request.due_at = WorkCalendar(request.agency).deadline(request.due_at, EXTENSION_DAYS)
    request.save()
    _event(request, actor, "extend", source, reason)
    tell.tell_requester(request, "ppid.extended", reason=reason)
    return request


@transaction.atomic
def request_decide(
    *,
    actor: Actor,
    request: InfoRequest,
    decision: str,
    note: str = "",
    withheld_part: str = "",
    exemption: str = "",
    consequence_test: str = "",
    held_by: str = "",
    fee_amount: int = 0,
    files: Sequence[UploadedFile] = (),
) -> InfoRequest:
    """Grant fully or partly, refuse citing the Pasal 17 exemption, or say the information is
    not held. The written notice is issued as a PDF; released files go to the requester only."""
    request = _lock(request)
    _transition(actor, request, "decide")
    errors: dict[str, list[str]] = {}
    if decision not in Decision.values:
        raise InvalidInput(
            _("Choose the decision."), code="ppid_decision_invalid", errors={"decision": [_("Choose the decision.")]}
        )
    note = _text(note, "note", _("the answer"), errors, limit=4000, required=decision != Decision.GRANTED)
    withheld_part = _text(
        withheld_part,
        "withheld_part",
        _("what is withheld"),
        errors,
        limit=2000,
        required=decision == Decision.PARTLY_GRANTED,
    )
    consequence_test = _text(
        consequence_test,
        "consequence_test",
        _("the consequence test"),
        errors,
        limit=4000,
        required=decision in (Decision.PARTLY_GRANTED, Decision.REFUSED),
    )
    held_by = _text(held_by, "held_by", "", errors, limit=300, required=False)
    if decision in (Decision.PARTLY_GRANTED, Decision.REFUSED):
        if exemption not in Exemption.values:
            errors["exemption"] = [_("Choose the exemption of Article 17 that applies.")]
    else:
        exemption = ""
    if not isinstance(fee_amount, int) or fee_amount < 0 or fee_amount > 100_000_000:
        errors["fee_amount"] = [_("Enter the copying fee in Rupiah (0 when free).")]
    if files and decision not in (Decision.GRANTED, Decision.PARTLY_GRANTED):
        errors["files"] = [_("Only information that is granted can be attached.")]
    if errors:
        raise InvalidInput(_("The decision is not complete."), code="ppid_decision_invalid", errors=errors)
    source = request.status
    WORKFLOW.perform(request, "decide", target=decision)  # the decisions share their names with the statuses
    request.decision = decision
    request.decided_at = timezone.now()
    request.decided_by_id = actor.user_id
    request.decision_note = note
    request.withheld_part = withheld_part if decision == Decision.PARTLY_GRANTED else ""
    request.exemption = exemption
    request.consequence_test = consequence_test if decision in (Decision.PARTLY_GRANTED, Decision.REFUSED) else ""
    request.held_by = held_by if decision == Decision.NOT_HELD else ""
    request.fee_amount = fee_amount if decision in (Decision.GRANTED, Decision.PARTLY_GRANTED) else 0
    request.save()
    _attach(actor, request, FileKind.RELEASED, files, "files")
    _notice_pdf(request, actor)
    _event(request, actor, "decide", source, note)
    tell.tell_requester(request, "ppid.decided", decision=request.get_decision_display(), reason=note)
    return request


@transaction.atomic
def request_withdraw(*, actor: Actor, request: InfoRequest) -> InfoRequest:
    request = _lock(request)
    transition = _transition(actor, request, "withdraw")
    source = request.status
    request.status = transition.target
    request.withdrawn_at = timezone.now()
    request.save()
    _event(request, actor, "withdraw", source)
    tell.tell_officers(request, "ppid.withdrawn")
    return request


@transaction.atomic
def request_file_add(*, actor: Actor, request: InfoRequest, files: Sequence[UploadedFile]) -> list[RequestFile]:
    """More released information after a grant (or after an objection was upheld)."""
    request = _lock(request)
    if not is_information_officer(actor, request.agency_id):
        raise Forbidden(_("Only the information officer (PPID) may do this."), code="ppid_role_required")
    upheld = (
        request.status == RequestStatus.OBJECTION_ANSWERED
        and InfoObjection.objects.filter(request=request, outcome=ObjectionOutcome.UPHELD).exists()
    )
    if request.status not in (RequestStatus.GRANTED, RequestStatus.PARTLY_GRANTED) and not upheld:
        raise Conflict(
            _("Files can be added only to a granted request, or after an objection was accepted."),
            code="ppid_files_not_allowed",
        )
    if not files:
        message = _("Choose a file.")
        raise InvalidInput(message, code="file_missing", errors={"files": [message]})
    stored = _attach(actor, request, FileKind.RELEASED, files, "files")
    RequestEvent.objects.create(
        request=request,
        actor_id=actor.user_id,
        action="upload",
        from_status=request.status,
        to_status=request.status,
        note=", ".join(f.original_name for f in stored),
    )
    return stored


@transaction.atomic
def request_file_hand_over(*, actor: Actor, stored: RequestFile, handed_to: str) -> RequestFile:
    """Record that a letter or file of the request was handed over on paper at the desk, to
    the requester or the person they sent (named, as on the signed receipt)."""
    request = _lock(stored.request)
    if not is_information_officer(actor, request.agency_id):
        raise Forbidden(_("Only the information officer (PPID) may do this."), code="ppid_role_required")
    stored = RequestFile.objects.select_for_update().get(pk=stored.pk, request=request)
    if stored.handed_over_at is not None:
        raise Conflict(_("This document has already been handed over."), code="ppid_file_already_handed_over")
    errors: dict[str, list[str]] = {}
    handed_to = _text(handed_to, "handed_to", _("the name of the person who received it"), errors, limit=200)
    if errors:
        raise InvalidInput(_("Say who received the document."), code="ppid_handover_invalid", errors=errors)
    stored.handed_over_at = timezone.now()
    stored.handed_over_by_id = actor.user_id
    stored.handed_over_to = handed_to
    stored.save(update_fields=["handed_over_at", "handed_over_by", "handed_over_to"])
    note = f"{stored.get_kind_display()}: {stored.original_name} → {handed_to}"
    _event(request, actor, "handover", request.status, note, file=stored.pk, kind=stored.kind)
    return stored


@transaction.atomic
def contact_task_done(*, actor: Actor, task: ContactTask, note: str = "") -> ContactTask:
    """The officer has told a requester without an account what the to-do said (by WhatsApp,
    telephone, post or at the desk); the note says how it went."""
    request = _lock(task.request)
    if not can_handle_ppid(actor, request.agency_id):
        raise Forbidden(_("Only the information officer (PPID) may do this."), code="ppid_role_required")
    task = ContactTask.objects.select_for_update().get(pk=task.pk, request=request)
    if task.done_at is not None:
        raise Conflict(_("This has already been done."), code="ppid_contact_already_done")
    errors: dict[str, list[str]] = {}
    note = _text(note, "note", "", errors, limit=1000, required=False)
    if errors:
        raise InvalidInput(code="ppid_contact_invalid", errors=errors)
    task.done_at = timezone.now()
    task.done_by_id = actor.user_id
    task.done_note = note
    task.save(update_fields=["done_at", "done_by", "done_note"])
    summary = str(ContactChannel(task.channel).label) + (f": {note}" if note else "")
    _event(request, actor, "contacted", request.status, summary, task=task.pk, kind=task.kind)
    return task


# ---- objections ----


def _objection_create(
    actor: Actor,
    request: InfoRequest,
    transition: Transition,
    *,
    grounds: Sequence[str],
    reasons: str,
    received_at: dt.datetime,
    now: dt.datetime,
    channel: str = IntakeChannel.ONLINE,
    errors: dict[str, list[str]] | None = None,
) -> InfoObjection:
    """The objection, once the step is the actor's: its time limits judged at `received_at`,
    then its grounds and reasons (problems found by the caller arrive in `errors`)."""
    errors = errors if errors is not None else {}
    if transition.when == OVERDUE and not is_overdue(request, received_at):
        raise Conflict(
            _("You can object to an unanswered request once its deadline has passed."),
            code="ppid_objection_too_early",
        )
    if request.decided_at is not None and received_at < request.decided_at:
        raise Conflict(
            _("The objection was received before the decision it objects to."), code="ppid_objection_too_early"
        )
    deadline = objection_deadline(request)
    if deadline is not None and received_at > deadline:
        raise Conflict(
            _("The 30 working days to lodge an objection ended on %(date)s.")
            % {"date": tanggal_indonesia(deadline, request.agency)},
            code="ppid_objection_window_closed",
        )
    chosen = list(dict.fromkeys(str(g) for g in grounds))
    if not chosen or any(g not in ObjectionGround.values for g in chosen):
        errors["grounds"] = [_("Choose at least one reason for the objection.")]
    reasons = _text(reasons, "reasons", _("your reasons"), errors, limit=4000)
    if errors:
        raise InvalidInput(_("The objection is not complete."), code="ppid_objection_invalid", errors=errors)
    recorded = channel != IntakeChannel.ONLINE
    objection = InfoObjection.objects.create(
        request=request,
        agency=request.agency,
        number=take_number(request.agency, OBJECTION_KIND, received_at),
        grounds=sorted(chosen),
        reasons=reasons,
        channel=channel,
        received_at=received_at,
        submitted_at=now,
        recorded_by_id=actor.user_id if recorded else None,
        due_at=WorkCalendar(request.agency).deadline(received_at, OBJECTION_ANSWER_DAYS),
    )
    source = request.status
    request.status = transition.target
    request.save()
    _event(request, actor, "record_objection" if recorded else "object", source, reasons)
    audit_record(
        actor=actor,
        verb="ppid.objection_lodged",
        agency=request.agency,
        obj=objection,
        changes={
            "number": objection.number,
            "grounds": objection.grounds,
            "channel": channel,
            "received_at": received_at.isoformat(),
        },
    )
    tell.tell_requester(request, "ppid.objection_received", due=objection.due_at)
    tell.tell_officers(
        request,
        "ppid.objection_new",
        Role.AGENCY_ADMIN,
        Role.INFORMATION_OFFICER,
        due=objection.due_at,
        exclude=actor.user_id if recorded else None,
    )
    return objection


@transaction.atomic
def objection_submit(
    *, actor: Actor, request: InfoRequest, grounds: Sequence[str], reasons: str, now: dt.datetime | None = None
) -> InfoObjection:
    """An objection to the PPID's superior, within 30 working days of the decision (or of the
    deadline that passed without an answer). The superior must answer within 30 working days."""
    request = _lock(request)
    now = now or timezone.now()
    # An unanswered request's step is found whatever the time, to say why it is refused.
    transition = _transition(actor, request, "object", holds=lambda condition: True)
    return _objection_create(actor, request, transition, grounds=grounds, reasons=reasons, received_at=now, now=now)


@transaction.atomic
def objection_record(
    *,
    actor: Actor,
    request: InfoRequest,
    channel: str,
    received_at: dt.datetime | None,
    grounds: Sequence[str],
    reasons: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> InfoObjection:
    """An objection the office received off-line (a letter, at the desk), recorded by the
    information officer: its windows count from `received_at`, as for one lodged online."""
    request = _lock(request)
    now = now or timezone.now()
    transition = _transition(actor, request, "record_objection", holds=lambda condition: True)
    errors: dict[str, list[str]] = {}
    channel = _channel(channel, errors)
    note = _text(note, "note", "", errors, limit=2000, required=False)
    received = _received(request.agency, received_at, note, now, errors)
    if received is None or "received_at" in errors:
        # Without a moment of receipt its windows cannot be judged: say what else is missing too.
        if not [g for g in grounds if g in ObjectionGround.values]:
            errors["grounds"] = [_("Choose at least one reason for the objection.")]
        _text(reasons, "reasons", _("your reasons"), errors, limit=4000)
        raise InvalidInput(_("The objection is not complete."), code="ppid_objection_invalid", errors=errors)
    return _objection_create(
        actor,
        request,
        transition,
        grounds=grounds,
        reasons=reasons,
        received_at=received,
        now=now,
        channel=channel,
        errors=errors,
    )


@transaction.atomic
def objection_answer(
    *,
    actor: Actor,
    request: InfoRequest,
    outcome: str,
    answer: str,
    files: Sequence[UploadedFile] = (),
) -> InfoObjection:
    """The PPID's superior answers in writing: the objection is accepted (the information is
    to be given) or rejected (the PPID's decision stands)."""
    request = _lock(request)
    transition = _transition(actor, request, "answer_objection")
    objection = InfoObjection.objects.select_for_update().get(request=request)
    errors: dict[str, list[str]] = {}
    if outcome not in ObjectionOutcome.values:
        errors["outcome"] = [_("Choose whether the objection is accepted or rejected.")]
    answer = _text(answer, "answer", _("the answer"), errors, limit=4000)
    if files and outcome != ObjectionOutcome.UPHELD:
        errors["files"] = [_("Attach information only when the objection is accepted.")]
    if errors:
        raise InvalidInput(_("The answer is not complete."), code="ppid_objection_answer_invalid", errors=errors)
    objection.status = ObjectionStatus.ANSWERED
    objection.outcome = outcome
    objection.answer = answer
    objection.answered_at = timezone.now()
    objection.answered_by_id = actor.user_id
    objection.save()
    source = request.status
    request.status = transition.target
    request.save()
    _attach(actor, request, FileKind.RELEASED, files, "files")
    _notice_pdf(request, actor, objection=objection)
    _event(request, actor, "answer_objection", source, answer)
    audit_record(
        actor=actor,
        verb="ppid.objection_answered",
        agency=request.agency,
        obj=objection,
        changes={"number": objection.number, "outcome": outcome},
    )
    label = objection.get_outcome_display()
    tell.tell_requester(request, "ppid.objection_answered", decision=label, reason=answer, due=objection.due_at)
    tell.tell_officers(request, "ppid.objection_answered", decision=label, reason=answer, due=objection.due_at)
    return objection


# ---- reminders ----


@transaction.atomic
def ppid_remind_near_due(*, within: dt.timedelta = dt.timedelta(days=2), now: dt.datetime | None = None) -> int:
    """Tell the PPID about open requests, and the superior about objections, due within
    `within`; once per deadline (an extension reminds again). Returns messages queued."""
    now = now or timezone.now()
    count = 0
    requests = (
        InfoRequest.objects.select_for_update(skip_locked=True)
        .select_related("agency")
        .filter(status__in=OPEN_STATUSES, due_at__lte=now + within)
    )
    for request in requests:
        if request.reminded_due_at == request.due_at:
            continue
        count += tell.tell_officers(request, "ppid.near_due")
        request.reminded_due_at = request.due_at
        request.save(update_fields=["reminded_due_at"])
    objections = (
        InfoObjection.objects.select_for_update(skip_locked=True)
        .select_related("request__agency")
        .filter(status=ObjectionStatus.PENDING, due_at__lte=now + within)
    )
    for objection in objections:
        if objection.reminded_due_at == objection.due_at:
            continue
        request = objection.request
        for user in tell.officers(request, Role.AGENCY_ADMIN):
            tell.tell_user(request, user, "ppid.near_due", tell.staff_url(request), due=objection.due_at)
            count += 1
        objection.reminded_due_at = objection.due_at
        objection.save(update_fields=["reminded_due_at"])
    return count


# ---- daftar informasi publik ----

PUBLIC_FIELDS = ("category", "title", "summary", "responsible_unit", "retention", "format", "year", "is_published")


@transaction.atomic
def public_information_save(
    *,
    actor: Actor,
    agency: Agency,
    item: PublicInformation | None = None,
    document: UploadedFile | None = None,
    remove_document: bool = False,
    **fields: Any,
) -> PublicInformation:
    """Create or change an entry of the daftar informasi publik, with its downloadable document."""
    if not can_manage_public_information(actor, agency.pk):
        raise Forbidden(code="ppid_role_required")
    if item is not None and item.agency_id != agency.pk:
        raise NotFound(code="public_information_not_found")
    unknown = set(fields) - set(PUBLIC_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="invalid_input")
    errors: dict[str, list[str]] = {}
    is_new = item is None
    item = item or PublicInformation(agency=agency)
    values = {name: fields.get(name, getattr(item, name)) for name in PUBLIC_FIELDS}
    if values["category"] not in InfoCategory.values:
        errors["category"] = [_("Choose the category.")]
    if values["format"] not in InfoFormat.values:
        errors["format"] = [_("Choose the format.")]
    values["title"] = _text(values["title"], "title", _("the title"), errors, limit=250)
    values["summary"] = _text(values["summary"], "summary", _("a summary"), errors, limit=4000)
    values["responsible_unit"] = _text(
        values["responsible_unit"], "responsible_unit", _("the responsible unit"), errors, limit=200
    )
    values["retention"] = _text(values["retention"], "retention", _("the retention period"), errors, limit=100)
    year = values["year"]
    if year in ("", None):
        values["year"] = None
    elif not isinstance(year, int) or not 1945 <= year <= 2100:
        errors["year"] = [_("Enter a year such as 2026.")]
    values["is_published"] = bool(values["is_published"])
    checked = check_file(document, "document") if document is not None and not errors else None
    if errors:
        raise InvalidInput(_("The entry is not complete."), code="public_information_invalid", errors=errors)
    changed = sorted(k for k, v in values.items() if getattr(item, k) != v)
    for name, value in values.items():
        setattr(item, name, value)
    if remove_document and not checked and item.document:
        item.document = None
        item.document_name = item.document_type = item.document_sha256 = ""
        item.document_size = 0
        changed.append("document")
    if checked is not None and document is not None:
        item.document_type = checked.content_type
        item.document_name = checked.original_name
        item.document_size = checked.size
        item.document_sha256 = checked.sha256
        item.document.save(checked.original_name, document, save=False)
        changed.append("document")
    item.save()
    audit_record(
        actor=actor,
        verb="ppid.public_information_created" if is_new else "ppid.public_information_changed",
        agency=agency,
        obj=item,
        changes={"fields": changed, "sha256": item.document_sha256},
    )
    return item
