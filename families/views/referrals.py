"""Referrals (invii): create, detail, state steps, feedback; the inbox of a receiving service."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.types import AuthedRequest
from common.concurrency import ConflictError
from common.forms import attach_errors, form_errors_text
from common.pagination import page_of
from families import selectors
from families.access import audit_list, audit_read
from families.destinations import destination_info
from families.forms import (
    FeedbackForm,
    InboxFilterForm,
    ReferralForm,
    TransitionForm,
)
from families.models import Consent, Referral
from families.services import consent as consent_services
from families.services import referrals
from families.services.consent import ConsentMissing
from families.views.consent import consent_form_for

DRAFT_FIELDS = ("destination", "reason", "reason_text", "urgency", "override_reason")


@login_required
def referral_create(request: AuthedRequest, pk: str) -> HttpResponse:
    """Send a referral. When the family's consent is missing, the same page offers the consent
    form for exactly that destination (pre-selected; or its category): recording it keeps the
    referral as typed (both are one form), and the operator then sends it."""
    family = selectors.family_detail(user=request.user, family_id=pk)
    destinations = selectors.destinations_for(user=request.user)
    form = ReferralForm(request.POST or None, destinations=destinations)
    consent_form = None
    blocked = None
    if request.method == "POST" and request.POST.get("action") == "consent":
        # The draft is read through its form (only the values that validate are kept) and shown
        # again unbound, so that recording the consent does not report the draft's gaps.
        draft = ReferralForm(request.POST, destinations=destinations)
        draft.is_valid()
        blocked = draft.cleaned_data.get("destination")
        form = ReferralForm(initial={k: draft.cleaned_data.get(k, "") for k in DRAFT_FIELDS}, destinations=destinations)
        consent_form = consent_form_for(request, data=request.POST, files=request.FILES, prefix="consent")
        if consent_form.is_valid():
            try:
                consent_services.consent_record(
                    actor=request.user, family=family, unblocks=blocked, **consent_form.cleaned_data
                )
            except ValidationError as exc:
                attach_errors(consent_form, exc)
            else:
                messages.success(request, _("Consenso registrato. Ora puoi inviare: i dati dell'invio sono rimasti."))
                consent_form = None
    elif request.method == "POST" and form.is_valid():
        try:
            referral = referrals.referral_send(actor=request.user, family=family, **form.cleaned_data)
        except ConsentMissing as exc:
            attach_errors(form, exc)
            blocked = exc.destination
            consent_form = consent_form_for(
                request,
                prefix="consent",
                initial={
                    "purpose": Consent.Purpose.SHARING,
                    "legal_basis": Consent.LegalBasis.CONSENT,
                    "recipient_destination": blocked.pk if blocked else None,
                    "given_on": timezone.localdate(),
                },
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Invio registrato."))
            return redirect("families:referral_detail", pk=referral.pk)
    context = {
        "form": form,
        "family": family,
        "consent_form": consent_form,
        "blocked": blocked,
        # the shared directory's entries for these destinations: hours, how to access, languages
        "destination_info": destination_info(request.user, destinations.values_list("pk", flat=True)[:200]),
    }
    return render(request, "families/referral_form.html", context)


@login_required
def referral_detail(request: AuthedRequest, pk: str) -> HttpResponse:
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
def referral_transition(request: AuthedRequest, pk: str) -> HttpResponse:
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
def referral_feedback(request: AuthedRequest, pk: str) -> HttpResponse:
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
def referrals_received(request: AuthedRequest) -> HttpResponse:
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
def referral_received(request: AuthedRequest, pk: str) -> HttpResponse:
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
        {"referral": referral, "steps": [(s, STEP_LABELS[s]) for s in steps]},
    )


# What a receiving service may do next, as the buttons say it.
STEP_LABELS: dict[str, Any] = {
    Referral.Status.RECEIVED: gettext_lazy("Conferma la ricezione"),
    Referral.Status.ACCEPTED: gettext_lazy("Accetta"),
    Referral.Status.REJECTED: gettext_lazy("Rifiuta (con motivazione)"),
    Referral.Status.TAKEN_IN_CHARGE: gettext_lazy("Prendi in carico"),
    Referral.Status.CLOSED: gettext_lazy("Chiudi (con esito)"),
}
