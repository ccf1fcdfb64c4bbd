from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import twofactor
from accounts.forms import LoginForm
from accounts.models import ApiToken, Role
from accounts.scoping import scope_of
from accounts.services import api_token_create, api_token_revoke
from accounts.twofactor_views import start_second_step
from common import ratelimit

# Where each role lands after signing in: its own work. URL names only, so that
# `accounts` imports none of the apps above it.
HOME_BY_ROLE: dict[str, str] = {
    Role.SPOKE_OPERATOR: "families:home",  # the desk: today's contacts, schede, referrals, sessions
    Role.HUB_COORDINATOR: "families:centre_review",  # the Centre's review: schede, referrals, follow-ups, the week
    Role.HUB_ADMIN: "funding:project_list",  # the Hub's project, budget and expenses
    Role.ATS_OFFICER: "network:dashboard",  # its network (Centres, coverage) and calls
    Role.REGIONE: "monitoring:dashboard",  # the regional picture
    Role.AUDITOR: "monitoring:dashboard",  # read-only aggregates
    Role.RECEIVING_SERVICE: "families:referrals_received",  # its inbox
    Role.ORG_EDITOR: "directory:list",  # its organisation's directory entries
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope is None:  # an account with no role yet: only its profile
        return redirect("accounts:profile")
    return redirect(HOME_BY_ROLE.get(scope.role, "accounts:profile"))


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Per client, whatever the username (django-axes locks a username per client after
        # AXES_FAILURE_LIMIT failures; this stops one client trying many usernames).
        window = settings.CPF_LOGIN_RATE_WINDOW
        if not ratelimit.allow(request, "login", settings.CPF_LOGIN_RATE_LIMIT, window):
            return ratelimit.too_many(request, window_seconds=window)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if twofactor.is_enrolled(user):  # the password was right: now the app's code
            return start_second_step(self.request, user, self.get_success_url())
        return super().form_valid(form)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).order_by("-created_at")
    return render(request, "accounts/profile.html", {"tokens": tokens, "scope": scope_of(request.user)})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    token, raw = api_token_create(user=request.user, name=request.POST.get("name", ""))  # type: ignore[arg-type]
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).order_by("-created_at")
    messages.success(request, _("Token creato. Copialo ora: non sarà più mostrato."))
    return render(
        request, "accounts/profile.html", {"tokens": tokens, "new_token": raw, "scope": scope_of(request.user)}
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Tokens belong to their user: the lookup is by owner, not a tenant scope.
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    api_token_revoke(user=request.user, token=token)  # type: ignore[arg-type]
    messages.success(request, _("Token revocato."))
    return redirect("accounts:profile")
