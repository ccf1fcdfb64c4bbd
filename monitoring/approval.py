"""The validation workflow (DHIS2 data approval, research notes §1) and the period lock.

submit (Hub coordinator) → approve (ATS) → accept (Region); reopen (ATS or Region for a
submitted or approved period, Region only once accepted) with a written reason. Each step is
checked through `accounts.scoping.check_action`, audited, and recorded as an `ApprovalStep`.
While a period is approved or accepted, the Centre's records dated in it cannot be created,
changed or deleted: `lock_hook` runs inside the write kernel's transaction (core.records) and
rolls the write back with an Italian message."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor, user_of
from core.records import audit_record, register_write_hook
from monitoring.catalogue import INDICATORS, RATIO, Indicator
from monitoring.models import Approval, ApprovalStep, SeatConfirmation
from monitoring.periods import Period

State = Approval.State


def centre_figures(centre_id: int, period: Period) -> dict[str, dict[str, Any]]:
    """Every indicator's raw value for one Centre and its seats: {code: {"centre": n, "seats": {id: n}}}."""
    out: dict[str, dict[str, Any]] = {}
    for ind in INDICATORS:
        if ind.kind == RATIO:
            continue
        out[ind.code] = _centre_indicator(ind, centre_id, period)
    return out


def _centre_indicator(ind: Indicator, centre_id: int, period: Period) -> dict[str, Any]:
    centre = 0
    seats: dict[str, int] = {}
    for part in ind.parts:
        model = apps.get_model(part.model)
        qs = (
            model._default_manager.filter(part.when(period))
            .filter(part.where)
            .filter(**{f"{part.seat}__centre_id": centre_id})
        )
        measure: Any = (
            Sum(part.total) if part.total else Count(part.distinct, distinct=True) if part.distinct else Count("pk")
        )
        centre += int(qs.aggregate(v=measure)["v"] or 0)
        for row in qs.values(part.seat).annotate(v=measure).order_by():
            key = str(row[part.seat])
            seats[key] = seats.get(key, 0) + int(row["v"] or 0)
    return {"centre": centre, "seats": seats}


def _step(approval: Approval, actor: Actor, step: str, reason: str = "") -> None:
    ApprovalStep.objects.create(approval=approval, step=step, actor=user_of(actor), reason=reason)
    audit_record(
        actor=actor, obj=approval, verb=step, changes={"state": approval.state, "period": approval.period_code}
    )


def _overlapping(centre_id: int, period: Period) -> "models.QuerySet[Approval]":
    return Approval.objects.filter(
        centre_id=centre_id, period_start__lte=period.end, period_end__gte=period.start
    ).exclude(period_code=period.code)


def submit(*, actor: Actor, centre_id: int, period: Period, today: dt.date | None = None) -> Approval:
    today = today or timezone.localdate()
    if period.end >= today:
        raise ValidationError(_("Il periodo non è ancora concluso: si può inviare dal giorno dopo la sua fine."))
    with transaction.atomic():
        approval, _created = Approval.objects.select_for_update().get_or_create(
            centre_id=centre_id,
            period_code=period.code,
            defaults={"period_start": period.start, "period_end": period.end},
        )
        scoping.check_action(actor, "monitoring.approval.submit", approval)
        if approval.state != State.OPEN:
            raise ValidationError(_("Questo periodo è già stato inviato: per cambiarlo va prima riaperto."))
        if _overlapping(centre_id, period).filter(state__in=Approval.LOCKED).exists():
            raise ValidationError(_("Una parte di questo periodo è già stata approvata in un'altra validazione."))
        missing = unconfirmed_seats(centre_id, period)
        if missing:
            raise ValidationError(
                _("Prima dell'invio ogni sede conferma i propri dati: mancano %(seats)s.")
                % {"seats": ", ".join(missing)}
            )
        _record_submission(approval, actor, period)
    return approval


# ---- seats confirm their figures before the Hub submits ------------------------------------------


def unconfirmed_seats(centre_id: int, period: Period) -> list[str]:
    """Names of the Centre's active seats that have not confirmed this period."""
    from network.models import Seat

    done = SeatConfirmation.objects.filter(period_code=period.code, seat__centre_id=centre_id).values("seat_id")
    seats = Seat.objects.filter(centre_id=centre_id, is_active=True).exclude(pk__in=done).order_by("name")
    return list(seats.values_list("name", flat=True))


