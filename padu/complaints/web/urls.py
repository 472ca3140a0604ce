"""Public and account pages of complaints (mounted at the site root, in the site namespace)."""

from django.urls import path

from padu.complaints.web import pages

urlpatterns = [
    path("pengaduan/", pages.public_list, name="complaints"),
    path("pengaduan/kirim/", pages.submit, name="complaint_submit"),
    path("pengaduan/lacak/", pages.track, name="complaint_track"),
    path("pengaduan/statistik/", pages.statistics, name="complaint_stats"),
    path("pengaduan/lampiran/<int:attachment_id>/", pages.attachment, name="complaint_attachment"),
    path("pengaduan/<str:number>/", pages.public_page, name="complaint_public"),
    path("akun/pengaduan/", pages.my_list, name="my_complaints"),
    path("akun/pengaduan/<int:complaint_id>/", pages.my_detail, name="my_complaint"),
]
