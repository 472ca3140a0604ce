"""Settlement statements (rekening koran / laporan settlement) that a payment channel sends
the agency, and each of their lines matched against the payments Padu recorded.

A statement covers one channel and a period of the agency's local calendar days. Lines
come from the uploaded file (matched, amount mismatch, missing in Padu) and from Padu's own
payments of the period that the file does not list (missing in the statement).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.billing.models.bills import Bill, Payment, PaymentChannel
from padu.core.models import Agency


def _statement_path(instance: SettlementStatement, filename: str) -> str:
    # The uploaded name never reaches the disk path; it is kept in `original_name`.
    return f"billing/settlements/{instance.agency_id}/{secrets.token_hex(12)}.csv"


def _proof_path(instance: SettlementLine, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"billing/settlement-proofs/{secrets.token_hex(12)}.{suffix[:5]}"


class StatementStatus(models.TextChoices):
    OPEN = "open", _("Has unresolved differences")
    RECONCILED = "reconciled", _("Reconciled")


class MatchResult(models.TextChoices):
    MATCHED = "matched", _("Matched")
    MISSING_IN_PADU = "missing_in_padu", _("In the statement, not in Padu")
    MISSING_IN_STATEMENT = "missing_in_statement", _("In Padu, not in the statement")
    AMOUNT_MISMATCH = "amount_mismatch", _("Amounts differ")


class Resolution(models.TextChoices):
    BANK_ERROR = "bank_error", _("Accepted as the channel's error")
    RECORDED = "recorded", _("Payment recorded by the treasurer, with proof")
    WRITTEN_OFF = "written_off", _("Written off, with the reason")
    ESCALATED = "escalated", _("Escalated for follow-up")


class SettlementStatement(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    channel = models.ForeignKey(
        PaymentChannel, on_delete=models.PROTECT, related_name="statements", verbose_name=_("payment channel")
    )
    statement_date = models.DateField(_("statement date"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    file = models.FileField(_("statement file"), upload_to=_statement_path, max_length=255)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    status = models.CharField(_("status"), max_length=12, choices=StatementStatus.choices)
    # Totals at upload: what the statement says, what Padu recorded for the same period.
    line_count = models.PositiveIntegerField(default=0)
    statement_total = models.PositiveBigIntegerField(_("statement total (Rupiah)"), default=0)
    padu_total = models.PositiveBigIntegerField(_("Padu total (Rupiah)"), default=0)
    matched_count = models.PositiveIntegerField(default=0)
    matched_total = models.PositiveBigIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    open_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("settlement statement")
        verbose_name_plural = _("settlement statements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")), name="billing_statement_period_order"
            ),
            # The same file twice would match every payment twice.
            models.UniqueConstraint(fields=["channel", "sha256"], name="billing_statement_file_once"),
        ]
        indexes = [models.Index(fields=["channel", "period_start", "period_end"], name="billing_statement_period")]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.period_start}..{self.period_end}"


class SettlementLine(models.Model):
    statement = models.ForeignKey(SettlementStatement, on_delete=models.CASCADE, related_name="lines")
    # Row in the file (the header is row 1); null for a payment the file does not list.
    row_number = models.PositiveIntegerField(null=True, blank=True)
    channel_reference = models.CharField(_("channel reference"), max_length=64, blank=True)
    billing_code = models.CharField(_("billing code"), max_length=40, blank=True)
    amount = models.PositiveBigIntegerField(_("amount in the statement (Rupiah)"), null=True, blank=True)
    paid_at_stated = models.CharField(_("paid at, as stated"), max_length=40, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    bill = models.ForeignKey(Bill, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    padu_amount = models.PositiveBigIntegerField(_("amount in Padu (Rupiah)"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=24, choices=MatchResult.choices)
    # Why the result is what it is, e.g. matched by billing code, or reversed in Padu.
    detail = models.CharField(max_length=40, blank=True)
    resolution = models.CharField(_("resolution"), max_length=12, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(_("note"), blank=True)
    proof = models.FileField(_("proof"), upload_to=_proof_path, max_length=255, blank=True)
    proof_name = models.CharField(max_length=255, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["statement", "row_number", "pk"]
        verbose_name = _("settlement line")
        verbose_name_plural = _("settlement lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolution="") | ~models.Q(resolution_note=""),
                name="billing_settlement_resolution_note",
            ),
            models.CheckConstraint(
                condition=~models.Q(result="matched") | models.Q(resolution=""),
                name="billing_settlement_matched_unresolved",
            ),
        ]
        indexes = [
            models.Index(fields=["statement", "result"], name="billing_settlement_result"),
            models.Index(fields=["payment"], name="billing_settlement_payment"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.row_number} {self.result}"

    @property
    def is_problem(self) -> bool:
        return self.result != MatchResult.MATCHED

    @property
    def is_open(self) -> bool:
        """A difference nobody has settled yet; an escalated one stays open until decided."""
        return self.is_problem and self.resolution in ("", Resolution.ESCALATED)
