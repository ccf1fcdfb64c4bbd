"""Public search: a need in everyday words and a place → the nearest access points that offer it,
with the reasons of each match, and the specialist services and national helplines first when the
need calls for them (a Centre does not treat, cure or protect: it refers).

One library path for SQLite and PostgreSQL: the registry's public rows are read through
accounts.scoping.public() and matched in Python (Italian Snowball stems, folded accents, typo
correction, the everyday-phrase table in portal/data/phrases.csv). Signals are fused with
Reciprocal Rank Fusion. Sources sit behind the `SearchSource` protocol: the registry's seats
(`RegistrySource`) and the shared directory's public entries of the other bodies of the network
(`DirectorySource`: doposcuola, consultori, libraries…, read through directory.selectors)."""

import csv
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from directory.models import Resource
from network import hours
from network.models import OpeningException, OpeningSlot, ReferralDestination, Seat, ServiceOffering
from network.selectors import comune_calendar, seat_calendar
from portal import text
from portal.catalogue import area_name, need_name
from territory.models import Comune

DATA = Path(__file__).resolve().parent / "data"
RRF_K = 60
MAX_RESULTS = 20


@dataclass(frozen=True)
class Phrase:
    lang: str
    text: str
    stems: tuple[str, ...]
    folded: str
    targets: tuple[str, ...]  # catalogue codes, or specialist categories
    needs: tuple[str, ...] = ()

    def matches(self, query_stems: set[str], folded_query: str) -> bool:
        if self.stems and all(s.isascii() for s in self.stems):
            return set(self.stems) <= query_stems
        return self.folded in folded_query


def _phrase(lang: str, phrase: str, targets: str, needs: str = "") -> Phrase:
    return Phrase(
        lang=lang,
        text=phrase,
        stems=tuple(text.stems(phrase)),
        folded=text.fold(phrase),
        targets=tuple(t for t in targets.split("|") if t),
        needs=tuple(n for n in needs.split("|") if n),
    )


@lru_cache(maxsize=1)
def phrase_table() -> tuple[Phrase, ...]:
    with (DATA / "phrases.csv").open(encoding="utf-8") as f:
        return tuple(_phrase(r["lang"], r["phrase"], r["areas"], r["needs"]) for r in csv.DictReader(f))


@lru_cache(maxsize=1)
def specialist_table() -> tuple[Phrase, ...]:
    with (DATA / "specialist.csv").open(encoding="utf-8") as f:
        return tuple(_phrase(r["lang"], r["phrase"], r["category"]) for r in csv.DictReader(f))


# --- specialist needs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Helpline:
    number: str
    name: str
    when: str


def helplines() -> dict[str, Helpline]:
    """National numbers, free of charge (sources: Dipartimento per le Pari Opportunità for 1522,
    Ministero dell'Interno / AGCOM for 112 and 114, Telefono Azzurro and Telefono Amico Italia for theirs)."""
    return {
        "112": Helpline("112", _("Numero unico di emergenza"), _("sempre attivo, per ogni emergenza")),
        "1522": Helpline("1522", _("Antiviolenza e stalking"), _("gratuito, 24 ore su 24, anche in altre lingue")),
        "114": Helpline("114", _("Emergenza Infanzia"), _("gratuito, 24 ore su 24, per bambini e ragazzi in pericolo")),
        "19696": Helpline("19696", _("Telefono Azzurro"), _("gratuito, 24 ore su 24, per bambini e ragazzi")),
        "0223272327": Helpline(
            "02 2327 2327", _("Telefono Amico Italia"), _("ascolto per chi si sente solo o in difficoltà, ogni giorno")
        ),
    }


