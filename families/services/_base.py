"""Write helpers shared by the family services: scoping check, validation, versioned save and an
audit entry that names the changed FIELDS only (family records are personal data of minors)."""

from typing import Any, TypeVar

from django.db import models

from accounts import scoping
from audit.services import audit_log
from common.concurrency import VersionedModel, save_versioned
from families.access import check_family_reader

M = TypeVar("M", bound=models.Model)


def audit(*, actor: Any, obj: models.Model, verb: str, fields: list[str] | None = None, **extra: Any) -> None:
    ats_id, centre_id, _seat = scoping.owner_ids(obj)
    changes: dict[str, Any] = {"fields": sorted(fields)} if fields is not None else {}
    changes.update(extra)
    audit_log(
        actor=actor,
        action=f"{obj._meta.label_lower}.{verb}",
        obj=obj,
        changes=changes,
        ats_id=ats_id,
        centre_id=centre_id,
    )


def create(*, actor: Any, instance: M) -> M:
    """Validate, check the scope, save and audit a new family-owned row. Call inside atomic()."""
    check_family_reader(actor)
    instance.full_clean()
    scoping.check_can_write(actor, instance, scoping.CREATE)
    instance.save()
    fields = [f.name for f in instance._meta.concrete_fields if f.name not in ("id", "version")]
    audit(actor=actor, obj=instance, verb="created", fields=fields)
    return instance


def update(*, actor: Any, instance: M, data: dict[str, Any], expected_version: int | None = None) -> list[str]:
    """Apply `data`, validate, save only what changed (a stale version raises ConflictError),
    audit the changed field names. Returns those names. Call inside atomic()."""
    check_family_reader(actor)
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    before = {name: getattr(instance, name) for name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    changed = [name for name in data if getattr(instance, name) != before[name]]
    if isinstance(instance, VersionedModel):
        version = instance.version if expected_version is None else expected_version
        save_versioned(instance, expected_version=version, fields=changed)
    elif changed:
        instance.save(update_fields=changed)
    if changed:
        audit(actor=actor, obj=instance, verb="updated", fields=changed)
    return changed
