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


# Pages and API responses that carry personal data (family pathway, sign-ups, contact requests,
# conciliazione households): never stored by a browser or a proxy cache.
PERSONAL_PREFIXES = (
    "/famiglie/",
    "/api/v1/families",
    "/api/v1/inbox",
    "/attivita/",
    "/api/v1/activities",
    "/richieste-contatto/",
    "/conciliazione/nuclei",
    "/api/v1/conciliazione/households",
    "/lavori/",
)
_DOCUMENT_TYPES = ("application/pdf", "text/csv", "application/vnd.openxmlformats", "application/zip")


def needs_no_store(path: str, response: HttpResponse) -> bool:
    """Family pages and API, and every export or PDF (a download is a copy of records)."""
    if path.startswith(PERSONAL_PREFIXES):
        return True
    content_type = response.headers.get("Content-Type", "")
    return "attachment" in response.headers.get("Content-Disposition", "") or content_type.startswith(_DOCUMENT_TYPES)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on personal data, decided in this one place."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if needs_no_store(request.path_info, response):
            response.headers["Cache-Control"] = "no-store, private"
            response.headers["Pragma"] = "no-cache"
        return response
