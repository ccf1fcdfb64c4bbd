"""Access to family records. Identifiable family data is for the people who work with the family:
spoke operators (their seat) and Hub coordinators (their Centre). Regione, ATS officers, auditors
and Hub administrative leads get nothing here (aggregates come later).

Who may read is declared in accounts.scoping.READERS; these helpers add the 403 for roles without
access and the audit of reads. Every families view, API operation and selector goes through them,
never `.objects.get()`."""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor

M = TypeVar("M", bound=models.Model)


def may_read_families(user: Actor) -> bool:
    from families.models import Family

    return scoping.may_read(user, Family)


def check_family_reader(user: Actor) -> None:
    if not may_read_families(user):
        raise PermissionDenied(_("Il tuo ruolo non consente l'accesso ai dati delle famiglie."))


def family_scoped(user: Actor, queryset: "models.QuerySet[M]", action: str = scoping.VIEW) -> "models.QuerySet[M]":
    """`scoping.scoped()` for family models (empty for roles outside READERS)."""
    return scoping.scoped(user, queryset, action)


def family_get(user: Actor, queryset: "models.QuerySet[M]", pk: Any, action: str = scoping.VIEW) -> M:
    """One family-owned row through the scope: 403 for roles without access, 404 outside it."""
    check_family_reader(user)
    return scoping.get_for_user(user, queryset, pk, action)


def audit_read(*, actor: Actor, obj: models.Model, what: str = "viewed") -> None:
    """Reads of family records are audited (who, when, which record; never its content)."""
    from core.records import audit_record

    audit_record(actor=actor, obj=obj, verb=what)


def audit_list(
    *,
    actor: Actor,
    label: str,
    ids: list[Any],
    what: str = "list_viewed",
    total: int | None = None,
    page: int | None = None,
    filters: list[str] | None = None,
) -> None:
    """A list of family records was shown: one compact entry per view (count, page, filter
    names, the page's ids; no personal data). `label` is the model label, e.g. "families.family"."""
    from core.records import audit_records_listed

    audit_records_listed(actor=actor, label=label, ids=ids, what=what, total=total, page=page, filters=filters or ())
