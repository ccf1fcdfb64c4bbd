"""Open Referral HSDS 3.0 API under /hsds/v3/ (OpenAPI at /hsds/v3/openapi.json, docs at
/hsds/v3/docs). Read-only. Anonymous callers get the public entries; a signed-in session or a
Bearer token adds the entries its role may see (accounts.scoping.DIRECTORY_VISIBILITY).

Errors have one JSON shape, {"status", "message", "errors": [{"parameter", "message"}]}, with
Italian messages: 404 for unknown ids, 422 for bad parameters. Query parameters combine as AND.

CpF profile (documented at /hsds/v3/profile): `/service_at_locations` also takes `comune` (ISTAT
code) or `lat` + `long`, with `proximity` in metres (HSDS specification#480 is still open)."""

import datetime as dt
import math
import uuid
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import get_current_timezone, is_naive, make_aware
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from accounts.services import api_token_authenticate
from accounts.types import Actor
from directory import hsds, selectors
from directory.models import Resource
from network.models import Ente, ServiceArea, Tag
from territory.models import Comune

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 25
MAX_PROXIMITY_M = 100_000

hsds_api = NinjaAPI(
    title="Mappatura delle risorse territoriali — Open Referral HSDS 3.0",
    version="3.0",
    description="Directory condivisa dei servizi della rete dei Centri per la Famiglia (Regione Lombardia) "
    "secondo lo standard Open Referral HSDS 3.0. Accesso anonimo: solo risorse pubbliche; con token Bearer "
    "o sessione: anche quelle visibili al proprio ruolo. Errori: {status, message, errors}.",
    urls_namespace="hsds",
    auth=None,
)


