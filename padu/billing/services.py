"""Writes for billing: bills, payments from channels, reversals, refunds, channels.

Money is never lost or counted twice: a payment locks its bill's row, and the database
holds at most one live (unreversed) payment per bill and one payment per channel
reference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.billing import errors
from padu.billing.codes import is_valid_code, new_code, new_proof_number, new_verification_code, normalise_code
from padu.billing.models import (
    Bill,
    BillLine,
    BillStatus,
    ChannelKind,
    ChannelRequest,
    PayerKind,
    Payment,
    PaymentChannel,
    Receipt,
    RefundRequest,
    RefundStatus,
    SourceKind,
)
from padu.billing.permissions import can_decide_refund, can_issue_bills, is_treasurer
from padu.billing.qris import MCC_GOVERNMENT, FieldProblem, merchant_problems, normalise_merchant
from padu.billing.tasks import bill_paid_enqueue
from padu.billing.workflow import BILLS, REFUNDS
from padu.core.actors import OPERATOR, Actor
from padu.core.audit import audit_record
from padu.core.crypto import decrypt, encrypt
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import Agency

DEFAULT_VALID_DAYS = 7
MAX_VALID_DAYS = 366
MAX_LINES = 50
MAX_TOTAL = 10**13  # fits tag 54 of a QRIS payload (13 characters)
# Revenue account for service fees unless the agency sets `billing_fee_account`.
DEFAULT_FEE_ACCOUNT = "4.1.02.01.01.0001"


@dataclass(frozen=True)
class LineInput:
    account_code: str
    description: str
    amount: int


def _end_of_local_day(agency: Agency, moment: dt.datetime) -> dt.datetime:
    local = moment.astimezone(ZoneInfo(agency.time_zone))
    end = dt.datetime.combine(local.date(), dt.time(23, 59, 59), tzinfo=local.tzinfo)
    return end.astimezone(dt.UTC)


def _check_lines(lines: list[LineInput]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if not lines:
        found["lines"] = [_("Add at least one line.")]
    if len(lines) > MAX_LINES:
        found["lines"] = [_("A bill has at most %(n)s lines.") % {"n": MAX_LINES}]
    for i, line in enumerate(lines):
        code = line.account_code.strip()
        if not code or len(code) > 40 or not all(ch.isdigit() or ch == "." for ch in code):
            found[f"lines.{i}.account_code"] = [_("Write the revenue account code in digits and dots.")]
        if not line.description.strip() or len(line.description.strip()) > 250:
            found[f"lines.{i}.description"] = [_("Describe the line in at most 250 characters.")]
        if isinstance(line.amount, bool) or not isinstance(line.amount, int) or not 0 < line.amount < MAX_TOTAL:
            found[f"lines.{i}.amount"] = [_("Write the amount in whole Rupiah, more than 0.")]
    return found


def _new_bill(
    *,
    actor: Actor,
    agency: Agency,
    payer_kind: str,
    payer_name: str,
    payer_user_id: int | None,
    payer_business_id: int | None,
    source_kind: str,
    source_reference: str,
    description: str,
    lines: list[LineInput],
    valid_days: int,
) -> Bill:
    errors_: dict[str, list[str]] = _check_lines(lines)
    payer_name = " ".join(payer_name.split())
    if payer_kind not in PayerKind.values:
        errors_["payer_kind"] = [_("Choose who pays.")]
    if not payer_name or len(payer_name) > 200:
        errors_["payer_name"] = [_("Write the payer's name.")]
    if payer_kind == PayerKind.CITIZEN and payer_user_id is None:
        errors_["payer_kind"] = [_("A citizen payer needs an account.")]
    if payer_user_id is not None and not get_user_model().objects.filter(pk=payer_user_id, is_active=True).exists():
        errors_["payer_user_id"] = [_("No active account has this id.")]
    if payer_kind == PayerKind.BUSINESS and payer_business_id is None:
        errors_["payer_kind"] = [_("A business payer needs its business profile.")]
    description = " ".join(description.split())
    if not description or len(description) > 250:
        errors_["description"] = [_("Say what the bill is for, in at most 250 characters.")]
    if source_kind not in SourceKind.values:
        errors_["source_kind"] = [_("Choose the kind of bill.")]
    if len(source_reference) > 100:
        errors_["source_reference"] = [_("The reference is at most 100 characters.")]
    if isinstance(valid_days, bool) or not isinstance(valid_days, int) or not 1 <= valid_days <= MAX_VALID_DAYS:
        errors_["valid_days"] = [_("A bill stays payable for 1 to %(n)s days.") % {"n": MAX_VALID_DAYS}]
    if not errors_ and sum(line.amount for line in lines) >= MAX_TOTAL:
        errors_["lines"] = [_("The total is too large.")]
    if errors_:
        raise InvalidInput(_("Check the bill and try again."), code="bill_invalid", errors=errors_)
    now = timezone.now()
    fields = {
        "agency": agency,
        "payer_kind": payer_kind,
        "payer_user_id": payer_user_id,
        "payer_business_id": payer_business_id,
        "payer_name": payer_name,
        "source_kind": source_kind,
        "source_reference": source_reference.strip(),
        "description": description,
        "total": sum(line.amount for line in lines),
        "issued_at": now,
        "expires_at": _end_of_local_day(agency, now + dt.timedelta(days=valid_days)),
        "status_changed_at": now,
        "created_by_id": actor.user_id,
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                bill = Bill.objects.create(code=new_code(), **fields)
            break
        except IntegrityError as exc:
            if (
                source_kind == SourceKind.APPLICATION
                and Bill.objects.filter(
                    source_kind=source_kind, source_reference=fields["source_reference"], status__in=["unpaid", "paid"]
                ).exists()
            ):
                raise Conflict(_("This application already has a bill."), code="bill_exists") from exc
            continue  # a billing code collision (1 in 10^12): draw again
    else:  # pragma: no cover - five collisions in a row
        raise Conflict(code="bill_code_exhausted")
    BillLine.objects.bulk_create(
        BillLine(
            bill=bill,
            position=i,
            account_code=line.account_code.strip(),
            description=" ".join(line.description.split()),
            amount=line.amount,
        )
        for i, line in enumerate(lines, start=1)
    )
    audit_record(
        actor=actor,
        verb="bill.created",
        agency=agency,
        obj=bill,
        changes={
            "code": bill.code,
            "total": bill.total,
            "source_kind": source_kind,
            "source_reference": bill.source_reference,
            "expires_at": bill.expires_at,
        },
    )
    return bill


@transaction.atomic
def bill_create(
    *,
    actor: Actor,
    agency: Agency,
    payer_kind: str,
    payer_name: str,
    lines: list[LineInput],
    source_kind: str,
    description: str,
    source_reference: str = "",
    payer_user_id: int | None = None,
    payer_business_id: int | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> Bill:
    """A levy, tax or other-system bill, entered by the agency's treasurer or sent by another
    system with a `bills:write` token."""
    if not can_issue_bills(actor, agency.pk):
        raise Forbidden(_("Only the agency's treasurer can issue bills."), code="treasurer_required")
    if source_kind == SourceKind.APPLICATION:
        raise InvalidInput(
            _("Service-fee bills are issued when the application is submitted."), code="source_not_allowed"
        )
    return _new_bill(
        actor=actor,
        agency=agency,
        payer_kind=payer_kind,
        payer_name=payer_name,
        payer_user_id=payer_user_id,
        payer_business_id=payer_business_id,
        source_kind=source_kind,
        source_reference=source_reference,
        description=description,
        lines=lines,
        valid_days=valid_days,
    )


@transaction.atomic
def bill_create_for_application(
    *,
    actor: Actor,
    agency: Agency,
    tracking_number: str,
    payer_user_id: int,
    payer_name: str,
    service_name: str,
    amount: int,
) -> Bill:
    """The fee bill of a submitted application. Called by the services layer in the
    submission's transaction; the applicant is the payer."""
    account = str(agency.settings.get("billing_fee_account") or DEFAULT_FEE_ACCOUNT)
    valid_days = int(agency.settings.get("billing_valid_days") or DEFAULT_VALID_DAYS)
    description = _("Service fee: %(service)s") % {"service": service_name}
    return _new_bill(
        actor=actor,
        agency=agency,
        payer_kind=PayerKind.CITIZEN,
        payer_name=payer_name,
        payer_user_id=payer_user_id,
        payer_business_id=None,
        source_kind=SourceKind.APPLICATION,
        source_reference=tracking_number,
        description=description[:250],
        lines=[LineInput(account_code=account, description=description[:250], amount=amount)],
        valid_days=valid_days,
    )


