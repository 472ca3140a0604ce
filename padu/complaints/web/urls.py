"""Public and account pages of complaints (mounted at the site root, in the site namespace)."""

from django.urls import path

from padu.portal import complaintpages

urlpatterns = [
    path("pengaduan/", complaintpages.public_list, name="complaints"),
    path("pengaduan/kirim/", complaintpages.submit, name="complaint_submit"),
    path("pengaduan/lacak/", complaintpages.track, name="complaint_track"),
    path("pengaduan/statistik/", complaintpages.statistics, name="complaint_stats"),
    path("pengaduan/lampiran/<int:attachment_id>/", complaintpages.attachment, name="complaint_attachment"),
    path("pengaduan/<str:number>/", complaintpages.public_page, name="complaint_public"),
    path("akun/pengaduan/", complaintpages.my_list, name="my_complaints"),
    path("akun/pengaduan/<int:complaint_id>/", complaintpages.my_detail, name="my_complaint"),
]
