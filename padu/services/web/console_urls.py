"""Console pages of services (mounted under konsol/)."""

from django.urls import path

from padu.portal import casework, serviceadmin

urlpatterns = [
    path("kotak-masuk/", casework.inbox_page, name="console_inbox"),
    path("permohonan/<int:application_id>/", casework.case_page, name="console_case"),
    path("berkas/<int:file_id>/", casework.case_file, name="console_case_file"),
    path("layanan/", serviceadmin.service_list, name="console_services"),
    path("layanan/baru/", serviceadmin.service_new, name="console_service_new"),
    path("layanan/<int:version_id>/ubah/", serviceadmin.service_edit, name="console_service_edit"),
    path("layanan/<int:version_id>/pratinjau/", serviceadmin.service_preview, name="console_service_preview"),
    path("layanan/<int:version_id>/terbitkan/", serviceadmin.service_publish_view, name="console_service_publish"),
    path("layanan/<int:version_id>/draf-baru/", serviceadmin.service_new_draft_view, name="console_service_new_draft"),
    path("layanan/<int:version_id>/pensiunkan/", serviceadmin.service_retire_view, name="console_service_retire"),
    path("surat/", serviceadmin.letter_list, name="console_letters"),
    path("surat/baru/", serviceadmin.letter_new, name="console_letter_new"),
    path("surat/<slug:kind>/ubah/", serviceadmin.letter_edit, name="console_letter_edit"),
    path("surat/<slug:kind>/pratinjau/", serviceadmin.letter_preview, name="console_letter_preview"),
]