def _locked(bill: Bill) -> Bill:
    return Bill.objects.select_for_update().select_related("agency").get(pk=bill.pk)


def _set_status(bill: Bill, status: str, now: dt.datetime, **extra: Any) -> None:
    bill.status = status
    bill.status_changed_at = now
    for key, value in extra.items():
        setattr(bill, key, value)
    bill.save(update_fields=["status", "status_changed_at", *extra])


def _move(bill: Bill, action: str, now: dt.datetime, **extra: Any) -> None:
    """One step of the bill table (padu.billing.workflow), refused with billing's own errors."""
    _set_status(bill, BILLS.check(action, bill.status).target, now, **extra)


@transaction.atomic
def bill_cancel(*, actor: Actor, bill: Bill, reason: str) -> Bill:
    bill = _locked(bill)
    if not is_treasurer(actor, bill.agency_id):
        raise Forbidden(_("Only the agency's treasurer can cancel bills."), code="treasurer_required")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(
            _("Give the reason for cancelling."), code="reason_required", errors={"reason": [_("Give a reason.")]}
        )
    _move(bill, "cancel", timezone.now(), cancel_reason=reason[:2000])
    audit_record(actor=actor, verb="bill.cancelled", agency=bill.agency, obj=bill, changes={"reason": reason})
    return bill


