"""The operator desk (worklist, today's activity sessions) and the quick contact log (accessi)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.models import Role
from accounts.types import AuthedRequest
from families import review, selectors
from families.access import audit_list, check_family_reader
from families.desk import desk_context
from families.forms import (
    QuickContactForm,
)
from families.services import contacts


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    check_family_reader(request.user)
    worklist = selectors.worklist(user=request.user)
    audit_list(
        actor=request.user,
        label="families.family",
        what="worklist_viewed",
        ids=[
            *(c.family_id for c in worklist.contacts_today if c.family_id),
            *(s.family_id for s in worklist.schede_to_review),
            *(r.family_id for r in worklist.overdue_referrals),
            *(f.scheda.family_id for f in worklist.followups_to_review),
            *(c.family_id for c in worklist.consents_expiring),
        ],
    )
    # Other apps add their part of the desk through families.desk (activities: today's
    # sessions; portal: the requests to be contacted sent from the public portal).
    context = {
        "worklist": worklist,
        "contact_form": QuickContactForm(),
        **desk_context(request),
    }
    return render(request, "families/home.html", context)


@login_required
@require_POST
def contact_quick(request: AuthedRequest) -> HttpResponse:
    check_family_reader(request.user)
    form = QuickContactForm(request.POST)
    scope = scoping.scope_of(request.user)
    seat = selectors.seats_for(user=request.user).filter(pk=getattr(scope, "seat_id", None)).first()
    if seat is None:  # coordinators log at the Hub seat of their Centre
        seat = selectors.seats_for(user=request.user).order_by("kind").first()
    if form.is_valid() and seat is not None:
        family = None
        code = form.cleaned_data["family_code"].strip().upper()
        if code:
            family = selectors.families_for(user=request.user).filter(code=code).first()
        if code and family is None:
            messages.error(request, _("Nessuna famiglia con questo codice tra quelle che puoi vedere."))
        else:
            try:
                contacts.contact_log(
                    actor=request.user,
                    seat=seat,
                    channel=form.cleaned_data["channel"],
                    reason=form.cleaned_data["reason"],
                    family=family,
                    people_count=form.cleaned_data["people_count"],
                )
                messages.success(request, _("Contatto registrato."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Contatto non registrato: controlla i campi."))
    return redirect("families:home")


@login_required
def centre_review(request: AuthedRequest) -> HttpResponse:
    """The Centre's review page (the Hub coordinator's home; an operator sees their seat)."""
    check_family_reader(request.user)
    data = review.centre_review(user=request.user)
    audit_list(actor=request.user, label="families.family", what="review_viewed", ids=data.family_ids())
    context = {
        "review": data,
        "whole_centre": getattr(scoping.scope_of(request.user), "role", None) == Role.HUB_COORDINATOR,
        **review.review_context(request, data.week_start, data.week_end),
    }
    return render(request, "families/centre_review.html", context)
