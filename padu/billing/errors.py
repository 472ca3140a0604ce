"""Billing's refusals, each with a stable `code` that banks program against."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from padu.core.errors import Conflict, InvalidInput, NotFound, Unauthenticated


class ChannelUnknown(Unauthenticated):
    code = "channel_unknown"
    default_message = _("This client id belongs to no active payment channel.")


class SignatureInvalid(Unauthenticated):
    code = "signature_invalid"
    default_message = _("The request signature is not valid.")


class TimestampStale(Unauthenticated):
    code = "timestamp_stale"
    default_message = _("The request timestamp is missing or outside the allowed window.")


class BillUnknown(NotFound):
    code = "bill_unknown"
    default_message = _("No bill has this billing code.")


class BillCodeInvalid(InvalidInput):
    code = "bill_code_invalid"
    default_message = _("This billing code is mistyped: check the digits again.")


class BillExpired(Conflict):
    code = "bill_expired"
    default_message = _("This bill has expired and can no longer be paid.")


class BillCancelled(Conflict):
    code = "bill_cancelled"
    default_message = _("This bill was cancelled and can no longer be paid.")


class BillAlreadyPaid(Conflict):
    code = "bill_already_paid"
    default_message = _("This bill has already been paid.")


class BillNotPayable(Conflict):
    code = "bill_not_payable"
    default_message = _("This bill cannot be paid in its current state.")


class AmountMismatch(Conflict):
    code = "amount_mismatch"
    default_message = _("The amount differs from the bill's total.")


class ReferenceReused(Conflict):
    code = "reference_reused"
    default_message = _("This channel reference was already used for a different payment.")


class PaymentUnknown(NotFound):
    code = "payment_unknown"
    default_message = _("This channel has no payment with that reference.")


class ReversalTooLate(Conflict):
    code = "reversal_too_late"
    default_message = _("A payment can only be reversed on the day it was made.")


class PaymentReversed(Conflict):
    code = "payment_reversed"
    default_message = _(
        "This payment was reversed: its proof number is void and the bill is unpaid. Pay again under a new reference."
    )


class QrisNotReady(Conflict):
    code = "qris_not_ready"
    default_message = _(
        "QRIS is not available yet: the treasurer has not entered the QRIS merchant data from the acquirer's letter."
    )


class ChannelNotQris(InvalidInput):
    code = "channel_not_qris"
    default_message = _("This channel is not a QRIS acquirer: it has no QRIS merchant data.")
