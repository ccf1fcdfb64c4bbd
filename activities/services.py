"""Write services of the activities app: keyword-only, atomic, checked through the scoping layer
and audited in the same transaction. Audit entries never carry names, only ids, statuses and counts."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from activities.models import Activity, AnonymousHeadcount, Attendance, Registration, Session, Target
from core.records import audit_record, notify_write, record_create
from families.access import check_family_reader, family_scoped
from families.models import Family, Person

MAX_WEEKLY_SESSIONS = 52


def _audit(*, actor: Actor, obj: Any, verb: str, changes: dict[str, Any] | None = None) -> None:
    audit_record(actor=actor, obj=obj, verb=verb, changes=changes)
    notify_write(verb, obj)


def _lock(activity: Activity) -> Activity:
    """The activity row, locked: sign-ups, cancellations and attendance of one activity run one
    at a time, so capacity is never exceeded under concurrent use."""
    return Activity.objects.select_for_update().select_related("seat__centre").get(pk=activity.pk)


def activity_schedule_sessions(
    *,
    actor: Actor,
    activity: Activity,
    first: dt.datetime,
    weekly_count: int = 1,
    duration: dt.timedelta = dt.timedelta(hours=2),
) -> list[Session]:
    """Sessions of `activity`: one at `first` (aware) and then weekly, at the same local time of
    day (also across the change to or from summer time)."""
    if timezone.is_naive(first):
        raise ValidationError({"first": _("Indica data e ora dell'incontro.")})
    if not 1 <= weekly_count <= MAX_WEEKLY_SESSIONS:
        raise ValidationError(
            {"weekly_count": _("Il numero di incontri deve essere tra 1 e %(n)d.") % {"n": MAX_WEEKLY_SESSIONS}}
        )
    if duration <= dt.timedelta(0) or duration > dt.timedelta(hours=24):
        raise ValidationError({"duration": _("La durata deve essere tra 1 minuto e 24 ore.")})
    local = timezone.localtime(first).replace(tzinfo=None)
    sessions = []
    with transaction.atomic():
        activity = _lock(activity)
        for week in range(weekly_count):
            starts = timezone.make_aware(local + dt.timedelta(weeks=week))
            session = record_create(
                actor=actor, instance=Session(activity=activity, starts_at=starts, ends_at=starts + duration)
            )
            sessions.append(session)
        _audit(
            actor=actor,
            obj=activity,
            verb="sessions_scheduled",
            changes={"sessions": [s.pk for s in sessions]},
        )
    return sessions


def session_cancel(*, actor: Actor, session: Session) -> Session:
    """Cancel a session (no attendance is recorded for it afterwards); audited."""
    scoping.check_can_write(actor, session, scoping.CHANGE)
    with transaction.atomic():
        _lock(session.activity)
        if Session.objects.filter(pk=session.pk, cancelled=True).exists():
            raise ValidationError(_("L'incontro è già annullato."))
        session.cancelled = True
        session.save(update_fields=["cancelled"])
        _audit(actor=actor, obj=session, verb="cancelled")
    return session


def _confirmed(activity: Activity) -> int:
    return activity.registrations.filter(status=Registration.Status.CONFIRMED).count()


def registration_create(
    *,
    actor: Actor,
    activity: Activity,
    family: Family | None = None,
    person: Person | None = None,
    participant_label: str = "",
    is_synthetic: bool = False,
) -> Registration:
    """Sign up a family (or one of its members, or a named participant): confirmed while there are
    places, otherwise on the waiting list."""
    check_family_reader(actor)
    if family is not None and not family_scoped(actor, Family.objects.filter(pk=family.pk)).exists():
        raise ValidationError({"family": _("Famiglia non trovata tra quelle che puoi vedere.")})
    if person is not None and (family is None or person.family_id != family.pk):
        raise ValidationError({"person": _("La persona non fa parte della famiglia indicata.")})
    with transaction.atomic():
        registration = _new_registration(
            activity=activity,
            family=family,
            person=person,
            participant_label=participant_label,
            is_synthetic=is_synthetic,
        )
        record_create(actor=actor, instance=registration, audit_extra={"status": registration.status})
    return registration


def _new_registration(
    *, activity: Activity, family: Family | None, person: Person | None, participant_label: str, is_synthetic: bool
) -> Registration:
    """The capacity and waiting-list rule, shared by the back office and the public portal: locks
    the activity; confirmed while there are places, otherwise on the waiting list. Call inside atomic()."""
    activity = _lock(activity)
    if activity.status not in (Activity.Status.OPEN, Activity.Status.PLANNED):
        raise ValidationError(_("Le iscrizioni a questa attività sono chiuse."))
    if family is not None:
        active = activity.registrations.filter(family=family, status__in=Registration.ACTIVE)
        if active.filter(person=person).exists():
            raise ValidationError({"family": _("La famiglia è già iscritta a questa attività.")})
    full = activity.capacity is not None and _confirmed(activity) >= activity.capacity
    return Registration(
        activity=activity,
        family=family,
        person=person,
        participant_label=participant_label.strip(),
        status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
        is_synthetic=is_synthetic,
    )


def registration_create_public(*, activity: Activity, participant_label: str) -> Registration:
    """An online sign-up from the public portal (no account; portal.services keeps the contact
    details): the same capacity and waiting-list rule as registration_create. Public activities only."""
    if not scoping.public(Activity.objects.filter(pk=activity.pk)).exists():
        raise ValidationError(_("Attività non trovata."))
    with transaction.atomic():
        registration = _new_registration(
            activity=activity, family=None, person=None, participant_label=participant_label, is_synthetic=False
        )
        registration.full_clean()
        registration.save()
        _audit(actor=None, obj=registration, verb="created_online", changes={"status": registration.status})
    return registration


def registration_cancel(*, actor: Actor, registration: Registration) -> Registration | None:
    """Cancel a sign-up. When it held a place, the first on the waiting list takes it (same
    transaction). Returns the promoted registration, if any."""
    check_family_reader(actor)
    scoping.check_can_write(actor, registration, scoping.CHANGE)
    return _cancel(actor=actor, registration=registration)


def registration_cancel_public(*, registration: Registration) -> Registration | None:
    """The visitor cancels an online sign-up with the link of the confirmation e-mail."""
    return _cancel(actor=None, registration=registration)


def _cancel(*, actor: Actor, registration: Registration) -> Registration | None:
    promoted = None
    with transaction.atomic():
        activity = _lock(registration.activity)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise ValidationError(_("L'iscrizione è già annullata."))
        was_confirmed = current.status == Registration.Status.CONFIRMED
        current.status = Registration.Status.CANCELLED
        current.save(update_fields=["status"])
        registration.status = current.status
        _audit(actor=actor, obj=current, verb="cancelled", changes={"was_confirmed": was_confirmed})
        if was_confirmed and (activity.capacity is None or _confirmed(activity) < activity.capacity):
            promoted = (
                activity.registrations.select_for_update()
                .filter(status=Registration.Status.WAITLISTED)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted is not None:
                promoted.status = Registration.Status.CONFIRMED
                promoted.save(update_fields=["status"])
                _audit(actor=actor, obj=promoted, verb="promoted", changes={"status": promoted.status})
    return promoted


def attendance_record(
    *, actor: Actor, session: Session, present: set[int], headcounts: dict[str, int]
) -> tuple[int, int]:
    """Save a session's attendance sheet, all or nothing: which confirmed participants were
    present and how many people came without a name, by target. Returns (named, anonymous)."""
    check_family_reader(actor)
    scoping.check_can_write(actor, session, scoping.CHANGE)
    with transaction.atomic():
        activity = _lock(session.activity)
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.cancelled:
            raise ValidationError(_("L'incontro è annullato: non si registrano presenze."))
        confirmed = set(
            activity.registrations.filter(status=Registration.Status.CONFIRMED).values_list("pk", flat=True)
        )
        if not present <= confirmed:
            raise ValidationError({"present": _("Si possono segnare presenti solo gli iscritti confermati.")})
        errors: dict[str, str] = {}
        valid_targets = set(Target.values)
        for target, count in headcounts.items():
            if target not in valid_targets:
                errors[f"headcount_{target}"] = _("Destinatari non validi.")
            elif count < 0:
                errors[f"headcount_{target}"] = _("Il numero di persone non può essere negativo.")
        if errors:
            raise ValidationError(errors)
        anonymous = sum(headcounts.values())
        total = len(present) + anonymous
        if activity.capacity is not None and total > activity.capacity:
            raise ValidationError(
                _(
                    "Presenze non salvate: %(total)d persone (%(named)d iscritti presenti e %(anon)d non nominativi) "
                    "superano i %(cap)d posti dell'attività."
                )
                % {"total": total, "named": len(present), "anon": anonymous, "cap": activity.capacity}
            )
        existing = {a.registration_id: a for a in session.attendances.select_for_update()}
        for registration_id in sorted(confirmed | set(existing)):
            mark = registration_id in present
            row = existing.get(registration_id)
            if row is None:
                Attendance.objects.create(session=session, registration_id=registration_id, present=mark)
            elif row.present != mark:
                row.present = mark
                row.save(update_fields=["present"])
        session.headcounts.all().delete()
        AnonymousHeadcount.objects.bulk_create(
            [AnonymousHeadcount(session=session, target=t, count=c) for t, c in sorted(headcounts.items()) if c > 0]
        )
        _audit(
            actor=actor,
            obj=session,
            verb="attendance_recorded",
            changes={"present": len(present), "anonymous": anonymous},
        )
    return len(present), anonymous
