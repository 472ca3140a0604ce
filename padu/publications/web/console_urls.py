"""Console pages of news, announcements and the JDIH register."""

from django.urls import path

from padu.publications.web import console

urlpatterns = [
    path("berita/", console.news_list, name="console_news"),
    path("berita/baru/", console.news_new, name="console_news_new"),
    path("berita/<int:item_id>/", console.news_edit, name="console_news_edit"),
    path("berita/<int:item_id>/terbitkan/", console.news_publish_view, name="console_news_publish"),
    path("berita/<int:item_id>/tarik/", console.news_unpublish_view, name="console_news_unpublish"),
    path("jdih/", console.legal_list_view, name="console_legal"),
    path("jdih/baru/", console.legal_new, name="console_legal_new"),
    path("jdih/<int:document_id>/", console.legal_edit, name="console_legal_edit"),
    path("jdih/<int:document_id>/terbitkan/", console.legal_publish_view, name="console_legal_publish"),
    path("jdih/<int:document_id>/tarik/", console.legal_unpublish_view, name="console_legal_unpublish"),
    path("jdih/<int:document_id>/relasi/", console.legal_relation_add_view, name="console_legal_relation_add"),
    path(
        "jdih/<int:document_id>/relasi/<int:relation_id>/hapus/",
        console.legal_relation_remove_view,
        name="console_legal_relation_remove",
    ),
]
