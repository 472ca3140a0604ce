"""Console pages of ppid (to move into its own app)."""

from django.urls import path

from padu.portal import ppidadmin

urlpatterns = [
    path("ppid/", ppidadmin.inbox, name="console_ppid"),
    path("ppid/permohonan/<int:request_id>/", ppidadmin.case, name="console_ppid_case"),
    path("ppid/berkas/<int:file_id>/", ppidadmin.case_file, name="console_ppid_file"),
    path("ppid/daftar-informasi/", ppidadmin.public_information_list, name="console_ppid_dip"),
    path("ppid/daftar-informasi/baru/", ppidadmin.public_information_new, name="console_ppid_dip_new"),
    path("ppid/daftar-informasi/<int:item_id>/", ppidadmin.public_information_edit, name="console_ppid_dip_edit"),
    path("ppid/daftar-informasi/<int:item_id>/unduh/", ppidadmin.public_information_file, name="console_ppid_dip_file"),
    path("ppid/laporan/", ppidadmin.report, name="console_ppid_report"),
    path("ppid/laporan/unduh/", ppidadmin.report_download, name="console_ppid_report_xlsx"),
]
