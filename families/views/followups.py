"""Integrated follow-ups (presa in carico integrata) of a scheda."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.types import AuthedRequest
from common.concurrency import ConflictError
from common.forms import attach_errors
from families import selectors
from families.access import audit_read
from families.forms import (
    FollowUpEditForm,
    FollowUpForm,
)
from families.models import IntegratedFollowUp
from families.services import followups
from families.views._common import conflict_or_errors
from network.models import Ente


def followup_form(request: HttpRequest, data: Any = None, **kwargs: Any) -> FollowUpForm:
    return FollowUpForm(
        data,
        destinations=selectors.destinations_for(user=request.user),
        entes=Ente.objects.order_by("name"),
        **kwargs,
    )


@login_required
@require_POST
def followup_add(request: AuthedRequest, pk: str) -> HttpResponse:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    form = followup_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            followup = followups.followup_open(
                actor=request.user,
                scheda=scheda,
                plan=data["plan"],
                goals=data["goals"],
                start_date=data["start_date"],
                review_on=data["review_on"],
                destinations=data["destinations"],
                entes=data["entes"],
                override_reason=data["override_reason"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Presa in carico integrata avviata."))
            return redirect("families:followup_detail", pk=followup.pk)
    return render(
        request,
        "families/simple_form.html",
        {
            "form": form,
            "family": scheda.family,
            "title": _("Avvia una presa in carico integrata"),
        },
    )


@login_required
def followup_detail(request: AuthedRequest, pk: str) -> HttpResponse:
    followup: IntegratedFollowUp = selectors.followup_detail(user=request.user, followup_id=pk)
    initial = {name: getattr(followup, name) for name in followups.EDITABLE}
    initial.update(
        version=followup.version,
        destinations=list(followup.partner_destinations.all()),
        entes=list(followup.partner_entes.all()),
    )
    form = FollowUpEditForm(
        request.POST or None,
        initial=initial,
        destinations=selectors.destinations_for(user=request.user),
        entes=Ente.objects.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followups.followup_update(
                actor=request.user,
                followup=followup,
                data={name: data[name] for name in followups.EDITABLE},
                expected_version=data["version"],
                destinations=data["destinations"],
                entes=data["entes"],
                override_reason=data["override_reason"],
            )
        except (ConflictError, ValidationError) as exc:
            conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Presa in carico integrata aggiornata."))
            return redirect("families:followup_detail", pk=followup.pk)
    elif request.method != "POST":
        audit_read(actor=request.user, obj=followup)
    return render(request, "families/followup_detail.html", {"followup": followup, "form": form})
