"""Back-office pages of the shared directory: search, entry with its history, create and edit
(through directory.services: review where required), the ATS's review queue and the list of
entries not checked for a year."""

import copy
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.models import Role
from accounts.types import Actor, AuthedRequest
from audit.models import AuditEntry
from common import uploads
from common.concurrency import ConflictError
from common.forms import StyledForm, attach_errors
from common.security import allow_inline_styles
from common.uploads import check_upload
from core.exports import serve_export
from directory import carta as carta_service
from directory import coverage, exporters, importers, quality, selectors, services
from directory.forms import ResourceForm, SearchForm
from directory.models import Carta, PendingChange, Resource
from network.models import Centre


def _get(user: Actor, key: Any, action: str = scoping.VIEW) -> Resource:
    qs = scoping.directory_visible(user, Resource.objects.select_related("organisation", "comune", "ats"))
    try:
        resource = qs.get(uuid=key)
    except (Resource.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404(_("Elemento non trovato.")) from exc
    if action != scoping.VIEW:
        return scoping.get_for_user(user, Resource.objects.all(), resource.pk, action)
    return resource


@login_required
def resource_list(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text = kind = None
    if form.is_valid():
        text = form.cleaned_data["q"] or None
        kind = form.cleaned_data["kind"] or None
    results = selectors.search_resources(request.user, text=text, kind=kind)
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_create": scoping.may_write(request.user, Resource, scoping.CREATE),
        "may_review": scoping.may_act_on_model(request.user, services.PUBLISH),
        "may_see_quality": getattr(scoping.scope_of(request.user), "role", None) in QUALITY_ROLES,
        "may_see_coverage": getattr(scoping.scope_of(request.user), "role", None) in quality.COVERAGE_ROLES,
    }
    return render(request, "directory/resource_list.html", context)


@login_required
def resource_detail(request: AuthedRequest, key: str) -> HttpResponse:
    resource = _get(request.user, key)
    may_change = scoping.scoped(request.user, Resource.objects.filter(pk=resource.pk), scoping.CHANGE).exists()
    history = AuditEntry.objects.filter(object_type="directory.resource", object_id=str(resource.pk)).select_related(
        "actor"
    )
    context = {
        "resource": resource,
        "may_change": may_change,
        "may_publish": scoping.may_act(request.user, services.PUBLISH, resource),
        "history": history[:50] if may_change else [],
        "pending": resource.pending_changes.filter(decision=PendingChange.Decision.PENDING) if may_change else [],
        "hours": resource.hours.all(),
    }
    return render(request, "directory/resource_detail.html", context)


@login_required
def resource_create(request: AuthedRequest) -> HttpResponse:
    if not scoping.may_write(request.user, Resource, scoping.CREATE):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        if "destination" in form.fields:
            instance.destination = form.cleaned_data["destination"]
        m2m = {"service_areas": form.cleaned_data["service_areas"], "tags": form.cleaned_data["tags"]}
        try:
            services.create_resource(actor=request.user, instance=instance, m2m=m2m, hours=form.cleaned_data["hours"])
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            if instance.status == Resource.Status.PROPOSED:
                messages.success(request, _("Risorsa inviata: sarà visibile dopo la revisione dell'ATS."))
            else:
                messages.success(request, _("Risorsa pubblicata."))
            return redirect("directory:detail", instance.uuid)
    return render(request, "directory/resource_form.html", {"form": form, "creating": True})


@login_required
def resource_edit(request: AuthedRequest, key: str) -> HttpResponse:
    resource = _get(request.user, key, scoping.CHANGE)
    form = ResourceForm(request.POST or None, user=request.user, instance=copy.copy(resource))
    if request.method == "POST" and form.is_valid():
        m2m_names = {"service_areas", "tags"}
        data = {n: v for n, v in form.cleaned_data.items() if n not in {"version", "hours"} and n not in m2m_names}
        m2m = {n: form.cleaned_data[n] for n in m2m_names}
        try:
            outcome = services.update_resource(
                actor=request.user,
                instance=resource,
                data=data,
                expected_version=form.cleaned_data.get("version"),
                m2m=m2m,
                hours=form.cleaned_data["hours"] if "hours" in request.POST else None,  # absent: unchanged
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if isinstance(outcome, PendingChange):
                messages.success(request, _("Modifica inviata: sarà visibile dopo la revisione dell'ATS."))
            else:
                messages.success(request, _("Modifiche salvate."))
            return redirect("directory:detail", resource.uuid)
    return render(request, "directory/resource_form.html", {"form": form, "resource": resource})


@login_required
@require_POST
def resource_action(request: AuthedRequest, key: str, action: str) -> HttpResponse:
    resource = _get(request.user, key)
    if action == "publish":
        services.publish_resource(actor=request.user, instance=resource)
        messages.success(request, _("Risorsa pubblicata."))
    elif action == "withdraw":
        services.withdraw_resource(actor=request.user, instance=resource)
        messages.success(request, _("Risorsa ritirata."))
    elif action == "checked":
        resource = _get(request.user, key, scoping.CHANGE)
        services.mark_checked(actor=request.user, instance=resource)
        messages.success(request, _("Verifica registrata."))
    else:
        raise Http404(_("Elemento non trovato."))
    return redirect("directory:detail", resource.uuid)


@login_required
@require_POST
def change_decide(request: AuthedRequest, pk: int, decision: str) -> HttpResponse:
    change = scoping.get_for_user(request.user, PendingChange.objects.select_related("resource"), pk)
    if decision not in ("approve", "reject"):
        raise Http404(_("Elemento non trovato."))
    services.decide_change(actor=request.user, change=change, approve=decision == "approve")
    messages.success(request, _("Modifica approvata.") if decision == "approve" else _("Modifica respinta."))
    return redirect("directory:detail", change.resource.uuid)


@login_required
def review_queue(request: AuthedRequest) -> HttpResponse:
    if not scoping.may_act_on_model(request.user, services.PUBLISH):
        raise PermissionDenied
    mine = scoping.scoped(request.user, Resource.objects.select_related("organisation", "comune"), scoping.CHANGE)
    proposed = mine.filter(status=Resource.Status.PROPOSED)
    changes = scoping.scoped(
        request.user, PendingChange.objects.select_related("resource", "proposed_by"), scoping.CHANGE
    ).filter(decision=PendingChange.Decision.PENDING)
    return render(request, "directory/review_queue.html", {"proposed": proposed, "changes": changes})


@login_required
def stale_list(request: AuthedRequest) -> HttpResponse:
    stale = selectors.stale_resources(request.user, today=timezone.localdate()).select_related("organisation", "comune")
    return render(request, "directory/stale_list.html", {"stale": stale})


# Quality of the network: compliance and carta dei servizi ----------------------------------

QUALITY_ROLES = {Role.REGIONE, Role.ATS_OFFICER, Role.AUDITOR, Role.HUB_COORDINATOR}


def _quality_allowed(user: Actor) -> None:
    scope = scoping.scope_of(user)
    if scope is None or scope.role not in QUALITY_ROLES:
        raise PermissionDenied


@login_required
def compliance_overview(request: AuthedRequest) -> HttpResponse:
    """ATS overview (the Regione: every ATS): each Centre's checks and what to fix."""
    _quality_allowed(request.user)
    groups = quality.overview(request.user, timezone.localdate())
    return render(request, "directory/compliance.html", {"groups": groups})


@login_required
def carta_centre(request: AuthedRequest, centre_pk: int) -> HttpResponse:
    centre = scoping.get_for_user(request.user, Centre.objects.select_related("ats"), centre_pk)
    versions = scoping.scoped(request.user, Carta.objects.filter(centre=centre))
    if request.method == "POST":
        if not scoping.may_act(request.user, carta_service.PUBLISH, centre):
            raise PermissionDenied
        if request.POST.get("action") == "generate":
            carta = carta_service.generate(actor=request.user, centre=centre)
            messages.success(request, _("Nuova versione generata: controllala e pubblicala."))
        else:
            carta = scoping.get_for_user(request.user, Carta.objects.filter(centre=centre), request.POST.get("carta"))
            carta_service.publish(actor=request.user, carta=carta)
            messages.success(request, _("Carta dei servizi pubblicata."))
        return redirect("directory:carta", centre.pk)
    current = carta_service.published(centre)
    context = {
        "centre": centre,
        "versions": versions,
        "published": current,
        "up_to_date": carta_service.is_current(current) if current else None,
        "may_publish": scoping.may_act(request.user, carta_service.PUBLISH, centre),
    }
    return render(request, "directory/carta_centre.html", context)


def _carta(user: Actor, pk: int) -> Carta:
    return scoping.get_for_user(user, Carta.objects.select_related("centre"), pk)


def _carta_page(html: str) -> HttpResponse:
    """The stored carta is one self-contained document (also WeasyPrint's input, hence its
    `<style>` block): the CSP allows that block by hash on this response only."""
    return allow_inline_styles(HttpResponse(html), html)


@login_required
def carta_html(request: AuthedRequest, pk: int) -> HttpResponse:
    return _carta_page(_carta(request.user, pk).html)


@login_required
def carta_pdf(request: AuthedRequest, pk: int) -> HttpResponseBase:
    carta = _carta(request.user, pk)
    return serve_export(
        request, exporters.CartaExporter(), carta, "pdf", back=reverse("directory:carta", args=[carta.centre_id])
    )


def public_carta(request: HttpRequest, centre_pk: int, fmt: str = "html") -> HttpResponseBase:
    """The published carta, for the portal's seat pages (no sign-in: it is a public document)."""
    centre = Centre.objects.filter(pk=centre_pk).exclude(status=Centre.Status.CLOSED).first()
    carta = carta_service.published(centre) if centre else None
    if carta is None:
        raise Http404(_("Elemento non trovato."))
    if fmt == "pdf":
        back = reverse("directory:public_carta", args=[centre_pk])
        return serve_export(request, exporters.CartaExporter(), carta, "pdf", back=back)
    return _carta_page(carta.html)


SORTS = {
    "distanza": lambda r: -(r.nearest_km if r.nearest_km is not None else 1e9),
    "hub": lambda r: -(r.hub_km if r.hub_km is not None else 1e9),
    "popolazione": lambda r: -r.population,
    "nome": lambda r: r.name,
}


def _km(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


@login_required
def coverage_view(request: AuthedRequest) -> HttpResponseBase:
    """Coverage for the ATS (its territory) and the Regione: distances, population beyond 5/10/20
    km, uncovered Ambiti/Distretti, map with the table as its alternative, XLSX, what-if Spoke."""
    scope = scoping.scope_of(request.user)
    if scope is None or scope.role not in quality.COVERAGE_ROLES:
        raise PermissionDenied
    from territory.models import PopulationSnapshot

    snapshots = PopulationSnapshot.objects.filter(level=PopulationSnapshot.Level.COMUNE)
    snapshot = snapshots.filter(code=request.GET.get("popolazione")).first() or snapshots.first()
    inputs = quality.coverage_inputs(request.user, snapshot)
    proposed_code = request.GET.get("proposta", "").strip()
    proposed = None
    error = ""
    if proposed_code:
        comune = next((c for c in inputs["comuni"] if c.key == proposed_code), None)
        if comune is None:
            error = _("Comune non trovato nel tuo territorio: scegli un comune dall'elenco.")
        else:
            proposed = coverage.Place(
                comune.key, _("Spoke proposto a %(name)s") % {"name": comune.name}, comune.lat, comune.lon
            )
    args = {"area_members": inputs["members"], "seat_comuni": inputs["seat_comuni"]}
    if proposed is not None:
        before, after = coverage.what_if(inputs["comuni"], inputs["points"], proposed, **args)
    else:
        before = after = coverage.analyse(inputs["comuni"], inputs["points"], **args)
    order = request.GET.get("ordina", "distanza")
    rows = sorted(after.comuni, key=SORTS.get(order, SORTS["distanza"]))
    previous = {r.istat_code: r for r in before.comuni}
    if request.GET.get("formato") == "xlsx":
        table = exporters.CoverageTable(rows, before, after, snapshot, proposed=proposed.key if proposed else "")
        return serve_export(request, exporters.CoverageExporter(), table, "xlsx", back=reverse("directory:coverage"))
    context = {
        "rows": [(r, previous[r.istat_code]) for r in rows],
        "before": before,
        "after": after,
        "proposed": proposed,
        "error": error,
        "thresholds": coverage.THRESHOLDS_KM,
        "snapshot": snapshot,
        "snapshots": snapshots,
        "order": order,
        "comuni": inputs["comuni"],
        "km": _km,
    }
    context["summary"] = [
        (km, before.beyond[km], after.beyond[km], f"{100 * after.share_beyond(km):.1f}".replace(".", ","))
        for km in coverage.THRESHOLDS_KM
    ]
    context["map_data"] = {
        r.istat_code: {"km": None if r.nearest_km is None else round(r.nearest_km, 1), "name": r.name}
        for r in after.comuni
    }
    context["table"] = [
        {
            "name": r.name,
            "pop": r.population,
            "km": _km(r.nearest_km),
            "was": _km(p.nearest_km),
            "hub": _km(r.hub_km),
            "near": r.nearest_name,
        }
        for r, p in context["rows"]
    ]
    return render(request, "directory/coverage.html", context)


@login_required
def coverage_map(request: AuthedRequest) -> HttpResponse:
    """The comuni's boundaries of the user's territory (GeoJSON) for the choropleth."""
    import json

    from territory.models import Comune

    scope = scoping.scope_of(request.user)
    if scope is None or scope.role not in quality.COVERAGE_ROLES:
        raise PermissionDenied
    ats_ids = scoping.ats_ids_in_scope(request.user)
    qs = Comune.objects.all() if ats_ids is None else Comune.objects.filter(ats_id__in=ats_ids)
    features = [
        {"type": "Feature", "properties": {"istat": code}, "geometry": boundary}
        for code, boundary in qs.exclude(boundary__isnull=True).values_list("istat_code", "boundary")
    ]
    return HttpResponse(
        json.dumps({"type": "FeatureCollection", "features": features}), content_type="application/geo+json"
    )


class ImportForm(StyledForm):
    file = forms.FileField(label=_("File CSV"))
    dry_run = forms.BooleanField(label=_("Solo verifica (non salva nulla)"), required=False, initial=True)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload, [uploads.CSV], max_bytes=5 * 1024 * 1024)
        return upload


@login_required
def import_view(request: AuthedRequest) -> HttpResponse:
    if not scoping.may_write(request.user, Resource, scoping.CREATE):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = importers.import_csv(actor=request.user, content=upload.read(), dry_run=form.cleaned_data["dry_run"])
    return render(request, "directory/import.html", {"form": form, "report": report, "columns": importers.COLUMNS})


def export_hsds(request: HttpRequest) -> HttpResponseBase:
    """The entries the user may see (anonymous: public ones, like the HSDS API), in HSDS 3.0
    tabular form (zip of CSV files)."""
    resources = selectors.search_resources(request.user)
    return serve_export(request, exporters.HsdsExporter(), resources, "zip", back=reverse("directory:list"))
