from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class ComplaintIn(Schema):
    agency: str = Field("", description="Slug of the receiving agency; empty to use the suggested one")
    kind: str = "complaint"
    title: str
    text: str
    category: str
    region: str = Field(..., description="Kemendagri code of the place, e.g. 32.04.05.2001")
    anonymous: bool | None = Field(
        None, description="Hide your identity from everyone, the agency's officers included (default: no)"
    )
    confidential: bool | None = Field(None, description="Keep the complaint off public pages (default: no)")
    visibility: str = Field(
        "",
        description="Deprecated, for older clients: public, anonymous, confidential or anonymous_confidential;"
        " `anonymous` and `confidential` win when given",
    )
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class ContactIn(Schema):
    name: str = Field("", description="Required for a person without an account, unless anonymous")
    phone: str = Field("", description="Telephone or WhatsApp number, e.g. 0812 3456 7890")
    email: str = ""
    address: str = ""
    channel: str = Field(
        "",
        description="How to reach them: phone, whatsapp, sms, email, letter or in_person (required for a"
        " person without an account, unless anonymous)",
    )


class ComplaintRecordIn(Schema):
    channel: str = Field(..., description="How it was received: letter, email, whatsapp, phone or in_person")
    received_at: dt.datetime = Field(
        ...,
        description="When the agency received it (the deadlines count from here); without a time zone, the agency's",
    )
    kind: str = "complaint"
    title: str
    text: str
    category: str
    region: str = Field(..., description="Kemendagri code of the village where it happened, e.g. 32.04.05.2001")
    anonymous: bool = False
    confidential: bool = False
    complainant_nik: str = Field(
        "", description="NIK of a citizen with an account, found by the counter look-up; empty for none"
    )
    contact: ContactIn = Field(
        default_factory=lambda: ContactIn(name="", phone="", email="", address="", channel=""),
        description="Who the complainant is and how to reach them",
    )
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class SuggestionOut(Schema):
    agency: str
    agency_name: str
    reason: str


class ComplaintEventOut(Schema):
    action: str
    label: str
    to_status: str
    agency: str | None
    note: str
    created_at: dt.datetime


class MessageOut(Schema):
    id: int
    author: str = Field(description="Who wrote it, as this caller may see it")
    side: str
    internal: bool = False
    contact_channel: str = Field("", description="An officer's contact outside Padu (e.g. phone); empty otherwise")
    hidden: bool = False
    hidden_reason: str = ""
    body: str
    attachments: list[int] = Field(default_factory=list)
    created_at: dt.datetime


class PublicComplaintOut(Schema):
    tracking_number: str
    kind: str
    title: str
    text: str
    moderated: bool
    category: str
    region: str
    region_name: str
    agency: str
    agency_name: str
    handling_agency: str
    handling_agency_name: str
    complainant: str = Field(description="The name for public complaints; 'anonymous' otherwise")
    anonymous: bool
    confidential: bool = Field(description="Never true on public lists: a confidential complaint is not public")
    channel: str = Field(description="How the agency received it: online, letter, email, whatsapp, phone, in_person")
    status: str
    status_label: str
    submitted_at: dt.datetime = Field(description="When the agency received it; the deadlines count from here")
    due_at: dt.datetime | None
    overdue: bool
    escalated: bool
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    rating: int | None
    time_zone: str
    history: list[ComplaintEventOut] = Field(default_factory=list)
    messages: list[MessageOut] = Field(default_factory=list)


class ForwardOut(Schema):
    from_agency: str
    to_agency: str
    reason: str
    created_at: dt.datetime


class ContactOut(Schema):
    name: str = Field(description="Empty when the caller may not know it (an anonymous complainant)")
    has_account: bool
    channel: str
    address: str = Field(description="The number, email or postal address to reach them on, for that channel")
    phone: str
    email: str
    postal_address: str
    through_padu: bool = Field(description="Padu tells them of every step by itself (account or email)")
    pending: bool = Field(description="A step they have not been told about yet: reach them and record it")


class ComplaintOut(PublicComplaintOut):
    id: int
    visibility: str = Field(
        description="The two flags in one word: public, anonymous, confidential or anonymous_confidential"
    )
    recorded_at: dt.datetime | None = Field(description="When an officer entered an off-line complaint")
    contact: ContactOut | None = Field(None, description="How to reach the complainant (officers and the complainant)")
    latitude: Decimal | None
    longitude: Decimal | None
    reopen_until: dt.datetime | None
    rating_comment: str
    moderation_reason: str
    escalated_to: str | None
    forwards: list[ForwardOut] = Field(default_factory=list)
    attachments: list[AttachmentOut] = Field(default_factory=list)
    allowed_actions: list[str] = Field(default_factory=list)


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    internal: bool


ComplaintOut.model_rebuild()


class ComplaintActionIn(Schema):
    action: str
    note: str = ""
    to_agency: str = Field("", description="Slug of the agency to forward to")
    rating: int | None = None
    anonymous: bool | None = Field(None, description="verify only: change the flag (with the reason in `note`)")
    confidential: bool | None = Field(None, description="verify only: change the flag (with the reason in `note`)")


class MessageIn(Schema):
    body: str
    internal: bool = False
    contact_channel: str = Field(
        "",
        description="Officers: record a contact made outside Padu (phone, whatsapp, sms, email, letter,"
        " in_person); nothing is sent",
    )


class ModerationIn(Schema):
    hide: bool = True
    reason: str = ""
    message_id: int | None = None


class ComplaintInboxRowOut(Schema):
    id: int
    tracking_number: str
    title: str
    kind: str
    category: str
    complainant: str
    visibility: str
    anonymous: bool
    confidential: bool
    channel: str
    status: str
    handling_agency: str
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    overdue: bool
    escalated: bool


class ComplaintInboxOut(Schema):
    total: int
    overdue: int
    escalated: int
    rows: list[ComplaintInboxRowOut]


class StatOut(Schema):
    key: str
    label: str
    received: int
    answered: int
    answered_on_time: int
    answered_on_time_percent: float | None
    average_working_days_to_answer: float | None
    rated: int
    satisfaction: float | None
    overdue: int
    escalated: int


class StatisticsOut(Schema):
    total: StatOut
    by_agency: list[StatOut]
    by_region: list[StatOut]
