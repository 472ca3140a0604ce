"""Reads of complaints, with tenancy and the anonymity rules applied from the actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.complaints.models import (
    OPEN_STATUSES,
    Attachment,
    Complaint,
    ComplaintEvent,
    ContactChannel,
    Forward,
    Message,
    Status,
)
from padu.complaints.notifications import reaches_by_itself
from padu.complaints.permissions import (
    can_read_as_staff,
    is_complainant,
    is_officer,
    public_sees_identity,
    staff_sees_identity,
)
from padu.core.actors import Actor
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import Agency, Region
from padu.core.selectors import agency_get_for, region_search
from padu.core.services import personal_data_access_record
from padu.core.tracking import normalise_tracking_number


def _not_found() -> NotFound:
    return NotFound(_("Complaint not found."), code="complaint_not_found")


def _related(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return qs.select_related("agency", "handling_agency", "region", "complainant", "escalated_to")


# ---- the public ----


def public_complaints(
    *,
    agency_slug: str = "",
    region_code: str = "",
    category: str = "",
    status: str = "",
    query: str = "",
) -> QuerySet[Complaint]:
    """Complaints that are not confidential (anonymous ones without the name), newest first.
    Confidential ones never appear."""
    qs = _related(Complaint.objects.filter(confidential=False))
    if agency_slug:
        qs = qs.filter(handling_agency__slug=agency_slug)
    if region_code:
        qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=f"{region_code}."))
    if category:
        qs = qs.filter(category=category)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    term = query.strip()
    if term:
        normal = normalise_tracking_number(term)
        # Moderated text is not searchable: hidden means hidden.
        qs = qs.filter(
            Q(tracking_number=normal or term.upper())
            | Q(moderated_at__isnull=True) & (Q(title__icontains=term) | Q(text__icontains=term))
        )
    return qs.order_by("-submitted_at", "-pk")


def public_complaint(number: str) -> Complaint:
    """A complaint that is not confidential, by its tracking number; confidential ones are not found."""
    normal = normalise_tracking_number(number)
    if normal is None:
        raise NotFound(_("Check the tracking number: it has a typing error."), code="tracking_number_invalid")
    complaint = _related(Complaint.objects.filter(tracking_number=normal)).first()
    if complaint is None or not complaint.is_public:
        raise _not_found()
    return complaint


def complaint_by_number_for(actor: Actor, number: str) -> Complaint:
    """Tracking: the public page, or for the complainant their own confidential complaint."""
    normal = normalise_tracking_number(number)
    if normal is None:
        raise NotFound(_("Check the tracking number: it has a typing error."), code="tracking_number_invalid")
    complaint = _related(Complaint.objects.filter(tracking_number=normal)).first()
    if complaint is None or not (complaint.is_public or is_complainant(actor, complaint)):
        raise _not_found()
    return complaint


def public_thread(complaint: Complaint) -> list[Message]:
    """What the public sees of the thread: neither internal notes nor hidden text."""
    if not complaint.is_public:
        return []
    return list(
        Message.objects.filter(complaint=complaint, internal=False, hidden_at__isnull=True)
        .select_related("agency")
        .order_by("created_at", "pk")
    )


def public_history(complaint: Complaint) -> list[ComplaintEvent]:
    return list(
        ComplaintEvent.objects.filter(complaint=complaint).select_related("agency").order_by("created_at", "pk")
    )


def complainant_name(complaint: Complaint) -> str:
    """The complainant's name, whoever may read it: their account's, or the one recorded."""
    if complaint.complainant is not None:
        return complaint.complainant.full_name or str(complaint.complainant)
    return complaint.contact_name


def complainant_label_public(complaint: Complaint) -> str:
    if public_sees_identity(complaint):
        return complainant_name(complaint) or _("Complainant")
    return _("Anonymous complainant")


def complainant_label_staff(complaint: Complaint) -> str:
    if staff_sees_identity(complaint):
        return complainant_name(complaint) or _("Complainant")
    return _("Anonymous complainant")


@dataclass(frozen=True)
class ContactInfo:
    """How officers reach the complainant: through Padu, or the way the person asked."""

    channel: str  # a ContactChannel value, or "" for Padu's own messages
    channel_label: str
    address: str  # the number, email or postal address to use ("" for "at the office")
    through_padu: bool  # Padu tells them by itself (account, or an email it sends to)
    pending: bool  # a step they have not been told about yet (no account, no email)


def phone_local(number: str) -> str:
    """+6281223456789 → 081223456789, as officers dial it."""
    return "0" + number[3:] if number.startswith("+62") else number


def contact_info(complaint: Complaint) -> ContactInfo:
    """What the case page says under "How to reach the complainant". The address is shown even
    on an anonymous complaint: it is the one the person gave to be answered on (their name is not)."""
    channel = complaint.contact_channel
    labels = dict(ContactChannel.choices)
    address = {
        ContactChannel.PHONE: phone_local(complaint.contact_phone),
        ContactChannel.WHATSAPP: phone_local(complaint.contact_phone),
        ContactChannel.SMS: phone_local(complaint.contact_phone),
        ContactChannel.EMAIL: complaint.contact_email,
        ContactChannel.LETTER: complaint.contact_address,
    }.get(channel, "")  # type: ignore[call-overload]
    through_padu = reaches_by_itself(complaint)
    return ContactInfo(
        channel=channel,
        channel_label=str(labels.get(channel, "")),
        address=address,
        through_padu=through_padu,
        pending=not through_padu and contact_pending(complaint),
    )


# Steps the complainant is told about (by Padu, or by the officer for those Padu cannot reach).
TOLD_STEPS = ("verify", "forward", "answer", "reject", "close", "auto_close", "escalate", "visibility")


def contact_pending(complaint: Complaint) -> bool:
    """A step the complainant has not been told about: the last such step came after the
    officers' last recorded contact."""
    last_step = (
        ComplaintEvent.objects.filter(complaint=complaint, action__in=TOLD_STEPS)
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    if last_step is None:
        return False
    last_contact = (
        Message.objects.filter(complaint=complaint, author_side="officer", internal=False)
        .exclude(contact_channel="")
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    return last_contact is None or last_contact < last_step


@dataclass(frozen=True)
class PlaceOption:
    code: str
    label: str  # "Desa Cileunyi Kulon, Kecamatan Cileunyi, Kabupaten Bandung, Jawa Barat"


def place_options(query: str, *, near: str = "", limit: int = 20) -> list[PlaceOption]:
    """Villages and urban villages by name, for "where did it happen": those in the regency (or
    province) of `near` first, then the rest of the country; each named with its district,
    regency and province so that two villages of one name can be told apart."""
    found: list[Region] = []
    parts = near.split(".") if near else []
    if parts:
        scope = ".".join(parts[:2])
        found = region_search(query, within=scope, level=4, limit=limit)
    if len(found) < limit:
        seen = {r.code for r in found}
        found += [r for r in region_search(query, level=4, limit=limit) if r.code not in seen][: limit - len(found)]
    codes = {".".join(r.code.split(".")[:i]) for r in found for i in range(1, 4)}
    names = {r.code: r for r in Region.objects.filter(code__in=codes)}
    options = []
    for region in found:
        district, regency, province = (names.get(".".join(region.code.split(".")[:i])) for i in (3, 2, 1))
        parts = [f"{region.get_type_display()} {region.name}"]
        if district is not None:
            parts.append(f"{district.get_type_display()} {district.name}")
        # Regencies and cities are named with their kind already ("Kabupaten Bandung").
        parts += [r.name for r in (regency, province) if r is not None]
        options.append(PlaceOption(region.code, ", ".join(parts)))
    return options


def common_region_code() -> str:
    """The smallest region holding every active agency: where a report most likely happened
    on this installation (a village's own install: the village; a regency's: the regency)."""
    bounds = Agency.objects.filter(is_active=True).aggregate(low=Min("region_id"), high=Max("region_id"))
    low, high = str(bounds["low"] or ""), str(bounds["high"] or "")
    common: list[str] = []
    for a, b in zip(low.split("."), high.split("."), strict=False):
        if a != b or not a:
            break
        common.append(a)
    return ".".join(common)


# ---- the complainant ----


def my_complaints(actor: Actor) -> QuerySet[Complaint]:
    if actor.user_id is None:
        return Complaint.objects.none()
    return _related(Complaint.objects.filter(complainant_id=actor.user_id)).order_by("-submitted_at", "-pk")


def my_complaint(actor: Actor, complaint_id: int) -> Complaint:
    complaint = my_complaints(actor).filter(pk=complaint_id).first()
    if complaint is None:
        raise _not_found()
    return complaint


def complainant_thread(complaint: Complaint) -> list[Message]:
    """The complainant sees their thread in full, hidden text included, but no internal notes."""
    return list(
        Message.objects.filter(complaint=complaint, internal=False)
        .select_related("agency")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.filter(internal=False)))
        .order_by("created_at", "pk")
    )


