"""The one mapping from domain errors to pages: a page lets `NotFound` and `Forbidden` rise as
its services and selectors raise them, and this middleware answers them with the site's 404 and
403 pages (Django's own handlers, so the pages look the same as any other 404 or 403). Errors a
page can explain on a form go there instead (`padu.core.web.forms.apply_error`). The API maps
every `PaduError` to problem JSON in config/api.py; its errors never reach this middleware.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse

from padu.core.errors import Forbidden, NotFound


class DomainErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return response_for_exception(request, Http404(str(exception.message)))
        if isinstance(exception, Forbidden):
            return response_for_exception(request, PermissionDenied(str(exception.message)))
        return None
