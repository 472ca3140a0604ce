"""Delivery adapters, one per channel. Each takes a Message and returns the provider's
message id, or raises `DeliveryError`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage

from padu.notify.models import Channel, Message


class DeliveryError(Exception):
    """Sending failed. `permanent` failures (nothing configured, no address) are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def send_email(message: Message) -> str:
    if not message.address:
        raise DeliveryError("No email address for the recipient", permanent=True)
    reply_to = []
    if message.agency is not None and message.agency.email:
        reply_to = [message.agency.email]
    from_email = settings.DEFAULT_FROM_EMAIL
    if message.agency is not None:
        # The office's name on the sender; the address stays the installation's own.
        from_email = f'"{message.agency.name}" <{parseaddr(from_email)[1]}>'
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=from_email,
        to=[message.address],
        reply_to=reply_to,
        headers={"X-Padu-Reference": message.reference},
    )
    try:
        email.send()
    except OSError as exc:  # smtplib errors are OSErrors
        raise DeliveryError(f"SMTP: {exc}") from exc
    return ""


def post_to_gateway(*, name: str, url: str, token: str, message: Message) -> str:
    """POST {to, text, reference} as JSON with a bearer token; non-2xx is a failure."""
    if not url:
        raise DeliveryError(f"{name} gateway not configured", permanent=True)
    if not url.startswith(("https://", "http://")):
        raise DeliveryError(f"{name} gateway URL must be http(s)", permanent=True)
    if not message.address:
        raise DeliveryError(f"No phone number for the recipient ({name})", permanent=True)
    text = f"{message.subject}\n{message.body}" if message.subject else message.body
    data = json.dumps({"to": message.address, "text": text, "reference": message.reference}).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310 (scheme checked)
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_GATEWAY_TIMEOUT) as response:  # noqa: S310
            raw = response.read(65536)
            status = response.status
    except urllib.error.HTTPError as exc:
        body = exc.read(2000).decode("utf-8", "replace")
        raise DeliveryError(f"{name} gateway answered {exc.code}: {body}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryError(f"{name} gateway unreachable: {exc}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"{name} gateway answered {status}: {raw[:2000].decode('utf-8', 'replace')}")
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return ""
    if isinstance(answer, dict):
        return str(answer.get("id") or answer.get("message_id") or "")[:120]
    return ""


def send_sms(message: Message) -> str:
    return post_to_gateway(name="SMS", url=settings.NOTIFY_SMS_URL, token=settings.NOTIFY_SMS_TOKEN, message=message)


def send_whatsapp(message: Message) -> str:
    return post_to_gateway(
        name="WhatsApp", url=settings.NOTIFY_WHATSAPP_URL, token=settings.NOTIFY_WHATSAPP_TOKEN, message=message
    )


def send_inapp(message: Message) -> str:
    """The message is the inbox entry: nothing leaves the machine."""
    return ""


ADAPTERS: dict[str, Callable[[Message], str]] = {
    Channel.EMAIL: send_email,
    Channel.SMS: send_sms,
    Channel.WHATSAPP: send_whatsapp,
    Channel.INAPP: send_inapp,
}
