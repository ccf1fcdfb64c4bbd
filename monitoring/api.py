"""Monitoring API: the catalogue and indicator values by level, period and breakdown, with
suppression applied for the caller's role (hidden values are null with "hidden": true)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from common.inputs import Int64
from monitoring import catalogue
from monitoring.dashboard import open_view
from monitoring.figures import Shown
from monitoring.periods import parse_period
from monitoring.selectors import CHILD_LEVEL, total

router = Router(tags=["monitoraggio"])


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    counts: str
    unit: str
    kind: str
    breakdowns: list[str]
    catalogue_version: str


class ValueOut(Schema):
    level: str
    node: int
    name: str
    breakdown: str
    category: str
    value: float | None
    hidden: bool
    text: str


class ValuesOut(Schema):
    indicator: str
    period_start: str
    period_end: str
    threshold: int
    values: list[ValueOut]


@router.get("/indicators", response=list[IndicatorOut], summary="Catalogo degli indicatori (scheda di rilevazione)")
def indicators(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "name": str(i.name),
            "definition": str(i.definition),
            "counts": str(i.counts),
            "unit": str(i.unit),
            "kind": i.kind,
            "breakdowns": [b.code for b in i.breakdowns],
            "catalogue_version": catalogue.CATALOGUE_VERSION,
        }
        for i in catalogue.INDICATORS
    ]


def _out(level: str, node: int, name: str, breakdown: str, category: str, shown: Shown) -> dict[str, Any]:
    return {
        "level": level,
        "node": node,
        "name": name,
        "breakdown": breakdown,
        "category": category,
        "value": shown.value,
        "hidden": shown.hidden,
        "text": shown.text,
    }


@router.get("/values", response=ValuesOut, summary="Valori di un indicatore per livello, periodo e disaggregazione")
def values(
    request: HttpRequest,
    indicator: str,
    period: str = "",
    start: str = "",
    end: str = "",
    level: str | None = None,
    node: Int64 | None = None,
    breakdown: str = "",
) -> dict[str, Any]:
    ind = catalogue.get(indicator)
    if ind is None:
        raise ValidationError({"indicator": "Indicatore sconosciuto."})
    if breakdown and breakdown not in {b.code for b in ind.breakdowns}:
        raise ValidationError({"breakdown": "Disaggregazione non disponibile per questo indicatore."})
    p = parse_period(period or None, start=start or None, end=end or None, today=timezone.localdate())
    if level is not None and node is None:
        raise Http404
    view = open_view(request.user, p, level, node)
    rows: list[dict[str, Any]] = []
    if breakdown:
        figures = view.cache.figures(ind.code, p)
        cats = sorted({c for (lv, nd, bd, c) in figures.cells if (lv, nd, bd) == (view.level, view.node, breakdown)})
        for c in cats:
            rows.append(
                _out(
                    view.level,
                    view.node,
                    view.name,
                    breakdown,
                    c,
                    view.show(ind, (view.level, view.node, breakdown, c)),
                )
            )
    else:
        rows.append(_out(view.level, view.node, view.name, "", "", view.show(ind, total(view.level, view.node))))
        child_level = CHILD_LEVEL.get(view.level)
        if child_level:
            for child in view.tree.children(view.level, view.node):
                name = view.tree.names.get((child_level, child), "")
                rows.append(_out(child_level, child, name, "", "", view.show(ind, total(child_level, child))))
    k = view.cache.figures(ind.ratio_of[0] if ind.ratio_of else ind.code, p).k
    return {
        "indicator": ind.code,
        "period_start": p.start.isoformat(),
        "period_end": p.end.isoformat(),
        "threshold": k,
        "values": rows,
    }
