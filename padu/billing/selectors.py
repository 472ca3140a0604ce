"""Reads of bills, payments and channels, with tenancy applied from the actor."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from padu.billing import errors
from padu.billing.codes import is_valid_code, normalise_code
from padu.billing.models import (
    Bill,
    BillStatus,
    ChannelKind,
    Payment,
    PaymentChannel,
    Receipt,
    RefundRequest,
    SourceKind,
)
from padu.billing.permissions import can_read_bills, is_payer, is_treasurer
from padu.billing.qris import channel_qris_problems, qris_payload
from padu.billing.services import refuse_unpayable
from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound, PaduError
from padu.core.models import Agency
from padu.core.permissions import supervises
from padu.core.selectors import agency_get_for


def mask_name(name: str) -> str:
    """`Siti Aminah` → `S*** A*****`: enough for a teller to confirm, too little to learn a name."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def _with_related(qs: QuerySet[Bill]) -> QuerySet[Bill]:
    return qs.select_related("agency").prefetch_related(
        "lines",
        Prefetch("payments", queryset=Payment.objects.select_related("channel", "receipt").order_by("paid_at")),
        Prefetch("refunds", queryset=RefundRequest.objects.select_related("requested_by", "decided_by")),
    )


def bills_for(
    actor: Actor,
    agency_id: int,
    *,
    status: str = "",
    source_kind: str = "",
    query: str = "",
    beneath: bool = False,
) -> QuerySet[Bill]:
    """The agency's bills; with `beneath`, a supervisor also sees the agencies under it."""
    agency = agency_get_for(actor, agency_id)
    if not can_read_bills(actor, agency):
        raise NotFound(_("Agency not found."), code="agency_not_found")
    if beneath and (actor.is_superuser or supervises(actor, agency)):
        qs = Bill.objects.filter(agency__tree_path__startswith=agency.tree_path)
    else:
        qs = Bill.objects.filter(agency=agency)
    if status:
        qs = qs.filter(status=status)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    query = query.strip()
    if query:
        code = normalise_code(query)
        qs = qs.filter(
            Q(code=code)
            | Q(payer_name__icontains=query)
            | Q(source_reference__iexact=query)
            | Q(description__icontains=query)
        )
    return qs.select_related("agency").order_by("-issued_at", "-pk")


def bill_for_staff(actor: Actor, bill_id: int) -> Bill:
    bill = _with_related(Bill.objects.filter(pk=bill_id)).first()
    if bill is None or not can_read_bills(actor, bill.agency):
        raise NotFound(_("Bill not found."), code="bill_not_found")
    return bill


def my_bills(actor: Actor) -> QuerySet[Bill]:
    if actor.user_id is None:
        return Bill.objects.none()
    return Bill.objects.filter(payer_user_id=actor.user_id).select_related("agency").order_by("-issued_at", "-pk")


def bill_for_payer(actor: Actor, bill_id: int) -> Bill:
    bill = _with_related(Bill.objects.filter(pk=bill_id)).first()
    if bill is None or not is_payer(actor, bill):
        raise NotFound(_("Bill not found."), code="bill_not_found")
    return bill


def bill_for(actor: Actor, bill_id: int) -> Bill:
    """The payer's or the staff's view, whichever the actor has."""
    bill = _with_related(Bill.objects.filter(pk=bill_id)).first()
    if bill is not None and (is_payer(actor, bill) or can_read_bills(actor, bill.agency)):
        return bill
    raise NotFound(_("Bill not found."), code="bill_not_found")


def bill_public(code: str) -> Bill:
    """A bill by its billing code, for the public bill page (the page masks the name)."""
    code = normalise_code(code)
    if not is_valid_code(code):
        raise errors.BillCodeInvalid()
    bill = _with_related(Bill.objects.filter(code=code)).first()
    if bill is None:
        raise errors.BillUnknown()
    return bill


def bill_for_application(tracking_number: str) -> Bill | None:
    """The live (unpaid or paid) fee bill of an application, else its latest one."""
    qs = Bill.objects.filter(source_kind=SourceKind.APPLICATION, source_reference=tracking_number)
    return qs.filter(status__in=[BillStatus.UNPAID, BillStatus.PAID]).first() or qs.order_by("-issued_at").first()


def is_payable(bill: Bill) -> bool:
    return bill.status == BillStatus.UNPAID and bill.expires_at >= timezone.now()


def _qris_channels(agency: Agency) -> list[PaymentChannel]:
    return list(PaymentChannel.objects.filter(agency=agency, kind=ChannelKind.QRIS, is_active=True).order_by("pk"))


class QrisStatus:
    AVAILABLE = "available"
    NOT_PAYABLE = "not_payable"  # paid, cancelled, expired
    NO_CHANNEL = "no_channel"  # the agency takes no QRIS payments
    NOT_READY = "not_ready"  # a QRIS acquirer is registered, its merchant data is not complete yet


