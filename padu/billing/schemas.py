from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class InquiryIn(_Strict):
    billing_code: str = Field(max_length=40)


class PaymentIn(_Strict):
    billing_code: str = Field(max_length=40)
    amount: int = Field(description="Whole Rupiah; must equal the bill's total")
    reference: str = Field(max_length=64, description="The channel's own unique payment reference")
    paid_at: dt.datetime | None = Field(None, description="When the payer paid, with time zone; default now")


class ReversalIn(_Strict):
    reference: str = Field(max_length=64, description="The reference of the payment to reverse")
    reversal_reference: str = Field("", max_length=64)


class InquiryOut(Schema):
    billing_code: str
    status: str
    payable: bool
    amount: int
    currency: str
    payer_name: str
    agency: str
    description: str
    expires_at: str
    reason_code: str | None = None


class PaymentOut(Schema):
    status: str
    billing_code: str
    amount: int
    channel_reference: str
    paid_at: str
    proof_number: str
    receipt_url: str


class ReversalOut(Schema):
    status: str
    billing_code: str
    amount: int
    channel_reference: str
    reversed_at: str


class LineIn(Schema):
    account_code: str = Field(max_length=40)
    description: str = Field(max_length=250)
    amount: int


class BillIn(Schema):
    payer_kind: str = Field(description="citizen, business or walk_in")
    payer_name: str = Field(max_length=200)
    payer_user_id: int | None = None
    payer_business_id: int | None = None
    source_kind: str = Field(description="levy, tax or api")
    source_reference: str = Field("", max_length=100)
    description: str = Field(max_length=250)
    valid_days: int = 7
    lines: list[LineIn]


class CancelIn(Schema):
    reason: str = Field(max_length=2000)


class LineOut(Schema):
    account_code: str
    description: str
    amount: int


class BillOut(Schema):
    id: int
    code: str
    agency: str
    payer_kind: str
    payer_name: str
    source_kind: str
    source_reference: str
    description: str
    total: int
    status: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    paid_at: dt.datetime | None
    cancel_reason: str
    lines: list[LineOut]
    qris: str = Field(description="Dynamic QRIS payload while the bill is payable; empty otherwise")
    proof_number: str | None = None


class PublicBillOut(Schema):
    code: str
    agency: str
    payer_name: str = Field(description="Masked")
    description: str
    total: int
    status: str
    expires_at: dt.datetime
    qris: str
