"""Italian first: the UI is Italian unless the user picked another language with the switcher
(stored in the language cookie). The browser's Accept-Language is deliberately ignored, so an
operator's English-language browser does not turn the back office English.

The public portal (URL namespace "portal" and /api/v1/portal/) offers every language in
LANGUAGES; the back office only BACKOFFICE_LANGUAGES (a visitor who chose Arabic on the portal
and then signs in sees the back office in Italian)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation


def is_portal_path(path: str) -> bool:
    if path.startswith("/api/v1/portal/"):
        return True
    try:
        return resolve(path).namespace == "portal"
    except Resolver404:
        return False


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        if language not in settings.BACKOFFICE_LANGUAGES and not is_portal_path(request.path_info):
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
        return response