SPECIALIST: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # category → (registry destination kinds, helpline keys), most urgent first
    "violence": ((ReferralDestination.Kind.CAV,), ("1522", "112")),
    "abuse": (
        (ReferralDestination.Kind.CHILD_PROTECTION, ReferralDestination.Kind.CAV),
        ("114", "19696", "1522", "112"),
    ),
    "self_harm": ((ReferralDestination.Kind.CPS, ReferralDestination.Kind.NPIA), ("112", "19696", "0223272327")),
    "child_protection": ((ReferralDestination.Kind.CHILD_PROTECTION,), ("114", "19696", "112")),
    "addiction": ((ReferralDestination.Kind.SERD,), ("112",)),
    "mental_health": (
        (ReferralDestination.Kind.CPS, ReferralDestination.Kind.NPIA, ReferralDestination.Kind.CONSULTORIO),
        ("112", "0223272327"),
    ),
}


def specialist_label(category: str) -> str:
    return {
        "violence": _("violenza"),
        "abuse": _("abuso"),
        "self_harm": _("pensieri di farsi del male"),
        "child_protection": _("protezione di un bambino"),
        "addiction": _("dipendenze"),
        "mental_health": _("salute mentale"),
    }.get(category, "")


# --- query --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Folded words the typo correction may correct to: the phrase tables and the catalogue."""
    words: set[str] = set()
    for p in phrase_table() + specialist_table():
        words.update(w for w in text.words(p.text) if w not in text.STOPWORDS)
    for row in _catalogue_rows():
        words.update(w for w in text.words(f"{row['name']} {row['plain_language']}") if w not in text.STOPWORDS)
    return frozenset(w for w in words if len(w) >= 4)


@dataclass
class ParsedQuery:
    raw: str
    stems: set[str]
    folded: str
    corrections: dict[str, str] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)
    specialist: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.stems and not self.folded.strip()


def parse(query: str) -> ParsedQuery:
    raw = " ".join(query.split())[: text.MAX_QUERY_CHARS]
    words = text.words(raw)
    vocab = vocabulary()
    corrections: dict[str, str] = {}
    fixed: list[str] = []
    for w in words:
        if w in text.STOPWORDS or w in vocab:
            fixed.append(w)
            continue
        near = text.correct(w, vocab)
        if near and text.stem(near) != text.stem(w):
            corrections[w] = near
            fixed.append(near)
        else:
            fixed.append(w)
    stems = {text.stem(w) for w in fixed if w not in text.STOPWORDS}
    stems_all = stems | {text.stem(w) for w in fixed}
    folded = " ".join(fixed)
    parsed = ParsedQuery(raw=raw, stems=stems, folded=f" {folded} ", corrections=corrections)
    matched = [p for p in phrase_table() if p.matches(stems_all, parsed.folded)]
    # The longest reading wins: "non parlo italiano" is not also "non mi parla".
    parsed.phrases = [p for p in matched if not any(set(p.stems) < set(o.stems) and o.lang == p.lang for o in matched)]
    seen: list[str] = []
    for p in specialist_table():
        if p.matches(stems_all, parsed.folded) and p.targets[0] not in seen:
            seen.append(p.targets[0])
    parsed.specialist = sorted(seen, key=list(SPECIALIST).index)
    return parsed


# --- places -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    comune: Comune | None = None


def find_comune(value: str) -> Comune | None:
    """A comune by ISTAT code or by name (accents and case ignored); None if unknown."""
    value = " ".join(value.split())[:100]
    if not value:
        return None
    if value.isdigit():
        return Comune.objects.filter(istat_code=value).select_related("ats").first()
    exact = Comune.objects.filter(name__iexact=value).select_related("ats").first()
    if exact is not None:
        return exact
    folded = text.fold(value)
    for comune in Comune.objects.filter(name__istartswith=value[:2]).select_related("ats"):
        if text.fold(comune.name) == folded:
            return comune
    return None


def comune_suggestions(prefix: str, limit: int = 8) -> list[Comune]:
    prefix = " ".join(prefix.split())[:100]
    if len(prefix) < 2:
        return []
    return list(Comune.objects.filter(name__istartswith=prefix).order_by("-is_capoluogo", "name")[:limit])


