"""Console pages of complaints (mounted under konsol/)."""

from django.urls import path

from padu.portal import complaintadmin

urlpatterns = [
    path("pengaduan/", complaintadmin.inbox_page, name="console_complaints"),
    path("pengaduan/ekspor/", complaintadmin.export, name="console_complaints_export"),
    path("pengaduan/<int:complaint_id>/", complaintadmin.case_page, name="console_complaint"),
]
