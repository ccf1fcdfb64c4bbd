"""User management pages (no Django admin needed): list, invite, page, change, deactivate,
reactivate, send the invitation again. Who may do what is `accounts.grants`; the accounts shown
come from `scoping.users_visible`; every write is a service of `accounts.users`."""

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import grants, scoping, selectors, twofactor, users
from accounts.forms import UserFilterForm, UserForm
from accounts.models import User
from accounts.types import AuthedRequest
from common.forms import attach_errors
from common.pagination import page_of

VERBS = {
    "accounts.user.created": gettext_lazy("Utente creato"),
    "accounts.user.invited": gettext_lazy("Invito inviato"),
    "accounts.user.invitation_accepted": gettext_lazy("Invito accettato: password impostata"),
    "accounts.user.updated": gettext_lazy("Dati modificati"),
    "accounts.user.deactivated": gettext_lazy("Utente disattivato"),
    "accounts.user.reactivated": gettext_lazy("Utente riattivato"),
    "accounts.user.password_reset": gettext_lazy("Password reimpostata"),
    "accounts.user.totp_enabled": gettext_lazy("Verifica in due passaggi attivata"),
    "accounts.user.totp_disabled": gettext_lazy("Verifica in due passaggi disattivata"),
}


def _check_manager(request: HttpRequest) -> None:
    if not grants.manages_accounts(scoping.scope_of(request.user)):
        raise PermissionDenied(_("Il tuo ruolo non consente di gestire gli utenti."))


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def status_label(user: User) -> str:
    if not user.is_active:
        return _("Disattivato")
    if not user.has_usable_password():
        return _("In attesa di attivazione")
    return _("Attivo")


def place_label(user: User) -> str:
    for name in ("seat", "centre", "destination", "ats", "ente"):
        value = getattr(user, name)
        if value is not None:
            return str(value)
    return _("Tutta la Lombardia") if user.role else "—"


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    _check_manager(request)
    form = UserFilterForm(request.GET or None, actor=request.user)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    page = page_of(selectors.users_for(request.user, filters=filters), request.GET.get("page"))
    scope = scoping.scope_of(request.user)
    rows = [
        (
            u,
            status_label(u),
            place_label(u),
            grants.may_manage(scope, scoping.placement_of(u)) and u.pk != request.user.pk,
        )
        for u in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/users/list.html",
        {"form": form, "page": page, "rows": rows, "querystring": query.urlencode()},
    )


@login_required
def user_create(request: AuthedRequest) -> HttpResponse:
    _check_manager(request)
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invited = users.user_invite(actor=request.user, user=form.save(commit=False), base_url=_base_url(request))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if invited.mailed:
                messages.success(request, _("Utente creato: l'invito è stato inviato per e-mail."))
            else:
                messages.warning(
                    request,
                    _(
                        "Utente creato, ma l'e-mail di invito non è partita: riprova più tardi con «Invia di nuovo l'invito»."
                    ),
                )
            return redirect("accounts:user_detail", pk=invited.user.pk)
    return render(request, "accounts/users/form.html", {"form": form, "creating": True})


@login_required
def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _check_manager(request)
    target = scoping.user_for(request.user, pk)
    may_manage = target.pk != request.user.pk and grants.may_manage(
        scoping.scope_of(request.user), scoping.placement_of(target)
    )
    history = [
        (entry, VERBS.get(entry.action, entry.action), _changed_labels(entry.changes))
        for entry in selectors.account_history(target)
    ]
    return render(
        request,
        "accounts/users/detail.html",
        {
            "target": target,
            "status": status_label(target),
            "place": place_label(target),
            "may_manage": may_manage,
            "has_twofactor": twofactor.is_enrolled(target),
            "history": history,
        },
    )


def _changed_labels(changes: dict[str, Any]) -> str:
    """The names of the fields an entry changed, as a person reads them ("ruolo, sede")."""
    names = [n for n in (*users.PLACE_FIELDS, "is_active") if isinstance(changes.get(n), list)]
    names += [n for n in changes.get("fields", []) if isinstance(n, str)]
    known = {f.name: f for f in User._meta.get_fields() if hasattr(f, "verbose_name")}
    return ", ".join(str(known[n].verbose_name) for n in names if n in known)


@login_required
def user_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    _check_manager(request)
    target = scoping.user_for(request.user, pk)
    users.check_may_manage(request.user, target)
    form = UserForm(request.POST or None, actor=request.user, instance=copy.copy(target))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.cleaned_data if name in users.EDITABLE_FIELDS}
        for name in ("ats", "centre", "seat", "destination", "ente"):
            if name not in form.fields:  # a place the manager never grants stays empty
                data[name] = None
        try:
            users.user_update(actor=request.user, target=target, data=data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Modifiche salvate."))
            return redirect("accounts:user_detail", pk=target.pk)
    return render(request, "accounts/users/form.html", {"form": form, "target": target})


@login_required
@require_POST
def user_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@login_required
@require_POST
def user_reactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


def _set_active(request: AuthedRequest, pk: int, *, active: bool) -> HttpResponse:
    _check_manager(request)
    target = scoping.user_for(request.user, pk)
    users.user_set_active(actor=request.user, target=target, active=active)
    messages.success(request, _("Utente riattivato.") if active else _("Utente disattivato: non può più accedere."))
    return redirect("accounts:user_detail", pk=target.pk)


@login_required
@require_POST
def user_reinvite(request: AuthedRequest, pk: int) -> HttpResponse:
    _check_manager(request)
    target = scoping.user_for(request.user, pk)
    try:
        mailed = users.user_reinvite(actor=request.user, target=target, base_url=_base_url(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if mailed:
            messages.success(request, _("Nuovo invito inviato; i link precedenti non valgono più."))
        else:
            messages.warning(request, _("L'e-mail di invito non è partita: riprova più tardi."))
    return redirect("accounts:user_detail", pk=target.pk)


@login_required
@require_POST
def user_reset_twofactor(request: AuthedRequest, pk: int) -> HttpResponse:
    """A lost phone: the manager removes the app; the user enrols again at the next sign-in."""
    _check_manager(request)
    target = scoping.user_for(request.user, pk)
    users.check_may_manage(request.user, target)
    if twofactor.is_enrolled(target):
        twofactor.disable(target, actor=request.user)
        messages.success(request, _("Verifica in due passaggi azzerata: l'utente la attiverà di nuovo."))
    return redirect("accounts:user_detail", pk=target.pk)
