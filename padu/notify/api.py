"""Notification endpoints: the caller's inbox, an agency's delivery log, gateway callbacks."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import ValidationError

from padu.core.api_auth import AUTH, api_actor
from padu.core.errors import InvalidInput, NotFound, Unauthenticated
from padu.core.schemas import Problem
from padu.notify import schemas as s
from padu.notify import selectors, services
from padu.notify.models import Channel, Message

router = Router(tags=["notifications"])
ERRORS: dict[int, type[Problem]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem}


def mask_address(address: str) -> str:
    if "@" in address:
        local, _at, domain = address.partition("@")
        return f"{local[:2]}***@{domain}"
    if len(address) > 7:
        return f"{address[:5]}{'*' * (len(address) - 8)}{address[-3:]}"
    return "***" if address else ""


def _inbox_out(m: Message) -> dict[str, Any]:
    return {
        "id": m.pk,
        "subject": m.subject,
        "body": m.body,
        "template_key": m.template_key,
        "agency_id": m.agency_id,
        "agency_name": m.agency.name if m.agency else "",
        "object_type": m.object_type,
        "object_id": m.object_id,
        "created_at": m.created_at,
        "read_at": m.read_at,
    }


@router.get("/me/messages", response={200: list[s.InboxMessageOut], **ERRORS}, auth=AUTH)
def my_messages(request: HttpRequest, unread: bool = False, limit: int = 50) -> object:
    """The caller's in-app messages, unread first."""
    qs = selectors.my_messages(api_actor(request))
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return [_inbox_out(m) for m in qs[: max(1, min(limit, 200))]]


@router.post("/me/messages/{message_id}/read", response={200: s.InboxMessageOut, **ERRORS}, auth=AUTH)
def my_message_read(request: HttpRequest, message_id: int) -> object:
    actor = api_actor(request)
    message = selectors.my_message_get(actor, message_id)
    return _inbox_out(services.message_mark_read(actor=actor, message=message))


@router.get("/agencies/{agency_id}/messages", response={200: list[s.DeliveryOut], **ERRORS}, auth=AUTH)
def agency_messages(
    request: HttpRequest, agency_id: int, status: str | None = None, before_id: int | None = None, limit: int = 50
) -> object:
    """Delivery status of the messages the agency sent, newest first (agency administrators)."""
    qs = selectors.agency_messages(api_actor(request), agency_id)
    if status:
        qs = qs.filter(status=status)
    if before_id:
        qs = qs.filter(pk__lt=before_id)
    rows = []
    for m in qs[: max(1, min(limit, 200))]:
        row = {f: getattr(m, f) for f in s.DeliveryOut.model_fields if f not in ("id", "address_masked")}
        rows.append({**row, "id": m.pk, "address_masked": mask_address(m.address)})
    return rows


def signature_valid(body: bytes, header: str) -> bool:
    secret = settings.NOTIFY_CALLBACK_SECRET
    if not secret or not header:
        return False
    given = header.strip().removeprefix("sha256=")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.lower())


@router.post(
    "/notify/callback/{channel}",
    response={200: s.CallbackOut, 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem},
    auth=None,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": s.CallbackIn.model_json_schema()}},
        },
        "parameters": [
            {
                "in": "header",
                "name": "X-Padu-Signature",
                "required": True,
                "schema": {"type": "string"},
                "description": "Hex HMAC-SHA256 of the raw body with NOTIFY_CALLBACK_SECRET",
            }
        ],
    },
)
def gateway_callback(request: HttpRequest, channel: str) -> object:
    """A gateway reports delivery: `{reference, status: delivered|failed, error?}`, signed."""
    if not signature_valid(request.body, request.headers.get("X-Padu-Signature", "")):
        raise Unauthenticated(_("The signature is missing or wrong."), code="signature_invalid")
    if channel not in (Channel.SMS, Channel.WHATSAPP, Channel.EMAIL):
        raise NotFound(code="channel_not_found")
    try:
        payload = s.CallbackIn.model_validate_json(request.body)
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for err in exc.errors():
            errors.setdefault(".".join(str(p) for p in err["loc"]) or "_", []).append(err["msg"])
        raise InvalidInput(errors=errors) from exc
    message = selectors.message_by_reference(channel=channel, reference=payload.reference)
    message = services.message_status_update(message=message, status=payload.status, error=payload.error)
    return {"reference": message.reference, "status": message.status}
