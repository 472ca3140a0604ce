"""The production URLs plus the bench-only ceiling view (loaded only by `bench.settings`)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from config.urls import urlpatterns as production


def ceiling(request: HttpRequest) -> HttpResponse:
    """The cheapest possible page through the full middleware stack: no query, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [path("bench/ceiling/", ceiling), *production]
