"""The service's information pages (/informazioni/<page>/): legal notes, privacy notice,
accessibility statement and contacts, linked from the footer of every back-office page. What is
specific to an installation (who runs it, its contacts) comes from settings (CPF_* variables); when
it is missing the page says so instead of inventing it."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

INFO_PAGES = {
    "note-legali": _("Note legali"),
    "privacy": _("Informativa sul trattamento dei dati personali"),
    "accessibilita": _("Dichiarazione di accessibilità"),
    "contatti": _("Contatti"),
}


def info_page(request: HttpRequest, page: str) -> HttpResponse:
    if page not in INFO_PAGES:
        raise Http404
    context = {
        "page": page,
        "title": INFO_PAGES[page],
        "pages": INFO_PAGES,
        "operator": settings.PLATFORM_OPERATOR,
        "support_email": settings.PLATFORM_SUPPORT_EMAIL,
        "support_phone": settings.PLATFORM_SUPPORT_PHONE,
        "dpo_email": settings.PLATFORM_DPO_EMAIL,
        "accessibility_email": settings.PLATFORM_ACCESSIBILITY_EMAIL,
        "accessibility_url": settings.PORTAL_ACCESSIBILITY_URL,
    }
    return render(request, f"info/{page.replace('-', '_')}.html", context)
