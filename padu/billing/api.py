"""E-billing API: the payment-channel interface for banks and QRIS acquirers (signed with
HMAC, see signing.py), and the staff, payer and public reads of bills."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import BaseModel, ValidationError

from padu.billing import schemas as s
from padu.billing import selectors, services
from padu.billing.errors import SignatureInvalid, TimestampStale
from padu.billing.models import Bill, ChannelKind, PaymentChannel, RequestKind
from padu.billing.qris import MERCHANT_FIELDS, channel_qris_problems
from padu.billing.signing import (
    HEADER_CLIENT_ID,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    signature_matches,
    timestamp_fresh,
)
from padu.core.actors import client_ip
from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import InvalidInput, PaduError
from padu.core.schemas import Problem
from padu.core.selectors import agency_get_for
from padu.core.services import DataLook, personal_data_accesses_record

router = Router(tags=["e-billing"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
BILL_READ_SCOPES = ("bills:read", "bills:write")
CHANNEL_ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem}


def _problem(exc: PaduError) -> dict[str, Any]:
    detail = str(exc.message)
    return {
        "type": "about:blank",
        "title": detail,
        "status": exc.status,
        "code": exc.code,
        "detail": detail,
        "errors": {k: [str(m) for m in v] for k, v in exc.errors.items()},
        **exc.extra,
    }


def _parse(model: type[BaseModel], body: bytes) -> Any:
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(_("The request body could not be read; send valid JSON."), code="malformed_request") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found: dict[str, list[str]] = {}
        for err in exc.errors():
            found.setdefault(".".join(str(p) for p in err["loc"]) or "_", []).append(str(err["msg"]))
        raise InvalidInput(_("Some of the data is not valid."), code="invalid_input", errors=found) from exc


def _channel_call(
    request: HttpRequest,
    kind: str,
    model: type[BaseModel],
    handle: Callable[[PaymentChannel, Any], dict[str, Any]],
) -> HttpResponse:
    """Authenticate the channel, parse, handle; log the call and its answer either way."""
    body = request.body
    client_id = request.headers.get(HEADER_CLIENT_ID, "")
    channel: PaymentChannel | None = None
    code = reference = ""
    try:
        channel = selectors.channel_for_client_id(client_id)
        if not timestamp_fresh(request.headers.get(HEADER_TIMESTAMP, "")):
            raise TimestampStale()
        if not signature_matches(
            services.channel_secret(channel),
            request.headers.get(HEADER_TIMESTAMP, ""),
            body,
            request.headers.get(HEADER_SIGNATURE, ""),
        ):
            raise SignatureInvalid()
        data = _parse(model, body)
        code = getattr(data, "billing_code", "")
        reference = getattr(data, "reference", "")
        answer = handle(channel, data)
    except PaduError as exc:
        problem = _problem(exc)
        services.channel_request_log(
            channel=channel,
            client_id=client_id,
            kind=kind,
            body=body,
            status_code=exc.status,
            answer=problem,
            billing_code=code,
            reference=reference,
            error_code=exc.code,
            ip_address=client_ip(request),
        )
        return JsonResponse(problem, status=exc.status, content_type="application/problem+json")
    services.channel_request_log(
        channel=channel,
        client_id=client_id,
        kind=kind,
        body=body,
        status_code=200,
        answer=answer,
        billing_code=code,
        reference=reference,
        ip_address=client_ip(request),
    )
    return JsonResponse(answer, status=200)


@router.post(
    "/billing/channel/inquiry",
    response={200: s.InquiryOut, **CHANNEL_ERRORS},
    auth=None,
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": s.InquiryIn.model_json_schema()}}}},
)
def channel_inquiry(request: HttpRequest) -> HttpResponse:
    """Look a bill up by its billing code: amount, masked payer name, status.

    Every channel call is signed: headers `X-Padu-Client-Id`, `X-Padu-Timestamp` (Unix
    seconds, within 5 minutes of Padu's clock) and `X-Padu-Signature`, the hex
    HMAC-SHA256 keyed with the channel's secret over the timestamp, a newline and the raw
    body. Refusals: `signature_invalid`, `timestamp_stale`, `channel_unknown`,
    `bill_code_invalid`, `bill_unknown`."""
    return _channel_call(
        request, RequestKind.INQUIRY, s.InquiryIn, lambda c, d: selectors.bill_inquiry(c, d.billing_code)
    )


def _pay(channel: PaymentChannel, data: s.PaymentIn) -> dict[str, Any]:
    payment, _new = services.payment_notify(
        channel=channel, code=data.billing_code, amount=data.amount, reference=data.reference, paid_at=data.paid_at
    )
    return dict(payment.answer)


@router.post(
    "/billing/channel/payments",
    response={200: s.PaymentOut, **CHANNEL_ERRORS},
    auth=None,
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": s.PaymentIn.model_json_schema()}}}},
)
def channel_payment(request: HttpRequest) -> HttpResponse:
    """Notify a payment (signed like the inquiry). Idempotent by `reference`: the same notification again gets the
    same answer and records nothing new; once that payment was reversed it gets `payment_reversed` (409), never the
    void receipt. Refusals: `amount_mismatch`, `bill_expired`, `bill_cancelled`, `bill_already_paid`, `bill_unknown`,
    `bill_code_invalid`, `reference_reused`, `payment_reversed`, `signature_invalid`, `timestamp_stale`,
    `channel_unknown`."""
    return _channel_call(request, RequestKind.PAYMENT, s.PaymentIn, _pay)


def _reverse(channel: PaymentChannel, data: s.ReversalIn) -> dict[str, Any]:
    payment = services.payment_reverse(
        channel=channel, reference=data.reference, reversal_reference=data.reversal_reference
    )
    return dict(payment.reversal_answer)


@router.post(
    "/billing/channel/reversals",
    response={200: s.ReversalOut, **CHANNEL_ERRORS},
    auth=None,
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": s.ReversalIn.model_json_schema()}}}},
)
def channel_reversal(request: HttpRequest) -> HttpResponse:
    """Reverse a payment (signed like the inquiry) on the day it was made (`reversal_too_late` afterwards). Repeating
    a reversal answers the same."""
    return _channel_call(request, RequestKind.REVERSAL, s.ReversalIn, _reverse)


def _bill(bill: Bill) -> dict[str, Any]:
    receipt = selectors.bill_receipt(bill)
    qris, qris_status = selectors.bill_qris_status(bill)
    return {
        "id": bill.pk,
        "code": bill.code,
        "agency": bill.agency.slug,
        "payer_kind": bill.payer_kind,
        "payer_name": bill.payer_name,
        "source_kind": bill.source_kind,
        "source_reference": bill.source_reference,
        "description": bill.description,
        "total": bill.total,
        "status": bill.status,
        "issued_at": bill.issued_at,
        "expires_at": bill.expires_at,
        "paid_at": bill.paid_at,
        "cancel_reason": bill.cancel_reason,
        "lines": [
            {"account_code": line.account_code, "description": line.description, "amount": line.amount}
            for line in bill.lines.all()
        ],
        "qris": qris,
        "qris_status": qris_status,
        "proof_number": receipt.number if receipt else None,
    }


def _payer_look(bill: Bill, purpose: str) -> DataLook:
    """The payer's name shown to staff or another system, for the payer's access log (a payer
    without an account, e.g. a walk-in, has none)."""
    return DataLook(bill.payer_user_id, bill.agency, purpose, ["payer_name"])


def _record_bill_read(actor: Any, bill: Bill) -> None:
    personal_data_accesses_record(
        actor=actor, looks=[_payer_look(bill, _("Reading bill %(code)s") % {"code": bill.code})]
    )


@router.get("/billing/agencies/{agency_id}/bills", response={200: list[s.BillOut], **ERRORS}, auth=AUTH)
def bill_list(
    request: HttpRequest, agency_id: int, status: str = "", source_kind: str = "", q: str = "", beneath: bool = False
) -> object:
    """The agency's bills, newest first (a supervisor may add those beneath). Each payer listed
    gets one row in their personal-data access log."""
    actor = api_actor(request, BILL_READ_SCOPES)
    qs = selectors.bills_for(actor, agency_id, status=status, source_kind=source_kind, query=q, beneath=beneath)
    bills = list(qs.prefetch_related("lines", "payments__receipt")[:200])
    personal_data_accesses_record(
        actor=actor,
        looks=[_payer_look(b, _("Listing the agency's bills (%(code)s)") % {"code": b.code}) for b in bills],
    )
    return [_bill(b) for b in bills]


@router.post("/billing/agencies/{agency_id}/bills", response={201: s.BillOut, **ERRORS}, auth=AUTH)
def bill_create(request: HttpRequest, agency_id: int, payload: s.BillIn) -> object:
    """Issue a levy, tax or other-system bill (treasurer)."""
    actor = api_actor(request, "bills:write")
    agency = agency_get_for(actor, agency_id)
    bill = services.bill_create(
        actor=actor,
        agency=agency,
        payer_kind=payload.payer_kind,
        payer_name=payload.payer_name,
        payer_user_id=payload.payer_user_id,
        payer_business_id=payload.payer_business_id,
        source_kind=payload.source_kind,
        source_reference=payload.source_reference,
        description=payload.description,
        valid_days=payload.valid_days,
        lines=[services.LineInput(x.account_code, x.description, x.amount) for x in payload.lines],
    )
    return Status(201, _bill(selectors.bill_for_staff(actor, bill.pk)))


@router.get("/billing/bills/{bill_id}", response={200: s.BillOut, **ERRORS}, auth=AUTH)
def bill_detail(request: HttpRequest, bill_id: int) -> object:
    """The payer's own bill, or the staff's view (recorded in the payer's access log)."""
    actor = api_actor(request, BILL_READ_SCOPES)
    bill = selectors.bill_for(actor, bill_id)
    _record_bill_read(actor, bill)
    return _bill(bill)


@router.post("/billing/bills/{bill_id}/cancel", response={200: s.BillOut, **ERRORS}, auth=AUTH)
def bill_cancel(request: HttpRequest, bill_id: int, payload: s.CancelIn) -> object:
    actor = api_actor(request)
    bill = services.bill_cancel(actor=actor, bill=selectors.bill_for_staff(actor, bill_id), reason=payload.reason)
    bill = selectors.bill_for_staff(actor, bill.pk)
    _record_bill_read(actor, bill)
    return _bill(bill)


@router.get("/me/bills", response={200: list[s.BillOut], **ERRORS}, auth=AUTH)
def my_bills(request: HttpRequest) -> object:
    return [
        _bill(b) for b in selectors.my_bills(api_actor(request)).prefetch_related("lines", "payments__receipt")[:100]
    ]


@router.get("/billing/public/{code}", response={200: s.PublicBillOut, 400: Problem, 404: Problem}, auth=None)
def bill_public(request: HttpRequest, code: str) -> object:
    """A bill by its billing code, for anyone who has it: the payer's name masked."""
    bill = selectors.bill_public(code)
    qris, qris_status = selectors.bill_qris_status(bill)
    return {
        "code": bill.code,
        "agency": bill.agency.name,
        "payer_name": selectors.mask_name(bill.payer_name),
        "description": bill.description,
        "total": bill.total,
        "status": bill.status,
        "expires_at": bill.expires_at,
        "qris": qris,
        "qris_status": qris_status,
    }


# --- Payment channels (treasurer) -------------------------------------------------------


def _refusal(exc: PaduError) -> HttpResponse:
    # With `field_codes` (field → stable code) when merchant data breaks a QRIS rule.
    return JsonResponse(_problem(exc), status=exc.status, content_type="application/problem+json")


def _channel(channel: PaymentChannel) -> dict[str, Any]:
    qris = channel.kind == ChannelKind.QRIS
    problems = channel_qris_problems(channel) if qris else {}
    return {
        "id": channel.pk,
        "name": channel.name,
        "kind": channel.kind,
        "client_id": channel.client_id,
        "secret_hint": channel.secret_hint,
        "is_active": channel.is_active,
        "qris": {
            "acquirer_gui": channel.qris_acquirer_gui,
            "merchant_pan": channel.qris_merchant_pan,
            "merchant_id": channel.qris_merchant_id,
            "merchant_criteria": channel.qris_merchant_criteria,
            "nmid": channel.qris_nmid,
            "mcc": channel.qris_mcc,
            "merchant_name": channel.merchant_name,
            "merchant_city": channel.merchant_city,
            "merchant_postal_code": channel.merchant_postal_code,
            "updated_at": channel.qris_updated_at,
        }
        if qris
        else None,
        "qris_ready": qris and not problems,
        "qris_problems": {name: p.code for name, p in problems.items()},
    }


@router.get("/billing/agencies/{agency_id}/channels", response={200: list[s.ChannelOut], **ERRORS}, auth=AUTH)
def channel_list(request: HttpRequest, agency_id: int) -> object:
    """The agency's payment channels (never a secret), each QRIS acquirer with its merchant data
    and whether it is complete. The treasurer only (two-factor login); tokens are refused."""
    return [_channel(c) for c in selectors.channels_for(api_actor(request), agency_id)]


@router.post(
    "/billing/agencies/{agency_id}/channels",
    response={201: s.ChannelCreatedOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    auth=AUTH,
)
def channel_create(request: HttpRequest, agency_id: int, payload: s.ChannelIn) -> object:
    """Register a bank or QRIS acquirer (treasurer). The secret is in this answer only. A QRIS
    acquirer's merchant data may come now or later (`PUT billing/channels/{id}/qris`); given
    now, all of it must follow the QRIS rules, or the answer is `channel_invalid` with
    `errors` and `field_codes` per field (e.g. `qris_merchant_id_too_long`)."""
    actor = api_actor(request)
    try:
        agency = agency_get_for(actor, agency_id)
        channel, secret = services.channel_register(actor=actor, agency=agency, **payload.model_dump())
    except PaduError as exc:
        return _refusal(exc)
    response = JsonResponse({**_channel(channel), "secret": secret}, status=201)
    response["Cache-Control"] = "no-store"
    return response


@router.put("/billing/channels/{channel_id}/qris", response={200: s.ChannelOut, **ERRORS}, auth=AUTH)
def channel_qris(request: HttpRequest, channel_id: int, payload: s.QrisMerchantIn) -> object:
    """Enter or correct a QRIS acquirer's merchant data from its letter (treasurer; audited).
    Every field is required. Refusals: `channel_invalid` with `field_codes` (`<field>_required`,
    `_too_long`, `_format`; `qris_acquirer_gui_national`; `qris_merchant_pan_too_short`,
    `_prefix`, `_check_digit`; `qris_merchant_criteria_invalid`), `channel_not_qris`,
    `treasurer_required`, `channel_not_found`."""
    actor = api_actor(request)
    try:
        channel = services.channel_qris_update(
            actor=actor,
            channel=selectors.channel_for(actor, channel_id),
            **payload.model_dump(include=set(MERCHANT_FIELDS)),
        )
    except PaduError as exc:
        return _refusal(exc)
    return _channel(channel)
