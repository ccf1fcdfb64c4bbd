"""User management services: create (by invitation), change, deactivate, reactivate accounts.

Each service checks the manager's rights with `accounts.grants` (the account as it is and as it
will be), validates the account (`User.clean`: the place its role needs), saves and audits in one
transaction (`accounts.user.<verb>`, with the role and place ids before and after, and only the
names of the personal fields that changed). Accounts are never deleted: a deactivated account
cannot sign in (Django refuses inactive users, API tokens and SPID/CIE logins included) and its
history stays."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import grants
from accounts.invitations import invitation_create, invitation_send
from accounts.models import ROLE_SCOPE_FIELDS, Invitation, Role, User
from accounts.scoping import placement_of, scope_of
from accounts.services import audit_account
from accounts.types import Actor

# What the audit keeps with old and new values (who may do what where), and what by name only.
PLACE_FIELDS = ("role", "ats", "centre", "seat", "destination", "ente")
PERSONAL_FIELDS = ("username", "first_name", "last_name", "email", "fiscal_code")
EDITABLE_FIELDS = (*PERSONAL_FIELDS, *PLACE_FIELDS)


@dataclass(frozen=True)
class Invited:
    user: User
    mailed: bool


def _field_of_refusal(user: User) -> str:
    """The form field a refused grant is shown on: the place the role needs, else the role."""
    if user.role and ROLE_SCOPE_FIELDS[Role(user.role)]:
        return sorted(ROLE_SCOPE_FIELDS[Role(user.role)])[0]
    return "role"


def _check_manager(actor: Actor) -> None:
    if not grants.manages_accounts(scope_of(actor)):
        raise PermissionDenied(_("Il tuo ruolo non consente di gestire gli utenti."))


def check_may_manage(actor: Actor, target: User) -> None:
    """403 unless `actor` may change `target` as it stands now (never its own account)."""
    _check_manager(actor)
    if isinstance(actor, User) and actor.pk == target.pk:
        raise PermissionDenied(_("Non puoi modificare il tuo account da qui: chiedi a un altro referente."))
    if not grants.may_manage(scope_of(actor), placement_of(target)):
        raise PermissionDenied(
            _("Non puoi gestire questo utente: il suo ruolo o la sua sede sono fuori dal tuo ambito.")
        )


def _validate(actor: Actor, user: User) -> None:
    """The role first (Italian message on the role field), then the account's own validation, then
    the place (on the place's field): a manager learns nothing about places it may not grant."""
    placement = placement_of(user)
    refusal = grants.grant_refusal(scope_of(actor), placement)
    if refusal and (placement.role is None or placement.role not in grants.grantable_roles(scope_of(actor))):
        raise ValidationError({"role": refusal})
    user.full_clean(exclude=["password"])
    refusal = grants.grant_refusal(scope_of(actor), placement_of(user))
    if refusal:
        raise ValidationError({_field_of_refusal(user): refusal})


def _place(user: User) -> dict[str, Any]:
    return {name: (user.role or None) if name == "role" else getattr(user, f"{name}_id") for name in PLACE_FIELDS}


def user_invite(*, actor: Actor, user: User, base_url: str) -> Invited:
    """Create an account (no usable password) and e-mail it a one-time link to set one."""
    _check_manager(actor)
    if not user.email:
        raise ValidationError({"email": _("Indica l'indirizzo e-mail: l'invito arriva lì.")})
    user.is_superuser = user.is_staff = False
    user.is_active = True
    user.set_unusable_password()
    _validate(actor, user)
    with transaction.atomic():
        user.save()
        _invitation, token = invitation_create(actor=actor, user=user)
        changes = {**_place(user), "fields": sorted(n for n in PERSONAL_FIELDS if getattr(user, n))}
        audit_account(actor=actor, action="accounts.user.created", target=user, changes=changes)
        audit_account(actor=actor, action="accounts.user.invited", target=user)
    return Invited(user, invitation_send(user=user, token=token, base_url=base_url))


def user_reinvite(*, actor: Actor, target: User, base_url: str) -> bool:
    """A new link for an account (the old ones stop working). True when the e-mail left."""
    check_may_manage(actor, target)
    if not target.is_active:
        raise ValidationError(_("L'utente è disattivato: riattivalo prima di invitarlo."))
    if not target.email:
        raise ValidationError(_("L'utente non ha un indirizzo e-mail: aggiungilo prima di invitarlo."))
    with transaction.atomic():
        _invitation, token = invitation_create(actor=actor, user=target)
        audit_account(actor=actor, action="accounts.user.invited", target=target)
    return invitation_send(user=target, token=token, base_url=base_url)


def user_update(*, actor: Actor, target: User, data: dict[str, Any]) -> list[str]:
    """Change an account's personal fields, role or place; returns the changed field names."""
    check_may_manage(actor, target)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Campi non modificabili: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    before_place = _place(target)
    before = {name: getattr(target, name) for name in PERSONAL_FIELDS}
    for name, value in data.items():
        setattr(target, name, value)
    _validate(actor, target)
    after_place = _place(target)
    changes: dict[str, Any] = {
        n: [before_place[n], after_place[n]] for n in PLACE_FIELDS if before_place[n] != after_place[n]
    }
    personal = sorted(n for n in PERSONAL_FIELDS if getattr(target, n) != before[n])
    if personal:
        changes["fields"] = personal
    changed = [n for n in PLACE_FIELDS if n in changes] + personal
    if not changed:
        return []
    with transaction.atomic():
        target.save(update_fields=[*(n for n in PLACE_FIELDS if n in changes), *personal])
        audit_account(actor=actor, action="accounts.user.updated", target=target, changes=changes)
    target._cpf_scope = None  # type: ignore[attr-defined]  # the cached scope is stale now
    return changed


def user_set_active(*, actor: Actor, target: User, active: bool) -> None:
    """Deactivate (it can no longer sign in; pending invitations are revoked) or reactivate."""
    check_may_manage(actor, target)
    if target.is_active == active:
        return
    with transaction.atomic():
        target.is_active = active
        target.save(update_fields=["is_active"])
        if not active:
            from django.utils import timezone

            Invitation.objects.filter(user=target).pending().update(revoked_at=timezone.now())
        verb = "reactivated" if active else "deactivated"
        audit_account(
            actor=actor, action=f"accounts.user.{verb}", target=target, changes={"is_active": [not active, active]}
        )
