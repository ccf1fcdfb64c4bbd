"""Writes to the shared directory: who may change what is decided by accounts.scoping (WRITERS,
ACTIONS); this module adds the review step (graded authorisation: some editors propose, the ATS publishes). A change by
an organisation's editor or a Hub coordinator to a published entry waits, as a PendingChange, for
the ATS's review when the ATS requires it; the entry stays as it was until then. Every step goes
through the write kernel (core.records), in the same transaction as the change."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.models import Role
from accounts.types import Actor, user_of
from core.records import audit_record, record_create, record_delete, record_update
from directory import schedule
from directory.models import DirectorySettings, PendingChange, Resource, ResourceHours

PUBLISH = "directory.resource.publish"


def review_required(actor: Actor, ats_id: int | None) -> bool:
    """Whether `actor`'s changes wait for the ATS's review. Hub coordinators always propose; an
    organisation's editor waits where its ATS requires it (the default); the ATS and the Regione
    publish directly."""
    scope = scoping.scope_of(actor)
    if scope is None or scope.role in (Role.REGIONE, Role.ATS_OFFICER):
        return False
    if scope.role == Role.HUB_COORDINATOR:
        return True
    if ats_id is None:
        return True
    setting = DirectorySettings.objects.filter(ats_id=ats_id).values_list("review_required", flat=True).first()
    return True if setting is None else bool(setting)


def _set_hours(*, actor: Actor, resource: Resource, slots: list[schedule.Slot]) -> None:
    """Replace the entry's weekly hours (HSDS schedule) and audit the change, old and new as text."""
    before = schedule.format_hours((h.weekday, h.opens, h.closes) for h in resource.hours.all())
    after = schedule.format_hours(slots)
    if before == after:
        return
    wanted = set(slots)
    for row in list(resource.hours.all()):
        if (row.weekday, row.opens, row.closes) in wanted:
            wanted.discard((row.weekday, row.opens, row.closes))
        else:
            record_delete(actor=actor, instance=row)
    for weekday, opens, closes in sorted(wanted):
        record_create(
            actor=actor, instance=ResourceHours(resource=resource, weekday=weekday, opens=opens, closes=closes)
        )
    # The entry's own history shows the change as a person reads it.
    audit_record(actor=actor, obj=resource, verb="hours_changed", changes={"hours": [before, after]})


def create_resource(
    *,
    actor: Actor,
    instance: Resource,
    m2m: dict[str, Iterable[Any]] | None = None,
    publish: bool = False,
    hours: list[schedule.Slot] | None = None,
) -> Resource:
    """A new entry: live at once only when published by a reviewer (or where no review is required)."""
    if instance.comune_id and not instance.ats_id:
        instance.ats_id = instance.comune.ats_id
    scope = scoping.scope_of(actor)
    if review_required(actor, instance.ats_id):
        instance.status = Resource.Status.PROPOSED
    elif publish or (scope is not None and scope.role == Role.ORG_EDITOR):
        instance.status = Resource.Status.PUBLISHED
        instance.published_at = timezone.now()
    with transaction.atomic():
        created = record_create(actor=actor, instance=instance, m2m=m2m)
        if hours:
            _set_hours(actor=actor, resource=created, slots=hours)
    return created


def _serialise(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (Decimal, dt.date, dt.time)):
        return str(value)
    return value


