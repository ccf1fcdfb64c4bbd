"""Reads of accounts for user management, always through `scoping.users_visible`."""

from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import models

from accounts import scoping
from accounts.models import User
from accounts.types import Actor
from audit.models import AuditEntry


def users_for(actor: Actor, *, filters: dict[str, Any]) -> "models.QuerySet[User]":
    """The accounts the manager sees, filtered by name (username, names, e-mail), role, ATS,
    Centre and status (active, invited: no password set yet, inactive)."""
    qs = scoping.users_visible(actor, User.objects.all()).select_related(
        "ats", "centre", "seat", "seat__centre", "destination", "ente"
    )
    term = (filters.get("q") or "").strip()
    if term:
        qs = qs.filter(
            models.Q(username__icontains=term)
            | models.Q(first_name__icontains=term)
            | models.Q(last_name__icontains=term)
            | models.Q(email__icontains=term)
        )
    if filters.get("role"):
        qs = qs.filter(role=filters["role"])
    if filters.get("ats"):
        ats = filters["ats"]
        qs = qs.filter(
            models.Q(ats_id=ats)
            | models.Q(centre__ats_id=ats)
            | models.Q(seat__centre__ats_id=ats)
            | models.Q(destination__ats_id=ats)
        )
    if filters.get("centre"):
        qs = qs.filter(models.Q(centre_id=filters["centre"]) | models.Q(seat__centre_id=filters["centre"]))
    status = filters.get("status")
    if status == "active":
        qs = qs.filter(is_active=True).exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    elif status == "invited":
        qs = qs.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    return qs.order_by("last_name", "first_name", "username")


def account_history(user: User) -> "models.QuerySet[AuditEntry]":
    """The audit entries on an account, newest first (for its page: who changed what, when)."""
    return AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk)).select_related("actor")[:50]
