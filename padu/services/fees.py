"""Service fees paid through e-billing: what happens here when a fee bill is paid.

Billing cannot call services or notify (it sits beside notify, below services), so
`connect()` (from ServicesConfig.ready) registers `application_fee_paid` with billing's
bill-paid hook, and the notification text with notify's registry. Billing runs the handler
as a task after the payment commits; it may run twice, and tells the applicant once.
"""

from __future__ import annotations

from django.db import transaction

from padu.billing.hooks import on_bill_paid
from padu.billing.models import Bill, BillStatus, SourceKind
from padu.billing.selectors import bill_for_callback, bill_receipt
from padu.core.money import thousands
from padu.notify import kit
from padu.notify.kit import NotificationKind, Text
from padu.services.models import Application
from padu.services.notifications import CHANNELS, my_application_url

HANDLER_KEY = "services.application_fee_paid"

FEE_PAID = NotificationKind(
    key="fee.paid",
    description="To the applicant: the service fee has been paid; the document follows or can be downloaded.",
    variables=("name", "service", "number", "amount", "proof_number", "agency", "url"),
    texts={
        "id": {
            "email": Text(
                "Biaya layanan {{ service }} sudah dibayar",
                "Yth. {{ name }},\n\n"
                "Pembayaran biaya layanan {{ service }} (permohonan {{ number }}) sebesar Rp{{ amount }} sudah kami "
                "terima. Nomor bukti bayar: {{ proof_number }}.\n\n"
                "Dokumen hasil layanan dapat diunduh setelah selesai diproses. Lihat permohonan Anda di {{ url }}\n\n"
                "Terima kasih,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: biaya layanan permohonan {{ number }} Rp{{ amount }} sudah dibayar. "
                "Bukti: {{ proof_number }}. {{ url }}",
            ),
        },
        "en": {
            "email": Text(
                "The fee for {{ service }} has been paid",
                "Dear {{ name }},\n\n"
                "We have received the fee of Rp{{ amount }} for {{ service }} (application {{ number }}). "
                "Proof of payment number: {{ proof_number }}.\n\n"
                "The document can be downloaded once the application is completed. See your application at "
                "{{ url }}\n\nThank you,\n{{ agency }}",
            ),
            "sms": Text(
                "",
                "{{ agency }}: the fee of Rp{{ amount }} for application {{ number }} is paid. "
                "Proof: {{ proof_number }}. {{ url }}",
            ),
        },
    },
)


def tell_fee_paid(application: Application, bill: Bill) -> None:
    receipt = bill_receipt(bill)
    kit.tell(
        application.applicant,
        FEE_PAID.key,
        {
            "service": application.service_version.name,
            "number": application.tracking_number,
            "amount": thousands(bill.total),
            "proof_number": receipt.number if receipt else "",
            "url": my_application_url(application),
        },
        agency=application.agency,
        obj=application,
        channels=CHANNELS,
    )


def application_fee_paid(bill_id: int) -> None:
    """Billing's bill-paid handler: tell the applicant of a fee bill, once per payment (the
    application's row is locked, and nothing is sent if they were told since it was paid)."""
    bill = bill_for_callback(bill_id)
    if bill is None or bill.source_kind != SourceKind.APPLICATION or bill.status != BillStatus.PAID:
        return
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("applicant", "agency", "service_version")
            .filter(tracking_number=bill.source_reference)
            .first()
        )
        if application is None:
            return
        paid_since = bill.status_changed_at or bill.paid_at
        if paid_since is not None and kit.already_told(FEE_PAID.key, application, since=paid_since):
            return
        tell_fee_paid(application, bill)


def connect() -> None:
    kit.declare_kind(FEE_PAID)
    on_bill_paid(HANDLER_KEY, application_fee_paid)
