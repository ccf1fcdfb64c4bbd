"""Activities and attendance in the family's history (`families.history`), registered in
`ActivitiesConfig.ready()` so that `families` never imports `activities`. Two queries, whatever
the number of sign-ups and sessions; reads go through `participants_scoped` like every list of
participants."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.types import Actor
from activities.models import Attendance, Registration
from activities.selectors import participants_scoped
from families.history import HistoryEvent
from families.models import Family


def family_events(user: Actor, family: Family) -> list[HistoryEvent]:
    events: list[HistoryEvent] = []
    registrations = participants_scoped(user, Registration.objects.filter(family=family)).select_related(
        "activity", "person"
    )
    for reg in registrations:
        who = f"{reg.person.first_name} {reg.person.last_name}".strip() if reg.person else ""
        events.append(
            HistoryEvent(
                timezone.localdate(reg.created_at),
                _("Attività"),
                _("Iscrizione a «%(t)s»: %(s)s") % {"t": reg.activity.title, "s": reg.get_status_display()},
                who,
                reverse("activities:activity_detail", args=[reg.activity_id]),
            )
        )
    attendance = participants_scoped(user, Attendance.objects.filter(registration__family=family)).select_related(
        "session__activity", "registration__person"
    )
    for row in attendance:
        person = row.registration.person
        who = f"{person.first_name} {person.last_name}".strip() if person else ""
        events.append(
            HistoryEvent(
                timezone.localdate(row.session.starts_at),
                _("Presenza"),
                (_("Presente a «%(t)s»") if row.present else _("Assente a «%(t)s»"))
                % {"t": row.session.activity.title},
                who,
                reverse("activities:session_detail", args=[row.session_id]),
            )
        )
    return events
