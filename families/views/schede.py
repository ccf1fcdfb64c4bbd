"""The scheda progettuale: open, detail with interventions and involved bodies, printed PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.types import AuthedRequest
from common.concurrency import ConflictError
from common.forms import attach_errors
from core.exports import serve_export
from families import exporters, selectors
from families.access import audit_read, family_scoped
from families.forms import (
    BodyForm,
    InterventionForm,
    SchedaForm,
)
from families.models import Scheda
from families.services import schede
from families.views.followups import followup_form
from network.models import Ente, ServiceArea


@login_required
def scheda_open(request: AuthedRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    existing = family_scoped(request.user, Scheda.objects.filter(family=family)).first()
    if existing is not None:
        return redirect("families:scheda_detail", pk=existing.pk)
    form = SchedaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scheda = schede.scheda_open(
                actor=request.user,
                family=family,
                access_reason=data["access_reason"],
                access_reason_text=data["access_reason_text"],
                needs=data["needs"],
                is_fragile=data["is_fragile"],
                fragility_category=data["fragility_category"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Scheda progettuale aperta."))
            return redirect("families:scheda_detail", pk=scheda.pk)
    return render(
        request, "families/simple_form.html", {"form": form, "family": family, "title": _("Apri la scheda progettuale")}
    )


@login_required
def scheda_detail(request: AuthedRequest, pk: str) -> HttpResponse:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    initial = {name: getattr(scheda, name) for name in schede.EDITABLE if name != "operator"}
    form = SchedaForm(request.POST or None, initial={**initial, "version": scheda.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            schede.scheda_update(
                actor=request.user, scheda=scheda, data=data, expected_version=form.cleaned_data["version"]
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Scheda aggiornata."))
            return redirect("families:scheda_detail", pk=scheda.pk)
    else:
        audit_read(actor=request.user, obj=scheda)
    context = {
        "scheda": scheda,
        "form": form,
        "intervention_form": InterventionForm(areas=ServiceArea.objects.all()),
        "body_form": BodyForm(entes=Ente.objects.order_by("name")),
        "followup_form": followup_form(request, initial={"start_date": timezone.localdate()}),
    }
    return render(request, "families/scheda_detail.html", context)


@login_required
@require_POST
def intervention_add(request: AuthedRequest, pk: str) -> HttpResponse:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    form = InterventionForm(request.POST, areas=ServiceArea.objects.all())
    if form.is_valid():
        try:
            schede.intervention_add(actor=request.user, scheda=scheda, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Intervento aggiunto."))
    else:
        messages.error(request, _("Intervento non aggiunto: controlla i campi."))
    return redirect("families:scheda_detail", pk=scheda.pk)


@login_required
def scheda_pdf(request: AuthedRequest, pk: str) -> HttpResponseBase:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    back = reverse("families:scheda_detail", args=[scheda.pk])
    return serve_export(request, exporters.SchedaExporter(), scheda, "pdf", back=back)


@login_required
@require_POST
def body_add(request: AuthedRequest, pk: str) -> HttpResponse:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    form = BodyForm(request.POST, entes=Ente.objects.order_by("name"))
    if form.is_valid():
        try:
            schede.body_add(actor=request.user, scheda=scheda, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Ente coinvolto aggiunto."))
            return redirect("families:scheda_detail", pk=scheda.pk)
    return render(
        request,
        "families/simple_form.html",
        {
            "form": form,
            "family": scheda.family,
            "title": _("Coinvolgi un ente"),
        },
    )
