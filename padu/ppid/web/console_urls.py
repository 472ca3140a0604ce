"""Console pages of PPID: the inbox, recording a request received off-line and its receipt, a
request, the list of public information, the report."""

from django.urls import path

from padu.ppid.web import console

urlpatterns = [
    path("ppid/", console.inbox, name="console_ppid"),
    path("ppid/catat/", console.record, name="console_ppid_record"),
    path("ppid/permohonan/<int:request_id>/", console.case, name="console_ppid_case"),
    path("ppid/permohonan/<int:request_id>/tanda-terima/", console.receipt, name="console_ppid_receipt"),
    path("ppid/berkas/<int:file_id>/", console.case_file, name="console_ppid_file"),
    path("ppid/daftar-informasi/", console.public_information_list, name="console_ppid_dip"),
    path("ppid/daftar-informasi/baru/", console.public_information_new, name="console_ppid_dip_new"),
    path("ppid/daftar-informasi/<int:item_id>/", console.public_information_edit, name="console_ppid_dip_edit"),
    path("ppid/daftar-informasi/<int:item_id>/unduh/", console.public_information_file, name="console_ppid_dip_file"),
    path("ppid/laporan/", console.report, name="console_ppid_report"),
    path("ppid/laporan/unduh/", console.report_download, name="console_ppid_report_xlsx"),
]
