from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView

from config.api import api

# Uploaded and generated files (MEDIA_ROOT) are never served directly, not even in DEBUG:
# citizens' documents and signed letters leave only through views that check who asks.
urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    # PPID's admin pages moved with its models (padu.information became padu.ppid).
    re_path(
        r"^admin/information/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/ppid/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("akun/", include("allauth.urls")),
    path("verifikasi/", include("padu.documents.urls")),
    path("", include("padu.notify.urls")),
    path("", include("padu.portal.urls")),
]