@transaction.atomic
def bills_expire(*, now: dt.datetime | None = None) -> int:
    """Mark unpaid bills past their expiry as expired. Run by `padu billing expire`
    (every few minutes from the scheduler); safe to run twice."""
    now = now or timezone.now()
    due = Bill.objects.select_for_update(skip_locked=True).filter(status=BillStatus.UNPAID, expires_at__lt=now)
    count = 0
    for bill in due.select_related("agency"):
        _move(bill, "expire", now)
        audit_record(actor=OPERATOR, verb="bill.expired", agency=bill.agency, obj=bill, changes={"code": bill.code})
        count += 1
    return count


@transaction.atomic
def refund_request(*, actor: Actor, bill: Bill, reason: str) -> RefundRequest:
    """A treasurer asks to refund a paid bill; another treasurer or the agency's
    administrator decides (four eyes)."""
    bill = _locked(bill)
    if not is_treasurer(actor, bill.agency_id) or actor.user_id is None:
        raise Forbidden(_("Only the agency's treasurer can ask for a refund."), code="treasurer_required")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(
            _("Give the reason for the refund."), code="reason_required", errors={"reason": [_("Give a reason.")]}
        )
    BILLS.check("request_refund", bill.status)
    if RefundRequest.objects.filter(bill=bill, status=RefundStatus.PENDING).exists():
        raise Conflict(_("A refund of this bill is already waiting for approval."), code="refund_pending")
    refund = RefundRequest.objects.create(
        bill=bill,
        agency_id=bill.agency_id,
        amount=bill.total,
        reason=reason[:2000],
        requested_by_id=actor.user_id,
        requested_at=timezone.now(),
    )
    audit_record(actor=actor, verb="bill.refund_requested", agency=bill.agency, obj=bill, changes={"reason": reason})
    return refund


@transaction.atomic
def refund_decide(*, actor: Actor, refund: RefundRequest, approve: bool, note: str = "") -> RefundRequest:
    refund = RefundRequest.objects.select_for_update().get(pk=refund.pk)
    bill = _locked(refund.bill)
    if not can_decide_refund(actor, refund.agency_id) or actor.user_id is None:
        raise Forbidden(_("Only a treasurer or the agency administrator can decide a refund."), code="refund_forbidden")
    if actor.user_id == refund.requested_by_id:
        raise Forbidden(_("Someone other than the person who asked must decide the refund."), code="four_eyes")
    note = " ".join(note.split())
    REFUNDS.perform(refund, "approve" if approve else "reject", reason=note)
    now = timezone.now()
    refund.decided_by_id = actor.user_id
    refund.decided_at = now
    refund.decision_note = note[:2000]
    refund.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        _move(bill, "refund", now)  # a pending refund keeps the bill paid
    audit_record(
        actor=actor,
        verb="bill.refund_approved" if approve else "bill.refund_rejected",
        agency=bill.agency,
        obj=bill,
        changes={"refund": refund.pk, "amount": refund.amount, "note": note},
    )
    return refund


# --- Payment channels -------------------------------------------------------------------


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def channel_secret(channel: PaymentChannel) -> str:
    return decrypt(channel.secret_encrypted)


