"""Public pages of publications (to move into its own app)."""

from django.urls import path

from padu.information.feeds import AgencyNewsAtom, AgencyNewsRss
from padu.portal import publicationpages as publication_pages

urlpatterns = [
    path("berita/", publication_pages.news_all, name="news"),
    path("berita/gambar/<int:item_id>/", publication_pages.news_cover, name="news_cover"),
    path("instansi/<slug:slug>/berita/", publication_pages.news_agency, name="agency_news"),
    path("instansi/<slug:slug>/berita/rss/", AgencyNewsRss(), name="agency_news_rss"),
    path("instansi/<slug:slug>/berita/atom/", AgencyNewsAtom(), name="agency_news_atom"),
    path("instansi/<slug:slug>/berita/<slug:news_slug>/", publication_pages.news_item, name="news_item"),
    path("jdih/", publication_pages.legal_list, name="legal_list"),
    path("jdih/<str:key>/", publication_pages.legal_document, name="legal_document"),
    path("jdih/<str:key>/unduh/", publication_pages.legal_document_pdf, name="legal_document_pdf"),
]
