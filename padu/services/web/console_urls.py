"""Console pages of services (mounted under konsol/)."""

from django.urls import path

from padu.services.web import console, counter

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
    path("maklumat/", console.service_charter_page, name="console_service_charter"),
    path("surat/", console.letter_list, name="console_letters"),
    path("surat/baru/", console.letter_new, name="console_letter_new"),
    path("surat/<slug:kind>/ubah/", console.letter_edit, name="console_letter_edit"),
    path("surat/<slug:kind>/pratinjau/", console.letter_preview, name="console_letter_preview"),
    # The counter (loket): walk-in citizens.
    path("loket/", counter.counter_home, name="console_counter"),
    path("loket/daftar/", counter.counter_register, name="console_counter_register"),
    path("loket/warga/<int:user_id>/", counter.counter_citizen, name="console_counter_citizen"),
    path("loket/warga/<int:user_id>/tanggal-lahir/", counter.counter_birth_date, name="console_counter_birth_date"),
    path(
        "loket/warga/<int:user_id>/layanan/<int:version_id>/",
        counter.counter_apply_page,
        name="console_counter_apply",
    ),
    path(
        "loket/permohonan/<int:application_id>/tanda-terima/", counter.counter_receipt, name="console_counter_receipt"
    ),
    path("loket/permohonan/<int:application_id>/serahkan/", counter.counter_handover, name="console_counter_handover"),
    path("loket/permohonan/<int:application_id>/surat/", counter.counter_letter, name="console_counter_letter"),
]
