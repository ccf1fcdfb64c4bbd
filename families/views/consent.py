"""Consents of a family: record and withdraw."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.types import AuthedRequest
from common.forms import attach_errors
from families import selectors
from families.access import family_scoped
from families.forms import ConsentForm
from families.services import consent as consent_services
from network.models import Ente


def consent_form_for(request: HttpRequest, **kwargs: Any) -> ConsentForm:
    """The consent form with the registry's referral destinations of the user's network."""
    return ConsentForm(
        entes=Ente.objects.order_by("name"), destinations=selectors.destinations_for(user=request.user), **kwargs
    )


@login_required
def consent_add(request: AuthedRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    form = consent_form_for(request, data=request.POST or None, files=request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent_services.consent_record(actor=request.user, family=family, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Consenso registrato."))
            return redirect("families:family_detail", pk=family.pk)
    return render(
        request,
        "families/simple_form.html",
        {"form": form, "family": family, "title": _("Registra un consenso"), "multipart": True},
    )


@login_required
@require_POST
def consent_withdraw(request: AuthedRequest, pk: str, consent_id: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    consent = family_scoped(request.user, family.consents.all()).filter(pk=consent_id).first()
    if consent is not None:
        try:
            consent_services.consent_withdraw(actor=request.user, consent=consent)
            messages.success(request, _("Consenso revocato."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("families:family_detail", pk=family.pk)
