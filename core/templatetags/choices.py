"""`autocomplete_url`: the search endpoint of a long choice list (core.autocomplete), or ""."""

from django import template
from django.forms.boundfield import BoundField

from core import autocomplete

register = template.Library()


@register.filter
def autocomplete_url(field: BoundField) -> str:
    return autocomplete.url_for(field.field)
