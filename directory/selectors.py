"""Reads of the shared directory, always through accounts.scoping.directory_visible.

`search_resources(user, ...)` is THE search of the directory: the HSDS API, the back office, the
operators' referral form and the public portal (with an anonymous user: public entries only) use it.
Text: every word inside a name, description, organisation, kind, area or need (both databases), or,
on PostgreSQL, a match of its Italian full-text search (stems, accents folded with unaccent)."""

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Func, Q, QuerySet

from accounts import scoping
from accounts.types import Actor
from directory import hsds
from directory.models import Resource
from network.models import Ente, ServiceArea, Tag

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _with_relations(qs: "QuerySet[Resource]") -> "QuerySet[Resource]":
    return qs.select_related("organisation__comune", "comune").prefetch_related("hours", "service_areas", "tags")


def visible_resources(user: Actor, *, published_only: bool = True) -> "QuerySet[Resource]":
    qs = scoping.directory_visible(user, Resource.objects.all())
    if published_only:
        qs = qs.filter(status=Resource.Status.PUBLISHED)
    return qs


def public_resources() -> "QuerySet[Resource]":
    """The published public entries (what an anonymous visitor of the portal may see)."""
    from django.contrib.auth.models import AnonymousUser

    return visible_resources(AnonymousUser())


def _text_filter(text: str) -> Q:
    query = Q()
    for word in text.split():
        kinds = [value for value, label in Resource.Kind.choices if word.lower() in str(label).lower()]
        query &= (
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(kind__in=kinds)
            | Q(service_areas__name__icontains=word)
            | Q(tags__name__icontains=word)
            | Q(comune__name__iexact=word)
        )
    return query


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _has_unaccent() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        return cursor.fetchone() is not None


def _full_text_pks(text: str) -> "QuerySet[Any] | None":
    """PostgreSQL: the entries whose name, description, eligibility or how-to-access match `text`
    in PostgreSQL's Italian text search (Snowball stems: «doposcuole» finds «Doposcuola»), with
    accents folded on both sides where the unaccent extension is present. None elsewhere (SQLite:
    the word filter alone)."""
    if connection.vendor != "postgresql":
        return None
    from django.contrib.postgres.search import SearchQuery, SearchVector

    columns: list[Any] = ["name", "description", "eligibility", "how_to_access"]
    query = text
    if _has_unaccent():
        columns = [Func(F(c), function="unaccent") for c in columns]
        query = _fold(text)
    vector = SearchVector(*columns, config="italian")
    matches = Resource.objects.annotate(_fts=vector).filter(
        _fts=SearchQuery(query, config="italian", search_type="websearch")
    )
    return matches.values("pk")


def organisation_pks_for(org_uuid: str, candidates: Iterable[int]) -> list[int]:
    return [pk for pk in candidates if hsds.organization_id(pk) == org_uuid]


def _term_filter(term_id: str) -> Q | None:
    for kind in Resource.Kind.values:
        if hsds.kind_term_id(kind) == term_id:
            return Q(kind=kind)
    for code in ServiceArea.objects.values_list("code", flat=True):
        if hsds.area_term_id(code) == term_id:
            return Q(service_areas__code=code)
    for tag_pk in Tag.objects.values_list("pk", flat=True):
        if hsds.tag_term_id(tag_pk) == term_id:
            return Q(tags=tag_pk)
    return None


def _taxonomy_filter(taxonomy_id: str) -> Q | None:
    if taxonomy_id == hsds.TAXONOMY_KINDS:
        return Q()
    if taxonomy_id == hsds.TAXONOMY_CATALOGUE:
        return Q(service_areas__isnull=False)
    if taxonomy_id == hsds.TAXONOMY_NEEDS:
        return Q(tags__isnull=False)
    return None


def search_resources(
    user: Actor,
    *,
    text: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: dt.datetime | None = None,
    comune_istat: str | None = None,
    area_code: str | None = None,
    kind: str | None = None,
) -> "QuerySet[Resource]":
    """Published entries the user may see, all the given criteria combined with AND (HSDS).
    An unknown taxonomy term, taxonomy or organisation matches nothing."""
    qs = visible_resources(user)
    if text:
        fts = _full_text_pks(text)
        qs = qs.filter(_text_filter(text) | Q(pk__in=fts)) if fts is not None else qs.filter(_text_filter(text))
    if taxonomy_term_id:
        term_q = _term_filter(taxonomy_term_id)
        qs = qs.filter(term_q) if term_q is not None else qs.none()
    if taxonomy_id:
        tax_q = _taxonomy_filter(taxonomy_id)
        qs = qs.filter(tax_q) if tax_q is not None else qs.none()
    if organization_id:
        candidates = Ente.objects.filter(resources__in=qs).values_list("pk", flat=True).distinct()
        qs = qs.filter(organisation__in=organisation_pks_for(organization_id, candidates))
    if modified_after:
        qs = qs.filter(updated_at__gte=modified_after)
    if comune_istat:
        qs = qs.filter(comune__istat_code=comune_istat)
    if area_code:
        qs = qs.filter(service_areas__code=area_code)
    if kind:
        qs = qs.filter(kind=kind)
    if text or taxonomy_term_id or taxonomy_id or area_code:
        qs = Resource.objects.filter(pk__in=qs.values("pk"))
    return _with_relations(qs).order_by("name", "pk")


@dataclass(frozen=True)
class Near:
    resource: Resource
    distance_km: float


def nearest(resources: Iterable[Resource], lat: float, lon: float, within_km: float | None = None) -> list[Near]:
    """Entries with coordinates (or, lacking them, their comune's point), by distance."""
    result = []
    for resource in resources:
        if resource.latitude is not None and resource.longitude is not None:
            rlat, rlon = float(resource.latitude), float(resource.longitude)
        elif resource.comune.latitude is not None and resource.comune.longitude is not None:
            rlat, rlon = float(resource.comune.latitude), float(resource.comune.longitude)
        else:
            continue
        distance = haversine_km(lat, lon, rlat, rlon)
        if within_km is None or distance <= within_km:
            result.append(Near(resource, distance))
    return sorted(result, key=lambda n: (n.distance_km, n.resource.name))


def stale_resources(user: Actor, *, today: dt.date, days: int = 365) -> "QuerySet[Resource]":
    """Entries the user may change that nobody has checked for a year (or ever)."""
    limit = today - dt.timedelta(days=days)
    qs = scoping.scoped(user, Resource.objects.all(), scoping.CHANGE)
    return qs.filter(Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=limit)).exclude(
        status=Resource.Status.WITHDRAWN
    )