def place_for(comune: Comune) -> Place:
    return Place(comune.name, float(comune.latitude), float(comune.longitude), comune)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    area: str = ""
    open_now: bool = False
    accessible: bool = False


@dataclass
class Result:
    source: str
    seat_id: int | None
    name: str
    centre: str
    kind: str
    address: str
    comune: str
    latitude: float
    longitude: float
    distance_km: float | None
    open_now: bool
    next_opening: dt.datetime | None
    step_free_access: bool
    areas: list[tuple[str, str]]  # (code, public name) matched, best first
    offerings: list[str]  # names of the seat's offerings that matched
    needs: list[str]
    reasons: list[str]
    score: float
    resource_key: str = ""  # the directory entry's UUID (source "directory")
    kind_label: str = ""  # what kind of service it is, for directory entries


@dataclass
class Destination:
    name: str
    kind: str
    address: str
    comune: str
    phone: str
    distance_km: float | None


@dataclass
class SpecialistBlock:
    categories: list[str]
    labels: list[str]
    helplines: list[Helpline]
    destinations: list[Destination]


@dataclass
class Outcome:
    query: ParsedQuery
    place: Place | None
    results: list[Result]
    specialist: SpecialistBlock | None
    matched_areas: list[tuple[str, str]]
    fallback: bool  # nothing matched the need: the nearest seats for information and orientation


class SearchSource(Protocol):
    name: str

    def search(
        self, query: ParsedQuery, area_scores: dict[str, float], place: Place | None, filters: Filters, now: dt.datetime
    ) -> list[Result]: ...


def _rrf(rankings: Iterable[Sequence[str]]) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, code in enumerate(ranking, 1):
            scores[code] += 1.0 / (RRF_K + rank)
    return dict(scores)


CATALOGUE_CSV = Path(__file__).resolve().parent.parent / "network" / "data" / "service_catalogue.csv"


@lru_cache(maxsize=1)
def _catalogue_rows() -> tuple[dict[str, str], ...]:
    with CATALOGUE_CSV.open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def _catalogue_stems() -> dict[str, frozenset[str]]:
    """Stems of each catalogue entry's Italian name and plain-language description."""
    return {
        row["code"]: frozenset(text.stems(f"{row['name']} {row['plain_language']}"))
        for row in _catalogue_rows()
        if row["level"] != "monitoraggio" or row["code"] != "formazione-operatori"
    }


def area_scores(query: ParsedQuery) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Catalogue entries matched by the query, fused from the phrase table (longer phrases first)
    and lexical overlap with the catalogue's names; with the reasons of each."""
    reasons: dict[str, list[str]] = defaultdict(list)
    by_phrase: dict[str, float] = defaultdict(float)
    for p in query.phrases:
        for position, code in enumerate(p.targets):
            by_phrase[code] += max(len(p.stems), 1) + 1.0 / (position + 1)
            reasons[code].append(_("la frase «%(phrase)s»") % {"phrase": p.text})
    lexical: dict[str, int] = {}
    for code, stems in _catalogue_stems().items():
        common = query.stems & stems
        if common:
            lexical[code] = len(common)
            reasons[code].append(_("le parole del servizio"))
    rankings = [
        sorted(by_phrase, key=lambda c: -by_phrase[c]),
        sorted(lexical, key=lambda c: -lexical[c]),
    ]
    return _rrf(rankings), dict(reasons)


