"""Public pages of ppid (to move into its own app)."""

from django.urls import path

from padu.portal import ppidpages

urlpatterns = [
    path("ppid/", ppidpages.ppid_index, name="ppid"),
    path("ppid/<slug:slug>/", ppidpages.agency_ppid, name="ppid_agency"),
    path("ppid/<slug:slug>/daftar-informasi/", ppidpages.public_information, name="ppid_dip"),
    path(
        "ppid/<slug:slug>/daftar-informasi/<int:item_id>/unduh/",
        ppidpages.public_information_file,
        name="ppid_dip_file",
    ),
    path("ppid/<slug:slug>/ajukan/", ppidpages.request_new, name="ppid_request_new"),
    path("akun/ppid/", ppidpages.my_request_list, name="my_ppid_requests"),
    path("akun/ppid/<int:request_id>/", ppidpages.my_request_page, name="my_ppid_request"),
    path("akun/ppid/<int:request_id>/keberatan/", ppidpages.objection_new, name="my_ppid_objection"),
    path("akun/ppid/berkas/<int:file_id>/", ppidpages.my_file, name="my_ppid_file"),
]
