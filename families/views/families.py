"""Families and their people: list, create, detail, edit, move a person, merge two families."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.types import AuthedRequest
from common.concurrency import ConflictError
from common.forms import attach_errors
from families import selectors
from families.access import audit_list, audit_read, check_family_reader, family_scoped
from families.forms import (
    FamilyEditForm,
    FamilyForm,
    FamilySearchForm,
    PersonEditForm,
    PersonForm,
    PersonMoveForm,
)
from families.history import family_history
from families.models import Family, Person, Scheda
from families.services import families as family_services
from families.views._common import conflict_or_errors
from territory.models import Comune


@login_required
def family_list(request: AuthedRequest) -> HttpResponse:
    """The families of the user's scope. A search is sent by POST (the term — a name or a fiscal
    code — never travels in the URL, so it is not in the browser history nor in any access log);
    its pages are POSTed too. A GET shows the plain list, paginated by number."""
    check_family_reader(request.user)
    form = FamilySearchForm(request.POST if request.method == "POST" else None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    number = form.cleaned_data["page"] if form.is_valid() else request.GET.get("page")
    page = selectors.family_page(user=request.user, q=q, page=number)
    audit_list(
        actor=request.user,
        label="families.family",
        ids=[f.pk for f in page],
        total=page.paginator.count,
        page=page.number,
        filters=["q"] if q.strip() else [],
    )
    context = {"families": page, "page": page, "form": form, "q": q, "searching": bool(q.strip()), "querystring": ""}
    return render(request, "families/family_list.html", context)


@login_required
def family_create(request: AuthedRequest) -> HttpResponse:
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
def family_detail(request: AuthedRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    audit_read(actor=request.user, obj=family)
    duplicates = selectors.duplicates_of_family(user=request.user, family=family)
    context = {
        "family": family,
        "scheda": family_scoped(request.user, Scheda.objects.filter(family=family)).first(),
        "duplicates": [(p, duplicates[p.pk]) for p in family.members.all() if duplicates[p.pk]],
        "can_erase": scoping.may_act(request.user, "families.family.erase", family),
        "history": family_history(user=request.user, family=family),
    }
    return render(request, "families/family_detail.html", context)


@login_required
def person_add(request: AuthedRequest, pk: str) -> HttpResponse:
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
def family_merge(request: AuthedRequest, pk: str, other: str) -> HttpResponse:
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
def family_edit(request: AuthedRequest, pk: str) -> HttpResponse:
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
            conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Dati della famiglia aggiornati."))
            return redirect("families:family_detail", pk=family.pk)
    return render(
        request, "families/simple_form.html", {"form": form, "family": family, "title": _("Modifica la famiglia")}
    )


@login_required
def person_edit(request: AuthedRequest, pk: str) -> HttpResponse:
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
            conflict_or_errors(form, exc)
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
def person_move(request: AuthedRequest, pk: str) -> HttpResponse:
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
            conflict_or_errors(form, exc)
        else:
            messages.success(request, _("Persona spostata nella famiglia %(code)s.") % {"code": person.family.code})
            return redirect("families:family_detail", pk=person.family_id)
    return render(
        request,
        "families/simple_form.html",
        {"form": form, "family": source, "title": _("Sposta la persona in un'altra famiglia")},
    )
