"""Create, change and delete of registry records: permission through the scoping layer,
validation before saving, optimistic locking, and the audit entry in the same transaction.
Domain services (network.services, territory.services) build on these three functions."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts import scoping
from audit.services import audit_log
from common.concurrency import VersionedModel, save_versioned

M = TypeVar("M", bound=models.Model)


def _action(obj: models.Model, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"


def _printable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (int, float, bool, str)) or value is None:
        return value
    return str(value)


def _audit(actor: Any, obj: models.Model, verb: str, changes: dict[str, Any]) -> None:
    ats_id, centre_id, _seat = scoping.owner_ids(obj)
    audit_log(actor=actor, action=_action(obj, verb), obj=obj, changes=changes, ats_id=ats_id, centre_id=centre_id)


def _set_m2m(obj: models.Model, m2m: dict[str, Iterable[Any]] | None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, values in (m2m or {}).items():
        values = list(values)
        getattr(obj, name).set(values)
        changes[name] = sorted(_printable(v) for v in values)
    return changes


def record_create(*, actor: Any, instance: M, m2m: dict[str, Iterable[Any]] | None = None) -> M:
    instance.full_clean()
    scoping.check_can_write(actor, instance, scoping.CREATE)
    with transaction.atomic():
        instance.save()
        changes = {
            f.name: _printable(getattr(instance, f.name))
            for f in instance._meta.concrete_fields
            if f.name not in ("id", "version")
        }
        changes.update(_set_m2m(instance, m2m))
        _audit(actor, instance, "created", changes)
    return instance


def record_update(
    *,
    actor: Any,
    instance: M,
    data: dict[str, Any],
    expected_version: int | None = None,
    m2m: dict[str, Iterable[Any]] | None = None,
) -> M:
    """Apply `data` to an instance fetched through the scope. For versioned models,
    `expected_version` is the version the editor started from (a stale one is a conflict)."""
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    before = {name: _printable(getattr(instance, name)) for name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    # The edit must not move the record outside the editor's scope (e.g. to another Centre).
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    changed = [name for name in data if _printable(getattr(instance, name)) != before[name]]
    with transaction.atomic():
        if isinstance(instance, VersionedModel):
            version = instance.version if expected_version is None else expected_version
            save_versioned(instance, expected_version=version, fields=changed)
        elif changed:
            instance.save(update_fields=changed)
        changes: dict[str, Any] = {n: [before[n], _printable(getattr(instance, n))] for n in changed}
        changes.update(_set_m2m(instance, m2m))
        if changes:
            _audit(actor, instance, "updated", changes)
    return instance


def record_delete(*, actor: Any, instance: models.Model) -> None:
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    try:
        with transaction.atomic():
            _audit(actor, instance, "deleted", {"str": str(instance)})
            instance.delete()
    except models.ProtectedError as exc:
        raise ValidationError(
            _("Non è possibile eliminare l'elemento perché è collegato ad altri dati: modificalo o disattivalo.")
        ) from exc
