"""The period's activity indicators for other modules' reports (funding: the rendicontazione of a
project shows its Centre's figures for the reporting period).
The same `Figures` as the dashboards, so the same cells are hidden for viewers outside the Centre."""

import datetime as dt
from dataclasses import dataclass

from accounts import scoping
from accounts.types import Actor
from monitoring.catalogue import INDICATORS
from monitoring.figures import Cache
from monitoring.periods import Period
from monitoring.selectors import CENTRE, network_tree, total


@dataclass(frozen=True)
class Line:
    name: str
    unit: str
    text: str


def centre_indicators(user: Actor, centre_id: int, start: dt.date, end: dt.date) -> list[Line]:
    if end < start:
        return []
    period = Period(start, end, "range")
    cache = Cache(network_tree())
    viewer = scoping.owning_centre(user)
    return [
        Line(str(i.name), str(i.unit), cache.show(i, period, total(CENTRE, centre_id), viewer).text) for i in INDICATORS
    ]
