"""The public search as JSON: GET /api/v1/portal/search (no authentication, rate-limited)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from common import ratelimit
from common.inputs import InputSchema
from portal import catalogue, search
from portal.views import result_url

router = Router(tags=["portale pubblico"])


class SearchIn(InputSchema):
    q: str = ""
    comune: str = ""
    lang: str = "it"
    area: str = ""
    open_now: bool = False
    accessible: bool = False


class AreaOut(Schema):
    code: str
    name: str


class HelplineOut(Schema):
    number: str
    name: str
    when: str


class DestinationOut(Schema):
    name: str
    kind: str
    address: str
    comune: str
    phone: str
    distance_km: float | None


class SpecialistOut(Schema):
    needs: list[str]
    helplines: list[HelplineOut]
    services: list[DestinationOut]


class SeatOut(Schema):
    id: int | None  # the seat's id (source "registry"); None for a directory entry
    resource_id: str | None  # the directory entry's UUID (source "directory"; as in /hsds/v3/services/{id})
    source: str  # "registry" (a seat of a Family Centre) or "directory" (another body's service)
    kind: str
    name: str
    centre: str  # the Centre, or the organisation of a directory entry
    address: str
    comune: str
    latitude: float
    longitude: float
    distance_km: float | None
    open_now: bool
    next_opening: dt.datetime | None
    step_free_access: bool
    url: str


class ResultOut(Schema):
    seat: SeatOut
    matched_areas: list[AreaOut]
    matched_needs: list[str]
    offerings: list[str]
    why: list[str]


class SearchOut(Schema):
    query: str
    place: str | None
    corrections: dict[str, str]
    specialist: SpecialistOut | None
    fallback: bool
    results: list[ResultOut]


@router.get(
    "/search",
    response=SearchOut,
    auth=None,
    summary="Ricerca pubblica per bisogno e luogo",
    description="Bisogno in parole comuni (q), comune (codice ISTAT o nome), lingua dell'interfaccia (lang). "
    "Quando il bisogno richiede un servizio specialistico (violenza, abuso, autolesionismo, tutela minori, "
    "dipendenze, salute mentale) il blocco `specialist` con i numeri nazionali viene prima dei risultati. "
    "Limite: richieste al minuto per client (429 oltre il limite).",
)
def portal_search(request: HttpRequest, params: Query[SearchIn]) -> Any:
    if not ratelimit.allow(request, "api-search", settings.PORTAL_RATE_LIMIT, 60):
        raise ratelimit.RateLimited(ratelimit.retry_after(60))
    lang = params.lang if params.lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(lang):
        place = None
        if params.comune.strip():
            comune = search.find_comune(params.comune)
            if comune is None:
                raise HttpError(422, translation.gettext("Comune non trovato tra i comuni della Lombardia."))
            place = search.place_for(comune)
        filters = search.Filters(
            area=params.area if params.area in catalogue.AREA_NAMES else "",
            open_now=params.open_now,
            accessible=params.accessible,
        )
        outcome = search.search(params.q, place=place, filters=filters)
        block = outcome.specialist
        return {
            "query": outcome.query.raw,
            "place": place.label if place else None,
            "corrections": outcome.query.corrections,
            "specialist": None
            if block is None
            else {
                "needs": block.labels,
                "helplines": [vars(h) for h in block.helplines],
                "services": [vars(d) for d in block.destinations],
            },
            "fallback": outcome.fallback,
            "results": [
                {
                    "seat": {
                        "id": r.seat_id,
                        "resource_id": r.resource_key or None,
                        "source": r.source,
                        "kind": r.kind_label,
                        "name": r.name,
                        "centre": r.centre,
                        "address": r.address,
                        "comune": r.comune,
                        "latitude": r.latitude,
                        "longitude": r.longitude,
                        "distance_km": r.distance_km,
                        "open_now": r.open_now,
                        "next_opening": r.next_opening,
                        "step_free_access": r.step_free_access,
                        "url": request.build_absolute_uri(result_url(r)),
                    },
                    "matched_areas": [{"code": c, "name": n} for c, n in r.areas],
                    "matched_needs": r.needs,
                    "offerings": r.offerings,
                    "why": r.reasons,
                }
                for r in outcome.results
            ],
        }
