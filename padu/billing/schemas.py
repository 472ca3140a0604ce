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
    qris_status: str = Field(
        description="available, not_payable, no_channel (the office takes no QRIS) or not_ready (its QRIS "
        "acquirer's merchant data is not complete yet)"
    )
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
    qris_status: str


# --- Payment channels (treasurer) ------------------------------------------------------

_MERCHANT_HELP = "Copied from the acquirer's letter; checked against the QRIS rules (problem `field_codes`)"


class QrisMerchantIn(_Strict):
    qris_acquirer_gui: str = Field("", max_length=200, description="The acquirer's reverse domain, at most 32")
    qris_merchant_pan: str = Field("", max_length=200, description="16 to 19 digits: 9360, institution code, Luhn")
    qris_merchant_id: str = Field("", max_length=200, description="The acquirer's merchant ID, at most 15")
    qris_merchant_criteria: str = Field("", max_length=200, description="UMI, UKE, UME or UBE")
    qris_nmid: str = Field("", max_length=200, description="ID and 10 to 13 digits")
    qris_mcc: str = Field("9399", max_length=200, description="4 digits (ISO 18245)")
    merchant_name: str = Field("", max_length=200, description="At most 25 characters")
    merchant_city: str = Field("", max_length=200, description="At most 15 characters")
    merchant_postal_code: str = Field("", max_length=200, description="5 digits")


class ChannelIn(QrisMerchantIn):
    name: str = Field(max_length=200)
    kind: str = Field(description="bank or qris. " + _MERCHANT_HELP + "; a bank has none")


class QrisMerchantOut(Schema):
    acquirer_gui: str
    merchant_pan: str
    merchant_id: str
    merchant_criteria: str
    nmid: str
    mcc: str
    merchant_name: str
    merchant_city: str
    merchant_postal_code: str
    updated_at: dt.datetime | None


class ChannelOut(Schema):
    id: int
    name: str
    kind: str
    client_id: str
    secret_hint: str
    is_active: bool
    qris: QrisMerchantOut | None = Field(description="A QRIS acquirer's merchant data; null for a bank")
    qris_ready: bool = Field(description="The merchant data is complete and valid: bills carry QRIS codes")
    qris_problems: dict[str, str] = Field(description="Field → code of each rule the merchant data breaks")


class ChannelCreatedOut(ChannelOut):
    secret: str = Field(description="Shown once; give it to the bank over a safe channel")
