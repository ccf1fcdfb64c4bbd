"""Builders for activities tests (through the services, as the app does)."""

import datetime as dt
from typing import Any

from django.utils import timezone

from activities import services
from activities.models import Activity, Kind, Session, Target
from core.records import record_create
from tests import factories as f
from tests.families.helpers import make_family
from tests.personas import Personas

__all__ = ["make_activity", "make_family", "make_sessions"]


def make_activity(p: Personas, *, seat: Any = None, actor: Any = None, **data: Any) -> Activity:
    values: dict[str, Any] = {
        "title": "Laboratorio di prova",
        "kind": Kind.WORKSHOP,
        "targets": [Target.PARENTS, Target.CHILDREN_6_10],
        "capacity": 2,
    }
    values.update(data)
    activity = Activity(seat=seat or p.spoke_a1, area=f.ServiceAreaFactory(), **values)
    return record_create(actor=actor or p.op_a1, instance=activity)


def make_sessions(p: Personas, activity: Activity, count: int = 1, *, actor: Any = None) -> list[Session]:
    first = timezone.make_aware(dt.datetime(2025, 3, 10, 17, 0))
    return services.activity_schedule_sessions(
        actor=actor or p.op_a1, activity=activity, first=first, weekly_count=count
    )
