"""Back-office views of the family pathway: thin (form → service → redirect), every lookup
through families.selectors/access, every read of a family record audited."""

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from activities import selectors as activity_selectors
from common.concurrency import ConflictError
from common.crud import attach_errors
from families import exporters, selectors
from families.access import audit_list, audit_read, check_family_reader, family_scoped
from families.forms import (
    BodyForm,
    ConsentForm,
    FamilyEditForm,
    FamilyForm,
    FeedbackForm,
    FollowUpEditForm,
    FollowUpForm,
    InterventionForm,
    PersonEditForm,
    PersonForm,
    PersonMoveForm,
    QuickContactForm,
    ReferralForm,
    SchedaForm,
    TransitionForm,
)
from families.models import Family, IntegratedFollowUp, Person, Referral, Scheda
from families.services import consent as consent_services
from families.services import contacts, followups, privacy, referrals, schede
from families.services import families as family_services
from network.models import Ente, ServiceArea
from territory.models import Comune


@login_required
def home(request: HttpRequest) -> HttpResponse:
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
        ],
    )
    # Today's activity sessions belong on the same desk (issue #3 § 7); they carry no family data.
    sessions = activity_selectors.sessions_on(user=request.user, day=timezone.localdate())
    context = {"worklist": worklist, "contact_form": QuickContactForm(), "sessions_today": sessions}
    return render(request, "families/home.html", context)


@login_required
@require_POST
def contact_quick(request: HttpRequest) -> HttpResponse:
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
def family_list(request: HttpRequest) -> HttpResponse:
    check_family_reader(request.user)
    q = request.GET.get("q", "")
    families = list(selectors.families_for(user=request.user, q=q)[:200])
    audit_list(actor=request.user, label="families.family", ids=[f.pk for f in families])
    return render(request, "families/family_list.html", {"families": families, "q": q})


