"""Background tasks for accounts: mail leaves the request path and is retried by the worker."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_account_email(message: dict[str, Any]) -> int:
    """Send a rendered account email (verification, password reset). Takes plain data, not objects."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
    )
    for content, mimetype in message.get("alternatives", []):
        email.attach_alternative(content, mimetype)
    return email.send()
