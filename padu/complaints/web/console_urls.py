"""Console pages of complaints (mounted under konsol/)."""

from django.urls import path

from padu.complaints.web import console

urlpatterns = [
    path("pengaduan/", console.inbox_page, name="console_complaints"),
    path("pengaduan/ekspor/", console.export, name="console_complaints_export"),
    path("pengaduan/catat/", console.record_page, name="console_complaint_record"),
    path("pengaduan/<int:complaint_id>/", console.case_page, name="console_complaint"),
    path("pengaduan/<int:complaint_id>/tanda-terima/", console.receipt_page, name="console_complaint_receipt"),
]
