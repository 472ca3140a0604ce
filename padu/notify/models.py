"""Notifications: every message sent (email, SMS, WhatsApp, in-app) with its delivery status,
and agencies' own wording of the templates shipped in code."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency
from padu.notify.rendering import TemplateSyntaxProblem, check_syntax
from padu.notify.templates_registry import registry


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    INAPP = "inapp", _("In-app message")


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


def _new_reference() -> str:
    return uuid.uuid4().hex


class Message(models.Model):
    """One notification on one channel to one recipient. Subject and body are rendered when
    the message is created, in the recipient's language, so what was sent is what is stored."""

    # The id gateways see and call back with; not guessable, unlike the primary key.
    reference = models.CharField(max_length=32, unique=True, default=_new_reference, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        verbose_name=_("recipient"),
    )
    # An email address or an E.164 phone number (+62…); empty for in-app messages.
    address = models.CharField(_("address"), max_length=254, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    template_key = models.CharField(_("template"), max_length=80)
    language = models.CharField(_("language"), max_length=5)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("body"))
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("sender office")
    )
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_message_id = models.CharField(_("provider message id"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"], name="notify_msg_inbox"),
            models.Index(fields=["agency", "-created_at"], name="notify_msg_agency_time"),
            models.Index(fields=["object_type", "object_id"], name="notify_msg_object"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.template_key} → {self.address or self.recipient_id} ({self.status})"


class NotificationTemplate(models.Model):
    """An override of a template shipped in code: for one agency, or for the whole
    installation when `agency` is empty. Django template syntax, rendered in a restricted engine."""

    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    key = models.CharField(_("template"), max_length=80)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        constraints = [
            models.UniqueConstraint(fields=["agency", "key", "language", "channel"], name="notify_template_unique"),
            models.UniqueConstraint(
                fields=["key", "language", "channel"],
                condition=models.Q(agency__isnull=True),
                name="notify_template_unique_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} [{self.language}/{self.channel}] {self.agency or '*'}"

    def clean(self) -> None:
        if self.key not in registry:
            raise ValidationError({"key": _("Unknown template key.")})
        for name in ("subject", "body"):
            try:
                check_syntax(getattr(self, name))
            except TemplateSyntaxProblem as exc:
                raise ValidationError({name: str(exc)}) from exc
