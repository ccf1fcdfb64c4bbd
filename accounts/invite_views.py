"""The invitation link and the set-password page. The link (`/account/invito/?t=<token>`) is opened
once: its token moves to the session and the browser is sent to a fixed address, so the token is
neither in the page's URL nor in the access log.

Rate limits (common/ratelimit.py): wrong invitation and reset links count per client, and once a
client has CPF_LINK_FAILURE_LIMIT of them every link it opens gets the 429 page until the window
ends, so tokens cannot be guessed; reset requests count per client and per address (hashed),
before the address is looked up, so the answer never says whether it has an account."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts import invitations
from accounts.services import audit_account
from common import ratelimit

LINKS = "links"  # wrong invitation and reset links, per client


def _links_refused(request: HttpRequest) -> HttpResponse | None:
    """The 429 page when this client already opened too many wrong links in the window."""
    window = settings.CPF_LINK_FAILURE_WINDOW
    if ratelimit.count(request, LINKS, window) >= settings.CPF_LINK_FAILURE_LIMIT:
        return ratelimit.too_many(request, window_seconds=window)
    return None


def _wrong_link(request: HttpRequest) -> None:
    ratelimit.hit(request, LINKS, settings.CPF_LINK_FAILURE_WINDOW)


@never_cache
def invitation_open(request: HttpRequest) -> HttpResponse:
    # The token travels in the query string, which the production access log leaves out
    # (deploy/gunicorn.conf.py), and is moved to the session at once.
    if (limited := _links_refused(request)) is not None:
        return limited
    token = request.GET.get("t", "")[:500]
    checked = invitations.invitation_check(token)
    if checked.problem is not None:
        _wrong_link(request)
        return _refused(request, checked.problem)
    request.session[invitations.SESSION_KEY] = token
    return redirect("accounts:invitation_password")


def _refused(request: HttpRequest, problem: invitations.LinkProblem) -> HttpResponse:
    request.session.pop(invitations.SESSION_KEY, None)
    return render(
        request, "accounts/invitation_refused.html", {"message": invitations.problem_message(problem)}, status=400
    )


@never_cache
def invitation_password(request: HttpRequest) -> HttpResponse:
    token = request.session.get(invitations.SESSION_KEY)
    if not token:
        return _refused(request, invitations.LinkProblem.INVALID)
    checked = invitations.invitation_check(token)
    if checked.problem is not None or checked.invitation is None:
        return _refused(request, checked.problem or invitations.LinkProblem.INVALID)
    form = SetPasswordForm(checked.invitation.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs["class"] = "form-control"
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except ValueError as exc:
            return _refused(request, invitations.LinkProblem(str(exc)))
        request.session.pop(invitations.SESSION_KEY, None)
        messages.success(request, _("Password impostata. Ora puoi accedere."))
        return redirect("accounts:login")
    return render(request, "accounts/invitation_password.html", {"form": form, "invited": checked.invitation.user})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset (the link is its signed one-time token); it says nothing about whether the
    address has an account."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        form.fields["email"].widget.attrs["class"] = "form-control"
        return form

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Counted before the address is looked up: limited or not, known or not, the answer is the same.
        window = settings.CPF_PASSWORD_RESET_RATE_WINDOW
        if not ratelimit.allow(request, "reset", settings.CPF_PASSWORD_RESET_RATE_LIMIT, window):
            return ratelimit.too_many(request, window_seconds=window)
        address = str(request.POST.get("email", "")).strip().lower()[:254]
        if address and not ratelimit.allow(
            request, "reset-address", settings.CPF_PASSWORD_RESET_EMAIL_LIMIT, window, subject=address
        ):
            return ratelimit.too_many(request, window_seconds=window)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (limited := _links_refused(request)) is not None:
            return limited
        response = super().dispatch(request, *args, **kwargs)
        if not getattr(self, "validlink", False):
            _wrong_link(request)
        return response

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "form-control"
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            audit_account(actor=form.user, action="accounts.user.password_reset", target=form.user)
        return response
