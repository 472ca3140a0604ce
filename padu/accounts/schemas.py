from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class CitizenIn(Schema):
    nik: str = Field(..., max_length=32)
    kk_number: str = Field("", max_length=32)
    name: str = Field(..., max_length=150)
    birth_place: str = Field(..., max_length=100)
    birth_date: dt.date
    region_code: str = Field(..., max_length=13, description="The village code, e.g. 32.04.05.2001")
    street: str = Field(..., max_length=250)


class CitizenOut(Schema):
    nik_masked: str
    name: str
    birth_place: str
    birth_date: dt.date
    gender: str
    region_code: str
    street: str


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
