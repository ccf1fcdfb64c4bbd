from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.scoping import scope_of
from network import selectors


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    context = {
        "scope": scope,
        "centres": selectors.centres_for_dashboard(user=request.user),
        "coverage": selectors.ambito_coverage(user=request.user) if scope else [],
    }
    return render(request, "network/dashboard.html", context)
