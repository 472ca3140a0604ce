from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema


class InboxMessageOut(Schema):
    id: int
    subject: str
    body: str
    template_key: str
    agency_id: int | None
    agency_name: str = ""
    object_type: str
    object_id: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class DeliveryOut(Schema):
    id: int
    reference: str
    channel: str
    address_masked: str = Field(description="The address with most characters hidden")
    template_key: str
    language: str
    status: str
    error: str
    attempts: int
    provider_message_id: str
    object_type: str
    object_id: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None


class CallbackIn(Schema):
    reference: str = Field(..., max_length=64)
    status: Literal["delivered", "failed"]
    error: str = Field("", max_length=4000)


class CallbackOut(Schema):
    reference: str
    status: str
