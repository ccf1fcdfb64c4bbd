"""Name normalisation for family search: the folding lives in `common.folding` (shared with the
autocomplete of places and organisations); `Person.name_key` is built from `normalised_sql()`."""

from common.folding import normalise, normalised_sql

__all__ = ["normalise", "normalised_sql"]
