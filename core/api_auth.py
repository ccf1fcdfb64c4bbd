"""Who calls the API: a Bearer token (integrations) or the back-office session (the site's own
pages). A request with neither, or with a bad token, is a 401 in Italian (never a CSRF 403: an
integrator without credentials must read that it lacks credentials)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from accounts import scoping
from accounts.services import api_token_authenticate
from common import ratelimit

# (model, action, name of the path parameter that carries the row's id, if any), or a check of
# the caller's role that raises PermissionDenied (`roles()`).
Guard = tuple[type[models.Model], str, str | None] | Callable[[Any], None]


def _guarded(request: HttpRequest, user: Any, guard: Guard | None) -> Any:
    """Permission before validation: a write operation checks the role against WRITERS as soon
    as the caller is known, before the body is parsed, so a role that may not write the model
    reads a 403 (or a 404 for a row it cannot see) and never a validation message."""
    if user is None or guard is None:
        return user
    if callable(guard):
        guard(user)
        return user
    model, action, pk_param = guard
    if not scoping.may_write(user, model, action):
        match = request.resolver_match
        if pk_param and match is not None and pk_param in match.kwargs:
            scoping.get_for_user(user, model._default_manager.all(), match.kwargs[pk_param])  # 404 if unseen
            raise PermissionDenied(_("Non hai i permessi per modificare questo elemento."))
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    return user


class TokenAuth(HttpBearer):
    """Bearer token for integrations (tokens are created on the user's profile page)."""

    guard: Guard | None = None

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # Guessing tokens: after CPF_API_TOKEN_FAILURE_LIMIT wrong tokens from one client in the
        # window, every token request of that client is refused (429) until the window ends.
        window = settings.CPF_API_TOKEN_FAILURE_WINDOW
        if ratelimit.count(request, "api-token-fail", window) >= settings.CPF_API_TOKEN_FAILURE_LIMIT:
            raise ratelimit.RateLimited(ratelimit.retry_after(window))
        user = api_token_authenticate(token)
        if user is None:
            ratelimit.hit(request, "api-token-fail", window)
        else:
            request.user = user
        return _guarded(request, user, self.guard)


class SessionAuth(APIKeyCookie):
    """The back office's session. The CSRF check only applies to a request that carries a
    signed-in session: without one the caller is simply not authenticated (401)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, _("Verifica CSRF non riuscita: ricarica la pagina e riprova."))
        return request.COOKIES.get(self.param_name)

    guard: Guard | None = None

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is not None and request.user.is_authenticated:
            return _guarded(request, request.user, self.guard)
        return None


# Integrations use tokens; the browser's own pages may call the API with the session (CSRF-checked).
AUTH = [TokenAuth(), SessionAuth()]


def writers(model: type[models.Model], action: str, pk_param: str | None = None) -> list[Any]:
    """`AUTH` for an operation that writes `model` (`scoping.CREATE` or `scoping.CHANGE`; the
    row's id in the path parameter `pk_param`)."""
    token, session = TokenAuth(), SessionAuth()
    token.guard = session.guard = (model, action, pk_param)
    return [token, session]


def roles(check: Callable[[Any], None]) -> list[Any]:
    """`AUTH` for a hand-written operation whose role check is `check(user)` (raising
    PermissionDenied): run as soon as the caller is known, before the body is parsed, as
    `writers()` does for the generic CRUD — a role outside it reads 403, never a 422."""
    token, session = TokenAuth(), SessionAuth()
    token.guard = session.guard = check
    return [token, session]


def may_act(action: str) -> Callable[[Any], None]:
    """A role check for `roles()`: the role may take the workflow step `action` (ACTIONS)."""

    def check(user: Any) -> None:
        if not scoping.may_act_on_model(user, action):
            raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))

    return check
