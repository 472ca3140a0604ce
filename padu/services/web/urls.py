"""Public and account pages of services (mounted at the site root, in the site namespace)."""

from django.urls import path

from padu.portal import billingpages as billing_pages
from padu.portal import servicepages

urlpatterns = [
    path("layanan/", servicepages.catalogue, name="catalogue"),
    path("layanan/<slug:agency_slug>/<slug:slug>/", servicepages.service_page, name="service"),
    path("layanan/<slug:agency_slug>/<slug:slug>/ajukan/", servicepages.apply, name="apply"),
    path("lacak/", servicepages.track, name="track"),
    path("lacak/<str:number>/", servicepages.track_status, name="track_status"),
    path("akun/permohonan/", servicepages.my_application_list, name="my_applications"),
    path("akun/permohonan/<int:application_id>/", servicepages.my_application, name="my_application"),
    path("akun/berkas/<int:file_id>/", servicepages.my_application_file, name="my_application_file"),
    path(
        "akun/permohonan/<int:application_id>/survei/", servicepages.my_application_survey, name="my_application_survey"
    ),
    path(
        "akun/permohonan/<int:application_id>/dokumen/",
        servicepages.my_application_document,
        name="my_application_document",
    ),
    path(
        "akun/permohonan/<int:application_id>/tagihan-baru/",
        billing_pages.my_application_fee_renew,
        name="my_application_fee_renew",
    ),
]