class RegistrySource:
    """The network's seats and their service offerings."""

    name = "registry"

    def search(
        self, query: ParsedQuery, area_scores: dict[str, float], place: Place | None, filters: Filters, now: dt.datetime
    ) -> list[Result]:
        today = timezone.localdate(now)
        offerings = scoping.public(ServiceOffering.objects.all()).select_related("area").prefetch_related("tags")
        seats = (
            scoping.public(Seat.objects.all())
            .select_related("centre", "comune")
            .prefetch_related(
                Prefetch("offerings", queryset=offerings, to_attr="public_offerings"),
                Prefetch("opening_slots", queryset=OpeningSlot.objects.all(), to_attr="slots"),
                Prefetch(
                    "opening_exceptions",
                    queryset=OpeningException.objects.filter(day__gte=today - dt.timedelta(days=1)),
                    to_attr="exceptions",
                ),
            )
        )
        if filters.accessible:
            seats = seats.filter(step_free_access=True)
        results: list[Result] = []
        wanted = set(area_scores)
        seat: Any  # the prefetched lists (to_attr) are typed by the plugin as their common base
        for seat in seats:
            lat = float(seat.latitude if seat.latitude is not None else seat.comune.latitude)
            lon = float(seat.longitude if seat.longitude is not None else seat.comune.longitude)
            matched: dict[str, float] = {}
            names: list[str] = []
            lexical_hit = False
            for off in seat.public_offerings:
                if filters.area and off.area.code != filters.area:
                    continue
                score = area_scores.get(off.area.code, 0.0)
                own = query.stems & set(
                    text.stems(f"{off.name} {off.description} {off.target} {' '.join(t.name for t in off.tags.all())}")
                )
                if own:
                    lexical_hit = True
                    score += 1.0 / RRF_K * len(own)
                if score > 0 or (not wanted and not query.stems):
                    matched[off.area.code] = max(matched.get(off.area.code, 0.0), score)
                    names.append(off.name)
            if not matched:
                continue
            slots = [hours.WeeklySlot(s.weekday, s.opens, s.closes, s.valid_from, s.valid_to) for s in seat.slots]
            exceptions = [hours.DateException(e.day, e.closed, e.opens, e.closes, e.note) for e in seat.exceptions]
            calendar = seat_calendar(seat)
            open_now = hours.is_open_at(now, slots, exceptions, calendar)
            if filters.open_now and not open_now:
                continue
            ordered = sorted(matched, key=lambda c: -matched[c])
            reasons: list[str] = []
            if lexical_hit:
                reasons.append(_("le parole che hai scritto compaiono nella descrizione del servizio"))
            results.append(
                Result(
                    source=self.name,
                    seat_id=seat.pk,
                    name=seat.name,
                    centre=seat.centre.name,
                    kind=seat.kind,
                    address=seat.address,
                    comune=seat.comune.name,
                    latitude=lat,
                    longitude=lon,
                    distance_km=round(distance_km(place.latitude, place.longitude, lat, lon), 1) if place else None,
                    open_now=open_now,
                    next_opening=None if open_now else hours.next_opening(now, slots, exceptions, calendar),
                    step_free_access=seat.step_free_access,
                    areas=[(c, area_name(c, c)) for c in ordered],
                    offerings=names[:5],
                    needs=[],
                    reasons=reasons,
                    score=sum(matched.values()),
                    kind_label=str(seat.get_kind_display()),
                )
            )
        return results


# How many directory entries a search reads at most after the database's first cut.
DIRECTORY_CANDIDATES = 400


def _resource_prefilter(query: ParsedQuery, wanted: set[str]) -> "Q | None":
    """A cheap database cut before the stems are compared in Python: entries in a matched
    catalogue area, or whose name, kind, description or needs contain one of the query's stems."""
    cut = Q(service_areas__code__in=wanted) if wanted else Q(pk__in=[])
    for stem in sorted(query.stems):
        if len(stem) < 3 or not stem.isascii():
            continue
        kinds = [value for value, label in Resource.Kind.choices if stem in text.fold(str(label))]
        cut |= Q(name__icontains=stem) | Q(description__icontains=stem) | Q(tags__name__icontains=stem)
        if kinds:
            cut |= Q(kind__in=kinds)
    return None if cut == Q(pk__in=[]) else cut


