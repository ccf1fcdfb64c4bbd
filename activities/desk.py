"""Today's activity sessions on the operator's desk and the week's on the Centre's review page
(registered in `ActivitiesConfig.ready()`)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from activities import selectors


def sessions_today(request: HttpRequest) -> dict[str, Any]:
    # Sessions carry no family data: the desk shows time, title and seat.
    return {"sessions_today": selectors.sessions_on(user=request.user, day=timezone.localdate())}


def sessions_of_week(request: HttpRequest, first: dt.date, last: dt.date) -> dict[str, Any]:
    return {"sessions_week": list(selectors.sessions_between(user=request.user, first=first, last=last)[:100])}