class HsdsError(Exception):
    def __init__(self, status: int, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []


@hsds_api.exception_handler(HsdsError)
def _hsds_error(request: HttpRequest, exc: HsdsError) -> HttpResponse:
    return JsonResponse({"status": exc.status, "message": exc.message, "errors": exc.errors}, status=exc.status)


def _bad(parameter: str, message: str) -> HsdsError:
    return HsdsError(422, _("Parametri non validi."), [{"parameter": parameter, "message": message}])


def _not_found() -> HsdsError:
    return HsdsError(404, _("Elemento non trovato."))


def _caller(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = api_token_authenticate(header[7:].strip())
        if user is None:
            raise HsdsError(401, _("Token non valido o revocato."))
        return user
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else AnonymousUser()


def _int(value: str | None, name: str, default: int, *, low: int, high: int | None = None) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)  # type: ignore[arg-type]
    except ValueError:
        raise _bad(name, _("Deve essere un numero intero.")) from None
    if number < low:
        raise _bad(name, _("Deve essere almeno %(low)d.") % {"low": low})
    if high is not None and number > high:
        raise _bad(name, _("Può essere al massimo %(high)d.") % {"high": high})
    return number


def _bool(value: str | None, name: str) -> bool:
    if value is None or value == "":
        return False
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise _bad(name, _("Indica true oppure false."))


def _uuid(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise _bad(name, _("Non è un identificativo UUID valido.")) from None


def _datetime(value: str | None, name: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    parsed: dt.datetime | None
    try:
        parsed = parse_datetime(value)  # type: ignore[arg-type]
        if parsed is None:
            day = parse_date(value)  # type: ignore[arg-type]
            parsed = dt.datetime.combine(day, dt.time.min) if day else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise _bad(name, _("Indica una data o data e ora nel formato ISO 8601, es. 2026-01-31."))
    return make_aware(parsed, get_current_timezone()) if is_naive(parsed) else parsed


def _paginate(request: HttpRequest, source: "QuerySet[Any] | list[Any]", render: Any) -> dict[str, Any]:
    page = _int(request.GET.get("page"), "page", 1, low=1)
    per_page = _int(request.GET.get("per_page"), "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    total = source.count() if isinstance(source, QuerySet) else len(source)
    total_pages = max(1, math.ceil(total / per_page))
    window = list(source[(page - 1) * per_page : page * per_page])
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(window),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": len(window) == 0,
        "contents": [render(item) for item in window],
    }


def _resources(request: HttpRequest, user: Actor) -> "QuerySet[Resource]":
    return selectors.search_resources(
        user,
        text=request.GET.get("search") or None,
        taxonomy_term_id=_uuid(request.GET.get("taxonomy_term_id"), "taxonomy_term_id"),
        taxonomy_id=_uuid(request.GET.get("taxonomy_id"), "taxonomy_id"),
        organization_id=_uuid(request.GET.get("organization_id"), "organization_id"),
        modified_after=_datetime(request.GET.get("modified_after"), "modified_after"),
    )


def _one(user: Actor, value: str) -> Resource:
    key = _uuid(value, "id") or ""
    found = selectors.search_resources(user).filter(uuid=key).first()
    if found is None:
        raise _not_found()
    return found


@hsds_api.get("/", summary="Informazioni sull'API e sul suo rapporto con HSDS", tags=["hsds"])
def root(request: HttpRequest) -> Any:
    return {
        "version": hsds.HSDS_VERSION,
        "profile": request.build_absolute_uri(reverse("hsds:profile")),
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
        "publisher": "Regione Lombardia — rete dei Centri per la Famiglia",
    }


@hsds_api.get("/profile", summary="Profilo CpF di HSDS 3.0", tags=["hsds"], url_name="profile")
def profile(request: HttpRequest) -> Any:
    return {
        "name": "Profilo CpF Lombardia di HSDS 3.0",
        "version": hsds.HSDS_VERSION,
        "extensions": {
            "service_at_locations": {
                "comune": "Codice ISTAT del comune da cui calcolare la distanza (centroide).",
                "lat": "Latitudine WGS84 del punto di partenza (con long).",
                "long": "Longitudine WGS84 del punto di partenza (con lat).",
                "proximity": f"Distanza massima in metri (predefinita 10000, massimo {MAX_PROXIMITY_M}).",
            }
        },
        "taxonomies": [hsds.taxonomy(t) for t in hsds.TAXONOMIES],
        "visibility": "Senza autenticazione solo le risorse pubbliche.",
    }


@hsds_api.get("/services", summary="Elenco paginato dei servizi", tags=["hsds"])
def services(
    request: HttpRequest,
    search: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    minimal: str | None = None,
    full: str | None = None,
) -> Any:
    user = _caller(request)
    qs = _resources(request, user)
    if _bool(minimal, "minimal"):
        return _paginate(
            request,
            qs,
            lambda r: {
                "id": str(r.uuid),
                "name": r.name,
                "status": "active",
                "last_modified": r.updated_at.isoformat(),
            },
        )
    nested = _bool(full, "full")
    return _paginate(request, qs, lambda r: hsds.service(r, full=nested))


@hsds_api.get("/services/{service_id}", summary="Un servizio con tutti i dati collegati", tags=["hsds"])
def service_detail(request: HttpRequest, service_id: str) -> Any:
    return hsds.service(_one(_caller(request), service_id), full=True)


def _visible_organisations(user: Actor) -> "QuerySet[Ente]":
    return Ente.objects.filter(resources__in=selectors.visible_resources(user)).distinct().select_related("comune")


@hsds_api.get("/organizations", summary="Elenco paginato degli enti", tags=["hsds"])
def organizations(
    request: HttpRequest,
    search: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
    full_service: str | None = None,
    full: str | None = None,
) -> Any:
    user = _caller(request)
    qs = _visible_organisations(user).order_by("name", "pk")
    if search:
        for word in search.split():
            qs = qs.filter(name__icontains=word)
    return _paginate(request, qs, hsds.organization)


@hsds_api.get("/organizations/{organization_id}", summary="Un ente con i suoi servizi", tags=["hsds"])
def organization_detail(request: HttpRequest, organization_id: str, full_service: str | None = None) -> Any:
    user = _caller(request)
    key = _uuid(organization_id, "id")
    candidates = _visible_organisations(user).values_list("pk", flat=True)
    pks = selectors.organisation_pks_for(key or "", candidates)
    if not pks:
        raise _not_found()
    ente = Ente.objects.select_related("comune").get(pk=pks[0])
    nested = _bool(full_service, "full_service")
    own = selectors.search_resources(user).filter(organisation=ente)
    return hsds.organization(ente, services=[hsds.service(r, full=nested) for r in own])


def _all_terms() -> list[dict[str, Any]]:
    terms = [hsds.kind_term(kind) for kind in Resource.Kind.values]
    terms += [hsds.area_term(area) for area in ServiceArea.objects.all()]
    terms += [hsds.tag_term(tag) for tag in Tag.objects.all()]
    return terms


@hsds_api.get("/taxonomies", summary="Elenco paginato delle tassonomie", tags=["hsds"])
def taxonomies(
    request: HttpRequest, search: str | None = None, page: str | None = None, per_page: str | None = None
) -> Any:
    items = [hsds.taxonomy(t) for t in hsds.TAXONOMIES]
    if search:
        items = [t for t in items if search.lower() in (t["name"] + t["description"]).lower()]
    return _paginate(request, items, lambda t: t)


@hsds_api.get("/taxonomies/{taxonomy_id}", summary="Una tassonomia", tags=["hsds"])
def taxonomy_detail(request: HttpRequest, taxonomy_id: str) -> Any:
    key = _uuid(taxonomy_id, "id")
    if key not in hsds.TAXONOMIES:
        raise _not_found()
    return hsds.taxonomy(key)


@hsds_api.get("/taxonomy_terms", summary="Elenco paginato dei termini", tags=["hsds"])
def taxonomy_terms(
    request: HttpRequest,
    search: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
    taxonomy_id: str | None = None,
    top_only: str | None = None,
    parent_id: str | None = None,
) -> Any:
    items = _all_terms()
    tax = _uuid(taxonomy_id, "taxonomy_id")
    parent = _uuid(parent_id, "parent_id")
    _bool(top_only, "top_only")  # every term is top-level: the flag changes nothing
    if tax:
        items = [t for t in items if t["taxonomy_id"] == tax]
    if parent:
        items = []  # flat taxonomies: no term has a parent
    if search:
        items = [t for t in items if search.lower() in (t["name"] + " " + t["description"]).lower()]
    return _paginate(request, items, lambda t: t)


@hsds_api.get("/taxonomy_terms/{term_id}", summary="Un termine di tassonomia", tags=["hsds"])
def taxonomy_term_detail(request: HttpRequest, term_id: str) -> Any:
    key = _uuid(term_id, "id")
    for item in _all_terms():
        if item["id"] == key:
            return item
    raise _not_found()


def _origin(request: HttpRequest) -> tuple[float, float] | None:
    comune = request.GET.get("comune")
    lat, lon = request.GET.get("lat"), request.GET.get("long")
    if comune:
        found = Comune.objects.filter(istat_code=comune).values_list("latitude", "longitude").first()
        if found is None:
            raise _bad("comune", _("Comune sconosciuto: indica il codice ISTAT di 6 cifre."))
        return float(found[0]), float(found[1])
    if lat or lon:
        try:
            point = float(lat or ""), float(lon or "")
        except ValueError:
            raise _bad("lat", _("Indica latitudine e longitudine in gradi decimali.")) from None
        if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise _bad("lat", _("Coordinate fuori dall'intervallo valido."))
        return point
    return None


@hsds_api.get("/service_at_locations", summary="Servizi nelle sedi, anche per vicinanza", tags=["hsds"])
def service_at_locations(
    request: HttpRequest,
    search: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    full: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
    postcode: str | None = None,
    proximity: str | None = None,
    comune: str | None = None,
    lat: str | None = None,
    long: str | None = None,
) -> Any:
    user = _caller(request)
    qs = _resources(request, user)
    nested = _bool(full, "full")
    if postcode:
        qs = qs.filter(postal_code=postcode)
    origin = _origin(request)
    radius_m = _int(proximity, "proximity", 10_000, low=1, high=MAX_PROXIMITY_M)
    if origin is None:
        if proximity:
            raise _bad("proximity", _("Per la vicinanza indica anche il comune oppure lat e long."))
        return _paginate(request, qs, lambda r: hsds.service_at_location(r, nested_service=nested))
    near = selectors.nearest(qs, origin[0], origin[1], within_km=radius_m / 1000)
    return _paginate(
        request,
        near,
        lambda n: hsds.service_at_location(n.resource, nested_service=nested, distance_m=n.distance_km * 1000),
    )


@hsds_api.get("/service_at_locations/{sal_id}", summary="Un servizio in una sede", tags=["hsds"])
def service_at_location_detail(request: HttpRequest, sal_id: str) -> Any:
    key = _uuid(sal_id, "id")
    visible = selectors.search_resources(_caller(request))
    for resource_uuid in visible.values_list("uuid", flat=True):
        if hsds.uid("service_at_location", resource_uuid) == key:
            return hsds.service_at_location(visible.get(uuid=resource_uuid), nested_service=True)
    raise _not_found()
