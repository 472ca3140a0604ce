"""Billing test helpers: a regency revenue agency with a treasurer, a QRIS channel and bills."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from padu.billing.models import Bill, PaymentChannel
from padu.billing.services import LineInput, bill_create, channel_register
from padu.billing.signing import signed_headers
from padu.core.actors import Actor
from padu.core.models import Agency, AgencyKind
from tests.factories import actor_for, make_agency, make_staff


def make_revenue_agency() -> Agency:
    return make_agency(
        name="Badan Pendapatan Daerah Kabupaten Bandung",
        kind=AgencyKind.DEPARTMENT,
        region="32.04",
        code="BAPENDA",
    )


def make_treasurer(agency: Agency) -> Actor:
    return actor_for(make_staff(agency, "treasurer"))


def make_channel(agency: Agency, treasurer: Actor, *, name: str = "Bank Daerah QRIS") -> tuple[PaymentChannel, str]:
    return channel_register(
        actor=treasurer,
        agency=agency,
        name=name,
        kind="qris",
        qris_acquirer_gui="ID.CO.BANKBPD.WWW",
        qris_merchant_pan="9360011000012345670",
        qris_merchant_id="BPD000123456789",
        qris_merchant_criteria="UBE",
        qris_nmid="ID1026000012345",
        qris_mcc="9399",
        merchant_name="Bapenda Kab. Bandung",
        merchant_city="Soreang",
        merchant_postal_code="40911",
    )


def make_bill(agency: Agency, treasurer: Actor, *, total: int = 150_000, **kw: Any) -> Bill:
    fields: dict[str, Any] = {
        "payer_kind": "walk_in",
        "payer_name": "Siti Aminah",
        "source_kind": "levy",
        "source_reference": "RET/2026/0001",
        "description": "Retribusi pelayanan persampahan November 2026",
        "lines": [LineInput("4.1.02.01.01.0001", "Retribusi persampahan", total)],
        **kw,
    }
    return bill_create(actor=treasurer, agency=agency, **fields)


class Bank:
    """A payment channel calling the API through the real HTTP interface."""

    def __init__(self, client: Client, channel: PaymentChannel, secret: str) -> None:
        self.client = client
        self.client_id = channel.client_id
        self.secret = secret

    def call(self, path: str, payload: Any, *, secret: str | None = None, now: float | None = None, **headers: str):
        body = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
        signed = signed_headers(self.client_id, secret or self.secret, body, now=now)
        signed.update(headers)
        return self.client.post(
            f"/api/v1/billing/channel/{path}",
            data=body,
            content_type="application/json",
            headers=signed,
        )

    def inquiry(self, code: str, **kw: Any):
        return self.call("inquiry", {"billing_code": code}, **kw)

    def pay(self, code: str, amount: int, reference: str, **kw: Any):
        return self.call("payments", {"billing_code": code, "amount": amount, "reference": reference}, **kw)

    def reverse(self, reference: str, **kw: Any):
        return self.call("reversals", {"reference": reference}, **kw)
