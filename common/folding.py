"""Text folding shared by the database and Python: lower case, accents folded (à → a), so
that «Niccolò D'Angelo» is found as «niccolo d'angelo». `Person.name_key` is a generated column
built from `normalised_sql()` (computed by the database on every write, whatever the code path,
and cleared with the name on anonymisation); `normalise()` folds a search term the same way."""

from typing import Any

from django.db.models import F, Value
from django.db.models.functions import Concat, Lower, Replace

# The accented letters of Italian names (and ä ö ü): few enough for SQLite's expression parser
# (each is one nested REPLACE in the generated column).
_FOLD = {
    "a": "àáäÀÁ",
    "e": "èéÈÉ",
    "i": "ìíÌ",
    "o": "òóöÒ",
    "u": "ùúüÙ",
}
_TABLE = str.maketrans({ch: base for base, chars in _FOLD.items() for ch in chars})


def normalise(text: str) -> str:
    return " ".join(text.translate(_TABLE).lower().split())


def normalised_sql(*fields: str) -> Any:
    """SQL for normalise(' '.join(fields)): portable (PostgreSQL and SQLite, whose lower() only
    folds ASCII: accented capitals are mapped before lowering)."""
    parts: list[Any] = []
    for i, name in enumerate(fields):
        if i:
            parts.append(Value(" "))
        parts.append(F(name))
    expr: Any = Concat(*parts) if len(parts) > 1 else parts[0]
    for base, chars in _FOLD.items():
        for ch in chars:
            expr = Replace(expr, Value(ch), Value(base))
    return Lower(expr)
