"""Nightly and other daily jobs, enqueued by the worker's heartbeat thread.

    from jobs.schedule import daily
    daily(my_job_definition, hour=2)   # in <app>/jobs.py, after the @job definition

Each (job, day) runs once however many workers beat: `ScheduledRun` has a unique key and the
worker that inserts it first enqueues the job. Daily jobs run without a user (`ctx.is_system`)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.registry import JobDefinition


@dataclass(frozen=True)
class DailyJob:
    definition: JobDefinition
    hour: int
    params: tuple[tuple[str, Any], ...] = ()


_DAILY: dict[str, DailyJob] = {}


def daily(definition: JobDefinition, *, hour: int, **params: Any) -> JobDefinition:
    if not 0 <= hour <= 23:
        raise ValueError("hour must be between 0 and 23")
    _DAILY[definition.kind] = DailyJob(definition=definition, hour=hour, params=tuple(sorted(params.items())))
    return definition


def daily_jobs() -> list[DailyJob]:
    return list(_DAILY.values())


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every daily job whose hour has come today (local time) and has not run today."""
    from jobs.models import ScheduledRun
    from jobs.runner import start_job

    local = timezone.localtime(now or timezone.now())
    started: list[str] = []
    for entry in _DAILY.values():
        if local.hour < entry.hour:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(kind=entry.definition.kind, day=local.date())
                start_job(actor=None, definition=entry.definition, params=dict(entry.params))
        except IntegrityError:
            continue  # another worker got there first
        started.append(entry.definition.kind)
    return started
