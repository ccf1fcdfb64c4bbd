import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import scoping, twofactor

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


LAST_SEEN = "cpf_last_seen"
# The session is written at most this often by the sliding window (not on every request).
_TOUCH_EVERY = 60


def stamp_sign_in(sender: object, request: HttpRequest | None, user: object, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    """Ends the session of a user who reads family records (`scoping.FAMILY_RECORD_ROLES`) after
    `CPF_IDLE_TIMEOUT_MINUTES` without a request (sliding: every request moves the deadline). A page
    then goes to the login with «Sessione scaduta per inattività»; an API call continues without a
    session (401). Other roles keep the 8-hour session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.role in scoping.FAMILY_RECORD_ROLES:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if isinstance(last, int) and now - last > settings.CPF_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.warning(request, _("Sessione scaduta per inattività: accedi di nuovo."))
                    return redirect_to_login(request.get_full_path())
            elif not isinstance(last, int) or now - last >= _TOUCH_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
