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
    visibility: str = Field(..., description="public, anonymous or confidential")
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
    status: str
    status_label: str
    submitted_at: dt.datetime
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


class ComplaintOut(PublicComplaintOut):
    id: int
    visibility: str
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


class MessageIn(Schema):
    body: str
    internal: bool = False


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
