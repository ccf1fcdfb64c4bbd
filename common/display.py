"""The one place that turns a stored value into the text a person reads: dates dd/mm/yyyy,
datetimes dd/mm/yyyy HH:MM local time, money "1.234,56 €", percentages "70 %", Sì/No, "—" for
nothing, choices by their label, related rows by their name, lists joined by ", ". Used by the
generic pages (core.crud), the `display` template filter and the exporters."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from common.fields import CodeListField, MoneyField, PercentField
from common.formatting import format_date, format_datetime, format_eur, format_number, format_percent

EMPTY = "—"


def _label(choices: Iterable[tuple[Any, Any]], value: Any) -> str:
    labels = {str(k): v for k, v in choices}
    return str(labels.get(str(value), value))


def _by_field(value: Any, field: Any) -> str | None:
    """What the field says about the value (its choices, its unit), or None to format by type."""
    if isinstance(field, CodeListField) and isinstance(value, list):
        return ", ".join(_label(field.item_choices, v) for v in value) or EMPTY
    if getattr(field, "flatchoices", None) and value not in (None, ""):
        return _label(field.flatchoices, value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        if isinstance(field, MoneyField):
            return format_eur(value)
        if isinstance(field, PercentField):
            return format_percent(value)
    return None


def _datetime(value: dt.datetime) -> str:
    return format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


# By type, first match wins (bool before int, datetime before date).
_BY_TYPE: list[tuple[type | tuple[type, ...], Any]] = [
    (bool, lambda v: _("Sì") if v else _("No")),
    (dt.datetime, _datetime),
    (dt.date, format_date),
    (dt.time, lambda v: v.strftime("%H:%M")),
    (Decimal, format_number),
    (float, lambda v: format_number(Decimal(str(v)))),
    ((str, int, Promise), str),
    (FieldFile, lambda v: v.name.rsplit("/", 1)[-1] if v else EMPTY),
    (models.Manager, lambda v: ", ".join(str(o) for o in v.all()) or EMPTY),
    (Mapping, lambda v: "; ".join(f"{k}: {format_value(x)}" for k, x in v.items())),
]


def format_value(value: Any, field: Any = None) -> str:
    """`value` as a person reads it; `field` (a model field, optional) adds choices and units."""
    if field is not None:
        shown = _by_field(value, field)
        if shown is not None:
            return shown
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    for kind, formatter in _BY_TYPE:
        if isinstance(value, kind):
            return str(formatter(value))
    if isinstance(value, Iterable):
        return ", ".join(format_value(v) for v in value) or EMPTY
    return str(value)


def field_value(obj: models.Model, field: Any) -> str:
    """The display text of one model field of `obj` (many-to-many included)."""
    return format_value(getattr(obj, field.name), field)


HIDDEN_FIELDS = frozenset({"id", "version", "boundary"})


def detail_rows(obj: models.Model, *, exclude: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(label, text) for every field a person fills in or reads on a record's page: concrete and
    many-to-many fields, without ids, versions and geometry."""
    skip = HIDDEN_FIELDS | set(exclude)
    rows = []
    for f in obj._meta.get_fields():
        if not getattr(f, "concrete", False) or f.auto_created or f.name in skip:
            continue
        if getattr(f, "remote_field", None) is not None and getattr(f.remote_field, "parent_link", False):
            continue
        rows.append((str(getattr(f, "verbose_name", f.name)), field_value(obj, f)))
    return rows
