"""The one scoping layer (GDPR art. 5(1)(c) and 25: each role sees only what its task needs). Every query for ATS-, Centre- or seat-owned data, from views,
API and commands alike, goes through `scoped()` or `get_for_user()`; nothing filters by hand.

Models declare how they reach their owners with `scope_path` (common.scope.ScopePath). Models
without one (Ente, territory reference data, the service catalogue) are shared directories that
every signed-in role may read. Who may write what is declared here, in WRITERS."""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.types import Actor
from common.scope import ScopePath

M = TypeVar("M", bound=models.Model)

VIEW = "view"
CHANGE = "change"
CREATE = "create"

_ALL = {Role.REGIONE, Role.ATS_OFFICER, Role.HUB_COORDINATOR, Role.HUB_ADMIN, Role.SPOKE_OPERATOR, Role.AUDITOR}

# Roles that may create/change/delete each model, by "app_label.model". Absent: nobody.
# The auditor never writes. Spoke operators keep their seat's families and activities,
# not the registry.
_CENTRE_MANAGERS = {Role.REGIONE, Role.ATS_OFFICER, Role.HUB_COORDINATOR}
_DIRECTORY_EDITORS = {Role.REGIONE, Role.ATS_OFFICER, Role.HUB_COORDINATOR, Role.ORG_EDITOR}
WRITERS: dict[str, set[Role]] = {
    "network.centre": _CENTRE_MANAGERS,
    "network.seat": _CENTRE_MANAGERS,
    "network.openingslot": _CENTRE_MANAGERS,
    "network.openingexception": _CENTRE_MANAGERS,
    "network.serviceoffering": _CENTRE_MANAGERS,
    "network.protocol": _CENTRE_MANAGERS,
    "network.staffmember": _CENTRE_MANAGERS | {Role.HUB_ADMIN},
    "network.ente": _CENTRE_MANAGERS,
    "network.referraldestination": {Role.REGIONE, Role.ATS_OFFICER},
    "territory.area": {Role.REGIONE, Role.ATS_OFFICER},
    "territory.comune": {Role.REGIONE},
    "territory.ats": {Role.REGIONE},
    # Regione allocates among the ATS (D.G.R. 1507/2023 § 4; D.G.R. XII/5464 § 4.4).
    "funding.fund": {Role.REGIONE},
    "funding.fundsource": {Role.REGIONE},
    "funding.allocation": {Role.REGIONE},
    "funding.residualcarry": {Role.REGIONE},
    # Calls, projects and budgets (D.G.R. 1507/2023 § 4): the ATS runs its calls; the Hub's
    # administrative lead keeps its project's budget and expenses.
    "funding.call": {Role.REGIONE, Role.ATS_OFFICER},
    "funding.project": {Role.REGIONE, Role.ATS_OFFICER},
    "funding.budgetline": {Role.REGIONE, Role.ATS_OFFICER, Role.HUB_ADMIN},
    "funding.expense": {Role.HUB_ADMIN, Role.HUB_COORDINATOR},
    "funding.reportingperiod": {Role.REGIONE, Role.ATS_OFFICER},
    "funding.tranche": {Role.REGIONE, Role.ATS_OFFICER},
    # Conciliazione vita-lavoro (D.G.R. XII/5464): each ATS runs its network, calls and plan.
    "conciliazione.conciliationnetwork": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.networkmember": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.localalliance": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.alliancepartner": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.conciliationproject": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.intervention": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.household": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.householdmember": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.voucher": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.reimbursement": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.deminimisgrant": {Role.REGIONE, Role.ATS_OFFICER},
    # Family pathway: operators work on their seat's families, coordinators on their Centre's.
    # (entries for the families app's models go here)
    "families.family": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.person": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.contact": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.scheda": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.intervention": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.involvedbody": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.schedachange": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.consent": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.referral": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.integratedfollowup": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    # (entries for the activities app's models go here)
    "activities.activity": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "activities.session": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "activities.registration": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "activities.attendance": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "activities.anonymousheadcount": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    # Public portal: the seat that receives a request to be contacted handles it.
    "portal.contactrequest": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    # Shared directory of territorial resources: an organisation's editor keeps
    # its own organisation's entries, a Hub coordinator proposes entries of its ATS, the ATS
    # reviews and publishes for its ATS (ACTIONS), the Regione for all.
    "directory.resource": _DIRECTORY_EDITORS,
    "directory.resourcehours": _DIRECTORY_EDITORS,
    "directory.pendingchange": _DIRECTORY_EDITORS,
    "directory.directorysettings": {Role.REGIONE, Role.ATS_OFFICER},
    "directory.carta": {Role.REGIONE, Role.ATS_OFFICER, Role.HUB_COORDINATOR},
}
# Workflow actions on a visible row, by dotted action code.
ACTIONS: dict[str, set[Role]] = {
    "funding.reportingperiod.submit": {Role.HUB_ADMIN, Role.HUB_COORDINATOR},
    "funding.reportingperiod.review": {Role.REGIONE, Role.ATS_OFFICER},
    # (families app workflow actions go here)
    "families.family.merge": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.family.export": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.family.erase": {Role.HUB_COORDINATOR},
    "families.referral.transition": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.referral.acknowledge": {Role.RECEIVING_SERVICE},
    "families.referral.override_consent": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    "families.person.move": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    # Directory review: changes by editors and coordinators go live once the ATS publishes them.
    "directory.resource.publish": {Role.REGIONE, Role.ATS_OFFICER},
    # The coordinator writes and publishes the carta dei servizi (D.G.R. 1507/2023 All. A § 3.2).
    "directory.carta.publish": {Role.HUB_COORDINATOR, Role.REGIONE, Role.ATS_OFFICER},
    # Validation of a Centre's figures per period (monitoring.approval; DHIS2 data approval):
    # the Hub submits, the ATS approves, the Region accepts; reopening from the approving level up.
    "monitoring.approval.submit": {Role.HUB_COORDINATOR},
    "monitoring.approval.approve": {Role.ATS_OFFICER},
    "monitoring.approval.accept": {Role.REGIONE},
    "monitoring.approval.reopen": {Role.ATS_OFFICER, Role.REGIONE},
    # A backlog of past periods (before the platform's workflow) approved in bulk by the ATS, which
    # then stands in for the Centre's submission (research notes §1: DHIS2 users' first request).
    "monitoring.approval.backlog": {Role.ATS_OFFICER},
    # Before the Hub submits, each seat's figures are confirmed by its operator (or the coordinator).
    "monitoring.seat.confirm": {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR},
    # User management (accounts.grants says which roles and places each may grant): the Regione for
    # the whole network, an ATS officer within its ATS, a coordinator its Centre's operators.
    "accounts.user.manage": {Role.REGIONE, Role.ATS_OFFICER, Role.HUB_COORDINATOR},
}
# Who reads each visibility level of the shared directory (directory.Resource.visibility):
# "public" is for everyone, anonymous visitors included; "network" for every signed-in role;
# "operators" for the roles that work with families (e.g. a shelter's address).
DIRECTORY_VISIBILITY: dict[str, set[Role] | None] = {
    "public": None,
    "network": {*_ALL, Role.RECEIVING_SERVICE, Role.ORG_EDITOR},
    "operators": {
        Role.REGIONE,
        Role.ATS_OFFICER,
        Role.HUB_COORDINATOR,
        Role.HUB_ADMIN,
        Role.SPOKE_OPERATOR,
        Role.RECEIVING_SERVICE,
    },
}
# Creating is narrower than changing for a few models: a Centre is created by whoever funds it.
CREATORS: dict[str, set[Role]] = {
    "network.centre": {Role.REGIONE, Role.ATS_OFFICER},
}
# Who may READ a model's rows at all (absent: every signed-in role, within its scope). Family
# records hold personal data of minors: only those who work with the family read them (GDPR art. 5(1)(c), 8 and 9).
_FAMILY_WORKERS = {Role.SPOKE_OPERATOR, Role.HUB_COORDINATOR}
READERS: dict[str, set[Role]] = {
    f"families.{name}": _FAMILY_WORKERS
    for name in (
        "family",
        "person",
        "contact",
        "scheda",
        "intervention",
        "involvedbody",
        "schedachange",
        "consent",
        "referral",
        "integratedfollowup",
    )
}
# A receiving service reads the referrals addressed to it (with the data shared by consent).
READERS["families.referral"] = _FAMILY_WORKERS | {Role.RECEIVING_SERVICE}
# Sign-ups and attendance name family members (activities and sessions themselves are not personal).
READERS |= {"activities.registration": _FAMILY_WORKERS, "activities.attendance": _FAMILY_WORKERS}
# What visitors send through the public portal is personal data, read by whoever calls them back.
READERS |= {"portal.contactrequest": _FAMILY_WORKERS, "portal.publicsignup": _FAMILY_WORKERS}
# Conciliazione households (D.G.R. XII/5464 § 4.3): work situation, unemployment dates and
# dependants are personal data, read only by those who manage the programme (least privilege).
READERS |= {
    "conciliazione.household": {Role.REGIONE, Role.ATS_OFFICER},
    "conciliazione.householdmember": {Role.REGIONE, Role.ATS_OFFICER},
}
# The roles that read family records (two-factor may be required of them; their sessions end
# after a short inactivity, accounts.middleware.IdleTimeoutMiddleware).
FAMILY_RECORD_ROLES: frozenset[Role] = frozenset(
    role for label, roles in READERS.items() if label.startswith("families.") for role in roles
)
# Shared directories: editable rows are not owned by one Centre, so only these roles change them.
SHARED_EDITORS: dict[str, set[Role]] = {
    "network.ente": {Role.REGIONE, Role.ATS_OFFICER},
}


