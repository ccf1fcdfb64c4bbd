"""Optimistic locking: an edit based on a stale version is refused, never silently applied."""

from typing import Any

from django.db import models
from django.utils.translation import gettext as _


class ConflictError(Exception):
    """Someone else saved the record after this edit started."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Il record è stato modificato da un altro utente mentre lo stavi modificando. "
                "Ricarica la pagina per vedere la versione aggiornata e ripeti la modifica."
            )
        )


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: VersionedModel, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` only if the row is still at `expected_version`; bump the version."""
    model = type(instance)
    values: dict[str, Any] = {}
    for name in fields:
        field = model._meta.get_field(name)
        values[field.attname] = getattr(instance, field.attname)  # type: ignore[union-attr]
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=expected_version + 1
    )
    if updated != 1:
        raise ConflictError()
    instance.version = expected_version + 1
