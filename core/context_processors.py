from typing import Any

from django.http import HttpRequest

from core.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu of the signed-in user (core.navigation), for templates/includes/header.html."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_menu": []}
    return {"main_menu": menu_for(user, request.path)}
