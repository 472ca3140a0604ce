from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class ServiceSummaryOut(Schema):
    agency: str
    agency_name: str
    slug: str
    name: str
    category: str
    audience: list[str]
    completion_days: int
    fee_kind: str
    fee_amount: int


class ServiceOut(ServiceSummaryOut):
    version_id: int
    version: int
    description: str
    legal_basis: str
    requirements: list[Any]
    procedure: str
    output: str
    complaint_channel: str
    contact: str
    workflow: list[Any]
    form_schema: dict[str, Any]


class ServiceIn(Schema):
    slug: str = Field("", max_length=80)
    name: str = Field(..., max_length=200)
    description: str = Field(..., max_length=5000)
    audience: list[str]
    category: str
    legal_basis: str = Field("", max_length=5000)
    requirements: list[dict[str, Any]] = Field(default_factory=list)
    procedure: str = Field("", max_length=5000)
    completion_days: int
    fee_kind: str = "free"
    fee_amount: int = 0
    fee_field: str = ""
    output: str = Field(..., max_length=250)
    complaint_channel: str = Field("", max_length=250)
    contact: str = Field("", max_length=250)
    form: dict[str, Any]
    workflow: list[dict[str, Any]]


class VersionOut(Schema):
    id: int
    slug: str
    number: int
    status: str
    name: str
    published_at: dt.datetime | None


class ApplicationIn(Schema):
    agency: str = Field(..., description="The agency's short name (slug)")
    service: str = Field(..., description="The service's short name within the agency")
    answers: dict[str, Any] = Field(default_factory=dict)
    business_id: int | None = None
    applicant_user_id: int | None = Field(
        None,
        description="Front-desk officers of the service's agency only: the walk-in applicant's account, "
        "found with the counter look-up (its `user_id`) within the last PADU_CITIZEN_LOOKUP_VALID_HOURS",
    )


class AnswersIn(Schema):
    answers: dict[str, Any]


class ActionIn(Schema):
    action: str = Field(..., description="submit, resubmit, approve, return, reject, refer or withdraw")
    note: str = Field("", max_length=2000)
    to_agency: str | None = Field(None, description="refer only: the receiving agency's short name")


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    step: int
    note: str
    agency: str
    created_at: dt.datetime


class ApplicationOut(Schema):
    id: int
    tracking_number: str
    agency: str
    service: str
    service_version: int
    status: str
    step: int
    step_role: str | None
    channel: str
    answers: dict[str, Any]
    fee_amount: int
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    completed_at: dt.datetime | None
    history: list[EventOut]


class FileOut(Schema):
    id: int
    field: str = Field(..., description="The form question's path, e.g. ktp or anggota.0.akta")
    name: str
    content_type: str = Field(..., description="The type found in the file's content")
    size: int
    sha256: str
    created_at: dt.datetime


class TrackingOut(Schema):
    tracking_number: str
    service: str
    agency: str
    status: str
    status_label: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    completed_at: dt.datetime | None
    time_zone: str


class InboxRowOut(Schema):
    id: int
    tracking_number: str
    service: str
    applicant: str
    step_role: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    overdue: bool


class InboxOut(Schema):
    total: int
    overdue: int
    near_due: int
    by_role: dict[str, int]
    rows: list[InboxRowOut]


class SurveyIn(Schema):
    scores: dict[str, int] = Field(..., description="u1 … u9, each 1 (not good) to 4 (very good)")
    comment: str = Field("", max_length=2000)


class IndexOut(Schema):
    responses: int
    element_means: dict[str, float]
    ikm: float | None = Field(None, description="Indeks Kepuasan Masyarakat, 25 to 100")
    grade: str | None = Field(None, description="A, B, C or D (PermenPANRB 14/2017)")
    quality: str | None