def bill_qris_status(bill: Bill) -> tuple[str, str]:
    """The bill's dynamic QRIS payload (empty when there is none) and why (`QrisStatus`)."""
    if not is_payable(bill):
        return "", QrisStatus.NOT_PAYABLE
    channels = _qris_channels(bill.agency)
    # The first active QRIS acquirer whose merchant data is complete and valid.
    channel = next((c for c in channels if not channel_qris_problems(c)), None)
    if channel is not None:
        return qris_payload(bill, channel), QrisStatus.AVAILABLE
    return "", QrisStatus.NOT_READY if channels else QrisStatus.NO_CHANNEL


def bill_qris(bill: Bill) -> str:
    """The dynamic QRIS payload of a payable bill; empty when the bill cannot be paid or
    the agency has no QRIS acquirer with complete merchant data."""
    return bill_qris_status(bill)[0]


def live_payment(bill: Bill) -> Payment | None:
    return next((p for p in bill.payments.all() if p.reversed_at is None), None)


def bill_receipt(bill: Bill) -> Receipt | None:
    payment = live_payment(bill)
    return payment.receipt if payment is not None else None


def receipt_public(verification_code: str) -> Receipt:
    receipt = (
        Receipt.objects.select_related("bill__agency", "payment__channel")
        .filter(verification_code=verification_code)
        .first()
    )
    if receipt is None:
        raise NotFound(_("No receipt has this verification code."), code="receipt_not_found")
    return receipt


def bill_inquiry(channel: PaymentChannel, code: str) -> dict[str, Any]:
    """What a bank teller sees before taking the money: amount, masked payer, status."""
    code = normalise_code(code)
    if not is_valid_code(code):
        raise errors.BillCodeInvalid()
    bill = Bill.objects.select_related("agency").filter(code=code, agency_id=channel.agency_id).first()
    if bill is None:
        raise errors.BillUnknown()
    status = bill.status
    if status == BillStatus.UNPAID and bill.expires_at < timezone.now():
        status = BillStatus.EXPIRED
    answer = {
        "billing_code": bill.code,
        "status": status,
        "payable": status == BillStatus.UNPAID,
        "amount": bill.total,
        "currency": "IDR",
        "payer_name": mask_name(bill.payer_name),
        "agency": bill.agency.name,
        "description": bill.description,
        "expires_at": bill.expires_at.isoformat(),
    }
    if status != BillStatus.UNPAID:
        try:
            refuse_unpayable(bill, timezone.now())
        except PaduError as exc:
            answer["reason_code"] = exc.code
    return answer


def channels_for(actor: Actor, agency_id: int) -> QuerySet[PaymentChannel]:
    agency = agency_get_for(actor, agency_id)
    if not is_treasurer(actor, agency.pk):
        raise Forbidden(_("Only the agency's treasurer manages payment channels."), code="treasurer_required")
    return PaymentChannel.objects.filter(agency=agency).order_by("name")


def channel_for(actor: Actor, channel_id: int) -> PaymentChannel:
    channel = PaymentChannel.objects.select_related("agency").filter(pk=channel_id).first()
    if channel is None or not can_read_bills(actor, channel.agency):
        raise NotFound(_("Payment channel not found."), code="channel_not_found")
    if not is_treasurer(actor, channel.agency_id):
        raise Forbidden(_("Only the agency's treasurer manages payment channels."), code="treasurer_required")
    return channel


def channel_for_client_id(client_id: str) -> PaymentChannel:
    channel = (
        PaymentChannel.objects.select_related("agency").filter(client_id=client_id.strip(), is_active=True).first()
    )
    if channel is None:
        raise errors.ChannelUnknown()
    return channel


def refund_for(actor: Actor, refund_id: int) -> RefundRequest:
    refund = RefundRequest.objects.select_related("bill__agency").filter(pk=refund_id).first()
    if refund is None or not can_read_bills(actor, refund.bill.agency):
        raise NotFound(_("Refund not found."), code="refund_not_found")
    return refund


def bill_for_callback(bill_id: int) -> Bill | None:
    """A bill for an upper layer's on-paid callback (a system read, no actor)."""
    return Bill.objects.select_related("agency").filter(pk=bill_id).first()


def bills_export(user: Any) -> list[dict[str, Any]]:
    """The bills the person is the payer of, for their data export (registered with accounts)."""
    rows = Bill.objects.filter(payer_user=user).select_related("agency").prefetch_related("lines").order_by("pk")
    return [
        {
            "billing_code": b.code,
            "agency": b.agency.name,
            "description": b.description,
            "lines": [
                {"account_code": x.account_code, "description": x.description, "amount": x.amount}
                for x in b.lines.all()
            ],
            "total": b.total,
            "status": b.status,
            "issued_at": b.issued_at.isoformat(),
            "expires_at": b.expires_at.isoformat(),
            "paid_at": b.paid_at.isoformat() if b.paid_at else None,
        }
        for b in rows
    ]