def seat_confirm(*, actor: Actor, seat_id: int, period: Period, today: dt.date | None = None) -> SeatConfirmation:
    """The seat's operator (or the Hub coordinator) confirms the seat's figures for a concluded
    period; confirming again while the period is open refreshes them."""
    from network.models import Seat

    today = today or timezone.localdate()
    seat = scoping.get_for_user(actor, Seat.objects.all(), seat_id)
    if period.end >= today:
        raise ValidationError(_("Il periodo non è ancora concluso: si può confermare dal giorno dopo la sua fine."))
    with transaction.atomic():
        confirmation, _created = SeatConfirmation.objects.select_for_update().get_or_create(
            seat=seat, period_code=period.code, defaults={"period_start": period.start, "period_end": period.end}
        )
        scoping.check_action(actor, "monitoring.seat.confirm", confirmation)
        sent = Approval.objects.filter(centre_id=seat.centre_id, period_code=period.code).exclude(state=State.OPEN)
        if sent.exists():
            raise ValidationError(_("Il centro ha già inviato questo periodo: per cambiarlo va prima riaperto."))
        figures = centre_figures(seat.centre_id, period)
        confirmation.figures = {code: int(fig["seats"].get(str(seat.pk), 0)) for code, fig in figures.items()}
        confirmation.confirmed_by, confirmation.confirmed_at = user_of(actor), timezone.now()
        confirmation.save(update_fields=["figures", "confirmed_by", "confirmed_at"])
        audit_record(actor=actor, obj=confirmation, verb="confirmed", changes={"period": period.code})
    return confirmation


def _record_submission(approval: Approval, actor: Actor, period: Period, reason: str = "") -> None:
    approval.previous_figures = approval.submitted_figures
    approval.submitted_figures = centre_figures(approval.centre_id, period)
    approval.state = State.SUBMITTED
    approval.submitted_by, approval.submitted_at = user_of(actor), timezone.now()
    approval.version += 1
    approval.save()
    _step(approval, actor, "submitted", reason)


def _move(actor: Actor, approval: Approval, action: str, expected: str, to: str, out_of_order: str) -> Approval:
    with transaction.atomic():
        locked = Approval.objects.select_for_update().get(pk=approval.pk)
        scoping.check_action(actor, f"monitoring.approval.{action}", locked)
        if locked.state != expected:
            raise ValidationError(out_of_order)
        locked.state = to
        now = timezone.now()
        if to == State.APPROVED:
            locked.approved_by, locked.approved_at = user_of(actor), now
            # The figures approved are those the ATS saw: the submission, frozen.
            locked.approved_figures = locked.submitted_figures
        else:
            locked.accepted_by, locked.accepted_at = user_of(actor), now
        locked.version += 1
        locked.save()
        _step(locked, actor, to)
    return locked


def approve(*, actor: Actor, approval: Approval) -> Approval:
    return _move(
        actor,
        approval,
        "approve",
        State.SUBMITTED,
        State.APPROVED,
        _("Si può approvare solo un periodo inviato dal coordinatore dell'Hub."),
    )


def accept(*, actor: Actor, approval: Approval) -> Approval:
    return _move(
        actor,
        approval,
        "accept",
        State.APPROVED,
        State.ACCEPTED,
        _("La Regione accetta solo un periodo già approvato dall'ATS."),
    )


def reopen(*, actor: Actor, approval: Approval, reason: str) -> Approval:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Scrivi il motivo della riapertura.")})
    with transaction.atomic():
        locked = Approval.objects.select_for_update().get(pk=approval.pk)
        scoping.check_action(actor, "monitoring.approval.reopen", locked)
        if locked.state == State.OPEN:
            raise ValidationError(_("Il periodo è già aperto."))
        scope = scoping.scope_of(actor)
        if locked.state == State.ACCEPTED and (scope is None or not scope.is_regional):
            raise ValidationError(_("Un periodo accettato dalla Regione può essere riaperto solo dalla Regione."))
        locked.state = State.OPEN
        locked.approved_figures = {}
        locked.version += 1
        locked.save()
        # The seats confirm again what they will correct.
        SeatConfirmation.objects.filter(seat__centre_id=locked.centre_id, period_code=locked.period_code).delete()
        _step(locked, actor, "reopened", reason)
    return locked


# ---- a backlog of past periods, in bulk ----------------------------------------------------------

BACKLOG_REASON = (
    "Arretrato: periodo precedente alla validazione sulla piattaforma, inviato e approvato in blocco dall'ATS."
)


@dataclass
class BacklogResult:
    approved: list[Approval] = field(default_factory=list)
    accepted: list[Approval] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (centre, period, why)


def approve_backlog(*, actor: Actor, periods: Iterable[Period], today: dt.date | None = None) -> BacklogResult:
    """Approve (ATS) or accept (Region) every past period of the Centres in the actor's scope in one
    go: what DHIS2 users ask for first when a workflow starts over years of data. An ATS officer
    approves each open or submitted period of its Centres, standing in for the submission of an
    open one (the snapshot is taken now, the step records why); the Region accepts what the ATS has
    approved. Each Centre and period is its own transaction: one refusal does not undo the rest."""
    today = today or timezone.localdate()
    periods = list(periods)
    result = BacklogResult()
    if scoping.may_act_on_model(actor, "monitoring.approval.backlog"):
        from network.models import Centre

        centres = list(scoping.scoped(actor, Centre.objects.order_by("name")))
        for period in periods:
            for centre in centres:
                _approve_one(actor, centre, period, today, result)
    elif scoping.may_act_on_model(actor, "monitoring.approval.accept"):
        codes = [p.code for p in periods]
        approvals = scoping.scoped(actor, Approval.objects.filter(period_code__in=codes).select_related("centre"))
        for a in approvals.order_by("period_start", "centre__name"):
            if a.state != State.APPROVED:
                result.skipped.append((a.centre.name, a.period_code, str(a.get_state_display())))
                continue
            result.accepted.append(accept(actor=actor, approval=a))
    else:
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    return result


