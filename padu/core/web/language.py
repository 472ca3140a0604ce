"""The language of a request: pages speak Bahasa Indonesia unless the visitor chose English.

Django's LocaleMiddleware follows the browser's Accept-Language, so a visitor whose phone
is set to English would get English pages without asking, and an officer reading a
citizen's screen over their shoulder would see another site. Pages therefore use the
language chosen with the switch in the header (a cookie) and otherwise the site's default.
The API keeps Accept-Language: another system says which language its problems should be
written in.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def chosen_language(request: HttpRequest) -> str:
    """The language a page is shown in: the visitor's choice, else the site's default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith(API_PREFIX):
            super().process_request(request)
            return
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if request.path.startswith(API_PREFIX):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
