"""What other apps add to the operator's desk (`families:home`), without `families` importing
them: an app registers a function of the request that returns extra template context, from its
`AppConfig.ready()` (activities adds today's sessions as `sessions_today`). Providers read
through the scoping layer like any view and must not return family data the desk does not audit."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

DeskProvider = Callable[[HttpRequest], dict[str, Any]]
_providers: list[DeskProvider] = []


def register_desk_provider(fn: DeskProvider) -> None:
    if fn not in _providers:
        _providers.append(fn)


def desk_context(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for fn in _providers:
        context.update(fn(request))
    return context
