"""The one audit helper. Call it inside the service's transaction so the entry and the change
commit or roll back together."""

from typing import Any

from django.db import models, transaction

from audit.models import AuditEntry


def audit_log(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    ats_id: int | None = None,
    centre_id: int | None = None,
) -> AuditEntry:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log must run inside the transaction of the change it records")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        ats_id=ats_id,
        centre_id=centre_id,
        changes=changes or {},
    )
