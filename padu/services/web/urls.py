"""Public and account pages of services (mounted at the site root, in the site namespace)."""

from django.urls import path

from padu.services.web import fees, pages

urlpatterns = [
    path("layanan/", pages.catalogue, name="catalogue"),
    path("layanan/<slug:agency_slug>/<slug:slug>/", pages.service_page, name="service"),
    path("layanan/<slug:agency_slug>/<slug:slug>/ajukan/", pages.apply, name="apply"),
    path("lacak/", pages.track, name="track"),
    path("lacak/<str:number>/", pages.track_status, name="track_status"),
    path("akun/permohonan/", pages.my_application_list, name="my_applications"),
    path("akun/permohonan/<int:application_id>/", pages.my_application, name="my_application"),
    path("akun/berkas/<int:file_id>/", pages.my_application_file, name="my_application_file"),
    path("akun/permohonan/<int:application_id>/survei/", pages.my_application_survey, name="my_application_survey"),
    path(
        "akun/permohonan/<int:application_id>/dokumen/", pages.my_application_document, name="my_application_document"
    ),
    path(
        "akun/permohonan/<int:application_id>/tagihan-baru/",
        fees.my_application_fee_renew,
        name="my_application_fee_renew",
    ),
]
