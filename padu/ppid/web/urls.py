"""Public pages of PPID: the registers, the lists of public information, the request form and
the requester's pages."""

from django.urls import path

from padu.ppid.web import pages

urlpatterns = [
    path("ppid/", pages.ppid_index, name="ppid"),
    path("ppid/<slug:slug>/", pages.agency_ppid, name="ppid_agency"),
    path("ppid/<slug:slug>/daftar-informasi/", pages.public_information, name="ppid_dip"),
    path(
        "ppid/<slug:slug>/daftar-informasi/<int:item_id>/unduh/",
        pages.public_information_file,
        name="ppid_dip_file",
    ),
    path("ppid/<slug:slug>/ajukan/", pages.request_new, name="ppid_request_new"),
    path("akun/ppid/", pages.my_request_list, name="my_ppid_requests"),
    path("akun/ppid/<int:request_id>/", pages.my_request_page, name="my_ppid_request"),
    path("akun/ppid/<int:request_id>/keberatan/", pages.objection_new, name="my_ppid_objection"),
    path("akun/ppid/berkas/<int:file_id>/", pages.my_file, name="my_ppid_file"),
]