@dataclass(frozen=True)
class Scope:
    role: Role
    ats_id: int | None = None
    centre_id: int | None = None
    seat_id: int | None = None
    destination_id: int | None = None
    ente_id: int | None = None

    @property
    def is_regional(self) -> bool:
        return self.role in (Role.REGIONE, Role.AUDITOR)


def scope_of(user: Actor) -> Scope | None:
    """The user's scope, or None for anonymous users and accounts without a role."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return None
    cached: Scope | None = getattr(user, "_cpf_scope", None)
    if cached is not None:
        return cached
    scope: Scope | None
    if user.role == Role.SPOKE_OPERATOR and user.seat_id:
        from network.models import Seat  # the operator's Centre and ATS follow from the seat

        seat = Seat.objects.select_related("centre").only("centre_id", "centre__ats_id").get(pk=user.seat_id)
        scope = Scope(Role.SPOKE_OPERATOR, ats_id=seat.centre.ats_id, centre_id=seat.centre_id, seat_id=user.seat_id)
    elif user.role in (Role.HUB_COORDINATOR, Role.HUB_ADMIN) and user.centre_id:
        from network.models import Centre

        ats_id = Centre.objects.values_list("ats_id", flat=True).get(pk=user.centre_id)
        scope = Scope(Role(user.role), ats_id=ats_id, centre_id=user.centre_id)
    elif user.role == Role.RECEIVING_SERVICE and user.destination_id:
        from network.models import ReferralDestination

        ats_id = ReferralDestination.objects.values_list("ats_id", flat=True).get(pk=user.destination_id)
        scope = Scope(Role.RECEIVING_SERVICE, ats_id=ats_id, destination_id=user.destination_id)
    elif user.role == Role.ORG_EDITOR and user.ente_id:
        scope = Scope(Role.ORG_EDITOR, ente_id=user.ente_id)
    elif user.role == Role.ATS_OFFICER and user.ats_id:
        scope = Scope(Role.ATS_OFFICER, ats_id=user.ats_id)
    elif user.role in (Role.REGIONE, Role.AUDITOR):
        scope = Scope(Role(user.role))
    elif user.is_superuser:
        scope = Scope(Role.REGIONE)
    else:
        scope = None
    user._cpf_scope = scope  # type: ignore[attr-defined]  # per-request cache on the instance
    return scope


@dataclass(frozen=True)
class Placement:
    """Where an account works: its role and the place the role applies to, with the ATS and Centre
    that place belongs to (a seat's Centre and ATS, a Centre's ATS, a service's ATS)."""

    role: Role | None
    ats_id: int | None = None
    centre_id: int | None = None
    seat_id: int | None = None
    destination_id: int | None = None
    ente_id: int | None = None
    is_superuser: bool = False


def placement_of(user: User) -> Placement:
    """The placement of an account (saved or not) from its role and scope fields."""
    from network.models import Centre, ReferralDestination, Seat

    ats_id, centre_id = user.ats_id, user.centre_id
    loaded = {name: User._meta.get_field(name).is_cached(user) for name in ("seat", "centre", "destination")}  # type: ignore[union-attr]
    # Lists fetch the places with select_related (users_for): read them without a query each.
    if user.seat_id is not None and loaded["seat"] and user.seat is not None:
        centre_id, ats_id = user.seat.centre_id, user.seat.centre.ats_id
    elif user.seat_id is not None:
        seat = Seat.objects.filter(pk=user.seat_id).values("centre_id", "centre__ats_id").first()
        if seat is not None:
            centre_id, ats_id = seat["centre_id"], seat["centre__ats_id"]
    elif user.centre_id is not None and loaded["centre"] and user.centre is not None:
        ats_id = user.centre.ats_id
    elif user.centre_id is not None:
        ats_id = Centre.objects.filter(pk=user.centre_id).values_list("ats_id", flat=True).first()
    elif user.destination_id is not None and loaded["destination"] and user.destination is not None:
        ats_id = user.destination.ats_id
    elif user.destination_id is not None:
        ats_id = ReferralDestination.objects.filter(pk=user.destination_id).values_list("ats_id", flat=True).first()
    return Placement(
        role=Role(user.role) if user.role else None,
        ats_id=ats_id,
        centre_id=centre_id,
        seat_id=user.seat_id,
        destination_id=user.destination_id,
        ente_id=user.ente_id,
        is_superuser=user.is_superuser,
    )


def users_visible(user: Actor, queryset: "models.QuerySet[User]") -> "models.QuerySet[User]":
    """The accounts a user manager sees: every account for the Regione; for an ATS officer the
    accounts placed in its ATS (its ATS, its Centres, their seats, its referral services); for a
    coordinator the accounts of its Centre and its seats; nothing for the other roles."""
    scope = scope_of(user)
    if scope is None or scope.role not in ACTIONS["accounts.user.manage"]:
        return queryset.none()
    if scope.role == Role.REGIONE:
        return queryset
    if scope.role == Role.ATS_OFFICER:
        ats = scope.ats_id
        return queryset.filter(
            models.Q(ats_id=ats)
            | models.Q(centre__ats_id=ats)
            | models.Q(seat__centre__ats_id=ats)
            | models.Q(destination__ats_id=ats)
        )
    return queryset.filter(models.Q(centre_id=scope.centre_id) | models.Q(seat__centre_id=scope.centre_id))


def user_for(user: Actor, pk: Any) -> User:
    """One account through `users_visible` (404 when outside the manager's view)."""
    try:
        if not -(2**63) <= int(pk) < 2**63:
            raise ValueError(pk)
        return users_visible(user, User.objects.all()).get(pk=int(pk))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(_("Elemento non trovato.")) from exc


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _ownership_filter(scope: Scope, path: ScopePath) -> dict[str, Any] | None:
    """Lookup restricting rows to the scope; None means no restriction."""
    if scope.is_regional:
        return None
    if scope.role == Role.RECEIVING_SERVICE:
        # Only rows addressed to its destination; nothing of the rest of the network.
        return {path.destination: scope.destination_id} if path.destination else {"pk__in": []}
    if scope.role == Role.ORG_EDITOR:
        # Only rows kept by its organisation; nothing of the network's Centres.
        return {path.ente: scope.ente_id} if path.ente else {"pk__in": []}
    if scope.role == Role.SPOKE_OPERATOR and path.seat:
        return {path.seat: scope.seat_id}
    if scope.role != Role.ATS_OFFICER and path.centre:
        return {path.centre: scope.centre_id}
    return {path.ats: scope.ats_id}


def may_read(user: Actor, model: type[models.Model]) -> bool:
    """Whether the user's role may read the model's rows at all (READERS)."""
    scope = scope_of(user)
    return scope is not None and (_label(model) not in READERS or scope.role in READERS[_label(model)])


def may_write(user: Actor, model: type[models.Model], action: str = CHANGE) -> bool:
    scope = scope_of(user)
    if scope is None:
        return False
    table = CREATORS if action == CREATE and _label(model) in CREATORS else WRITERS
    return scope.role in table.get(_label(model), set())


def scoped(user: Actor, queryset: "models.QuerySet[M]", action: str = VIEW) -> "models.QuerySet[M]":
    """The rows of `queryset` the user may see (VIEW) or change (CHANGE)."""
    model = queryset.model
    scope = scope_of(user)
    if scope is None or (action != VIEW and not may_write(user, model, action)):
        return queryset.none()
    if not may_read(user, model):
        return queryset.none()
    if action != VIEW and _label(model) in SHARED_EDITORS and scope.role not in SHARED_EDITORS[_label(model)]:
        return queryset.none()
    path: ScopePath | None = getattr(model, "scope_path", None)
    if path is None:
        return queryset
    lookup = _ownership_filter(scope, path)
    return queryset if lookup is None else queryset.filter(**lookup)


def get_for_user(user: Actor, queryset: "models.QuerySet[M]", pk: Any, action: str = VIEW) -> M:
    """One row through the scope. Invisible rows are 404 (their existence is not revealed);
    visible rows the user may not change are 403."""
    if isinstance(pk, int) and not -(2**63) <= pk < 2**63:  # no row has an id beyond 64 bits
        raise Http404(_("Elemento non trovato."))
    try:
        obj = scoped(user, queryset, VIEW).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(_("Elemento non trovato.")) from exc
    if action != VIEW and not scoped(user, queryset.model._default_manager.filter(pk=obj.pk), action).exists():
        raise PermissionDenied(_("Non hai i permessi per modificare questo elemento."))
    return obj


def _follow(obj: models.Model, lookup: str) -> int | None:
    """The id at the end of an ORM lookup (e.g. "resource__organisation"), followed in memory."""
    if lookup == "pk":
        return obj.pk
    *hops, last = lookup.split("__")
    target: Any = obj
    try:
        for hop in hops:
            target = getattr(target, hop, None)
            if target is None:
                return None
    except ObjectDoesNotExist:
        return None
    return getattr(target, f"{last}_id", None)


def directory_visible(user: Actor, queryset: "models.QuerySet[M]") -> "models.QuerySet[M]":
    """The directory entries (models with `visibility` and `status`) the user may read: the
    published ones at the visibility levels of DIRECTORY_VISIBILITY for its role (anonymous
    visitors: public only), plus every entry, of any status, that the user may change."""
    from django.db.models import Q

    scope = scope_of(user)
    levels = [
        level for level, roles in DIRECTORY_VISIBILITY.items() if roles is None or (scope and scope.role in roles)
    ]
    published = Q(status="published", visibility__in=levels)
    if scope is None:
        return queryset.filter(published)
    own = scoped(user, queryset.model._default_manager.all(), CHANGE).values("pk")
    return queryset.filter(published | Q(pk__in=own))


def ats_ids_in_scope(user: Actor) -> set[int] | None:
    """The ATS whose territory the user governs: None for the regional roles (every ATS), the
    own ATS for ATS officers and the Centres' staff, nothing for the others."""
    scope = scope_of(user)
    if scope is None:
        return set()
    if scope.is_regional:
        return None
    return {scope.ats_id} if scope.ats_id is not None and scope.role != Role.RECEIVING_SERVICE else set()


def owner_ids(obj: models.Model) -> tuple[int | None, int | None, int | None]:
    """(ats_id, centre_id, seat_id) of a scoped object, following its scope_path in memory."""
    path: ScopePath | None = getattr(type(obj), "scope_path", None)
    if path is None:
        return (None, None, None)

    def follow(lookup: str | None) -> int | None:
        if lookup is None:
            return None
        if lookup == "pk":
            return obj.pk
        *hops, last = lookup.split("__")
        target: Any = obj
        try:
            for hop in hops:
                target = getattr(target, hop, None)
                if target is None:
                    return None
        except ObjectDoesNotExist:  # a foreign key to a row that does not exist (yet to be validated)
            return None
        return getattr(target, f"{last}_id", None)

    return (follow(path.ats), follow(path.centre), follow(path.seat))


def check_can_write(user: Actor, obj: models.Model, action: str) -> None:
    """Raise PermissionDenied unless `user` may create/change `obj` where it stands (its owners)."""
    scope = scope_of(user)
    model = type(obj)
    if scope is None or not may_write(user, model, action):
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    if action == CHANGE and _label(model) in SHARED_EDITORS and scope.role not in SHARED_EDITORS[_label(model)]:
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    path: ScopePath | None = getattr(model, "scope_path", None)
    if path is None or scope.is_regional:
        return
    ats_id, centre_id, seat_id = owner_ids(obj)
    inside = ats_id == scope.ats_id and scope.role not in (Role.RECEIVING_SERVICE, Role.ORG_EDITOR)
    if scope.role == Role.ORG_EDITOR:
        inside = path.ente is not None and _follow(obj, path.ente) == scope.ente_id
    if scope.role == Role.SPOKE_OPERATOR and path.seat:
        inside = seat_id == scope.seat_id
    elif scope.role != Role.ATS_OFFICER and path.centre:
        inside = centre_id == scope.centre_id
    if not inside:
        raise PermissionDenied(_("Puoi operare solo sui dati del tuo ambito di competenza."))


def check_action(user: Actor, action: str, obj: models.Model) -> None:
    """Raise PermissionDenied unless the user's role may perform `action` on a row it can see."""
    scope = scope_of(user)
    visible = scope is not None and scoped(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()
    if not visible or scope is None or scope.role not in ACTIONS.get(action, set()):
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))


