"""API shapes for public-information requests."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class RegisterRowOut(Schema):
    number: str
    submitted_at: dt.datetime
    information: str
    status: str
    due_at: dt.datetime
    decided_at: dt.datetime | None


class PublicInformationOut(Schema):
    id: int
    category: str
    title: str
    summary: str
    responsible_unit: str
    retention: str
    format: str
    year: int | None
    document_url: str | None
    document_size: int


class RequestIn(Schema):
    requester_kind: str = Field(description="person, legal_entity or group")
    name: str = Field(max_length=200)
    nik: str = Field("", max_length=20)
    legal_entity_number: str = Field("", max_length=100)
    address: str = Field(max_length=300)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    information: str = Field(max_length=4000)
    purpose: str = Field(max_length=2000)
    obtain_method: str = Field(description="inspect, soft_copy or hard_copy")
    delivery_method: str = Field(description="pick_up, post or email")


class RecordIn(RequestIn):
    """A request the office received off-line, recorded by the information officer."""

    channel: str = Field(description="letter, email, whatsapp, phone or in_person")
    received_at: dt.datetime = Field(
        description="when the office received it (the deadline counts from here); without an offset, in the"
        " agency's time zone. Not in the future; more than 30 days ago only with a `note`, never over a year"
    )
    contact_channel: str = Field(description="how to reach the requester: email, whatsapp, phone, post or in_person")
    note: str = Field("", max_length=2000)
    requester_user_id: int | None = Field(
        None, description="the requester's account, only for a person the officer found by the NIK look-up just now"
    )


class RequestFileOut(Schema):
    id: int
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str
    handed_over_at: dt.datetime | None = None
    handed_over_to: str = ""


class ContactTaskOut(Schema):
    id: int
    kind: str
    channel: str
    message: str
    created_at: dt.datetime
    done_at: dt.datetime | None


class ObjectionOut(Schema):
    number: str
    channel: str = "online"
    received_at: dt.datetime | None = None
    grounds: list[str]
    reasons: str
    status: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    outcome: str
    answer: str
    answered_at: dt.datetime | None


class RequestOut(Schema):
    id: int
    number: str
    agency: str
    status: str
    requester_kind: str
    requester_name: str
    has_account: bool
    channel: str
    contact_channel: str
    information: str
    purpose: str
    obtain_method: str
    delivery_method: str
    received_at: dt.datetime
    submitted_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    extended_at: dt.datetime | None
    extension_reason: str
    decision: str
    decided_at: dt.datetime | None
    decision_note: str
    withheld_part: str
    exemption: str
    held_by: str
    fee_amount: int
    objection_deadline: dt.datetime | None
    objection: ObjectionOut | None
    files: list[RequestFileOut]
    contact_tasks: list[ContactTaskOut] = Field(
        default_factory=list, description="to officers only: what a requester without an account must be told by hand"
    )


class RequestActionIn(Schema):
    action: str = Field(
        description="extend (officer), decide (officer), withdraw (requester), hand_over (officer: `file_id`,"
        " `handed_to`) or contacted (officer: `contact_id`, `note`)"
    )
    reason: str = Field("", max_length=2000, description="extend: the reason the requester reads")
    decision: str = Field("", description="decide: granted, partly_granted, refused or not_held")
    note: str = Field("", max_length=4000)
    withheld_part: str = Field("", max_length=2000)
    exemption: str = Field("", description="decide: Pasal 17 letter, 17a … 17j")
    consequence_test: str = Field("", max_length=4000)
    held_by: str = Field("", max_length=300)
    fee_amount: int = 0
    file_id: int | None = Field(None, description="hand_over: the file handed over at the desk")
    handed_to: str = Field("", max_length=200, description="hand_over: who received it")
    contact_id: int | None = Field(None, description="contacted: the contact to-do done")


class ObjectionIn(Schema):
    grounds: list[str] = Field(description="Pasal 35 ayat (1) letters a … g")
    reasons: str = Field(max_length=4000)


class RecordObjectionIn(ObjectionIn):
    channel: str = Field(description="letter, email, whatsapp, phone or in_person")
    received_at: dt.datetime
    note: str = Field("", max_length=2000)


class ObjectionAnswerIn(Schema):
    outcome: str = Field(description="upheld or rejected")
    answer: str = Field(max_length=4000)


class ReportOut(Schema):
    agency: str
    year: int
    received: int
    granted: int
    partly_granted: int
    refused: int
    not_held: int
    withdrawn: int
    unanswered: int
    open: int
    extended: int
    answered_on_time: int
    average_working_days: float | None
    by_exemption: dict[str, int]
    objections: int
    objections_upheld: int
    objections_rejected: int
    objections_pending: int
