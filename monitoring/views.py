"""Monitoring pages: the dashboard of a node (tiles, comparison of its children, drill-down) and
an indicator's page (definition, breakdowns, monthly trend, values by comune of residence).
Thin: the figures come from monitoring.dashboard, the scope from accounts.scoping."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from accounts.types import AuthedRequest
from common.errors import error_messages
from monitoring import catalogue
from monitoring.catalogue import PROFILE_BREAKDOWNS
from monitoring.dashboard import View, change_text, open_view
from monitoring.periods import Period, parse_period, year
from monitoring.selectors import CHILD_LEVEL, total

PROFILE_CODES = {code for code, _attribute in PROFILE_BREAKDOWNS}


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
def dashboard(request: AuthedRequest) -> HttpResponse:
    period, errors = _period(request)
    level, node = _node(request)
    view = open_view(request.user, period, level, node)
    context = _context(view, errors, request)
    context |= {"tiles": view.tiles(), "rows": view.children()}
    return render(request, "monitoring/dashboard.html", context)


@login_required
def indicator_detail(request: AuthedRequest, code: str) -> HttpResponse:
    indicator = catalogue.get(code)
    if indicator is None:
        raise Http404
    period, errors = _period(request)
    level, node = _node(request)
    view = open_view(request.user, period, level, node)
    months = period.months() if period.kind != "range" else []
    view.cache.prefetch([indicator.code, "persone_raggiunte"], [period, *months])
    here = total(view.level, view.node)
    breakdowns = []
    if indicator.kind != catalogue.RATIO:
        figures = view.cache.figures(indicator.code, period)
        for b in indicator.breakdowns:
            labels = b.labels()
            cats = categories_of(figures.cells, view.level, view.node, b.code, labels)
            rows = [(labels.get(c, c), view.show(indicator, (view.level, view.node, b.code, c))) for c in cats]
            breakdowns.append((b, rows))
    trend = [(m, view.show(indicator, here, m)) for m in months]
    child_level = CHILD_LEVEL.get(view.level)
    children = (
        [
            (child, view.tree.names.get((child_level, child), ""), view.show(indicator, total(child_level, child)))
            for child in view.tree.children(view.level, view.node)
        ]
        if child_level
        else []
    )
    from monitoring import maps

    comuni = maps.comune_areas(view, indicator)
    context = _context(view, errors, request)
    current = view.show(indicator, here)
    approved = view.approved(indicator, view.level, view.node)
    context |= {
        "approved": approved,
        "since_approval": change_text(current, approved) if approved is not None else "",
        "comuni": comuni,
        "ats_areas": maps.ats_areas(view, indicator),
        "map_data": maps.geojson(comuni),
        "indicator": indicator,
        "current": current,
        "breakdowns": breakdowns,
        "has_profile": any(b.code in PROFILE_CODES for b, _rows in breakdowns),
        "trend": trend,
        "trend_chart": {
            "labels": [str(m.label) for m, _s in trend],
            "values": [s.value for _m, s in trend],
        },
        "children": children,
        "child_level": child_level,
    }
    return render(request, "monitoring/indicator.html", context)


def categories_of(cells: Any, level: str, node: int, breakdown: str, labels: dict[str, str]) -> list[str]:
    """The categories of one breakdown at one node, in the order of their list (age bands in
    order, "non indicato" last), unknown codes after them."""
    order = {code: i for i, code in enumerate(labels)}
    found = {c for (lv, nd, bd, c) in cells if (lv, nd, bd) == (level, node, breakdown)}
    return sorted(found, key=lambda c: (order.get(c, len(order)), c))


# ---- validation workflow -----------------------------------------------------------------------


@login_required
def approval_list(request: AuthedRequest) -> HttpResponse:
    from accounts import scoping
    from monitoring.models import Approval

    approvals = scoping.scoped(request.user, Approval.objects.select_related("centre", "centre__ats"))
    centres = []
    if scoping.may_act_on_model(request.user, "monitoring.approval.submit"):
        from network.models import Centre

        centres = list(scoping.scoped(request.user, Centre.objects.order_by("name")))
    from monitoring.models import SeatConfirmation
    from network.models import Seat

    seats = []
    if scoping.may_act_on_model(request.user, "monitoring.seat.confirm"):
        seats = list(scoping.scoped(request.user, Seat.objects.filter(is_active=True).order_by("name")))
    confirmations = scoping.scoped(
        request.user,
        SeatConfirmation.objects.select_related("seat", "confirmed_by").order_by("-period_start", "seat__name"),
    )
    context = {"approvals": approvals[:200], "centres": centres, "seats": seats, "confirmations": confirmations[:200]}
    return render(request, "monitoring/approval_list.html", context)


@login_required
def seat_confirm(request: AuthedRequest) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from monitoring import approval as workflow

    if request.method != "POST":
        return redirect("monitoring:approvals")
    try:
        seat_id = int(request.POST.get("seat") or 0)
    except ValueError as exc:
        raise Http404 from exc
    try:
        period = parse_period(request.POST.get("periodo") or "-", today=timezone.localdate())
        workflow.seat_confirm(actor=request.user, seat_id=seat_id, period=period)
    except ValidationError as exc:
        for msgs in error_messages(exc).values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _ok())
    return redirect("monitoring:approvals")


@login_required
def approval_submit(request: AuthedRequest) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from accounts import scoping
    from monitoring import approval as workflow
    from network.models import Centre

    if request.method != "POST":
        return redirect("monitoring:approvals")
    centre = scoping.get_for_user(request.user, Centre.objects.all(), request.POST.get("centre") or 0)
    try:
        period = parse_period(request.POST.get("periodo") or "-", today=timezone.localdate())
        done = workflow.submit(actor=request.user, centre_id=centre.pk, period=period)
    except ValidationError as exc:
        for msgs in error_messages(exc).values():
            for m in msgs:
                messages.error(request, m)
        return redirect("monitoring:approvals")
    messages.success(request, _ok())
    return redirect("monitoring:approval", done.pk)


def _ok() -> str:
    from django.utils.translation import gettext as _

    return _("Fatto.")


@login_required
def approval_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    from accounts import scoping
    from monitoring import approval as workflow
    from monitoring.models import Approval

    item = scoping.get_for_user(request.user, Approval.objects.select_related("centre"), pk)
    period = Period(item.period_start, item.period_end, "range")
    latest = workflow.centre_figures(item.centre_id, period)
    rows = []
    for ind in catalogue.INDICATORS:
        if ind.code not in latest:
            continue
        sub = item.submitted_figures.get(ind.code, {}).get("centre")
        prev = item.previous_figures.get(ind.code, {}).get("centre")
        appr = item.approved_figures.get(ind.code, {}).get("centre")
        rows.append((ind, sub, prev, appr, latest[ind.code]["centre"]))
    actions = [
        a for a in ("approve", "accept", "reopen") if scoping.may_act(request.user, f"monitoring.approval.{a}", item)
    ]
    from monitoring.models import SeatConfirmation

    confirmations = scoping.scoped(
        request.user,
        SeatConfirmation.objects.filter(seat__centre_id=item.centre_id, period_code=item.period_code).select_related(
            "seat", "confirmed_by"
        ),
    )
    return render(
        request,
        "monitoring/approval_detail.html",
        {
            "item": item,
            "rows": rows,
            "actions": actions,
            "steps": item.steps.select_related("actor"),
            "confirmations": confirmations.order_by("seat__name"),
        },
    )


@login_required
def approval_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from accounts import scoping
    from monitoring import approval as workflow
    from monitoring.models import Approval

    item = scoping.get_for_user(request.user, Approval.objects.all(), pk)
    if request.method != "POST" or action not in ("approve", "accept", "reopen"):
        return redirect("monitoring:approval", item.pk)
    try:
        if action == "reopen":
            workflow.reopen(actor=request.user, approval=item, reason=request.POST.get("reason", ""))
        elif action == "approve":
            workflow.approve(actor=request.user, approval=item)
        else:
            workflow.accept(actor=request.user, approval=item)
    except ValidationError as exc:
        for msgs in error_messages(exc).values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _ok())
    return redirect("monitoring:approval", item.pk)


# ---- exports -----------------------------------------------------------------------------------


def _export_view(request: HttpRequest) -> View:
    period, errors = _period(request)
    if errors:
        raise Http404  # the export links always carry a valid period; a hand-edited one gets no file
    level, node = _node(request)
    return open_view(request.user, period, level, node)


@login_required
def export_csv(request: AuthedRequest) -> HttpResponseBase:
    return _serve(request, "csv")


@login_required
def export_json(request: AuthedRequest) -> HttpResponseBase:
    return _serve(request, "json")


def _serve(request: HttpRequest, fmt: str) -> HttpResponseBase:
    from django.urls import reverse

    from core.exports import serve_export
    from monitoring import exporters

    view = _export_view(request)
    return serve_export(request, exporters.FiguresExporter(), view, fmt, back=reverse("monitoring:dashboard"))


@login_required
def export_xlsx(request: AuthedRequest) -> HttpResponse:
    """The XLSX runs as a background job: the user follows its progress and downloads it."""
    from django.shortcuts import redirect

    from jobs.runner import start_job
    from monitoring import jobs as monitoring_jobs

    if request.method != "POST":
        return redirect("monitoring:dashboard")
    period, errors = _period(request)
    level, node = _node(request)
    view = open_view(request.user, period, level, node)
    job = start_job(
        actor=request.user,
        definition=monitoring_jobs.export_xlsx,
        params={
            "level": view.level,
            "node": view.node,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "kind": period.kind,
        },
    )
    return redirect("jobs:detail", job_id=job.pk)


@login_required
def open_data(request: AuthedRequest, code: str) -> HttpResponseBase:
    """Open data: approved figures of every Centre for one period, CC BY 4.0, with metadata."""
    from django.urls import reverse

    from accounts import scoping
    from core.exports import serve_export
    from monitoring import exporters

    if scoping.monitoring_root(request.user) is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    try:
        period = parse_period(code, today=timezone.localdate())
    except ValidationError as exc:
        raise Http404 from exc
    back = reverse("monitoring:dashboard")
    return serve_export(request, exporters.OpenDataExporter(), period, "json", back=back)