@login_required
def family_create(request: HttpRequest) -> HttpResponse:
    check_family_reader(request.user)
    form = FamilyForm(
        request.POST or None,
        seats=selectors.seats_for(user=request.user),
        comuni=Comune.objects.order_by("name"),
        initial={"seat": getattr(scoping.scope_of(request.user), "seat_id", None)},
    )
    person_form = PersonForm(request.POST or None, prefix="p")
    if request.method == "POST" and form.is_valid() and person_form.is_valid():
        data = form.cleaned_data
        member = {k: v for k, v in person_form.cleaned_data.items()}
        try:
            family = family_services.family_create(
                actor=request.user,
                seat=data["seat"],
                name=data["name"],
                residence_kind=data["residence_kind"],
                comune_id=data["comune"].pk if data["comune"] else None,
                members=[member],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, errors in exc.message_dict.items():
                    name = key.rsplit(".", 1)[-1]
                    target = person_form if name in person_form.fields else form
                    target.add_error(name if name in target.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Famiglia registrata con codice %(code)s.") % {"code": family.code})
            return redirect("families:family_detail", pk=family.pk)
    return render(request, "families/family_form.html", {"form": form, "person_form": person_form})


@login_required
def family_detail(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    audit_read(actor=request.user, obj=family)
    duplicates = {p.pk: list(selectors.possible_duplicates(user=request.user, person=p)) for p in family.members.all()}
    context = {
        "family": family,
        "scheda": family_scoped(request.user, Scheda.objects.filter(family=family)).first(),
        "duplicates": [(p, duplicates[p.pk]) for p in family.members.all() if duplicates[p.pk]],
        "can_erase": scoping.may_act(request.user, "families.family.erase", family),
    }
    return render(request, "families/family_detail.html", context)


@login_required
def person_add(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            family_services.person_add(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Persona aggiunta."))
            return redirect("families:family_detail", pk=family.pk)
    return render(
        request, "families/simple_form.html", {"form": form, "family": family, "title": _("Aggiungi una persona")}
    )


@login_required
@require_POST
def family_merge(request: HttpRequest, pk: str, other: str) -> HttpResponse:
    target = selectors.family_detail(user=request.user, family_id=pk)
    duplicate = selectors.family_detail(user=request.user, family_id=other)
    try:
        family_services.family_merge(actor=request.user, target=target, duplicate=duplicate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Famiglie unite."))
    return redirect("families:family_detail", pk=target.pk)


@login_required
def scheda_open(request: HttpRequest, pk: str) -> HttpResponse:
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
def scheda_detail(request: HttpRequest, pk: str) -> HttpResponse:
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
        "followup_form": _followup_form(request, initial={"start_date": timezone.localdate()}),
    }
    return render(request, "families/scheda_detail.html", context)


@login_required
@require_POST
def intervention_add(request: HttpRequest, pk: str) -> HttpResponse:
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
def scheda_pdf(request: HttpRequest, pk: str) -> HttpResponse:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    try:
        content = exporters.scheda_pdf(scheda)
    except exporters.PdfUnavailable:
        messages.error(request, _("Il PDF non è disponibile su questo server (manca la libreria di sistema Pango)."))
        return redirect("families:scheda_detail", pk=scheda.pk)
    audit_read(actor=request.user, obj=scheda, what="printed")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="scheda-{scheda.family.code}.pdf"'
    return response


@login_required
def consent_add(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    form = ConsentForm(request.POST or None, request.FILES or None, entes=Ente.objects.all())
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
def consent_withdraw(request: HttpRequest, pk: str, consent_id: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    consent = family_scoped(request.user, family.consents.all()).filter(pk=consent_id).first()
    if consent is not None:
        try:
            consent_services.consent_withdraw(actor=request.user, consent=consent)
            messages.success(request, _("Consenso revocato."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("families:family_detail", pk=family.pk)


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
    try:
        referrals.referral_transition(
            actor=request.user, referral=referral, to=request.POST.get("to", ""), note=request.POST.get("note", "")
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
    try:
        referrals.referral_feedback(actor=request.user, referral=referral, feedback=request.POST.get("feedback", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Riscontro registrato."))
    return redirect("families:referral_detail", pk=referral.pk)


@login_required
def family_export(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    data: dict[str, Any] = privacy.family_export(actor=request.user, family=family)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="famiglia-{family.code}.json"'
    return response


@login_required
def family_export_pdf(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    data: dict[str, Any] = privacy.family_export(actor=request.user, family=family)
    try:
        content = exporters.family_export_pdf(data, family.seat.centre.ats.name)
    except exporters.PdfUnavailable:
        messages.error(request, _("Il PDF non è disponibile su questo server (manca la libreria di sistema Pango)."))
        return redirect("families:family_detail", pk=family.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="famiglia-{family.code}.pdf"'
    return response


@login_required
@require_POST
def family_anonymise(request: HttpRequest, pk: str) -> HttpResponse:
    family: Family = selectors.family_detail(user=request.user, family_id=pk)
    privacy.family_anonymise(actor=request.user, family=family)
    messages.success(request, _("Dati identificativi della famiglia cancellati; i conteggi restano."))
    return redirect("families:family_detail", pk=family.pk)


def _conflict_or_errors(form: forms.BaseForm, exc: Exception) -> None:
    if isinstance(exc, ConflictError):
        form.add_error(None, str(exc))
    elif isinstance(exc, ValidationError):
        attach_errors(form, exc)


@login_required
def family_edit(request: HttpRequest, pk: str) -> HttpResponse:
    family: Family = selectors.family_detail(user=request.user, family_id=pk)
    initial = {
        "version": family.version,
        "name": family.name,
        "residence_kind": family.residence_kind,
        "comune": family.comune_id,
    }
    form = FamilyEditForm(request.POST or None, initial=initial, comuni=Comune.objects.order_by("name"))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name", "residence_kind", "comune")}
        try:
            family_services.family_update(
                actor=request.user, family=family, data=data, expected_version=form.cleaned_data["version"]
            )
        except (ConflictError, ValidationError) as exc:
            _conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Dati della famiglia aggiornati."))
            return redirect("families:family_detail", pk=family.pk)
    return render(
        request, "families/simple_form.html", {"form": form, "family": family, "title": _("Modifica la famiglia")}
    )


@login_required
def person_edit(request: HttpRequest, pk: str) -> HttpResponse:
    person: Person = selectors.person_detail(user=request.user, person_id=pk)
    initial = {name: getattr(person, name) for name in family_services.PERSON_FIELDS}
    form = PersonEditForm(request.POST or None, initial={**initial, "version": person.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            family_services.person_update(
                actor=request.user, person=person, data=data, expected_version=form.cleaned_data["version"]
            )
        except (ConflictError, ValidationError) as exc:
            _conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Dati della persona aggiornati."))
            return redirect("families:family_detail", pk=person.family_id)
    elif request.method != "POST":
        audit_read(actor=request.user, obj=person)
    return render(
        request,
        "families/simple_form.html",
        {"form": form, "family": person.family, "title": _("Modifica i dati della persona")},
    )


@login_required
def person_move(request: HttpRequest, pk: str) -> HttpResponse:
    person: Person = selectors.person_detail(user=request.user, person_id=pk)
    source = person.family
    targets = selectors.families_for(user=request.user).exclude(pk=source.pk).filter(is_anonymised=False)
    form = PersonMoveForm(request.POST or None, initial={"version": person.version}, families=targets)
    if request.method == "POST" and form.is_valid():
        try:
            family_services.person_move(
                actor=request.user,
                person=person,
                target=form.cleaned_data["target"],
                expected_version=form.cleaned_data["version"],
            )
        except (ConflictError, ValidationError) as exc:
            _conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Persona spostata nella famiglia %(code)s.") % {"code": person.family.code})
            return redirect("families:family_detail", pk=person.family_id)
    return render(
        request,
        "families/simple_form.html",
        {"form": form, "family": source, "title": _("Sposta la persona in un'altra famiglia")},
    )


def _followup_form(request: HttpRequest, data: Any = None, **kwargs: Any) -> FollowUpForm:
    return FollowUpForm(
        data,
        destinations=selectors.destinations_for(user=request.user),
        entes=Ente.objects.order_by("name"),
        **kwargs,
    )


@login_required
@require_POST
def body_add(request: HttpRequest, pk: str) -> HttpResponse:
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


@login_required
@require_POST
def followup_add(request: HttpRequest, pk: str) -> HttpResponse:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=pk)
    form = _followup_form(request, request.POST)
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
def followup_detail(request: HttpRequest, pk: str) -> HttpResponse:
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
            _conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Presa in carico integrata aggiornata."))
            return redirect("families:followup_detail", pk=followup.pk)
    elif request.method != "POST":
        audit_read(actor=request.user, obj=followup)
    return render(request, "families/followup_detail.html", {"followup": followup, "form": form})


@login_required
def referrals_received(request: HttpRequest) -> HttpResponse:
    """The inbox of a receiving service: the referrals addressed to it, nothing else."""
    items = list(selectors.referrals_received(user=request.user))
    if not items and not scoping.may_act_on_model(request.user, "families.referral.acknowledge"):
        raise PermissionDenied
    audit_list(actor=request.user, label="families.referral", what="inbox_viewed", ids=[r.pk for r in items])
    return render(request, "families/referrals_received.html", {"referrals": items})


@login_required
def referral_received(request: HttpRequest, pk: str) -> HttpResponse:
    referral = selectors.referral_received_detail(user=request.user, referral_id=pk)
    if request.method == "POST":
        try:
            referrals.referral_acknowledge(
                actor=request.user, referral=referral, to=request.POST.get("to", ""), note=request.POST.get("note", "")
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