class DirectorySource:
    """The shared directory's published public entries of the other bodies of the network (a
    cooperative's doposcuola, a consultorio, a library): what the visitor may see anonymously,
    through directory.selectors.public_resources(). Entries that represent a Centre's own
    offering are already results of the registry and are left out. The directory records no
    accessibility of the premises, so the "senza barriere" filter leaves its entries out."""

    name = "directory"

    def search(
        self, query: ParsedQuery, area_scores: dict[str, float], place: Place | None, filters: Filters, now: dt.datetime
    ) -> list[Result]:
        from directory.selectors import public_resources

        if filters.accessible or query.is_empty:
            return []
        wanted = set(area_scores)
        cut = _resource_prefilter(query, wanted)
        if cut is None:
            return []
        qs = public_resources().filter(offering__isnull=True).filter(cut)
        if filters.area:
            qs = qs.filter(service_areas__code=filters.area)
        ids = list(qs.values_list("pk", flat=True).distinct()[:DIRECTORY_CANDIDATES])
        rows = (
            Resource.objects.filter(pk__in=ids)
            .select_related("organisation", "comune")
            .prefetch_related("hours", "service_areas", "tags")
        )
        results: list[Result] = []
        for res in rows:
            matched: dict[str, float] = {}
            for area in res.service_areas.all():
                if area.code in area_scores:
                    matched[area.code] = area_scores[area.code]
            own = query.stems & set(
                text.stems(
                    f"{res.name} {res.get_kind_display()} {res.description} {res.eligibility} "
                    f"{' '.join(t.name for t in res.tags.all())}"
                )
            )
            if not matched and not own:
                continue
            calendar = comune_calendar(res.comune)
            slots = [hours.WeeklySlot(h.weekday, h.opens, h.closes) for h in res.hours.all()]
            open_now = bool(slots) and hours.is_open_at(now, slots, (), calendar)
            if filters.open_now and not open_now:
                continue
            lat, lon = _resource_point(res)
            reasons = [_("le parole che hai scritto compaiono nella descrizione del servizio")] if own else []
            ordered = sorted(matched, key=lambda c: -matched[c])
            results.append(
                Result(
                    source=self.name,
                    seat_id=None,
                    name=res.name,
                    centre=res.organisation.name,
                    kind=res.kind,
                    address=res.address,
                    comune=res.comune.name,
                    latitude=lat,
                    longitude=lon,
                    distance_km=round(distance_km(place.latitude, place.longitude, lat, lon), 1) if place else None,
                    open_now=open_now,
                    next_opening=None if open_now or not slots else hours.next_opening(now, slots, (), calendar),
                    step_free_access=False,
                    areas=[(c, area_name(c, c)) for c in ordered],
                    offerings=[res.name],
                    needs=[],
                    reasons=reasons,
                    score=sum(matched.values()) + len(own) / RRF_K,
                    resource_key=str(res.uuid),
                    kind_label=str(res.get_kind_display()),
                )
            )
        return results


def _resource_point(res: "Resource") -> tuple[float, float]:
    if res.latitude is not None and res.longitude is not None:
        return float(res.latitude), float(res.longitude)
    return float(res.comune.latitude), float(res.comune.longitude)


SOURCES: list[SearchSource] = [RegistrySource(), DirectorySource()]


def _directory_destinations(
    kinds: list[str], place: Place | None, registry_ids: set[int]
) -> list[tuple[int, float, Destination]]:
    """The directory's public entries of those kinds (a consultorio or an anti-violence centre
    published by its own organisation), nearest first; entries that stand for a registry
    destination already listed are not repeated. A shelter is never among them: its kind is not a
    specialist destination here, and its entry is never public."""
    from directory.selectors import public_resources

    qs = public_resources().filter(kind__in=kinds).exclude(kind=Resource.Kind.SHELTER).select_related("comune")
    qs = qs.exclude(destination_id__in=registry_ids)
    if place is not None and place.comune is not None:
        qs = qs.filter(ats_id=place.comune.ats_id)
    found: list[tuple[int, float, Destination]] = []
    for res in qs[:200]:
        lat, lon = _resource_point(res)
        dist = round(distance_km(place.latitude, place.longitude, lat, lon), 1) if place is not None else None
        item = Destination(res.name, str(res.get_kind_display()), res.address, res.comune.name, res.phone, dist)
        found.append((kinds.index(res.kind), dist if dist is not None else 1e9, item))
    return found