def _merchant_invalid(problems: dict[str, FieldProblem]) -> InvalidInput:
    return InvalidInput(
        _("Check the channel's details."),
        code="channel_invalid",
        errors={name: [p.message] for name, p in problems.items()},
        extra={"field_codes": {name: p.code for name, p in problems.items()}},
    )


@transaction.atomic
def channel_register(
    *,
    actor: Actor,
    agency: Agency,
    name: str,
    kind: str,
    qris_acquirer_gui: str = "",
    qris_merchant_pan: str = "",
    qris_merchant_id: str = "",
    qris_merchant_criteria: str = "",
    qris_nmid: str = "",
    qris_mcc: str = MCC_GOVERNMENT,
    merchant_name: str = "",
    merchant_city: str = "",
    merchant_postal_code: str = "",
) -> tuple[PaymentChannel, str]:
    """Register a bank or QRIS acquirer. Returns the channel and its secret, which is
    shown once and never again. A QRIS acquirer's merchant data (from its letter) may come
    now or later (`channel_qris_update`); given now, all of it must be valid. Banks have none."""
    if not is_treasurer(actor, agency.pk):
        raise Forbidden(_("Only the agency's treasurer can register payment channels."), code="treasurer_required")
    name = " ".join(name.split())
    problems: dict[str, FieldProblem] = {}
    if not name or len(name) > 120:
        problems["name"] = FieldProblem("name_required", _("Name the channel, e.g. the bank's name."))
    elif PaymentChannel.objects.filter(agency=agency, name=name).exists():
        problems["name"] = FieldProblem("name_taken", _("This agency already has a channel with that name."))
    if kind not in ChannelKind.values:
        problems["kind"] = FieldProblem("kind_invalid", _("Choose bank or QRIS acquirer."))
    merchant = normalise_merchant(
        {
            "qris_acquirer_gui": qris_acquirer_gui,
            "qris_merchant_pan": qris_merchant_pan,
            "qris_merchant_id": qris_merchant_id,
            "qris_merchant_criteria": qris_merchant_criteria,
            "qris_nmid": qris_nmid,
            "qris_mcc": qris_mcc,
            "merchant_name": merchant_name,
            "merchant_city": merchant_city,
            "merchant_postal_code": merchant_postal_code,
        }
    )
    entered = any(v for k, v in merchant.items() if k != "qris_mcc")
    if kind == ChannelKind.QRIS and entered:
        problems.update(merchant_problems(merchant))
    if problems:
        raise _merchant_invalid(problems)
    if kind != ChannelKind.QRIS or not entered:
        merchant = {k: "" for k in merchant} | {"qris_mcc": MCC_GOVERNMENT if kind == ChannelKind.QRIS else ""}
    secret = _new_secret()
    channel = PaymentChannel.objects.create(
        agency=agency,
        name=name,
        kind=kind,
        client_id="pc_" + secrets.token_hex(10),
        secret_encrypted=encrypt(secret),
        secret_hint=secret[-4:],
        qris_updated_at=timezone.now() if kind == ChannelKind.QRIS and entered else None,
        created_by_id=actor.user_id,
        **merchant,
    )
    audit_record(
        actor=actor,
        verb="payment_channel.registered",
        agency=agency,
        obj=channel,
        changes={
            "name": name,
            "kind": kind,
            "client_id": channel.client_id,
            **(merchant if kind == ChannelKind.QRIS and entered else {}),
        },
    )
    return channel, secret


