"""Pagination that stays cheap at decade scale.

- `page_of()`: numbered pages for HTML lists (Django's Paginator; its count is one COUNT over the
  scoped, filtered rows, without the joins and prefetches of the page itself).
- `keyset()`: cursor pagination for API lists: the page after a given row in a fixed
  (field DESC, pk DESC) order, read from an index, never OFFSET n on a large table. The cursor is
  opaque (base64 of the last row's sort key); a tampered cursor is a 422, never a 500."""

import base64
import json
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)
PAGE_SIZE = 50
MAX_LIMIT = 200


def page_of(queryset: "models.QuerySet[M]", number: Any, per_page: int = PAGE_SIZE) -> Page:  # type: ignore[type-arg]
    return Paginator(queryset, per_page).get_page(number)


def _encode(value: Any, pk: Any) -> str:
    raw = json.dumps([value.isoformat() if hasattr(value, "isoformat") else value, str(pk)])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(model: type[models.Model], field: str, cursor: str) -> tuple[Any, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        return model._meta.get_field(field).to_python(value), model._meta.pk.to_python(pk)  # type: ignore[union-attr]
    except (ValueError, TypeError, ValidationError, UnicodeDecodeError) as exc:
        raise ValidationError({"cursor": _("Il cursore di paginazione non è valido.")}) from exc


def keyset(
    queryset: "models.QuerySet[M]", *, field: str, cursor: str = "", limit: int = PAGE_SIZE
) -> tuple[list[M], str | None]:
    """One page in (field DESC, pk DESC) order after `cursor`; returns the rows and the next cursor."""
    limit = max(1, min(limit, MAX_LIMIT))
    qs = queryset.order_by(f"-{field}", "-pk")
    if cursor:
        value, pk = _decode(queryset.model, field, cursor)
        qs = qs.filter(models.Q(**{f"{field}__lt": value}) | models.Q(**{field: value, "pk__lt": pk}))
    rows = list(qs[: limit + 1])
    if len(rows) > limit:
        last = rows[limit - 1]
        return rows[:limit], _encode(getattr(last, field), last.pk)
    return rows, None
