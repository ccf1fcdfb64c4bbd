"""Who may grant what: the rules of user management, as plain functions over scopes.

The Regione manages every account of every role and place. An ATS officer manages the accounts of
its ATS — its fellow ATS officers, the Centres' coordinators and administrative leads, the seats'
operators, the referral services — and never grants a regional role or a place outside its ATS.
A Hub coordinator invites and manages the operators of its Centre's seats. Nobody else manages
accounts. Emergency (superuser) accounts are kept from the command line only, and nobody changes
their own account here. The Directive's principle is least privilege (GDPR art. 5(1)(c), 25, 32):
nobody can hand out more than they hold.

Every function is pure (no database): `accounts.scoping.placement_of()` resolves where an account
works, `accounts.users` calls these rules before every write."""

from django.utils.translation import gettext as _

from accounts.models import ROLE_SCOPE_FIELDS, Role
from accounts.scoping import Placement, Scope

# The roles each manager role may grant (and so manage). Order: as offered in the form.
GRANTABLE: dict[Role, tuple[Role, ...]] = {
    Role.REGIONE: (
        Role.REGIONE,
        Role.AUDITOR,
        Role.ATS_OFFICER,
        Role.HUB_COORDINATOR,
        Role.HUB_ADMIN,
        Role.SPOKE_OPERATOR,
        Role.RECEIVING_SERVICE,
        Role.ORG_EDITOR,
    ),
    # Not the regional roles (above its own), not an organisation's editor (an Ente belongs to no
    # ATS: the Regione keeps those).
    Role.ATS_OFFICER: (
        Role.ATS_OFFICER,
        Role.HUB_COORDINATOR,
        Role.HUB_ADMIN,
        Role.SPOKE_OPERATOR,
        Role.RECEIVING_SERVICE,
    ),
    Role.HUB_COORDINATOR: (Role.SPOKE_OPERATOR,),
}


def grantable_roles(actor: Scope | None) -> tuple[Role, ...]:
    """The roles `actor` may give to an account (empty: it manages no accounts)."""
    if actor is None:
        return ()
    return GRANTABLE.get(actor.role, ())


def manages_accounts(actor: Scope | None) -> bool:
    return bool(grantable_roles(actor))


def _complete(placement: Placement) -> bool:
    """Whether the placement names the place its role needs (ATS, Centre, seat…)."""
    assert placement.role is not None
    values = {
        "ats": placement.ats_id if placement.role == Role.ATS_OFFICER else None,
        "centre": placement.centre_id if placement.role in (Role.HUB_COORDINATOR, Role.HUB_ADMIN) else None,
        "seat": placement.seat_id,
        "destination": placement.destination_id,
        "ente": placement.ente_id,
    }
    return all(values[field] is not None for field in ROLE_SCOPE_FIELDS[placement.role])


def grant_refusal(actor: Scope | None, placement: Placement) -> str | None:
    """Why `actor` may not give an account this placement (an Italian sentence), or None if it may.
    A placement that lacks its place is not refused here: the model's validation names the field."""
    roles = grantable_roles(actor)
    if actor is None or not roles:
        return _("Il tuo ruolo non consente di gestire gli utenti.")
    if placement.is_superuser:
        return _("Gli account di emergenza (superutenti) si gestiscono solo da riga di comando.")
    if placement.role is None:
        return _("Indica il ruolo dell'utente.")
    if placement.role not in roles:
        return _("Non puoi assegnare il ruolo «%(role)s»: puoi assegnare solo %(roles)s.") % {
            "role": placement.role.label,
            "roles": ", ".join(str(r.label) for r in roles),
        }
    if actor.role == Role.REGIONE or not _complete(placement):
        return None
    if actor.role == Role.ATS_OFFICER and placement.ats_id != actor.ats_id:
        return _("Puoi assegnare solo la tua ATS, i suoi centri, le sue sedi e i suoi servizi.")
    if actor.role == Role.HUB_COORDINATOR and placement.centre_id != actor.centre_id:
        return _("Puoi invitare solo operatori delle sedi del tuo Centro.")
    return None


def may_grant(actor: Scope | None, placement: Placement) -> bool:
    return grant_refusal(actor, placement) is None


def may_manage(actor: Scope | None, target: Placement) -> bool:
    """Whether `actor` may change, deactivate or reactivate an account placed as `target`: only
    accounts whose current placement it could have granted itself."""
    if target.role is None:  # an account without a role yet: the Regione gives it one
        return actor is not None and actor.role == Role.REGIONE and not target.is_superuser
    return _complete(target) and may_grant(actor, target)
