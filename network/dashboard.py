"""What other apps add to the network dashboard (`network:dashboard`, the ATS officer's home),
without `network` importing them: an app registers a function of the request that returns extra
template context, from its `AppConfig.ready()` (funding adds the ATS's calls). Providers read
through the scoping layer like any view."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

DashboardProvider = Callable[[HttpRequest], dict[str, Any]]
_providers: list[DashboardProvider] = []


def register_dashboard_provider(fn: DashboardProvider) -> None:
    if fn not in _providers:
        _providers.append(fn)


def dashboard_context(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for fn in _providers:
        context.update(fn(request))
    return context
