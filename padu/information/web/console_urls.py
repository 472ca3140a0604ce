"""Until the split: the console pages of PPID and of publications."""

from django.urls import include, path

urlpatterns = [
    path("", include("padu.information.web.ppid_console_urls")),
    path("", include("padu.information.web.publications_console_urls")),
]
