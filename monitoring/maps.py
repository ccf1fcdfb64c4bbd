"""Reach per 1,000 inhabitants by comune of residence and by ATS (choropleth data), with the real
population of the latest snapshot and the boundaries of territory.Comune simplified for the web.

The comuni of a node form one more published relation (their sum is at most the node's total), so
they get their own suppression, started from the node total's state in the tree: if the tree
hides the node's total, the map hides at least one more comune so that the total cannot be
rebuilt from the map."""

from dataclasses import dataclass
from typing import Any

from monitoring import disclosure
from monitoring.catalogue import RATIO, Indicator
from monitoring.dashboard import View
from monitoring.figures import Shown, format_int
from monitoring.selectors import ATS, CENTRE, REGION, SEAT, comune_values, total

SIMPLIFY_DEGREES = 0.002  # about 150 m: enough for a regional choropleth, a fraction of the size


@dataclass
class Area:
    id: int
    name: str
    shown: Shown
    population: int | None
    rate: str  # per 1,000 inhabitants, Italian decimal comma, or "n.d."
    rate_value: float | None


def _seats_of(view: View) -> list[int]:
    if view.level == SEAT:
        return [view.node]
    if view.level == CENTRE:
        return [s for s, c in view.tree.seat_centre.items() if c == view.node]
    if view.level == ATS:
        return [s for s, c in view.tree.seat_centre.items() if view.tree.centre_ats[c] == view.node]
    return list(view.tree.seat_centre)


def _rate(shown: Shown, population: int | None) -> tuple[str, float | None]:
    if shown.hidden or shown.value is None or not population:
        return "n.d.", None
    value = round(1000.0 * float(shown.value) / population, 2)
    return f"{value:.2f}".replace(".", ","), value


def _latest_comune_population() -> dict[int, int]:
    from territory.models import ComunePopulation, PopulationSnapshot

    snap = PopulationSnapshot.objects.filter(level=PopulationSnapshot.Level.COMUNE).order_by("-reference_date").first()
    if snap is None:
        return {}
    return dict(ComunePopulation.objects.filter(snapshot=snap).values_list("comune_id", "total"))


def comune_areas(view: View, indicator: Indicator) -> list[Area]:
    if indicator.kind == RATIO:
        return []
    from territory.models import Comune

    values = comune_values(indicator, view.period, _seats_of(view))
    node_total = total(view.level, view.node)
    figures = view.cache.figures(indicator.code, view.period)
    own = view.viewer_centre is not None and view.tree.centre_of(view.level, view.node) == view.viewer_centre
    hidden: set[Any] = set()
    if indicator.about_people and not own:
        cells: dict[Any, int] = {("comune", c): v for c, v in values.items()}
        cells["T"] = figures.cells.get(node_total, 0)
        start = {"T"} if node_total in figures.hidden else set()
        hidden = disclosure.protect(cells, [("T", [("comune", c) for c in values])], figures.k, start=start)
    population = _latest_comune_population()
    names = dict(Comune.objects.filter(pk__in=values).values_list("pk", "name"))
    out = []
    for comune_id, value in sorted(values.items(), key=lambda kv: names.get(kv[0], "")):
        shown = (
            Shown(None, True, f"<{figures.k}")
            if ("comune", comune_id) in hidden
            else Shown(value, False, format_int(value))
        )
        rate, rate_value = _rate(shown, population.get(comune_id))
        out.append(Area(comune_id, names.get(comune_id, ""), shown, population.get(comune_id), rate, rate_value))
    return out


def ats_areas(view: View, indicator: Indicator) -> list[Area]:
    """The Region's ATS, from the tree's (already protected) cells."""
    if view.level != REGION:
        return []
    from territory.models import PopulationSnapshot
    from territory.selectors import population_by_ats

    snap = PopulationSnapshot.objects.order_by("-reference_date").first()
    by_code = population_by_ats(snap) if snap else {}
    from territory.models import Ats

    codes = dict(Ats.objects.values_list("pk", "code"))
    out = []
    for ats_id in view.tree.children(REGION, 0):
        shown = view.show(indicator, total(ATS, ats_id))
        pop = by_code.get(codes.get(ats_id, ""))
        rate, rate_value = _rate(shown, pop)
        out.append(Area(ats_id, view.tree.names.get((ATS, ats_id), ""), shown, pop, rate, rate_value))
    return out


def geojson(areas: list[Area]) -> dict[str, Any]:
    """The comuni's boundaries, simplified, with their rate (no personal data: aggregates only)."""
    from shapely.geometry import mapping, shape

    from territory.models import Comune

    boundaries = dict(
        Comune.objects.filter(pk__in=[a.id for a in areas], boundary__isnull=False).values_list("pk", "boundary")
    )
    features = []
    for a in areas:
        geometry = boundaries.get(a.id)
        if not geometry:
            continue
        geom = geometry.get("geometry", geometry) if isinstance(geometry, dict) else geometry
        simple = shape(geom).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(simple),
                "properties": {"name": a.name, "rate": a.rate_value, "text": a.rate},
            }
        )
    return {"type": "FeatureCollection", "features": features}