def _approve_one(actor: Actor, centre: Any, period: Period, today: dt.date, result: BacklogResult) -> None:
    if period.end >= today:
        result.skipped.append((centre.name, period.code, _("periodo non ancora concluso")))
        return
    try:
        with transaction.atomic():
            approval, _created = Approval.objects.select_for_update().get_or_create(
                centre_id=centre.pk,
                period_code=period.code,
                defaults={"period_start": period.start, "period_end": period.end},
            )
            scoping.check_action(actor, "monitoring.approval.backlog", approval)
            if approval.is_locked:
                result.skipped.append((centre.name, period.code, str(approval.get_state_display())))
                return
            if approval.state == State.OPEN:
                if _overlapping(centre.pk, period).filter(state__in=Approval.LOCKED).exists():
                    raise ValidationError(
                        _("Una parte di questo periodo è già stata approvata in un'altra validazione.")
                    )
                _record_submission(approval, actor, period, BACKLOG_REASON)
            result.approved.append(approve(actor=actor, approval=approval))
    except ValidationError as exc:
        result.skipped.append((centre.name, period.code, " ".join(exc.messages)))


# ---- what the dashboards show of the approvals -------------------------------------------------


def locked_approvals(user: Actor, period: Period, centre_ids: Iterable[int]) -> dict[int, Approval]:
    """The approved or accepted validation of each Centre for exactly this period (one query,
    through the user's scope)."""
    qs = Approval.objects.filter(period_code=period.code, state__in=Approval.LOCKED, centre_id__in=list(centre_ids))
    return {a.centre_id: a for a in scoping.scoped(user, qs)}


# ---- the lock ----------------------------------------------------------------------------------


def locked_period(centre_id: int | None, day: dt.date | None) -> Approval | None:
    if centre_id is None or day is None:
        return None
    return Approval.objects.filter(
        centre_id=centre_id, state__in=Approval.LOCKED, period_start__lte=day, period_end__gte=day
    ).first()


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, dt.date) else None


def _seat_centre(seat_id: Any) -> int | None:
    from network.models import Seat

    return Seat.objects.filter(pk=seat_id).values_list("centre_id", flat=True).first() if seat_id else None


# model label → (function giving (centre id, day) of a row, date attribute, seat attribute for `previous`)
def _contact(i: Any) -> tuple[int | None, Any]:
    return _seat_centre(i.seat_id), i.date


def _referral(i: Any) -> tuple[int | None, Any]:
    return i.family.seat.centre_id, i.sent_on


def _intervention(i: Any) -> tuple[int | None, Any]:
    return i.scheda.family.seat.centre_id, i.start_date


def _followup(i: Any) -> tuple[int | None, Any]:
    return i.scheda.family.seat.centre_id, i.start_date


def _session(i: Any) -> tuple[int | None, Any]:
    return i.activity.seat.centre_id, i.starts_at


def _in_session(i: Any) -> tuple[int | None, Any]:
    return i.session.activity.seat.centre_id, i.session.starts_at


LOCKED_MODELS: dict[str, tuple[Any, str]] = {
    "families.Contact": (_contact, "date"),
    "families.Referral": (_referral, "sent_on"),
    "families.Intervention": (_intervention, "start_date"),
    "families.IntegratedFollowUp": (_followup, "start_date"),
    "activities.Session": (_session, "starts_at"),
    "activities.Attendance": (_in_session, ""),
    "activities.AnonymousHeadcount": (_in_session, ""),
}


def _refuse(approval: Approval) -> None:
    raise ValidationError(
        _(
            "Il periodo %(period)s di questo centro è stato approvato: i dati di quelle date non si possono "
            "inserire né modificare finché non viene riaperto."
        )
        % {"period": approval.period_code}
    )


def lock_hook_for(where: Any, date_attr: str) -> Any:
    def hook(action: str, instance: models.Model, previous: Mapping[str, Any]) -> None:
        centre_id, day = where(instance)
        approval = locked_period(centre_id, _day(day))
        if approval is not None:
            _refuse(approval)
        if previous and date_attr and date_attr in previous:  # a change moving a record out of a locked period
            before_centre = _seat_centre(previous["seat_id"]) if "seat_id" in previous else centre_id
            approval = locked_period(before_centre, _day(previous[date_attr]))
            if approval is not None:
                _refuse(approval)

    return hook


def register_lock_hooks() -> None:
    for label, (where, date_attr) in LOCKED_MODELS.items():
        register_write_hook(apps.get_model(label), lock_hook_for(where, date_attr))