@transaction.atomic
def channel_qris_update(
    *,
    actor: Actor,
    channel: PaymentChannel,
    qris_acquirer_gui: str,
    qris_merchant_pan: str,
    qris_merchant_id: str,
    qris_merchant_criteria: str,
    qris_nmid: str,
    qris_mcc: str,
    merchant_name: str,
    merchant_city: str,
    merchant_postal_code: str,
) -> PaymentChannel:
    """Enter or correct a QRIS acquirer's merchant data, copied from the acquirer's letter.
    All of it is required and checked against the QRIS rules; from then on the agency's bills
    carry QRIS codes for this merchant account. Audited with the old and new values."""
    channel = PaymentChannel.objects.select_for_update().select_related("agency").get(pk=channel.pk)
    if not is_treasurer(actor, channel.agency_id):
        raise Forbidden(_("Only the agency's treasurer manages payment channels."), code="treasurer_required")
    if channel.kind != ChannelKind.QRIS:
        raise errors.ChannelNotQris()
    merchant = normalise_merchant(
        {
            "qris_acquirer_gui": qris_acquirer_gui,
            "qris_merchant_pan": qris_merchant_pan,
            "qris_merchant_id": qris_merchant_id,
            "qris_merchant_criteria": qris_merchant_criteria,
            "qris_nmid": qris_nmid,
            "qris_mcc": qris_mcc,
            "merchant_name": merchant_name,
            "merchant_city": merchant_city,
            "merchant_postal_code": merchant_postal_code,
        }
    )
    problems = merchant_problems(merchant)
    if problems:
        raise _merchant_invalid(problems)
    changes = {k: [getattr(channel, k), v] for k, v in merchant.items() if getattr(channel, k) != v}
    if not changes:
        return channel
    for key, value in merchant.items():
        setattr(channel, key, value)
    channel.qris_updated_at = timezone.now()
    channel.save(update_fields=[*merchant, "qris_updated_at"])
    audit_record(actor=actor, verb="payment_channel.qris_updated", agency=channel.agency, obj=channel, changes=changes)
    return channel


@transaction.atomic
def channel_rotate_secret(*, actor: Actor, channel: PaymentChannel) -> str:
    channel = PaymentChannel.objects.select_for_update().select_related("agency").get(pk=channel.pk)
    if not is_treasurer(actor, channel.agency_id):
        raise Forbidden(_("Only the agency's treasurer can change a channel's secret."), code="treasurer_required")
    secret = _new_secret()
    channel.secret_encrypted = encrypt(secret)
    channel.secret_hint = secret[-4:]
    channel.secret_rotated_at = timezone.now()
    channel.save(update_fields=["secret_encrypted", "secret_hint", "secret_rotated_at"])
    audit_record(actor=actor, verb="payment_channel.secret_rotated", agency=channel.agency, obj=channel)
    return secret


@transaction.atomic
def channel_set_active(*, actor: Actor, channel: PaymentChannel, active: bool) -> PaymentChannel:
    channel = PaymentChannel.objects.select_for_update().select_related("agency").get(pk=channel.pk)
    if not is_treasurer(actor, channel.agency_id):
        raise Forbidden(_("Only the agency's treasurer can switch channels on or off."), code="treasurer_required")
    channel.is_active = active
    channel.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        verb="payment_channel.activated" if active else "payment_channel.deactivated",
        agency=channel.agency,
        obj=channel,
    )
    return channel


# --- What channels tell us --------------------------------------------------------------


