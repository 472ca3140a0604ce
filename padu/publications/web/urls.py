"""Public pages of news, announcements and the JDIH register."""

from django.urls import path

from padu.publications.feeds import AgencyNewsAtom, AgencyNewsRss
from padu.publications.web import pages

urlpatterns = [
    path("berita/", pages.news_all, name="news"),
    path("berita/gambar/<int:item_id>/", pages.news_cover, name="news_cover"),
    path("instansi/<slug:slug>/berita/", pages.news_agency, name="agency_news"),
    path("instansi/<slug:slug>/berita/rss/", AgencyNewsRss(), name="agency_news_rss"),
    path("instansi/<slug:slug>/berita/atom/", AgencyNewsAtom(), name="agency_news_atom"),
    path("instansi/<slug:slug>/berita/<slug:news_slug>/", pages.news_item, name="news_item"),
    path("jdih/", pages.legal_list, name="legal_list"),
    path("jdih/<str:key>/", pages.legal_document, name="legal_document"),
    path("jdih/<str:key>/unduh/", pages.legal_document_pdf, name="legal_document_pdf"),
]
