from decimal import Decimal

from django import template

from common import formatting
from common.display import format_value

register = template.Library()


@register.filter
def eur(value: Decimal | int | None) -> str:
    return formatting.format_eur(value)


@register.filter
def hours(value: Decimal | None) -> str:
    return formatting.format_hours(value)


@register.filter
def get_item(mapping: object, key: str) -> object:
    getter = getattr(mapping, "get", None)
    return getter(key) if getter else None


@register.filter
def verbose_plural(model: object) -> str:
    return str(model._meta.verbose_name_plural)  # type: ignore[attr-defined]


@register.filter
def display(value: object, field: object = None) -> str:
    """`{{ value|display }}`: any value as a person reads it (common.display.format_value)."""
    return format_value(value, field)


@register.filter
def percent(value: Decimal | int | None) -> str:
    return formatting.format_percent(value)
