"""The invitation link and the set-password page. The link (`/account/invito/?t=<token>`) is opened
once: its token moves to the session and the browser is sent to a fixed address, so the token is
neither in the page's URL nor in the access log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts import invitations
from accounts.services import audit_account


@never_cache
def invitation_open(request: HttpRequest) -> HttpResponse:
    # The token travels in the query string, which the production access log leaves out
    # (deploy/gunicorn.conf.py), and is moved to the session at once.
    token = request.GET.get("t", "")[:500]
    checked = invitations.invitation_check(token)
    if checked.problem is not None:
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


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

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
