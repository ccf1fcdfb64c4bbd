"""The family services' entry into the platform's write kernel (`core.records`): the family-reader
check first, then the one write path. Family models declare `audit_keeps = AuditKeeps.FIELDS`,
so their audit entries name the changed FIELDS only (personal data of minors)."""

from typing import Any, TypeVar

from django.db import models

from accounts.types import Actor
from core.records import apply_update, audit_record, record_create
from families.access import check_family_reader

M = TypeVar("M", bound=models.Model)


def audit(*, actor: Actor, obj: models.Model, verb: str, fields: list[str] | None = None, **extra: Any) -> None:
    """A workflow step on a family record: the changed field names (if any) and ids, codes or
    counts in `extra`, never content."""
    changes: dict[str, Any] = {"fields": sorted(fields)} if fields is not None else {}
    changes.update(extra)
    audit_record(actor=actor, obj=obj, verb=verb, changes=changes)


def create(*, actor: Actor, instance: M) -> M:
    check_family_reader(actor)
    return record_create(actor=actor, instance=instance)


def update(*, actor: Actor, instance: M, data: dict[str, Any], expected_version: int | None = None) -> list[str]:
    """Returns the names of the changed fields."""
    check_family_reader(actor)
    return apply_update(actor=actor, instance=instance, data=data, expected_version=expected_version)
