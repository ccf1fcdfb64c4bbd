"""What the audit keeps of a write, declared per model (`audit_keeps` on the model class).

- `VALUES` (the default): registry rows (network, territory, funding, conciliazione) keep the
  changed fields with their old and new values, so the log answers "who changed what from what".
- `FIELDS`: personal data (family records, sign-ups) keeps only the names of the changed fields,
  never their content.
"""

from enum import StrEnum
from typing import Any


class AuditKeeps(StrEnum):
    VALUES = "values"
    FIELDS = "fields"


def keeps(model: type[Any]) -> AuditKeeps:
    return AuditKeeps(getattr(model, "audit_keeps", AuditKeeps.VALUES))
