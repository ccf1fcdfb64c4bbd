"""SYNTHETIC activities for the demo, at the demo operator's seat: a parenting course (4 weekly
sessions, 8 places, one family on the waiting list, attendance on the past sessions) and a
community event. Titles end with «(demo)»; every row is flagged is_synthetic."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from activities import services
from activities.models import Activity, Kind, Registration, Target
from core.records import record_create
from families.models import Family
from network.models import ServiceArea


def seed_activities(operator_username: str = "operatore") -> int:
    """Returns the number of activities created (0 when the operator or the families are missing)."""
    actor = User.objects.filter(username=operator_username).first()
    if actor is None or actor.seat is None:
        return 0
    seat = actor.seat
    families = list(Family.objects.filter(seat=seat, is_synthetic=True).order_by("name")[:9])
    area = ServiceArea.objects.order_by("level", "position").first()
    if area is None:
        return 0
    course = Activity(
        seat=seat,
        title="Corso per neo-genitori (demo)",
        kind=Kind.PARENTING_COURSE,
        area=area,
        targets=[Target.PARENTS, Target.CHILDREN_0_5],
        description="Quattro incontri settimanali sul primo anno di vita. Dati sintetici.",
        capacity=8,
        is_synthetic=True,
    )
    record_create(actor=actor, instance=course)
    now = timezone.localtime()
    first = (now - dt.timedelta(weeks=2)).replace(hour=17, minute=0, second=0, microsecond=0)
    sessions = services.activity_schedule_sessions(
        actor=actor, activity=course, first=first, weekly_count=4, duration=dt.timedelta(minutes=90)
    )
    for family in families:  # the ninth family (if any) lands on the waiting list
        services.registration_create(actor=actor, activity=course, family=family, is_synthetic=True)
    confirmed = list(course.registrations.filter(status=Registration.Status.CONFIRMED).order_by("pk"))
    for index, session in enumerate(s for s in sessions if s.starts_at < timezone.now()):
        services.attendance_record(
            actor=actor,
            session=session,
            present={r.pk for r in confirmed[: max(0, len(confirmed) - 1 - index)]},
            headcounts={Target.CHILDREN_0_5: 1},
        )
    event = Activity(
        seat=seat,
        title="Festa delle famiglie in piazza (demo)",
        kind=Kind.COMMUNITY_EVENT,
        area=area,
        targets=[Target.PARENTS, Target.CHILDREN_6_10, Target.GRANDPARENTS],
        description="Pomeriggio di giochi e incontro per tutto il quartiere. Dati sintetici.",
        place_comune=seat.comune,
        place_description="Piazza del Comune",
        is_public=True,
        is_synthetic=True,
    )
    record_create(actor=actor, instance=event)
    event_day = (now - dt.timedelta(days=5)).replace(hour=15, minute=0, second=0, microsecond=0)
    (party,) = services.activity_schedule_sessions(
        actor=actor, activity=event, first=event_day, duration=dt.timedelta(hours=3)
    )
    for family in families[:2]:
        services.registration_create(actor=actor, activity=event, family=family, is_synthetic=True)
    services.attendance_record(
        actor=actor,
        session=party,
        present=set(event.registrations.values_list("pk", flat=True)),
        headcounts={Target.PARENTS: 23, Target.CHILDREN_6_10: 31, Target.GRANDPARENTS: 9},
    )
    return 2
