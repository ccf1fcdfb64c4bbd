"""Services: capacity and waiting list, cancellation and promotion, attendance (all or nothing),
weekly sessions."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activities import services
from activities.models import AnonymousHeadcount, Attendance, Registration, Session, Target
from audit.models import AuditEntry
from tests.activities.helpers import make_activity, make_family, make_sessions
from tests.personas import Personas

pytestmark = pytest.mark.django_db
ROME = zoneinfo.ZoneInfo("Europe/Rome")


def _register(p: Personas, activity: object, n: int) -> list[Registration]:
    return [
        services.registration_create(actor=p.op_a1, activity=activity, family=make_family(p))  # type: ignore[arg-type]
        for _ in range(n)
    ]


def test_beyond_capacity_sign_ups_go_to_the_waiting_list(personas: Personas) -> None:
    activity = make_activity(personas, capacity=2)
    regs = _register(personas, activity, 3)
    assert [r.status for r in regs] == ["confermata", "confermata", "in_attesa"]
    assert AuditEntry.objects.filter(action="activities.registration.created").count() == 3


def test_unlimited_capacity_never_waitlists(personas: Personas) -> None:
    activity = make_activity(personas, capacity=None)
    assert {r.status for r in _register(personas, activity, 4)} == {"confermata"}


def test_the_same_family_cannot_sign_up_twice(personas: Personas) -> None:
    activity = make_activity(personas)
    family = make_family(personas)
    services.registration_create(actor=personas.op_a1, activity=activity, family=family)
    with pytest.raises(ValidationError, match="già iscritta"):
        services.registration_create(actor=personas.op_a1, activity=activity, family=family)


def test_cancelling_a_confirmed_sign_up_promotes_the_first_waitlisted(personas: Personas) -> None:
    activity = make_activity(personas, capacity=1)
    first, second, third = _register(personas, activity, 3)
    promoted = services.registration_cancel(actor=personas.op_a1, registration=first)
    assert promoted is not None and promoted.pk == second.pk
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "annullata", second.pk: "confermata", third.pk: "in_attesa"}
    # cancelling a waitlisted sign-up promotes nobody
    assert services.registration_cancel(actor=personas.op_a1, registration=third) is None
    with pytest.raises(ValidationError, match="già annullata"):
        services.registration_cancel(actor=personas.op_a1, registration=third)


def test_weekly_sessions_keep_the_local_time_across_summer_time(personas: Personas) -> None:
    activity = make_activity(personas)
    first = dt.datetime(2025, 3, 17, 17, 30, tzinfo=ROME)  # summer time starts on 30 March 2025
    sessions = services.activity_schedule_sessions(
        actor=personas.op_a1, activity=activity, first=first, weekly_count=4, duration=dt.timedelta(minutes=90)
    )
    local = [timezone.localtime(s.starts_at, ROME) for s in sessions]
    assert [d.date() for d in local] == [dt.date(2025, 3, 17) + dt.timedelta(weeks=i) for i in range(4)]
    assert {(d.hour, d.minute) for d in local} == {(17, 30)}
    assert all(s.ends_at - s.starts_at == dt.timedelta(minutes=90) for s in sessions)
    with pytest.raises(ValidationError):
        services.activity_schedule_sessions(actor=personas.op_a1, activity=activity, first=first, weekly_count=0)


def test_only_family_workers_of_the_scope_schedule_or_sign_up(personas: Personas) -> None:
    activity = make_activity(personas)
    first = timezone.now()
    for who in (personas.ats_a, personas.op_b):
        with pytest.raises(PermissionDenied):
            services.activity_schedule_sessions(actor=who, activity=activity, first=first)
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=personas.ats_a, activity=activity, participant_label="Mario")
    assert not Session.objects.exists() and not Registration.objects.exists()


def test_attendance_is_saved_with_headcounts(personas: Personas) -> None:
    activity = make_activity(personas, capacity=5)
    (session,) = make_sessions(personas, activity)
    a, b = _register(personas, activity, 2)
    assert services.attendance_record(
        actor=personas.op_a1, session=session, present={a.pk}, headcounts={Target.PARENTS: 2}
    ) == (1, 2)
    assert dict(Attendance.objects.values_list("registration_id", "present")) == {a.pk: True, b.pk: False}
    assert list(AnonymousHeadcount.objects.values_list("target", "count")) == [("genitori", 2)]


def test_attendance_beyond_capacity_is_refused_and_nothing_changes(personas: Personas) -> None:
    activity = make_activity(personas, capacity=3)
    (session,) = make_sessions(personas, activity)
    a, b, _c = _register(personas, activity, 3)
    services.attendance_record(actor=personas.op_a1, session=session, present={a.pk}, headcounts={})
    with pytest.raises(ValidationError) as err:
        services.attendance_record(
            actor=personas.op_a1, session=session, present={a.pk, b.pk}, headcounts={Target.PARENTS: 2}
        )
    assert "superano i 3 posti" in " ".join(err.value.messages)
    assert dict(Attendance.objects.filter(present=True).values_list("registration_id", "present")) == {a.pk: True}
    assert not AnonymousHeadcount.objects.exists()


def test_attendance_rejects_waitlisted_people_and_negative_counts(personas: Personas) -> None:
    activity = make_activity(personas, capacity=1)
    (session,) = make_sessions(personas, activity)
    _a, waiting = _register(personas, activity, 2)
    with pytest.raises(ValidationError, match="confermati"):
        services.attendance_record(actor=personas.op_a1, session=session, present={waiting.pk}, headcounts={})
    with pytest.raises(ValidationError, match="negativo"):
        services.attendance_record(actor=personas.op_a1, session=session, present=set(), headcounts={"genitori": -1})
    assert not Attendance.objects.exists()
