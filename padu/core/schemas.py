from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class Problem(Schema):
    """An error, as RFC 9457 problem details with a stable `code`."""

    type: str = "about:blank"
    title: str
    status: int
    code: str = Field(description="Stable, machine-readable error code")
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict, description="Messages per input field")


class RegionOut(Schema):
    code: str
    name: str
    level: int
    type: str
    parent_code: str | None = Field(None, alias="parent_id")
    postal_code: str = ""


class RegionDetailOut(RegionOut):
    ancestors: list[RegionOut]
    children_count: int


class AgencyPublicOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    level: int
    region_code: str = Field(alias="region_id")
    parent_id: int | None
    time_zone: str
    address: str
    phone: str
    email: str
    website: str


class MembershipOut(Schema):
    id: int
    user_id: int
    name: str
    role: str
    position: str
    is_active: bool


class AuditEventOut(Schema):
    seq: int
    created_at: dt.datetime
    actor_label: str
    verb: str
    object_type: str
    object_id: str
    changes: dict[str, object]


class HolidayIn(Schema):
    date: dt.date
    name: str = Field(..., max_length=150)


class HolidayOut(Schema):
    id: int
    date: dt.date
    name: str


class DeadlineOut(Schema):
    start: dt.date
    working_days: int
    due_date: dt.date
    time_zone: str


class TokenIn(Schema):
    name: str = Field(..., max_length=100)
    scopes: list[str]
    expires_at: dt.datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="Shown once; store it safely")
