"""Single sign-on through the Region's SPID/CIE gateway, as a standard OpenID Connect relying party
(mozilla-django-oidc, authorization code flow with PKCE and nonce).

Enabled only when `OIDC_RP_CLIENT_ID` is set (settings: the endpoints from the environment, or
from the provider's discovery document `OIDC_OP_DISCOVERY_URL`, read once an hour). The id_token
is verified by the library (signature against the provider's JWKS, algorithm, nonce) and here
(issuer, audience). The person's fiscal number — SPID `fiscalNumber` "TINIT-RSSMRA80A01F205X", or the
other claims in `OIDC_FISCAL_NUMBER_CLAIMS` — is normalised and must match the `fiscal_code` of an
EXISTING, ACTIVE account: a first login never creates an account nor gives any role. A refused
login ends on an Italian page saying why (`refusal`), with nothing of the claims in logs or URLs.
Local passwords stay (demo, break-glass accounts)."""

import logging
import re
from enum import StrEnum
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import twofactor
from accounts.models import FISCAL_CODE_RE, User

logger = logging.getLogger(__name__)
_DISCOVERY_CACHE_SECONDS = 3600
_FISCAL = re.compile(FISCAL_CODE_RE)


class Refusal(StrEnum):
    INVALID = "invalid"  # the provider's answer could not be verified (signature, issuer, state…)
    NO_FISCAL_NUMBER = "no_fiscal_number"
    UNKNOWN = "unknown"
    INACTIVE = "inactive"


REFUSAL_MESSAGES = {
    Refusal.INVALID: gettext_noop(
        "Non è stato possibile verificare l'accesso con SPID o CIE. Riprova; se il problema continua, "
        "contatta l'assistenza."
    ),
    Refusal.NO_FISCAL_NUMBER: gettext_noop(
        "Il gestore dell'identità non ha comunicato il codice fiscale: senza non possiamo riconoscerti."
    ),
    Refusal.UNKNOWN: gettext_noop(
        "La tua identità digitale è valida, ma nessun account della piattaforma è associato al tuo "
        "codice fiscale. Chiedi al referente della tua ATS o della Regione di abilitarti: l'accesso non crea "
        "account da solo."
    ),
    Refusal.INACTIVE: gettext_noop(
        "Il tuo account è disattivato. Se è un errore, chiedi al referente della tua ATS o della "
        "Regione di riattivarlo."
    ),
}


def normalise_fiscal_number(value: object) -> str | None:
    """The Italian fiscal code in a claim ("TINIT-RSSMRA80A01F205X", "rssmra80a01f205x"), upper case,
    or None when it is not one."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    if code.startswith("TINIT-"):
        code = code[len("TINIT-") :]
    return code if _FISCAL.match(code) else None


def fiscal_number_of(claims: dict[str, Any]) -> str | None:
    for name in settings.OIDC_FISCAL_NUMBER_CLAIMS:
        code = normalise_fiscal_number(claims.get(name))
        if code:
            return code
    return None


def enabled() -> bool:
    return bool(settings.OIDC_ENABLED)


def provider() -> dict[str, str]:
    """The provider's endpoints: each from its setting, else from the discovery document."""
    explicit = {
        "issuer": settings.OIDC_OP_ISSUER,
        "authorization_endpoint": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.OIDC_OP_TOKEN_ENDPOINT,
        "userinfo_endpoint": settings.OIDC_OP_USER_ENDPOINT,
        "jwks_uri": settings.OIDC_OP_JWKS_ENDPOINT,
    }
    if not settings.OIDC_OP_DISCOVERY_URL:
        return explicit
    key = f"cpf.oidc.discovery:{settings.OIDC_OP_DISCOVERY_URL}"
    document: dict[str, Any] | None = cache.get(key)
    if document is None:
        response = requests.get(settings.OIDC_OP_DISCOVERY_URL, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, _DISCOVERY_CACHE_SECONDS)
    return {name: value or str(document.get(name) or "") for name, value in explicit.items()}


def _refuse(request: HttpRequest | None, reason: Refusal) -> None:
    if request is not None:
        request.cpf_oidc_refusal = reason  # type: ignore[attr-defined]


class FiscalNumberBackend(OIDCAuthenticationBackend):
    """Finds the existing active account whose fiscal code is the person's; never creates one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()
        self.configured = False  # endpoints are read when a login actually comes back

    def _configure(self) -> None:
        endpoints = provider()
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = endpoints["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = endpoints["jwks_uri"]
        self.issuer = endpoints["issuer"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.configured = True

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the OIDC callback passes a nonce; password logins never reach the provider.
        if not enabled() or request is None or "nonce" not in kwargs or "password" in kwargs:
            return None
        try:
            self._configure()
            user: User | None = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, ValueError, KeyError) as exc:
            logger.warning("SPID/CIE login refused: %s", type(exc).__name__)
            _refuse(request, Refusal.INVALID)
            return None
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token audience")
        if self.issuer and payload.get("iss") != self.issuer:
            raise SuspiciousOperation("id_token issuer")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The id_token's claims, completed by the userinfo endpoint when the provider has one."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            claims.update(super().get_userinfo(access_token, id_token, payload))
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        code = fiscal_number_of(claims)
        if code is None:
            _refuse(self.request, Refusal.NO_FISCAL_NUMBER)
            return None
        user = self.UserModel.objects.filter(fiscal_code=code).first()
        if user is None:
            _refuse(self.request, Refusal.UNKNOWN)
            return None
        if not user.is_active:
            _refuse(self.request, Refusal.INACTIVE)
            return None
        return user

    def create_user(self, claims: dict[str, Any]) -> User:
        raise SuspiciousOperation("accounts are never created by a login")

    def get_user(self, user_id: Any) -> User | None:
        user = self.UserModel.objects.filter(pk=user_id, is_active=True).first()
        return user


class LoginStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the gateway (404 when single sign-on is not configured)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404(_("Accesso con SPID/CIE non configurato."))
        self.OIDC_OP_AUTH_ENDPOINT = provider()["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the gateway: signs in, or says in Italian why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404(_("Accesso con SPID/CIE non configurato."))
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state that is not ours (replayed or forged callback)
            _refuse(request, Refusal.INVALID)
            return self.login_failure()

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        if settings.CPF_OIDC_IS_STRONG:  # SPID level 2 and CIE are two-factor already
            twofactor.mark_verified(self.request)
        return response

    def login_failure(self) -> HttpResponse:
        reason = getattr(self.request, "cpf_oidc_refusal", Refusal.INVALID)
        return render(
            self.request,
            "accounts/oidc_refused.html",
            {"message": _(REFUSAL_MESSAGES[Refusal(reason)])},
            status=403,
        )


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The name django-axes counts failed logins under (`AXES_USERNAME_CALLABLE`). A refused SPID/CIE
    callback is not a password guess — the gateway authenticated the person, and it cannot be
    replayed (state, nonce, PKCE) — so each one is counted on its own: a few people without an
    account behind one office's address must not lock SPID/CIE for the whole office. Password
    logins are counted by username as before."""
    if credentials and "nonce" in credentials and "password" not in credentials:
        return "oidc:" + str(request.GET.get("state", ""))[:64]
    if credentials:
        value = credentials.get("username")
    else:
        value = request.POST.get("username")
    return str(value) if value is not None else None
