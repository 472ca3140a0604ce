from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from config.api import api

# Uploaded and generated files (MEDIA_ROOT) are never served directly, not even in DEBUG:
# citizens' documents and signed letters leave only through views that check who asks.
urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("akun/", include("allauth.urls")),
    path("verifikasi/", include("padu.documents.urls")),
    path("", include("padu.notify.urls")),
    path("", include("padu.portal.urls")),
]
