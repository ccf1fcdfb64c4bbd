"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs): the
NinjaAPI, its error handlers and the registration of each app's router. Each app owns its
endpoints and schemas (`<app>/api.py`, `<app>/schemas.py`); `api/` only assembles them: this
file and the Italian validation messages (`errors.py`). What the apps' routers build on — the
authentication (`core.api_auth`) and the generic CRUD (`core.api_crud`) — is platform core, so
that no app imports `api` and `api` imports the apps (no cycle)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from activities.api import router as activities_router
from api.errors import translate
from common.concurrency import ConflictError
from common.errors import error_messages
from common.ratelimit import RateLimited
from conciliazione.api import router as conciliazione_router
from core.api_auth import AUTH
from families.api import inbox_router
from families.api import router as families_router
from funding.api import router as funding_router
from monitoring.api import router as monitoring_router
from network.api import router as network_router
from portal.api import router as portal_router
from territory.api import router as territory_router

api = NinjaAPI(
    title="Centri per la Famiglia — Regione Lombardia",
    version="1.0.0",
    description="API del registro della rete dei Centri per la Famiglia. Autenticazione: token Bearer "
    "(creato dal profilo utente) o sessione del back office. Ogni operazione rispetta l'ambito del ruolo.",
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = error_messages(exc)
    return api.create_response(request, {"detail": _("Dati non validi."), "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def _schema_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = translate(exc.errors)
    return api.create_response(request, {"detail": _("Dati non validi."), "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Operazione non consentita.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Elemento non trovato.")}, status=404)


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    minutes = max(1, -(-exc.retry_after // 60))
    message = _("Troppe richieste: riprova tra %(minutes)d minuti.") % {"minutes": minutes}
    response = api.create_response(request, {"detail": message}, status=429)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


def _http_error_message(exc: HttpError) -> str:
    """django-ninja's own messages in Italian (a body that is not JSON, throttling)."""
    message = str(exc)
    if message.startswith("Cannot parse request body"):
        return _("Il corpo della richiesta non è JSON valido.")
    if message.startswith("Too many requests"):
        return _("Troppe richieste: riprova tra poco.")
    return message


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": _http_error_message(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": _("Autenticazione richiesta.")}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


api.add_router("/territory", territory_router)
api.add_router("/network", network_router)
api.add_router("/funding", funding_router)
api.add_router("/conciliazione", conciliazione_router)
api.add_router("/families", families_router)
api.add_router("/inbox", inbox_router)
api.add_router("/activities", activities_router)
api.add_router("/portal", portal_router)
api.add_router("/monitoring", monitoring_router)
