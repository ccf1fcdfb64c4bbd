from collections.abc import Sequence

from django.core.exceptions import ValidationError

from conciliazione.rules import Violation


def raise_violations(violations: Sequence[Violation], field: str | None = None) -> None:
    """All the violations at once, each with its rule code (never stop at the first)."""
    if not violations:
        return
    errors = [ValidationError(v.message, code=v.code) for v in violations]
    raise ValidationError({field: errors} if field else errors)
