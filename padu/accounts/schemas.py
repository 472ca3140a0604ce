from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class WarningOut(Schema):
    code: str = Field(description="nik_district_unknown, nik_birth_date_differs")
    message: str
    field: str


class CitizenIn(Schema):
    nik: str = Field(..., max_length=32)
    kk_number: str = Field("", max_length=32)
    name: str = Field(..., max_length=150)
    birth_place: str = Field(..., max_length=100)
    birth_date: dt.date
    region_code: str = Field(..., max_length=13, description="The village code, e.g. 32.04.05.2001")
    street: str = Field(..., max_length=250)
    claim_code: str = Field(
        "",
        max_length=20,
        description="Only to take over a profile an office registered at its counter: the code on the receipt",
    )


class CitizenOut(Schema):
    nik_masked: str
    name: str
    birth_place: str
    birth_date: dt.date
    gender: str
    region_code: str
    street: str
    birth_date_check: str = Field(description="matches, to_confirm (by an officer) or confirmed")
    warnings: list[WarningOut] = Field(
        description="Accepted, but worth checking (e.g. a NIK region code of before a split)"
    )


class MeOut(Schema):
    id: int
    email: str | None
    phone: str | None
    full_name: str
    language: str
    citizen: CitizenOut | None
    memberships: list[dict[str, object]]


class BusinessIn(Schema):
    name: str = Field(..., max_length=200)
    nib: str = Field(..., max_length=32)
    npwp: str = Field(..., max_length=32)
    legal_form: str = Field("", max_length=50)
    region_code: str = Field(..., max_length=13)
    street: str = Field(..., max_length=250)


class BusinessOut(Schema):
    id: int
    name: str
    nib: str
    npwp: str
    legal_form: str
    region_code: str = Field(alias="region_id")
    street: str


class AccessOut(Schema):
    created_at: dt.datetime
    viewer: str = Field(description='The officer, or "API token <prefix> (owner)" for another system\'s read')
    token: str | None = Field(None, description="The API token's prefix when another system read the data")
    agency: str | None
    purpose: str
    fields: list[str]


class LookupIn(Schema):
    nik: str = Field(..., max_length=32)
    purpose: str = Field(..., max_length=200, description="Why the officer looks the person up")


class LookupOut(Schema):
    user_id: int
    nik_masked: str
    name: str
    birth_date: dt.date
    gender: str
    region_code: str
    street: str
    birth_date_check: str = Field(description="matches, to_confirm (by an officer) or confirmed")


class WalkInIn(Schema):
    nik: str = Field(..., max_length=32)
    name: str = Field(..., max_length=150)
    birth_place: str = Field(..., max_length=100)
    birth_date: dt.date
    region_code: str = Field(..., max_length=13, description="The village code, e.g. 32.04.05.2001")
    street: str = Field(..., max_length=250)
    phone: str = Field("", max_length=20, description="Optional phone number")


class WalkInOut(LookupOut):
    claim_code: str = Field(description="Print it for the person: with it they take the profile over online later")
    warnings: list[WarningOut]


class BirthDateConfirmIn(Schema):
    evidence: str = Field(..., max_length=300, description="The document the officer checked")