def request_digest(payload: dict[str, Any]) -> str:
    """SHA-256 of a request's meaning (sorted keys), so that a repeat with other content
    under the same reference is recognised."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _bill_for_channel(channel: PaymentChannel, code: str, *, lock: bool) -> Bill:
    code = normalise_code(code)
    if not is_valid_code(code):
        raise errors.BillCodeInvalid()
    qs = Bill.objects.select_related("agency")
    if lock:
        qs = qs.select_for_update()
    bill = qs.filter(code=code, agency_id=channel.agency_id).first()
    if bill is None:
        raise errors.BillUnknown()
    return bill


def refuse_unpayable(bill: Bill, now: dt.datetime) -> None:
    """A channel may pay an unpaid bill before it expires; otherwise the refusal says why."""
    BILLS.check("pay", bill.status)
    if bill.expires_at < now:  # unpaid, but past its expiry (the scheduler has not run yet)
        raise errors.BillExpired()


def payment_answer(payment: Payment, receipt: Receipt) -> dict[str, Any]:
    return {
        "status": "paid",
        "billing_code": payment.bill.code,
        "amount": payment.amount,
        "channel_reference": payment.channel_reference,
        "paid_at": payment.paid_at.isoformat(),
        "proof_number": receipt.number,
        # The public receipt check (a portal page; the QR code on the receipt leads there too).
        "receipt_url": f"{settings.PADU_SITE_URL.rstrip('/')}/bayar/bukti/{receipt.verification_code}/",
    }


def payment_record(
    *,
    actor: Actor,
    bill: Bill,
    channel: PaymentChannel,
    reference: str,
    amount: int,
    paid_at: dt.datetime,
    request_sha256: str,
    audit_extra: dict[str, Any] | None = None,
) -> Payment:
    """The one way a payment is written: the payment, its receipt, the bill paid, the audit
    event, and the bill-paid tasks after commit. The caller holds the bill's row lock and has
    checked that the bill is payable and the amount is its total."""
    now = timezone.now()
    payment = Payment.objects.create(
        bill=bill,
        agency_id=bill.agency_id,
        channel=channel,
        channel_reference=reference,
        amount=amount,
        paid_at=paid_at,
        request_sha256=request_sha256,
    )
    receipt = Receipt.objects.create(
        payment=payment,
        bill=bill,
        agency_id=bill.agency_id,
        number=new_proof_number(),
        verification_code=new_verification_code(),
        issued_at=now,
    )
    _set_status(bill, BillStatus.PAID, now, paid_at=paid_at)
    payment.answer = payment_answer(payment, receipt)
    payment.save(update_fields=["answer"])
    audit_record(
        actor=actor,
        verb="bill.paid",
        agency=bill.agency,
        obj=bill,
        changes={
            "channel": channel.client_id,
            "reference": reference,
            "amount": amount,
            "paid_at": paid_at,
            "proof_number": receipt.number,
            **(audit_extra or {}),
        },
    )
    transaction.on_commit(partial(bill_paid_enqueue, bill.pk))
    return payment


def _notified_again(existing: Payment, digest: str) -> Payment:
    """The payment a notification sent again (a timeout, a retry) already recorded: refused
    when the reference was used for another payment, or when the payment was reversed since
    (its receipt is void and the bill unpaid, so "paid" would be false)."""
    if existing.request_sha256 != digest:
        raise errors.ReferenceReused()
    if existing.reversed_at is not None:
        raise errors.PaymentReversed(extra={"reversed_at": existing.reversed_at.isoformat()})
    return existing


@transaction.atomic
def payment_notify(
    *, channel: PaymentChannel, code: str, amount: int, reference: str, paid_at: dt.datetime | None = None
) -> tuple[Payment, bool]:
    """Record a payment a channel reports. Returns the payment and whether it is new.

    The same notification again (same reference, same content) returns the first
    payment unchanged, or is refused (`payment_reversed`) once that payment was reversed;
    the same reference with other content is refused."""
    reference = reference.strip()
    if not reference or len(reference) > 64:
        raise InvalidInput(
            _("Send the channel's own payment reference (1 to 64 characters)."), code="reference_invalid"
        )
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidInput(_("The amount is a whole number of Rupiah, more than 0."), code="amount_invalid")
    now = timezone.now()
    if paid_at is None:
        paid_at = now
    if timezone.is_naive(paid_at):
        raise InvalidInput(_("Give paid_at with its time zone."), code="paid_at_invalid")
    if paid_at > now + dt.timedelta(minutes=5) or paid_at < now - dt.timedelta(days=1):
        raise InvalidInput(_("The payment time is not plausible."), code="paid_at_invalid")
    digest = request_digest({"code": normalise_code(code), "amount": amount, "reference": reference})
    existing = Payment.objects.filter(channel=channel, channel_reference=reference).first()
    if existing is not None:
        return _notified_again(existing, digest), False
    bill = _bill_for_channel(channel, code, lock=True)
    # Another request with the same reference may have won while we waited for the lock.
    existing = Payment.objects.filter(channel=channel, channel_reference=reference).first()
    if existing is not None:
        return _notified_again(existing, digest), False
    refuse_unpayable(bill, now)
    if amount != bill.total:
        raise errors.AmountMismatch(extra={"expected": bill.total})
    payment = payment_record(
        actor=OPERATOR,
        bill=bill,
        channel=channel,
        reference=reference,
        amount=amount,
        paid_at=paid_at,
        request_sha256=digest,
    )
    return payment, True


@transaction.atomic
def payment_reverse(*, channel: PaymentChannel, reference: str, reversal_reference: str = "") -> Payment:
    """Undo a payment on the day it was made (the agency's calendar day): the receipt is
    voided and the bill is payable again. Reversing twice answers the same."""
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("bill__agency", "receipt")
        .filter(channel=channel, channel_reference=reference.strip())
        .first()
    )
    if payment is None:
        raise errors.PaymentUnknown()
    if payment.reversed_at is not None:
        return payment
    bill = _locked(payment.bill)
    now = timezone.now()
    zone = ZoneInfo(bill.agency.time_zone)
    if payment.paid_at.astimezone(zone).date() != now.astimezone(zone).date():
        raise errors.ReversalTooLate()
    BILLS.check("reverse", bill.status)
    payment.reversed_at = now
    payment.reversal_reference = reversal_reference.strip()[:64]
    receipt = payment.receipt
    receipt.voided_at = now
    receipt.save(update_fields=["voided_at"])
    # Payable again until it expires.
    _move(bill, "reverse", now, paid_at=None)
    payment.reversal_answer = {
        "status": "reversed",
        "billing_code": bill.code,
        "amount": payment.amount,
        "channel_reference": payment.channel_reference,
        "reversed_at": now.isoformat(),
    }
    payment.save(update_fields=["reversed_at", "reversal_reference", "reversal_answer"])
    audit_record(
        actor=OPERATOR,
        verb="bill.payment_reversed",
        agency=bill.agency,
        obj=bill,
        changes={"channel": channel.client_id, "reference": payment.channel_reference, "amount": payment.amount},
    )
    return payment


def channel_request_log(
    *,
    channel: PaymentChannel | None,
    client_id: str,
    kind: str,
    body: bytes,
    status_code: int,
    answer: dict[str, Any],
    billing_code: str = "",
    reference: str = "",
    error_code: str = "",
    ip_address: str | None = None,
) -> ChannelRequest:
    """Keep every channel call and its answer (outside the refused request's transaction)."""
    row = ChannelRequest.objects.create(
        channel=channel,
        client_id=client_id[:40],
        kind=kind,
        billing_code=billing_code[:40],
        reference=reference[:64],
        body_sha256=hashlib.sha256(body).hexdigest(),
        status_code=status_code,
        error_code=error_code[:40],
        answer=answer,
        ip_address=ip_address,
    )
    if channel is not None and error_code in {"signature_invalid", "timestamp_stale", "reference_reused"}:
        audit_record(
            actor=OPERATOR,
            verb="payment_channel.refused",
            agency=channel.agency,
            obj=channel,
            changes={"kind": kind, "error": error_code, "ip": ip_address},
        )
    return row


@transaction.atomic
def application_fee_bill_ensure(
    *,
    actor: Actor,
    agency: Agency,
    tracking_number: str,
    payer_user_id: int,
    payer_name: str,
    service_name: str,
    amount: int,
) -> Bill | None:
    """Make sure an application's live fee bill matches its fee: keep a paid one, keep an
    unpaid one for the same amount, replace one for another amount, issue one where none
    is live (never billed, or expired). No fee, no bill."""
    live = (
        Bill.objects.select_for_update()
        .select_related("agency")
        .filter(
            source_kind=SourceKind.APPLICATION,
            source_reference=tracking_number,
            status__in=[BillStatus.UNPAID, BillStatus.PAID],
        )
        .first()
    )
    now = timezone.now()
    if live is not None and live.status == BillStatus.UNPAID and live.expires_at < now:
        _move(live, "expire", now)
        audit_record(actor=OPERATOR, verb="bill.expired", agency=live.agency, obj=live, changes={"code": live.code})
        live = None
    if live is not None and (live.status == BillStatus.PAID or live.total == amount):
        return live
    if live is not None:
        reason = _("The fee changed when the application was corrected.")
        _move(live, "supersede", now, cancel_reason=reason)
        audit_record(actor=actor, verb="bill.cancelled", agency=live.agency, obj=live, changes={"reason": reason})
    if amount <= 0:
        return None
    return bill_create_for_application(
        actor=actor,
        agency=agency,
        tracking_number=tracking_number,
        payer_user_id=payer_user_id,
        payer_name=payer_name,
        service_name=service_name,
        amount=amount,
    )


@transaction.atomic
def application_fee_bill_close(*, actor: Actor, tracking_number: str, reason: str) -> Bill | None:
    """Cancel the unpaid fee bill of an application that was rejected or withdrawn, so
    nobody pays for a service that will not be delivered. A paid bill stays paid (a refund
    is the treasurer's decision)."""
    bill = (
        Bill.objects.select_for_update()
        .select_related("agency")
        .filter(source_kind=SourceKind.APPLICATION, source_reference=tracking_number, status=BillStatus.UNPAID)
        .first()
    )
    if bill is None:
        return None
    _move(bill, "close", timezone.now(), cancel_reason=reason)
    audit_record(actor=actor, verb="bill.cancelled", agency=bill.agency, obj=bill, changes={"reason": reason})
    return bill
