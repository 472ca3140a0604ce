"""Console pages of billing (mounted under konsol/)."""

from django.urls import path

from padu.billing.web import console, reports

urlpatterns = [
    path("tagihan/", console.bill_list, name="console_bills"),
    path("tagihan/baru/", console.bill_new, name="console_bill_new"),
    path("tagihan/<int:bill_id>/", console.bill_detail, name="console_bill"),
    path("tagihan/<int:bill_id>/batal/", console.bill_cancel_post, name="console_bill_cancel"),
    path("tagihan/<int:bill_id>/refund/", console.bill_refund_post, name="console_bill_refund"),
    path(
        "tagihan/<int:bill_id>/refund/putuskan/",
        console.bill_refund_decide_post,
        name="console_bill_refund_decide",
    ),
    path("tagihan/<int:bill_id>/bukti/", console.bill_receipt_pdf, name="console_bill_receipt"),
    path("kanal-pembayaran/", console.channels, name="console_channels"),
    path("kanal-pembayaran/<int:channel_id>/rahasia/", console.channel_rotate, name="console_channel_rotate"),
    path("kanal-pembayaran/<int:channel_id>/aktif/", console.channel_toggle, name="console_channel_toggle"),
    path("kanal-pembayaran/<int:channel_id>/qris/", console.channel_qris, name="console_channel_qris"),
    path("tagihan/rekonsiliasi/", reports.reconciliation, name="console_reconciliation"),
    path("tagihan/rekonsiliasi/<int:statement_id>/", reports.statement, name="console_settlement"),
    path(
        "tagihan/rekonsiliasi/<int:statement_id>/berkas/",
        reports.statement_file,
        name="console_settlement_file",
    ),
    path(
        "tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/",
        reports.statement_line,
        name="console_settlement_line",
    ),
    path(
        "tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/bukti/",
        reports.statement_line_proof,
        name="console_settlement_proof",
    ),
    path("tagihan/laporan/", reports.revenue, name="console_revenue"),
    path("tagihan/laporan/unduh/<str:fmt>/", reports.revenue_download, name="console_revenue_download"),
]
