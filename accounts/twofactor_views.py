"""Two-factor pages: the second step of the sign-in, enrolment with a QR code, status, disable."""

import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import twofactor
from accounts.models import User
from accounts.types import AuthedRequest
from common import ratelimit
from common.forms import StyledForm

PENDING = "cpf_2fa_pending"
PENDING_SECONDS = 300
MAX_TRIES = 5  # wrong codes per sign-in attempt, and per user in any PENDING_SECONDS window


class CodeForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Codice"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy("Le 6 cifre mostrate dall'app, oppure uno dei codici di recupero."),
    )


def start_second_step(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """After a correct password: remember who is signing in (not signed in yet) and ask the code."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "at": time.time(),
        "tries": 0,
    }
    return redirect("accounts:login_verify")


@never_cache
def login_verify(request: HttpRequest) -> HttpResponse:
    pending: dict[str, Any] | None = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS or pending["tries"] >= MAX_TRIES:
        request.session.pop(PENDING, None)
        messages.error(request, _("La verifica è scaduta o ha avuto troppi tentativi: accedi di nuovo."))
        return redirect("accounts:login")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    if request.method == "POST" and (limited := _codes_refused(request, user)) is not None:
        return limited
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(user, form.cleaned_data["code"]):
            request.session.pop(PENDING, None)
            login(request, user, backend=pending["backend"])
            twofactor.mark_verified(request)
            next_url = pending["next"]
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = "/"
            return redirect(next_url)
        pending["tries"] += 1
        request.session[PENDING] = pending
        _wrong_code(request, user)
        form.add_error("code", _("Codice non valido o già usato. Riprova con il codice attuale."))
    return render(request, "accounts/twofactor/verify.html", {"form": form})


def _codes_refused(request: HttpRequest, user: User) -> HttpResponse | None:
    """The 429 page once the user (from any client: a new sign-in does not give new tries) or this
    client (whatever the user) has had too many wrong codes in the window."""
    if ratelimit.count(request, "2fa-user", PENDING_SECONDS, subject=str(user.pk)) >= MAX_TRIES:
        return ratelimit.too_many(request, window_seconds=PENDING_SECONDS)
    window = settings.CPF_TWOFACTOR_FAILURE_WINDOW
    if ratelimit.count(request, "2fa", window) >= settings.CPF_TWOFACTOR_FAILURE_LIMIT:
        return ratelimit.too_many(request, window_seconds=window)
    return None


def _wrong_code(request: HttpRequest, user: User) -> None:
    ratelimit.hit(request, "2fa-user", PENDING_SECONDS, subject=str(user.pk))
    ratelimit.hit(request, "2fa", settings.CPF_TWOFACTOR_FAILURE_WINDOW)


@login_required
def twofactor_status(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/twofactor/status.html",
        {
            "enrolled": twofactor.is_enrolled(request.user),
            "required": twofactor.is_required(request.user),
            "codes_left": twofactor.recovery_codes_left(request.user),
            "form": CodeForm(),
        },
    )


@login_required
@never_cache
def twofactor_enrol(request: AuthedRequest) -> HttpResponse:
    if twofactor.is_enrolled(request.user):
        return redirect("accounts:twofactor_status")
    form = CodeForm(request.POST or None)
    device = twofactor.pending_device(request.user)
    if request.method == "POST" and device is not None and form.is_valid():
        codes = twofactor.enrolment_confirm(request.user, form.cleaned_data["code"])
        if codes is not None:
            twofactor.mark_verified(request)
            return render(request, "accounts/twofactor/recovery_codes.html", {"codes": codes})
        form.add_error("code", _("Codice non valido: controlla l'ora del telefono e inserisci il codice attuale."))
    if device is None or request.method == "GET":
        device, uri = twofactor.enrolment_begin(request.user)
    else:
        uri = twofactor.device_uri(device)
    return render(
        request,
        "accounts/twofactor/enrol.html",
        {
            "form": form,
            "qr": twofactor.qr_svg(uri),
            "secret": twofactor.device_secret(device),
            "required": twofactor.is_required(request.user),
        },
    )


@login_required
@require_POST
def twofactor_disable(request: AuthedRequest) -> HttpResponse:
    if twofactor.is_required(request.user):
        messages.error(request, _("Per il tuo ruolo la verifica in due passaggi è obbligatoria."))
        return redirect("accounts:twofactor_status")
    if (limited := _codes_refused(request, request.user)) is not None:
        return limited  # a signed-in session cannot guess its way to switching the second factor off
    form = CodeForm(request.POST)
    if form.is_valid() and twofactor.verify(request.user, form.cleaned_data["code"]):
        twofactor.disable(request.user, actor=request.user)
        messages.success(request, _("Verifica in due passaggi disattivata."))
    else:
        _wrong_code(request, request.user)
        messages.error(request, _("Codice non valido: la verifica in due passaggi resta attiva."))
    return redirect("accounts:twofactor_status")
