"""Today's activity sessions on the operator's desk (registered in `ActivitiesConfig.ready()`)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from activities import selectors


def sessions_today(request: HttpRequest) -> dict[str, Any]:
    # Sessions carry no family data: the desk shows time, title and seat.
    return {"sessions_today": selectors.sessions_on(user=request.user, day=timezone.localdate())}
