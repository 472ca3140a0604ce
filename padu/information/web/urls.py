"""Until the split: the public pages of PPID and of publications."""

from django.urls import include, path

urlpatterns = [
    path("", include("padu.information.web.ppid_urls")),
    path("", include("padu.information.web.publications_urls")),
]
