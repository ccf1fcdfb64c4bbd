from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import twofactor

# What a user who must still enrol may open: the enrolment itself, signing out, the assets.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz")


class TwoFactorMiddleware:
    """Keeps a signed-in user whose role requires two-factor (`twofactor.is_required`) and whose
    session is not verified on the enrolment page until the app is set up (then the session is
    verified). A user already enrolled never gets here unverified: the login asks for the code
    before signing in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and twofactor.is_required(user)
            and not twofactor.session_is_verified(request)
            and not self._open(request.path)
        ):
            if twofactor.is_enrolled(user):  # signed in another way: ask again
                from django.contrib.auth import logout

                logout(request)
                return redirect("accounts:login")
            return redirect("accounts:twofactor_enrol")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        allowed = (reverse("accounts:twofactor_enrol"), reverse("accounts:logout"))
        return path in allowed or path.startswith(_OPEN_PREFIXES)
