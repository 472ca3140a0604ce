"""Schemas of the register's API (areas, residents, families, life events, proposals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class AreaOut(Schema):
    id: int
    level: str
    name: str
    parent_id: int | None
    head_name: str
    head_phone: str


class AreaIn(Schema):
    level: str = Field(description="dusun, rw or rt")
    name: str
    parent_id: int | None = Field(None, description="The dusun of an RW, the RW of an RT")
    head_name: str = ""
    head_phone: str = ""
    id: int | None = Field(None, description="An existing area to rename")


class ResidentRowOut(Schema):
    id: int
    name: str
    nik_masked: str
    sex: str
    age: int
    area: str
    family_id: int | None
    kk_masked: str
    life_status: str


class ResidentPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ResidentRowOut]


class ResidentOut(Schema):
    id: int
    family_id: int | None
    kk_number: str
    area_id: int | None
    area: str
    life_status: str
    registered_on: dt.date
    left_on: dt.date | None
    items: dict[str, Any] = Field(description="The record's items; sensitive ones only for the register officer")
    sensitive_shown: bool


class MemberOut(Schema):
    id: int
    name: str
    nik_masked: str
    relationship: int | None
    sex: str
    birth_date: dt.date
    life_status: str


class FamilyOut(Schema):
    id: int
    kk_number: str
    area_id: int | None
    address: str
    is_active: bool
    members: list[MemberOut]


class EventIn(Schema):
    """One life event: `kind` and its arguments. Records are named by id: `resident_id`,
    `family_id`, `new_head_id`, `spouse_id`, `leaving_id`, `destination_family_id`, `into_id`,
    `area_id`, `member_ids`; the rest as the event needs them (`values` of a birth, `people`
    of a move in, `destination`, `kk_number`, `new_kk_number`, `certificate_number`,
    `relationships` {resident id: SHDK code}, `details`, `reason` of a correction, ...)."""

    kind: str = Field(
        description="birth, death, move_in, move_out, move_within, marriage, divorce, missing, found,"
        " kk_split, kk_merge or correction"
    )
    occurred_on: dt.date | None = None
    resident_id: int | None = Field(None, description="The resident concerned (also accepted in `fields`)")
    family_id: int | None = Field(None, description="The KK concerned (also accepted in `fields`)")
    note: str = ""
    fields: dict[str, Any] = Field(default_factory=dict)


class ChangeOut(Schema):
    resident_id: int | None
    family_id: int | None
    field: str
    old: str
    new: str


class LifeEventOut(Schema):
    id: int
    kind: str
    occurred_on: dt.date
    resident_id: int | None
    family_id: int | None
    details: dict[str, Any]
    note: str
    source: str
    reference: str
    reverses_id: int | None
    reversed_by_id: int | None
    recorded_at: dt.datetime
    changes: list[ChangeOut] = Field(default_factory=list)


class ReverseIn(Schema):
    reason: str


class ProposalOut(Schema):
    id: int
    kind: str
    reference: str
    summary: str
    status: str
    resident_id: int | None
    event_id: int | None
    reason: str
    created_at: dt.datetime
    details: dict[str, Any]


class ProposalActionIn(Schema):
    action: str = Field(description="accept (with the event's `fields` and `occurred_on`) or dismiss (with `reason`)")
    occurred_on: dt.date | None = None
    fields: dict[str, Any] = Field(default_factory=dict)
    reason: str = ""