# ---- staff ----


def _forwarded_from(complaint: Complaint) -> set[int]:
    return set(Forward.objects.filter(complaint=complaint).values_list("from_agency_id", flat=True))


def complaint_for_staff(actor: Actor, complaint_id: int) -> Complaint:
    complaint = _related(Complaint.objects.filter(pk=complaint_id)).first()
    if complaint is None or not can_read_as_staff(actor, complaint, _forwarded_from(complaint)):
        raise _not_found()
    return complaint


def complaint_for_staff_view(actor: Actor, complaint_id: int, *, purpose: str = "") -> Complaint:
    """The officers' case view. Where the complainant's identity is shown (not anonymous), the
    look is recorded in their personal-data access log (UU PDP)."""
    complaint = complaint_for_staff(actor, complaint_id)
    if staff_sees_identity(complaint) and complaint.complainant_id is not None:
        personal_data_access_record(
            actor=actor,
            subject_id=complaint.complainant_id,
            agency=complaint.handling_agency,
            purpose=purpose or _("Handling complaint %(number)s") % {"number": complaint.tracking_number},
            fields=["full_name", "email", "phone"],
        )
    return complaint


def complaint_for(actor: Actor, complaint_id: int) -> Complaint:
    """The complainant's or the staff's view, whichever the actor has."""
    complaint = _related(Complaint.objects.filter(pk=complaint_id)).first()
    if complaint is not None and is_complainant(actor, complaint):
        return complaint
    return complaint_for_staff(actor, complaint_id)