def _specialist_block(categories: list[str], place: Place | None) -> SpecialistBlock:
    lines = helplines()
    keys: list[str] = []
    kinds: list[str] = []
    for category in categories:
        dest_kinds, numbers = SPECIALIST[category]
        keys += [k for k in numbers if k not in keys]
        kinds += [k for k in dest_kinds if k not in kinds]
    destinations = scoping.public(ReferralDestination.objects.filter(kind__in=kinds)).select_related("comune")
    if place is not None and place.comune is not None:
        destinations = destinations.filter(ats_id=place.comune.ats_id)
    found: list[tuple[int, float, Destination]] = []
    registry_ids: set[int] = set()
    for d in destinations[:200]:
        registry_ids.add(d.pk)
        dist = None
        if place is not None and d.comune is not None:
            dist = round(
                distance_km(place.latitude, place.longitude, float(d.comune.latitude), float(d.comune.longitude)), 1
            )
        item = Destination(d.name, d.get_kind_display(), d.address, d.comune.name if d.comune else "", d.phone, dist)
        found.append((kinds.index(d.kind), dist if dist is not None else 1e9, item))
    found += _directory_destinations(kinds, place, registry_ids)
    found.sort(key=lambda t: (t[0], t[1]))
    return SpecialistBlock(
        categories=categories,
        labels=[specialist_label(c) for c in categories],
        helplines=[lines[k] for k in keys],
        destinations=[t[2] for t in found[:5]],
    )


def search(
    query: str,
    *,
    place: Place | None = None,
    filters: Filters | None = None,
    now: dt.datetime | None = None,
    limit: int = MAX_RESULTS,
) -> Outcome:
    filters = filters or Filters()
    now = now or timezone.now()
    parsed = parse(query)
    scores, reasons = area_scores(parsed)
    fallback = False
    results: list[Result] = []
    for source in SOURCES:
        results += source.search(parsed, scores, place, filters, now)
    if not results and not parsed.is_empty:
        fallback = True
        scores = {"informazione-orientamento": 1.0}
        for source in SOURCES:
            results += source.search(parse(""), scores, place, filters, now)
    for r in results:
        for code, _name in r.areas:
            r.reasons = [*reasons.get(code, [])[:2], *r.reasons]
            break
        needs: list[str] = []
        for p in parsed.phrases:
            if set(p.targets) & {c for c, _n in r.areas}:
                needs += [need_name(n) for n in p.needs if need_name(n) and need_name(n) not in needs]
        r.needs = needs
        if parsed.corrections:
            r.reasons.append(
                _("abbiamo letto %(words)s")
                % {"words": ", ".join(f"«{v}» (“{k}”)" for k, v in parsed.corrections.items())}
            )
    if place is not None:
        results.sort(key=lambda r: (r.distance_km or 0.0, -r.score))
    else:
        results.sort(key=lambda r: (-r.score, r.comune, r.name))
    specialist = _specialist_block(parsed.specialist, place) if parsed.specialist else None
    matched = sorted(scores, key=lambda c: -scores[c])
    return Outcome(
        query=parsed,
        place=place,
        results=results[:limit],
        specialist=specialist,
        matched_areas=[(c, area_name(c, c)) for c in matched],
        fallback=fallback,
    )


def coordinates_in_lombardy(latitude: Decimal, longitude: Decimal) -> bool:
    from territory.geo import is_in_lombardy

    return bool(is_in_lombardy(latitude, longitude))
