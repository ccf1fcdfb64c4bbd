"""Referrals (invii): create, detail, state steps, feedback; the inbox of a receiving service."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from common.concurrency import ConflictError
from common.forms import attach_errors, form_errors_text
from common.pagination import page_of
from families import selectors
from families.access import audit_list, audit_read
from families.forms import (
    FeedbackForm,
    InboxFilterForm,
    ReferralForm,
    TransitionForm,
)
from families.models import Referral
from families.services import referrals


@login_required
def referral_create(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    form = ReferralForm(request.POST or None, destinations=selectors.destinations_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            referral = referrals.referral_send(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Invio registrato."))
            return redirect("families:referral_detail", pk=referral.pk)
    return render(request, "families/simple_form.html", {"form": form, "family": family, "title": _("Nuovo invio")})


@login_required
def referral_detail(request: HttpRequest, pk: str) -> HttpResponse:
    referral = selectors.referral_detail(user=request.user, referral_id=pk)
    audit_read(actor=request.user, obj=referral)
    nexts = Referral.TRANSITIONS.get(referral.status, ())
    transition_form = TransitionForm()
    transition_form.fields["to"].choices = [(s, Referral.Status(s).label) for s in nexts]  # type: ignore[attr-defined]
    context = {
        "referral": referral,
        "transition_form": transition_form,
        "feedback_form": FeedbackForm(),
        "nexts": nexts,
    }
    return render(request, "families/referral_detail.html", context)


@login_required
@require_POST
def referral_transition(request: HttpRequest, pk: str) -> HttpResponse:
    referral = selectors.referral_detail(user=request.user, referral_id=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("families:referral_detail", pk=referral.pk)
    try:
        referrals.referral_transition(
            actor=request.user, referral=referral, to=form.cleaned_data["to"], note=form.cleaned_data["note"]
        )
    except (ValidationError, ConflictError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("Stato dell'invio aggiornato."))
    return redirect("families:referral_detail", pk=referral.pk)


@login_required
@require_POST
def referral_feedback(request: HttpRequest, pk: str) -> HttpResponse:
    referral = selectors.referral_detail(user=request.user, referral_id=pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("families:referral_detail", pk=referral.pk)
    try:
        referrals.referral_feedback(actor=request.user, referral=referral, feedback=form.cleaned_data["feedback"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Riscontro registrato."))
    return redirect("families:referral_detail", pk=referral.pk)


@login_required
def referrals_received(request: HttpRequest) -> HttpResponse:
    """The inbox of a receiving service: the referrals addressed to it, nothing else."""
    if not scoping.may_act_on_model(request.user, "families.referral.acknowledge"):
        raise PermissionDenied
    form = InboxFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = page_of(selectors.referrals_received(user=request.user, **filters), request.GET.get("page"))
    audit_list(
        actor=request.user,
        label="families.referral",
        what="inbox_viewed",
        ids=[r.pk for r in page],
        total=page.paginator.count,
        page=page.number,
        filters=list(filters),
    )
    querystring = urlencode({k: v for k, v in request.GET.items() if k in form.fields})
    context = {"referrals": page, "page": page, "form": form, "querystring": querystring}
    return render(request, "families/referrals_received.html", context)


@login_required
def referral_received(request: HttpRequest, pk: str) -> HttpResponse:
    referral = selectors.referral_received_detail(user=request.user, referral_id=pk)
    if request.method == "POST":
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors_text(form))
            return redirect("families:referral_received", pk=referral.pk)
        try:
            referrals.referral_acknowledge(
                actor=request.user, referral=referral, to=form.cleaned_data["to"], note=form.cleaned_data["note"]
            )
        except (ValidationError, ConflictError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Stato dell'invio aggiornato."))
        return redirect("families:referral_received", pk=referral.pk)
    audit_read(actor=request.user, obj=referral)
    steps = [s for s in Referral.TRANSITIONS.get(referral.status, ()) if s in referrals.RECEIVER_STEPS]
    return render(
        request,
        "families/referral_received.html",
        {"referral": referral, "steps": [(s, Referral.Status(s).label) for s in steps]},
    )