def update_resource(
    *,
    actor: Actor,
    instance: Resource,
    data: dict[str, Any],
    expected_version: int | None = None,
    m2m: dict[str, Iterable[Any]] | None = None,
    hours: list[schedule.Slot] | None = None,
) -> Resource | PendingChange:
    """Apply a change, or, for a published entry whose editor needs review, store it as a
    PendingChange (validated first, so a proposal that could never be applied is refused now).
    `hours` (None: unchanged) replaces the weekly hours, with the change or after its review."""
    if instance.status == Resource.Status.PUBLISHED and review_required(actor, instance.ats_id):
        scoping.check_can_write(actor, instance, scoping.CHANGE)
        if expected_version is not None and expected_version != instance.version:
            from common.concurrency import ConflictError

            raise ConflictError()
        probe = Resource.objects.get(pk=instance.pk)
        for name, value in data.items():
            setattr(probe, name, value)
        probe.full_clean()
        scoping.check_can_write(actor, probe, scoping.CHANGE)
        payload = {name: _serialise(value) for name, value in data.items()}
        payload["__m2m__"] = {name: sorted(_serialise(v) for v in values) for name, values in (m2m or {}).items()}
        changed_hours = hours is not None and schedule.format_hours(hours) != schedule.format_hours(
            (h.weekday, h.opens, h.closes) for h in instance.hours.all()
        )
        if hours is not None and changed_hours:
            payload["__hours__"] = schedule.to_json(hours)
        with transaction.atomic():
            proposer = user_of(actor)
            if proposer is None:  # the scoping layer let only a signed-in editor this far
                raise PermissionDenied
            change = PendingChange.objects.create(resource=instance, data=payload, proposed_by=proposer)
            audit_record(
                actor=actor,
                obj=instance,
                verb="change_proposed",
                changes={
                    "fields": sorted(data) + sorted(payload["__m2m__"]) + (["hours"] if changed_hours else []),
                    "pending_change": change.pk,
                },
            )
        return change
    with transaction.atomic():
        updated = record_update(actor=actor, instance=instance, data=data, expected_version=expected_version, m2m=m2m)
        if hours is not None:
            _set_hours(actor=actor, resource=updated, slots=hours)
    return updated


def publish_resource(*, actor: Actor, instance: Resource) -> Resource:
    """The ATS (or the Regione) publishes a proposed entry."""
    scoping.check_action(actor, PUBLISH, instance)
    return record_update(
        actor=actor,
        instance=instance,
        data={"status": Resource.Status.PUBLISHED, "published_at": timezone.now()},
    )


def withdraw_resource(*, actor: Actor, instance: Resource) -> Resource:
    scoping.check_action(actor, PUBLISH, instance)
    return record_update(actor=actor, instance=instance, data={"status": Resource.Status.WITHDRAWN})


def mark_checked(*, actor: Actor, instance: Resource, on: dt.date | None = None) -> Resource:
    """Record that the entry was checked and is still right (no review needed: nothing changes)."""
    return record_update(actor=actor, instance=instance, data={"last_checked_on": on or timezone.localdate()})


def decide_change(*, actor: Actor, change: PendingChange, approve: bool) -> PendingChange:
    """Apply or reject a pending change; the entry's own record_update audits the applied fields."""
    scoping.check_action(actor, PUBLISH, change.resource)
    if change.decision != PendingChange.Decision.PENDING:
        raise PermissionDenied(_("Questa modifica è già stata esaminata."))
    with transaction.atomic():
        if approve:
            resource = Resource.objects.select_for_update().get(pk=change.resource_id)
            payload = dict(change.data)
            m2m_ids = payload.pop("__m2m__", {})
            hours = payload.pop("__hours__", None)
            data: dict[str, Any] = {}
            for name, value in payload.items():
                field = Resource._meta.get_field(name)
                if field.is_relation:
                    data[f"{name}_id"] = value
                else:
                    data[name] = field.to_python(value)  # type: ignore[union-attr]
            record_update(actor=actor, instance=resource, data=data, m2m=m2m_ids)
            if hours is not None:
                _set_hours(actor=actor, resource=resource, slots=schedule.from_json(hours))
        change.decision = PendingChange.Decision.APPROVED if approve else PendingChange.Decision.REJECTED
        change.decided_by = user_of(actor)
        change.decided_at = timezone.now()
        change.save(update_fields=["decision", "decided_by", "decided_at"])
        audit_record(actor=actor, obj=change, verb=str(change.decision), changes={"resource": change.resource_id})
    return change
