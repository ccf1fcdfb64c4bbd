"""Reads of the activities app, always through accounts.scoping, with related rows fetched up
front (tests fix their query counts).

Activities and sessions are visible to every role within its scope. Registrations and attendance
name families and people: they are family data (personal data of minors, GDPR art. 8–9). accounts.scoping.READERS restricts the
families app's models to spoke operators and Hub coordinators; the same rule is enforced here, for
every read of the participants, through `participants_scoped()` (families.access semantics:
empty for any other role), so Regione, ATS officers, auditors and administrative leads see the
activity and its sessions but never who signed up or attended."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from accounts import scoping
from accounts.types import Actor
from activities.models import Activity, AnonymousHeadcount, Registration, Session, Target
from families.access import family_scoped, may_read_families

M = TypeVar("M", bound=models.Model)


def participants_scoped(user: Actor, queryset: "QuerySet[M]") -> "QuerySet[M]":
    """`family_scoped()` for registrations and attendance: only family workers, within scope."""
    if not may_read_families(user):
        return queryset.none()
    return family_scoped(user, queryset)


def activities_for(*, user: Actor, params: Any = None) -> "QuerySet[Activity]":
    params = params or {}
    qs = scoping.scoped(user, Activity.objects.all()).select_related("seat", "area", "place_comune")
    term = str(params.get("q", "")).strip()
    if term:
        qs = qs.filter(Q(title__icontains=term) | Q(description__icontains=term))
    for name in ("kind", "status"):
        value = params.get(name, "")
        if value:
            qs = qs.filter(**{name: value})
    for name in ("area", "seat"):
        value = str(params.get(name, ""))
        if value:
            qs = qs.filter(**{f"{name}_id": value}) if value.isdigit() else qs.none()
    target = params.get("target", "")
    if target in Target.values:
        qs = qs.filter(targets__icontains=f'"{target}"')  # JSON text; works on SQLite and PostgreSQL
    return qs.annotate(
        session_count=Count("sessions", filter=Q(sessions__cancelled=False), distinct=True),
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED), distinct=True
        ),
        waitlisted_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED), distinct=True
        ),
    ).order_by("-created_at", "-pk")


def activity_detail(*, user: Actor, activity_id: Any, action: str = scoping.VIEW) -> Activity:
    qs = Activity.objects.select_related("seat__centre", "area", "place_comune")
    return scoping.get_for_user(user, qs, activity_id, action)


def sessions_of(*, user: Actor, activity: Activity) -> "QuerySet[Session]":
    return scoping.scoped(user, activity.sessions.all()).annotate(
        present_count=Count("attendances", filter=Q(attendances__present=True), distinct=True),
        anonymous_count=Sum("headcounts__count"),
    )


def registrations_of(*, user: Actor, activity: Activity) -> "QuerySet[Registration]":
    qs = Registration.objects.filter(activity=activity).select_related("family", "person")
    return participants_scoped(user, qs)


def session_detail(*, user: Actor, session_id: Any, action: str = scoping.VIEW) -> Session:
    qs = Session.objects.select_related("activity__seat__centre", "activity__area")
    return scoping.get_for_user(user, qs, session_id, action)


@dataclass(frozen=True)
class SheetRow:
    registration: Registration
    present: bool


@dataclass(frozen=True)
class AttendanceSheet:
    rows: list[SheetRow]
    headcounts: dict[str, int]
    targets: list[tuple[str, str]]
    present_count: int
    anonymous_count: int

    @property
    def total(self) -> int:
        return self.present_count + self.anonymous_count


def attendance_sheet(*, user: Actor, session: Session) -> AttendanceSheet:
    """The confirmed participants of the session's activity with their presence flag (empty for
    roles that may not read participants) and the anonymous headcounts by target."""
    registrations = list(
        registrations_of(user=user, activity=session.activity)
        .filter(status=Registration.Status.CONFIRMED)
        .prefetch_related(models.Prefetch("attendances", queryset=session.attendances.all(), to_attr="here"))
    )
    rows = [SheetRow(r, any(a.present for a in r.here)) for r in registrations]
    counts = {h.target: h.count for h in scoping.scoped(user, AnonymousHeadcount.objects.filter(session=session))}
    labels = dict(Target.choices)
    codes = list(session.activity.targets) or list(Target.values)
    codes += [code for code in counts if code not in codes]
    return AttendanceSheet(
        rows=rows,
        headcounts=counts,
        targets=[(code, str(labels.get(code, code))) for code in codes],
        present_count=sum(1 for row in rows if row.present),
        anonymous_count=sum(counts.values()),
    )


def sessions_on(*, user: Actor, day: dt.date) -> "QuerySet[Session]":
    """The sessions of a day in the user's scope, for the operator's worklist."""
    return sessions_between(user=user, first=day, last=day)


def sessions_between(*, user: Actor, first: dt.date, last: dt.date) -> "QuerySet[Session]":
    """The sessions from `first` to `last` (both included, local days) in the user's scope."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return (
        scoping.scoped(user, Session.objects.filter(starts_at__gte=start, starts_at__lt=end))
        .select_related("activity__seat")
        .order_by("starts_at")
    )
