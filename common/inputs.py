"""The one place where input is normalised and checked before it can reach the database.

The same rules apply whichever way a value arrives (see docs/ARCHITECTURE.md, "Input
validation"):

* the write kernel (`core.records`) calls `clean_instance()` before `full_clean()` on every
  create and change, so back-office forms, the API, imports and services are all covered;
* every API input schema derives from `InputSchema`, which refuses the same values while
  parsing (a 422 with the field path) and is where coded fields declare their allowed values
  (`Choices`, listed in the OpenAPI document);
* forms that do not write through the kernel call `check_value()` in their `clean()`.

What is refused: NUL characters and lone surrogates in any text (PostgreSQL cannot store them);
integers outside 64 bits; amounts that are not finite or beyond `MAX_AMOUNT`; dates outside
`MIN_DATE`..`MAX_DATE` (and an end before its start); times with a time zone (opening hours are
local wall-clock times). Required text made only of spaces becomes empty (so the model's own
"required" message speaks) and JSON `null` in a text field that cannot be null becomes the empty
text.
"""

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
# No amount of this programme comes near a thousand billion euro: anything beyond is a mistake.
MAX_AMOUNT = Decimal("999999999999.99")
# Dates of people and of the programme: nobody was born before 1900, nothing is planned past 2100.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
# Pairs of fields where the second cannot come before the first (same model).
ORDERED_PAIRS = (
    ("start_date", "end_date"),
    ("start", "end"),
    ("valid_from", "valid_to"),
    ("valid_from", "valid_until"),
    ("work_start", "work_end"),
    ("period_start", "period_end"),
    ("starts_at", "ends_at"),
    ("given_on", "expires_on"),
)


def text_problem(value: str) -> str | None:
    if "\x00" in value:
        return _("Il testo contiene un carattere nullo, che non è ammesso.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("Il testo contiene caratteri non validi.")
    return None


def int_problem(value: int) -> str | None:
    if not INT64_MIN <= value <= INT64_MAX:
        return _("Numero troppo grande.")
    return None


def number_problem(value: Decimal | float) -> str | None:
    if isinstance(value, Decimal):
        if not value.is_finite():
            return _("Deve essere un numero finito.")
    elif not math.isfinite(value):
        return _("Deve essere un numero finito.")
    if abs(Decimal(value)) > MAX_AMOUNT:
        return _("Importo o numero troppo grande.")
    return None


def date_problem(value: dt.date, low: dt.date = MIN_DATE, high: dt.date = MAX_DATE) -> str | None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not low <= day <= high:
        return _("La data deve essere compresa tra il %(low)s e il %(high)s.") % {
            "low": low.strftime("%d/%m/%Y"),
            "high": high.strftime("%d/%m/%Y"),
        }
    return None


def time_problem(value: dt.time) -> str | None:
    if value.tzinfo is not None:
        return _("Indica un orario locale, senza fuso orario (es. 09:30).")
    return None


def _scalar_problem(value: Any) -> str | None:
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, int):
        return int_problem(value)
    if isinstance(value, (Decimal, float)):
        return number_problem(value)
    if isinstance(value, dt.date):  # datetime included
        return date_problem(value)
    if isinstance(value, dt.time):
        return time_problem(value)
    return None


def check_value(value: Any) -> str | None:
    """The problem with one input value (recursively through lists and dicts), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Mapping):
        items: Iterable[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        return _scalar_problem(value)
    return next((problem for item in items if (problem := check_value(item))), None)


def _is_text(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, (models.CharField, models.TextField)) and not field.null


def _field_problem(instance: models.Model, field: models.Field[Any, Any], value: Any) -> str | None:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is None and not field.blank and value and not value.strip():
            # Spaces only are no value: emptied, so the model's "required" rules speak.
            setattr(instance, field.attname, "")
        return problem
    if isinstance(field, (models.DateField, models.DateTimeField)) and isinstance(value, dt.date):
        bounds = getattr(instance, "date_bounds", {}).get(field.name, (MIN_DATE, MAX_DATE))
        return date_problem(value, *bounds)
    return check_value(value)


def _order_problems(instance: models.Model, errors: dict[str, list[str]]) -> None:
    for first, second in ORDERED_PAIRS:
        start = getattr(instance, first, None)
        end = getattr(instance, second, None)
        if not (isinstance(start, dt.date) and isinstance(end, dt.date) and type(start) is type(end)):
            continue
        if end < start and first not in errors and second not in errors:
            errors[second] = [_("La fine non può precedere l'inizio.")]


def clean_instance(instance: models.Model) -> None:
    """Normalise and check a row before `full_clean()`: raises a `ValidationError` by field
    with Italian messages. Called by the write kernel on every create and change."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        if getattr(field, "generated", False) or (field.primary_key and field.auto_created):
            continue
        value = getattr(instance, field.attname)
        if value is None:
            if _is_text(field):
                setattr(instance, field.attname, "")
            continue
        problem = _field_problem(instance, field, value)
        if problem:
            errors[field.name] = [problem]
    _order_problems(instance, errors)
    if errors:
        raise ValidationError(errors)


def check_form_data(cleaned: Mapping[str, Any]) -> dict[str, str]:
    """Problems in a form's cleaned data by field name (for forms that do not write through the
    kernel, e.g. search and import forms)."""
    return {name: problem for name, value in cleaned.items() if (problem := check_value(value))}


class Choices:
    """`Annotated[str, Choices(Model, "field")]`: a coded field of an API schema. Only the
    model field's choice values are accepted (422 listing them) and the OpenAPI document lists
    them as an `enum`."""

    def __init__(self, model: type[models.Model] | Iterable[str], field: str | None = None) -> None:
        self.model = model
        self.field = field

    @property
    def values(self) -> list[str]:
        if isinstance(self.model, type) and issubclass(self.model, models.Model):
            assert self.field is not None
            field = self.model._meta.get_field(self.field)
            values = [str(value) for value, _label in field.flatchoices]  # type: ignore[union-attr]
            return [""] + values if getattr(field, "blank", False) and "" not in values else values
        return [str(v) for v in self.model]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, core_schema.str_schema())

    def _check(self, value: str) -> str:
        allowed = self.values
        if value not in allowed:
            raise ValueError(
                _("Valore non ammesso: «%(value)s». Valori ammessi: %(allowed)s.")
                % {"value": value[:40].replace("\x00", ""), "allowed": ", ".join(v for v in allowed if v)}
            )
        return value

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": self.values}


class InputSchema(Schema):
    """Base of every API input schema: each value is checked by `check_value()` while parsing."""

    @field_validator("*", mode="after")
    @classmethod
    def _safe_value(cls, value: Any) -> Any:
        if isinstance(value, Schema):
            return value
        problem = check_value(value)
        if problem:
            raise ValueError(problem)
        return value


# An integer that fits in 64 bits, for path and query parameters of the API (ids, limit, offset).
Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