def staff_thread(complaint: Complaint) -> list[Message]:
    return list(
        Message.objects.filter(complaint=complaint)
        .select_related("agency", "author")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )


def forwards_of(complaint: Complaint) -> list[Forward]:
    return list(Forward.objects.filter(complaint=complaint).select_related("from_agency", "to_agency"))


def attachments_of(complaint: Complaint, *, include_internal: bool) -> list[Attachment]:
    qs = Attachment.objects.filter(complaint=complaint, message__isnull=True)
    if not include_internal:
        qs = qs.filter(internal=False)
    return list(qs)


def attachment_for(actor: Actor, attachment_id: int) -> Attachment:
    """An attachment for the complainant (not internal ones) or staff who may read the complaint."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("File not found."), code="file_not_found")
    try:
        complaint = complaint_for(actor, attachment.complaint_id)
    except NotFound as exc:
        raise NotFound(_("File not found."), code="file_not_found") from exc
    mine = is_complainant(actor, complaint)
    if attachment.internal and mine and not is_officer(actor, complaint):
        raise NotFound(_("File not found."), code="file_not_found")
    if not mine and staff_sees_identity(complaint) and complaint.complainant_id is not None:
        personal_data_access_record(
            actor=actor,
            subject_id=complaint.complainant_id,
            agency=complaint.handling_agency,
            purpose=_("Opening an attachment of complaint %(number)s") % {"number": complaint.tracking_number},
            fields=["attachment"],
        )
    attachment.complaint = complaint
    return attachment


@dataclass
class Inbox:
    rows: list[Complaint]
    total: int
    overdue: int
    escalated: int


def inbox(
    actor: Actor,
    agency_id: int,
    *,
    status: str = "open",
    overdue_only: bool = False,
    escalated_only: bool = False,
    category: str = "",
    search: str = "",
    limit: int = 100,
) -> Inbox:
    """Complaints the agency handles, or that escalated to it; soonest due first."""
    agency = agency_get_for(actor, agency_id)
    now = timezone.now()
    qs = Complaint.objects.filter(Q(handling_agency=agency) | Q(escalated_to=agency))
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status and status != "all":
        if status not in Status.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid")
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    term = search.strip()
    if term:
        normal = normalise_tracking_number(term)
        qs = qs.filter(Q(tracking_number=normal or term.upper()) | Q(title__icontains=term))
    counts = qs.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
        escalated=Count("pk", filter=Q(escalated_at__isnull=False, status__in=OPEN_STATUSES)),
    )
    if overdue_only:
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__lt=now)
    if escalated_only:
        qs = qs.filter(escalated_at__isnull=False)
    rows = list(_related(qs).order_by("due_at", "-submitted_at", "pk")[: max(1, min(limit, 500))])
    return Inbox(rows=rows, total=counts["total"], overdue=counts["overdue"], escalated=counts["escalated"])


def record_export(actor: Actor, complaints: list[Complaint]) -> None:
    """An export names the known complainants (never anonymous ones): log it for each of them."""
    seen: set[int] = set()
    for complaint in complaints:
        if (
            staff_sees_identity(complaint)
            and complaint.complainant_id is not None
            and complaint.complainant_id not in seen
        ):
            seen.add(complaint.complainant_id)
            personal_data_access_record(
                actor=actor,
                subject_id=complaint.complainant_id,
                agency=complaint.handling_agency,
                purpose=_("Exporting the complaints list (%(number)s)") % {"number": complaint.tracking_number},
                fields=["full_name"],
            )


def forward_targets(complaint: Complaint) -> list[Agency]:
    """Any other active agency; the ones nearest the handling agency first."""
    here = complaint.handling_agency
    qs = Agency.objects.filter(is_active=True).exclude(pk=here.pk).select_related("region")
    related = [a for a in qs if a.pk == here.parent_id or a.parent_id in (here.pk, here.parent_id)]
    rest = [a for a in qs if a not in related]
    return sorted(related, key=lambda a: (a.level, a.name)) + sorted(rest, key=lambda a: (a.level, a.name))


# ---- public statistics ----


@dataclass
class StatRow:
    key: str
    label: str
    received: int = 0
    answered: int = 0
    on_time: int = 0
    working_days_total: int = 0
    rated: int = 0
    rating_total: float = 0.0
    overdue: int = 0
    escalated: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def average_working_days(self) -> float | None:
        return round(self.working_days_total / self.answered, 1) if self.answered else None

    @property
    def satisfaction(self) -> float | None:
        return round(self.rating_total / self.rated, 2) if self.rated else None

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "received": self.received,
            "answered": self.answered,
            "answered_on_time": self.on_time,
            "answered_on_time_percent": self.on_time_percent,
            "average_working_days_to_answer": self.average_working_days,
            "rated": self.rated,
            "satisfaction": self.satisfaction,
            "overdue": self.overdue,
            "escalated": self.escalated,
            **self.extra,
        }


@dataclass
class Statistics:
    total: StatRow
    by_agency: list[StatRow]
    by_region: list[StatRow]
    region: Region | None
    year: int | None


def _add(row: StatRow, data: Any) -> None:
    row.received += int(data["received"] or 0)
    row.answered += int(data["answered"] or 0)
    row.on_time += int(data["on_time"] or 0)
    row.working_days_total += int(data["days"] or 0)
    row.rated += int(data["rated"] or 0)
    row.rating_total += float(data["rating_sum"] or 0)
    row.overdue += int(data["overdue"] or 0)
    row.escalated += int(data["escalated"] or 0)


def complaint_statistics(*, agency_slug: str = "", region_code: str = "", year: int | None = None) -> Statistics:
    """Counts only: every complaint counts, confidential ones too, but no row names a person
    or shows a confidential complaint's content. By handling agency and by region."""
    qs = Complaint.objects.all()
    region = None
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            raise NotFound(_("Region not found."), code="region_not_found")
        qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=f"{region_code}."))
    if agency_slug:
        if not Agency.objects.filter(slug=agency_slug).exists():
            raise NotFound(_("Agency not found."), code="agency_not_found")
        qs = qs.filter(handling_agency__slug=agency_slug)
    if year is not None:
        if not 2000 <= year <= 2100:
            raise InvalidInput(_("Give a year such as 2026."), code="year_invalid")
        qs = qs.filter(submitted_at__year=year)
    now = timezone.now()
    measures = {
        "received": Count("pk"),
        "answered": Count("pk", filter=Q(first_answered_at__isnull=False)),
        "on_time": Count("pk", filter=Q(answered_on_time=True)),
        "days": Sum("answer_working_days"),
        "rated": Count("pk", filter=Q(rating__isnull=False)),
        "rating_sum": Sum("rating"),
        "overdue": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
        "escalated": Count("pk", filter=Q(escalation_count__gt=0)),
    }
    total = StatRow(key="", label=_("All"))
    _add(total, qs.aggregate(**measures))
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=qs.values("handling_agency_id"))}
    by_agency = []
    for data in qs.values("handling_agency_id").annotate(**measures).order_by("handling_agency_id"):
        agency = agencies[data["handling_agency_id"]]
        row = StatRow(key=agency.slug, label=agency.name)
        _add(row, data)
        by_agency.append(row)
    by_agency.sort(key=lambda r: (-r.received, r.label))
    # By region one level below the chosen one (by regency where none is chosen).
    depth = (len(region_code.split(".")) + 1) if region_code else 2
    buckets: dict[str, StatRow] = {}
    for place in qs.values("region_id").annotate(**measures).order_by("region_id"):
        prefix = ".".join(str(place["region_id"]).split(".")[:depth])
        _add(buckets.setdefault(prefix, StatRow(key=prefix, label=prefix)), place)
    names = dict(Region.objects.filter(code__in=list(buckets)).values_list("code", "name"))
    for prefix, row in buckets.items():
        row.label = names.get(prefix, prefix)
    by_region = sorted(buckets.values(), key=lambda r: r.key)
    return Statistics(total=total, by_agency=by_agency, by_region=by_region, region=region, year=year)


