"""Bills (tagihan) with their lines, payment channels, payments, receipts and refunds.

Money is integer Rupiah. A bill is paid by at most one payment that has not been
reversed; the database enforces it, so no race can count a bill twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency


class PayerKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    BUSINESS = "business", _("Business")
    WALK_IN = "walk_in", _("Walk-in payer")


class SourceKind(models.TextChoices):
    APPLICATION = "application", _("Service fee")
    LEVY = "levy", _("Levy (retribusi)")
    TAX = "tax", _("Regional tax")
    API = "api", _("Another system")


class BillStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PAID = "paid", _("Paid")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


class Bill(models.Model):
    """What a payer owes an agency, payable with its billing code or its QRIS code."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="bills", verbose_name=_("agency"))
    # Numeric, unique across the installation, ending in two ISO 7064 MOD 97-10 check digits.
    code = models.CharField(_("billing code"), max_length=20, unique=True, editable=False)
    payer_kind = models.CharField(_("payer"), max_length=10, choices=PayerKind.choices)
    payer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="bills"
    )
    # accounts.BusinessProfile id (billing sits beside accounts, so no foreign key).
    payer_business_id = models.BigIntegerField(null=True, blank=True)
    payer_name = models.CharField(_("payer name"), max_length=200)
    source_kind = models.CharField(_("source"), max_length=12, choices=SourceKind.choices)
    # What the bill is for in its source: an application's tracking number, a tax
    # assessment number, another system's reference.
    source_reference = models.CharField(_("source reference"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=250)
    total = models.PositiveBigIntegerField(_("total (Rupiah)"))
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(_("status"), max_length=10, choices=BillStatus.choices, default=BillStatus.UNPAID)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="billing_bill_total_positive"),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="billing_bill_cancel_has_reason",
            ),
            # One live fee bill per application: submitting twice never bills twice.
            models.UniqueConstraint(
                fields=["source_kind", "source_reference"],
                condition=models.Q(source_kind="application", status__in=["unpaid", "paid"]),
                name="billing_bill_one_live_per_application",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "-issued_at"], name="billing_bill_agency_status"),
            models.Index(fields=["status", "expires_at"], name="billing_bill_expiry"),
            models.Index(fields=["payer_user", "-issued_at"], name="billing_bill_payer"),
            models.Index(fields=["source_kind", "source_reference"], name="billing_bill_source"),
        ]

    def __str__(self) -> str:
        return self.code


class BillLine(models.Model):
    """One item of a bill, booked to a revenue account (kode rekening pendapatan)."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=1)
    account_code = models.CharField(_("revenue account code"), max_length=40)
    description = models.CharField(_("description"), max_length=250)
    amount = models.PositiveBigIntegerField(_("amount (Rupiah)"))

    class Meta:
        ordering = ["bill", "position"]
        verbose_name = _("bill line")
        verbose_name_plural = _("bill lines")
        constraints = [
            models.UniqueConstraint(fields=["bill", "position"], name="billing_line_position"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_line_amount_positive"),
        ]
        indexes = [models.Index(fields=["account_code"], name="billing_line_account")]

    def __str__(self) -> str:
        return f"{self.account_code} {self.amount}"


class ChannelKind(models.TextChoices):
    BANK = "bank", _("Bank")
    QRIS = "qris", _("QRIS acquirer")


class QrisCriteria(models.TextChoices):
    """QRIS merchant criteria (kriteria merchant), as the acquirer's letter states it."""

    MICRO = "UMI", _("UMI: micro business (usaha mikro)")
    SMALL = "UKE", _("UKE: small business (usaha kecil)")
    MEDIUM = "UME", _("UME: medium business (usaha menengah)")
    LARGE = "UBE", _("UBE: large business (usaha besar)")


