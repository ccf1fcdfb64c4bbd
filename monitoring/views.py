"""Monitoring pages: the dashboard of a node (tiles, comparison of its children, drill-down) and
an indicator's page (definition, breakdowns, monthly trend, values by comune of residence).
Thin: the figures come from monitoring.dashboard, the scope from accounts.scoping."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from common.errors import error_messages
from monitoring import catalogue
from monitoring.dashboard import View, open_view
from monitoring.periods import Period, parse_period, year
from monitoring.selectors import CHILD_LEVEL, total


def _period(request: HttpRequest) -> tuple[Period, list[str]]:
    today = timezone.localdate()
    try:
        return (
            parse_period(
                request.GET.get("periodo"), start=request.GET.get("dal"), end=request.GET.get("al"), today=today
            ),
            [],
        )
    except ValidationError as exc:
        return year(today.year), [m for msgs in error_messages(exc).values() for m in msgs]


def _node(request: HttpRequest) -> tuple[str | None, int | None]:
    level = request.GET.get("livello")
    if not level:
        return None, None
    try:
        return level, int(request.GET.get("nodo", "0"))
    except ValueError as exc:
        raise Http404 from exc


def _context(view: View, errors: list[str], request: HttpRequest) -> dict[str, Any]:
    return {
        "view": view,
        "errors": errors,
        "periodo": request.GET.get("periodo", ""),
        "dal": request.GET.get("dal", ""),
        "al": request.GET.get("al", ""),
        "indicators": catalogue.INDICATORS,
        "k": view.cache.figures("persone_raggiunte", view.period).k,
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    period, errors = _period(request)
    level, node = _node(request)
    view = open_view(request.user, period, level, node)
    context = _context(view, errors, request)
    context |= {"tiles": view.tiles(), "rows": view.children()}
    return render(request, "monitoring/dashboard.html", context)


@login_required
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = catalogue.get(code)
    if indicator is None:
        raise Http404
    period, errors = _period(request)
    level, node = _node(request)
    view = open_view(request.user, period, level, node)
    here = total(view.level, view.node)
    breakdowns = []
    if indicator.kind != catalogue.RATIO:
        figures = view.cache.figures(indicator.code, period)
        for b in indicator.breakdowns:
            labels = dict(_choices(b.choices))
            cats = sorted({c for (lv, nd, bd, c) in figures.cells if (lv, nd, bd) == (view.level, view.node, b.code)})
            rows = [(labels.get(c, c), view.show(indicator, (view.level, view.node, b.code, c))) for c in cats]
            breakdowns.append((b, rows))
    trend = [(m, view.show(indicator, here, m)) for m in period.months()] if period.kind != "range" else []
    child_level = CHILD_LEVEL.get(view.level)
    children = (
        [
            (child, view.tree.names.get((child_level, child), ""), view.show(indicator, total(child_level, child)))
            for child in view.tree.children(view.level, view.node)
        ]
        if child_level
        else []
    )
    context = _context(view, errors, request)
    context |= {
        "indicator": indicator,
        "current": view.show(indicator, here),
        "breakdowns": breakdowns,
        "trend": trend,
        "trend_chart": {
            "labels": [str(m.label) for m, _s in trend],
            "values": [s.value for _m, s in trend],
        },
        "children": children,
        "child_level": child_level,
    }
    return render(request, "monitoring/indicator.html", context)


def _choices(dotted: str) -> list[tuple[str, str]]:
    from django.utils.module_loading import import_string

    return [(str(v), str(label)) for v, label in import_string(dotted).choices]
