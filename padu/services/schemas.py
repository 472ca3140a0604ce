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


class RequirementOut(Schema):
    name: str
    required: bool
    kind: str = Field(..., description="document or condition")
    field: str = Field(..., description="For a document: the form's file question that collects it (empty if none)")
    at_counter: bool = Field(..., description="For a document: shown at the counter")


class CharterOut(Schema):
    text: str
    signed_by_name: str
    signed_by_title: str
    published_on: dt.date


HOURS_DESCRIPTION = (
    'Opening hours per weekday (mon … sun), open days only: {"mon": [["08:00", "15:30"]], '
    '"fri": [["08:00", "11:00"], ["13:00", "16:00"]]}; periods in 24-hour time, in order, not overlapping'
)
REQUIREMENTS_DESCRIPTION = (
    "Each {name, required, kind, field, at_counter}: a document (kind document) names the form's file "
    "question that collects it (field: ktp, or group.question) and/or is shown at the counter "
    "(at_counter: true); a condition (kind condition) is neither"
)


class ServiceOut(ServiceSummaryOut):
    version_id: int
    version: int
    description: str
    legal_basis: str
    requirements: list[RequirementOut]
    procedure: str
    output: str
    complaint_channel: str
    contact: str
    facilities: str
    staff_competence: str
    internal_supervision: str
    staff_count: int | None
    service_guarantee: str
    security_guarantee: str
    performance_evaluation: str
    hours: dict[str, list[list[str]]] = Field(..., description=HOURS_DESCRIPTION)
    charter: CharterOut | None = Field(None, description="The agency's service charter (maklumat pelayanan)")
    workflow: list[Any]
    form_schema: dict[str, Any]


class ServiceIn(Schema):
    slug: str = Field("", max_length=80)
    name: str = Field(..., max_length=200)
    description: str = Field(..., max_length=5000)
    audience: list[str]
    category: str
    legal_basis: str = Field("", max_length=5000)
    requirements: list[dict[str, Any]] = Field(default_factory=list, description=REQUIREMENTS_DESCRIPTION)
    procedure: str = Field("", max_length=5000)
    completion_days: int
    fee_kind: str = "free"
    fee_amount: int = 0
    fee_field: str = ""
    output: str = Field(..., max_length=250)
    complaint_channel: str = Field("", max_length=250)
    contact: str = Field("", max_length=250)
    facilities: str = Field("", max_length=5000)
    staff_competence: str = Field("", max_length=5000)
    internal_supervision: str = Field("", max_length=5000)
    staff_count: int | None = Field(None, description="Number of staff who serve it (1 or more)")
    service_guarantee: str = Field("", max_length=5000)
    security_guarantee: str = Field("", max_length=5000)
    performance_evaluation: str = Field("", max_length=5000)
    hours: dict[str, Any] = Field(default_factory=dict, description=HOURS_DESCRIPTION)
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
    paused_working_days: int | None = Field(
        None, description="On the event that restarted the service clock: the working days it stood"
    )


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
    due_at: dt.datetime | None = Field(None, description="Moved by the working days the service clock stood")
    completed_at: dt.datetime | None
    paused_at: dt.datetime | None = Field(None, description="While returned: since when the service clock stands")
    paused_working_days: int = Field(0, description="Working days the clock stood while the file was returned")
    working_days_taken: int | None = Field(
        None, description="On completion: working days from submission to completion, pauses not counted"
    )
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
    paused_at: dt.datetime | None = Field(None, description="While returned: since when the service clock stands")


class InboxRowOut(Schema):
    id: int
    tracking_number: str
    service: str
    applicant: str
    step_role: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    overdue: bool
    paused_working_days: int = Field(0, description="Working days the due date moved while the file was returned")


class InboxOut(Schema):
    total: int
    overdue: int
    near_due: int
    by_role: dict[str, int]
    rows: list[InboxRowOut]


class SurveyIn(Schema):
    scores: dict[str, int] = Field(..., description="u1 … u9, each 1 (not good) to 4 (very good)")
    comment: str = Field("", max_length=2000)
    profile: dict[str, Any] = Field(
        default_factory=dict,
        description="The respondent, every key optional (PermenPANRB 14/2017): sex L or P; age in years "
        "(10 to 120); education sd, smp, sma, diploma, s1 or s2 (S2 and above); occupation pns, tni, "
        "polri, swasta, wirausaha or lainnya",
    )


class IndexOut(Schema):
    responses: int
    element_means: dict[str, float]
    ikm: float | None = Field(
        None, description="Indeks Kepuasan Masyarakat, 25 to 100; null until the period has `required` responses"
    )
    grade: str | None = Field(None, description="A, B, C or D (PermenPANRB 14/2017)")
    quality: str | None
    published: bool = Field(..., description="Whether the period has enough responses for an index")
    population: int = Field(..., description="Applications completed in the period")
    required: int = Field(
        ...,
        description="Responses needed: the Krejcie-Morgan sample for the population, at least PADU_SKM_MIN_RESPONSES",
    )
    respondents: dict[str, dict[str, int]] = Field(
        ..., description="Respondents by sex, education and occupation; empty until published"
    )


class OnTimeOut(Schema):
    key: str = Field(..., description="The service's short name; empty for the agency's total")
    label: str
    completed: int = Field(..., description="Applications completed in the period")
    on_time: int = Field(..., description="Completed by their due date, moved by the clock's pauses")
    on_time_percent: float | None
    paused: int = Field(..., description="Completed applications whose clock stood at least one working day")
    average_working_days: float | None = Field(
        ..., description="Working days from submission to completion, pauses not counted"
    )


class OnTimeReportOut(Schema):
    agency: str
    agency_name: str
    start: dt.date | None
    end: dt.date | None
    total: OnTimeOut
    by_service: list[OnTimeOut]
