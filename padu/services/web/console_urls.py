"""Console pages of services (mounted under konsol/)."""

from django.urls import path

from padu.services.web import console

urlpatterns = [
    path("kotak-masuk/", console.inbox_page, name="console_inbox"),
    path("permohonan/<int:application_id>/", console.case_page, name="console_case"),
    path("berkas/<int:file_id>/", console.case_file, name="console_case_file"),
    path("layanan/", console.service_list, name="console_services"),
    path("layanan/baru/", console.service_new, name="console_service_new"),
    path("layanan/<int:version_id>/ubah/", console.service_edit, name="console_service_edit"),
    path("layanan/<int:version_id>/pratinjau/", console.service_preview, name="console_service_preview"),
    path("layanan/<int:version_id>/terbitkan/", console.service_publish_view, name="console_service_publish"),
    path("layanan/<int:version_id>/draf-baru/", console.service_new_draft_view, name="console_service_new_draft"),
    path("layanan/<int:version_id>/pensiunkan/", console.service_retire_view, name="console_service_retire"),
    path("surat/", console.letter_list, name="console_letters"),
    path("surat/baru/", console.letter_new, name="console_letter_new"),
    path("surat/<slug:kind>/ubah/", console.letter_edit, name="console_letter_edit"),
    path("surat/<slug:kind>/pratinjau/", console.letter_preview, name="console_letter_preview"),
]
