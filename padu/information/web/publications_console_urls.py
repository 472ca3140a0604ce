"""Console pages of publications (to move into its own app)."""

from django.urls import path

from padu.portal import publicationadmin as publication_admin

urlpatterns = [
    path("berita/", publication_admin.news_list, name="console_news"),
    path("berita/baru/", publication_admin.news_new, name="console_news_new"),
    path("berita/<int:item_id>/", publication_admin.news_edit, name="console_news_edit"),
    path("berita/<int:item_id>/terbitkan/", publication_admin.news_publish_view, name="console_news_publish"),
    path("berita/<int:item_id>/tarik/", publication_admin.news_unpublish_view, name="console_news_unpublish"),
    path("jdih/", publication_admin.legal_list_view, name="console_legal"),
    path("jdih/baru/", publication_admin.legal_new, name="console_legal_new"),
    path("jdih/<int:document_id>/", publication_admin.legal_edit, name="console_legal_edit"),
    path("jdih/<int:document_id>/terbitkan/", publication_admin.legal_publish_view, name="console_legal_publish"),
    path("jdih/<int:document_id>/tarik/", publication_admin.legal_unpublish_view, name="console_legal_unpublish"),
    path(
        "jdih/<int:document_id>/relasi/", publication_admin.legal_relation_add_view, name="console_legal_relation_add"
    ),
    path(
        "jdih/<int:document_id>/relasi/<int:relation_id>/hapus/",
        publication_admin.legal_relation_remove_view,
        name="console_legal_relation_remove",
    ),
]
