"""Writes of the family pathway: keyword-only, typed, atomic, audited (field names, not values)."""
