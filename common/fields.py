"""Model fields that say what a value means, so that it is typed and shown the way a person reads it
(`common.display.format_value`, `common.forms.AmountField`). In the database they are plain
DecimalField/JSONField: `deconstruct()` reports Django's own class, so migrations never change."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from common.forms import AmountField
from common.forms import PercentField as PercentFormField


def _limits(field: models.Field) -> dict[str, Any]:  # type: ignore[type-arg]
    """The model's bounds as form-field bounds, so that the form refuses first, in Italian with a comma."""
    limits: dict[str, Any] = {}
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            limits["min_value"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            limits["max_value"] = validator.limit_value
    return limits


class MoneyField(models.DecimalField):  # type: ignore[type-arg]
    """An amount in euro (Decimal to the cent): shown as "1.234,56 €", typed as "1.234,56"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs

    def formfield(self, **kwargs: Any) -> forms.Field | None:  # type: ignore[override]
        return super().formfield(**{"form_class": AmountField, **_limits(self), **kwargs})


class PercentField(models.DecimalField):  # type: ignore[type-arg]
    """A percentage (70 means 70 %): shown as "70 %"."""

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs

    def formfield(self, **kwargs: Any) -> forms.Field | None:  # type: ignore[override]
        return super().formfield(**{"form_class": PercentFormField, **_limits(self), **kwargs})


class CodeListField(models.JSONField):
    """A JSON list of codes from `item_choices`: shown by their labels, joined by ", "."""

    def __init__(self, *args: Any, item_choices: Sequence[tuple[str, Any]] = (), **kwargs: Any) -> None:
        self.item_choices = list(item_choices)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs
