"""Console pages of billing (mounted under konsol/)."""

from django.urls import path

from padu.portal import billingadmin as billing_admin
from padu.portal import billingreports as billing_reports

urlpatterns = [
    path("tagihan/", billing_admin.bill_list, name="console_bills"),
    path("tagihan/baru/", billing_admin.bill_new, name="console_bill_new"),
    path("tagihan/<int:bill_id>/", billing_admin.bill_detail, name="console_bill"),
    path("tagihan/<int:bill_id>/batal/", billing_admin.bill_cancel_post, name="console_bill_cancel"),
    path("tagihan/<int:bill_id>/refund/", billing_admin.bill_refund_post, name="console_bill_refund"),
    path(
        "tagihan/<int:bill_id>/refund/putuskan/",
        billing_admin.bill_refund_decide_post,
        name="console_bill_refund_decide",
    ),
    path("tagihan/<int:bill_id>/bukti/", billing_admin.bill_receipt_pdf, name="console_bill_receipt"),
    path("kanal-pembayaran/", billing_admin.channels, name="console_channels"),
    path("kanal-pembayaran/<int:channel_id>/rahasia/", billing_admin.channel_rotate, name="console_channel_rotate"),
    path("kanal-pembayaran/<int:channel_id>/aktif/", billing_admin.channel_toggle, name="console_channel_toggle"),
    path("tagihan/rekonsiliasi/", billing_reports.reconciliation, name="console_reconciliation"),
    path("tagihan/rekonsiliasi/<int:statement_id>/", billing_reports.statement, name="console_settlement"),
    path(
        "tagihan/rekonsiliasi/<int:statement_id>/berkas/",
        billing_reports.statement_file,
        name="console_settlement_file",
    ),
    path(
        "tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/",
        billing_reports.statement_line,
        name="console_settlement_line",
    ),
    path(
        "tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/bukti/",
        billing_reports.statement_line_proof,
        name="console_settlement_proof",
    ),
    path("tagihan/laporan/", billing_reports.revenue, name="console_revenue"),
    path("tagihan/laporan/unduh/<str:fmt>/", billing_reports.revenue_download, name="console_revenue_download"),
]
