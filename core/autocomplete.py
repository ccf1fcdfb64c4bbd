"""Search for long choice lists (the 1,501 comuni, every Ente, the referral destinations): the
endpoint behind the autocomplete of `static/js/autocomplete.js`. It searches places and
organisations only, never people: the term in its URL is a place or a body's name. Rows come
through `accounts.scoping.scoped()` (a shared directory reads whole, a scoped model only within the
user's scope); the match is a prefix of the name or of one of its words, lower case with the
accents folded (`common.folding`), at most `MAX_RESULTS`, whole-name prefixes first.

A form field opts in by its model alone: `templates/forms/field.html` asks `source_for()` (the
`autocomplete_url` filter) and wraps the plain <select> in a `data-autocomplete` element; without
JavaScript the select keeps working, with it the script turns it into a combobox and keeps only
the options the select itself offers (the form's own queryset still decides what is valid)."""

from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts import scoping
from accounts.types import Actor
from common.folding import normalise, normalised_sql

MAX_RESULTS = 20
MIN_LENGTH = 2


@dataclass(frozen=True)
class Source:
    model: str  # "app_label.ModelName"
    field: str = "name"
    select_related: tuple[str, ...] = ()

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


# Places and organisations only: no model holding personal data may ever be listed here.
SOURCES: dict[str, Source] = {
    "comuni": Source("territory.Comune"),
    "enti": Source("network.Ente"),
    "servizi-invio": Source("network.ReferralDestination"),
}


def source_for(field: forms.Field) -> str | None:
    """The source slug that serves a single-choice field of a model in SOURCES, else None."""
    if not isinstance(field, forms.ModelChoiceField) or isinstance(field, forms.ModelMultipleChoiceField):
        return None
    model = field.queryset.model if field.queryset is not None else None
    return next((slug for slug, src in SOURCES.items() if model is not None and model._meta.label == src.model), None)


def url_for(field: forms.Field) -> str:
    slug = source_for(field)
    return reverse("choices:search", args=[slug]) if slug else ""


def search(user: Actor, slug: str, term: str) -> list[tuple[int, str]]:
    """(pk, label) of at most MAX_RESULTS rows the user may see whose name, or a word of it, starts
    with `term` (case and accents ignored)."""
    source = SOURCES[slug]
    key = normalise(term)
    if len(key) < MIN_LENGTH:
        return []
    model = source.model_class()
    rows = (
        scoping.scoped(user, model._default_manager.select_related(*source.select_related))
        .annotate(_key=normalised_sql(source.field))
        .filter(Q(_key__startswith=key) | Q(_key__contains=f" {key}") | Q(_key__contains=f"'{key}"))
        .annotate(_rank=Case(When(_key__startswith=key, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("_rank", source.field, "pk")[:MAX_RESULTS]
    )
    return [(row.pk, str(row)) for row in rows]


@require_GET
def search_view(request: HttpRequest, source: str) -> JsonResponse:
    if source not in SOURCES:
        return JsonResponse({"detail": "Elenco sconosciuto."}, status=404)
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "Accesso richiesto."}, status=401)
    term = request.GET.get("q", "")[:100]
    results = search(request.user, source, term)
    return JsonResponse({"results": [{"value": str(pk), "label": label} for pk, label in results]})