class PaymentChannel(models.Model):
    """A bank or QRIS acquirer allowed to take payments for an agency's bills. It signs
    every request with its shared secret (HMAC-SHA256)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="payment_channels")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=ChannelKind.choices)
    client_id = models.CharField(_("client id"), max_length=40, unique=True, editable=False)
    # The secret is needed to check signatures, so it is encrypted, not hashed.
    secret_encrypted = models.TextField(editable=False)
    secret_hint = models.CharField(max_length=8, editable=False)
    secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # QRIS merchant data, copied by the treasurer from the acquirer's letter (rules in qris.py).
    # Until all of it is there and valid, the channel gives no QRIS codes.
    qris_acquirer_gui = models.CharField(
        _("acquirer GUI"), max_length=32, blank=True, help_text=_("e.g. ID.CO.BANKBPD.WWW")
    )
    qris_merchant_pan = models.CharField(_("QRIS merchant PAN"), max_length=19, blank=True)
    qris_merchant_id = models.CharField(_("QRIS merchant ID"), max_length=15, blank=True)
    qris_merchant_criteria = models.CharField(
        _("QRIS merchant criteria"), max_length=3, blank=True, choices=QrisCriteria.choices
    )
    qris_nmid = models.CharField(_("QRIS national merchant id (NMID)"), max_length=15, blank=True)
    qris_mcc = models.CharField(_("merchant category code (MCC)"), max_length=4, blank=True, default="9399")
    qris_updated_at = models.DateTimeField(_("QRIS data entered at"), null=True, blank=True, editable=False)
    merchant_name = models.CharField(_("merchant name"), max_length=25, blank=True)
    merchant_city = models.CharField(_("merchant city"), max_length=15, blank=True)
    merchant_postal_code = models.CharField(_("merchant postal code"), max_length=10, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("payment channel")
        verbose_name_plural = _("payment channels")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="billing_channel_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.client_id})"


class Payment(models.Model):
    """Money a channel reports as received for a bill. A reversal (same day) keeps the
    row and marks it; the bill becomes payable again."""

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="payments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(PaymentChannel, on_delete=models.PROTECT, related_name="payments")
    channel_reference = models.CharField(_("channel reference"), max_length=64)
    amount = models.PositiveBigIntegerField(_("amount (Rupiah)"))
    paid_at = models.DateTimeField(_("paid at"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    # SHA-256 of the canonical notification: the same reference with other content is refused.
    request_sha256 = models.CharField(max_length=64, editable=False)
    # The answer given the first time, given again to a repeated notification.
    answer = models.JSONField(default=dict, editable=False)
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversal_reference = models.CharField(max_length=64, blank=True)
    reversal_answer = models.JSONField(default=dict, editable=False)

    class Meta:
        ordering = ["-paid_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["channel", "channel_reference"], name="billing_payment_channel_ref"),
            models.UniqueConstraint(
                fields=["bill"], condition=models.Q(reversed_at__isnull=True), name="billing_payment_one_per_bill"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_payment_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["agency", "paid_at"], name="billing_payment_agency_time"),
            models.Index(fields=["channel", "paid_at"], name="billing_payment_channel_time"),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id}:{self.channel_reference}"


class Receipt(models.Model):
    """Proof of payment (bukti bayar) with a unique proof number, like an NTPN."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="receipt")
    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="receipts")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("proof number"), max_length=16, unique=True, editable=False)
    # Unguessable: the public verification page is found only through the QR code.
    verification_code = models.CharField(max_length=40, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.number


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RefundRequest(models.Model):
    """A refund of a paid bill: asked by one treasurer, decided by another."""

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="refunds")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveBigIntegerField(_("amount (Rupiah)"))
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("refund request")
        verbose_name_plural = _("refund requests")
        constraints = [
            models.UniqueConstraint(
                fields=["bill"], condition=models.Q(status="pending"), name="billing_refund_one_pending"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | ~models.Q(decided_by=models.F("requested_by")),
                name="billing_refund_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"refund {self.bill_id} {self.status}"


class RequestKind(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    PAYMENT = "payment", _("Payment notification")
    REVERSAL = "reversal", _("Reversal")


class ChannelRequest(models.Model):
    """Every call a channel made, with the answer: the trail for disputes with a bank."""

    channel = models.ForeignKey(PaymentChannel, null=True, on_delete=models.PROTECT, related_name="requests")
    client_id = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    billing_code = models.CharField(max_length=40, blank=True)
    reference = models.CharField(max_length=64, blank=True)
    body_sha256 = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    error_code = models.CharField(max_length=40, blank=True)
    answer = models.JSONField(default=dict)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("channel request")
        verbose_name_plural = _("channel requests")
        indexes = [models.Index(fields=["channel", "-created_at"], name="billing_request_channel")]

    def __str__(self) -> str:
        return f"{self.kind} {self.status_code} {self.error_code}"
