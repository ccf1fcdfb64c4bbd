"""The one low-level writer of `AuditEntry`. Services do not call it directly: they call
`core.records.audit_record()` (which derives the ATS and Centre of the object through the scoping
layer) or write through the kernel in `core.records`, which audits for them. Call it inside the
service's transaction so the entry and the change commit or roll back together."""

from typing import Any

from django.db import models, transaction

from accounts.types import Actor, user_of
from audit.models import AuditEntry


def audit_log(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None,
    changes: dict[str, Any] | None = None,
    ats_id: int | None = None,
    centre_id: int | None = None,
    object_type: str = "",
) -> AuditEntry:
    """One entry. `obj` is the record acted on; `None` with `object_type` for an action on a set
    of records (a list view), whose ids go in `changes`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log must run inside the transaction of the change it records")
    return AuditEntry.objects.create(
        actor=user_of(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else "",
        ats_id=ats_id,
        centre_id=centre_id,
        changes=changes or {},
    )