def may_act_on_model(user: Actor, action: str) -> bool:
    """Whether the user's role may perform `action` at all (before looking at a row)."""
    scope = scope_of(user)
    return scope is not None and scope.role in ACTIONS.get(action, set())


def may_act(user: Actor, action: str, obj: models.Model) -> bool:
    try:
        check_action(user, action, obj)
    except PermissionDenied:
        return False
    return True


# What the public portal may show without login, by model: only what the network publishes
# and nothing of the families. Every public read goes through public(); models absent here are
# never public.
PUBLIC: dict[str, models.Q] = {
    "network.seat": models.Q(is_active=True, centre__status="active"),
    "network.serviceoffering": models.Q(is_active=True, seat__is_active=True, seat__centre__status="active"),
    "network.referraldestination": models.Q(is_active=True),
    "activities.activity": models.Q(is_public=True, seat__is_active=True, seat__centre__status="active"),
    "activities.session": models.Q(
        activity__is_public=True, activity__seat__is_active=True, activity__seat__centre__status="active"
    ),
}


def public(queryset: "models.QuerySet[M]") -> "models.QuerySet[M]":
    """The rows of `queryset` that the public portal may show (PUBLIC)."""
    label = _label(queryset.model)
    if label not in PUBLIC:
        raise PermissionDenied(_("Questi dati non sono pubblici."))
    return queryset.filter(PUBLIC[label])