def average_rating(agency: Agency) -> float | None:
    value = Complaint.objects.filter(handling_agency=agency, rating__isnull=False).aggregate(v=Avg("rating"))["v"]
    return round(float(value), 2) if value is not None else None


def overdue(complaint: Complaint, now: dt.datetime | None = None) -> bool:
    return bool(complaint.is_open and complaint.due_at and complaint.due_at < (now or timezone.now()))


def complaints_export(user: Any) -> list[dict[str, Any]]:
    """The person's complaints with the thread they can see (never internal notes), for
    their data export (registered with accounts)."""
    rows = Complaint.objects.filter(complainant=user).select_related("agency", "handling_agency").order_by("pk")
    return [
        {
            "tracking_number": c.tracking_number,
            "kind": c.kind,
            "title": c.title,
            "text": c.text,
            "category": c.category,
            "region": c.region_id,
            "visibility": c.visibility,
            "anonymous": c.anonymous,
            "confidential": c.confidential,
            "channel": c.channel,
            "agency": c.agency.name,
            "handling_agency": c.handling_agency.name,
            "status": c.status,
            "submitted_at": c.submitted_at.isoformat(),
            "messages": [
                {"from": m.author_side, "body": m.body, "at": m.created_at.isoformat()}
                for m in c.messages.filter(internal=False).order_by("created_at", "pk")
            ],
        }
        for c in rows
    ]


def complaint_message(complaint: Complaint, message_id: int) -> Message:
    """One message of a complaint the caller already holds (through a permission-checked selector)."""
    message = Message.objects.filter(pk=message_id, complaint=complaint).first()
    if message is None:
        raise InvalidInput(_("Message not found."), code="message_not_found")
    return message