# Monitoring aggregates (monitoring app): each role sees the figures of one node of the network and
# everything below it: the Region (Regione, auditor), its ATS, its Centre (coordinator and
# administrative lead), its seat (operator). Figures outside the owning Centre are suppressed
# below k (monitoring.disclosure); nobody reads the records themselves through monitoring.
MONITORING_ROOTS = {
    Role.REGIONE,
    Role.AUDITOR,
    Role.ATS_OFFICER,
    Role.HUB_COORDINATOR,
    Role.HUB_ADMIN,
    Role.SPOKE_OPERATOR,
}


def monitoring_root(user: Actor) -> tuple[str, int] | None:
    """The highest node of the monitoring tree the user may see: ("regione", 0), ("ats", id),
    ("centre", id) or ("seat", id); None when the user sees no figures."""
    scope = scope_of(user)
    if scope is None or scope.role not in MONITORING_ROOTS:
        return None
    if scope.is_regional:
        return ("regione", 0)
    if scope.role == Role.ATS_OFFICER and scope.ats_id:
        return ("ats", scope.ats_id)
    if scope.role == Role.SPOKE_OPERATOR and scope.seat_id:
        return ("seat", scope.seat_id)
    if scope.centre_id:
        return ("centre", scope.centre_id)
    return None


def owning_centre(user: Actor) -> int | None:
    """The Centre whose own figures the user sees unsuppressed (outside the owning
    Centre small groups are hidden)."""
    scope = scope_of(user)
    if scope is None or scope.role not in (Role.HUB_COORDINATOR, Role.HUB_ADMIN, Role.SPOKE_OPERATOR):
        return None
    return scope.centre_id
