"""The back office's main menu, per role: what each role works on, and only links it may use.

`MENUS` lists, per role, the sections of its menu (keys of `SECTIONS`); every link also names the
model it lists, and is dropped when the scoping layer says the user may not read that model
(`scoping.may_read`) or when the role would see nothing of it. So the menu never offers a page
that answers 403 or an empty list by construction. The current section is marked from the URL."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Role
from accounts.types import Actor


@dataclass(frozen=True)
class Link:
    label: "str | StrPromise"
    url_name: str
    model: str | None = None  # "app_label.model" the page lists: shown only if the user may read it
    actions: tuple[str, ...] = ()  # ACTIONS codes of which the role must hold one (e.g. a receiving service's inbox)


@dataclass(frozen=True)
class Section:
    label: "str | StrPromise"
    links: tuple[Link, ...]
    prefix: str = ""  # URL prefix of the section, for the highlight (default: the first link's)
    exact: bool = False  # highlighted on its own page only (the home)


@dataclass
class MenuEntry:
    key: str
    label: str
    url: str
    active: bool
    children: list["MenuEntry"] = field(default_factory=list)


SECTIONS: dict[str, Section] = {
    "home": Section(_("Home"), (Link(_("Home"), "accounts:home"),), exact=True),
    "families": Section(
        _("Famiglie"),
        (Link(_("Famiglie"), "families:home", "families.family"),),
        prefix="/famiglie/",
    ),
    "inbox": Section(
        _("Invii ricevuti"),
        (Link(_("Invii ricevuti"), "families:referrals_received", actions=("families.referral.acknowledge",)),),
    ),
    "activities": Section(_("Attività"), (Link(_("Attività"), "activities:activity_list", "activities.activity"),)),
    "network": Section(
        _("Rete"),
        (
            Link(_("Cruscotto della rete"), "network:dashboard"),
            Link(_("Centri"), "network:centre_list", "network.centre"),
            Link(_("Sedi"), "network:seat_list", "network.seat"),
            Link(_("Équipe"), "network:staffmember_list", "network.staffmember"),
            Link(_("Servizi offerti"), "network:serviceoffering_list", "network.serviceoffering"),
            Link(_("Protocolli"), "network:protocol_list", "network.protocol"),
            Link(_("Servizi di invio"), "network:referraldestination_list", "network.referraldestination"),
            Link(_("Enti"), "network:ente_list", "network.ente"),
        ),
        prefix="/rete/",
    ),
    "directory": Section(
        _("Mappatura"),
        (
            Link(_("Risorse del territorio"), "directory:list", "directory.resource"),
            Link(_("Da verificare"), "directory:stale", "directory.resource"),
        ),
        prefix="/mappatura/",
    ),
    "directory_quality": Section(
        _("Mappatura"),
        (
            Link(_("Risorse del territorio"), "directory:list", "directory.resource"),
            Link(_("Revisione delle proposte"), "directory:review", actions=("directory.resource.publish",)),
            Link(_("Conformità dei centri"), "directory:compliance"),
            Link(_("Copertura del territorio"), "directory:coverage"),
        ),
        prefix="/mappatura/",
    ),
    "monitoring": Section(
        _("Monitoraggio"),
        (
            Link(_("Indicatori"), "monitoring:dashboard"),
            Link(
                _("Validazione dei dati"),
                "monitoring:approvals",
                actions=("monitoring.approval.submit", "monitoring.approval.approve", "monitoring.approval.accept"),
            ),
        ),
        prefix="/monitoraggio/",
    ),
    "funding": Section(
        _("Finanziamenti"),
        (
            Link(_("Riparti"), "funding:allocation_list", "funding.allocation"),
            Link(_("Fondi"), "funding:fund_list", "funding.fund"),
            Link(_("Avvisi"), "funding:call_list", "funding.call"),
            Link(_("Progetti"), "funding:project_list", "funding.project"),
            Link(_("Spese"), "funding:expense_list", "funding.expense"),
            Link(_("Rendicontazione"), "funding:reportingperiod_list", "funding.reportingperiod"),
        ),
        prefix="/finanziamenti/",
    ),
    "project": Section(
        _("Progetto"),
        (
            Link(_("Progetti"), "funding:project_list", "funding.project"),
            Link(_("Voci di budget"), "funding:budgetline_list", "funding.budgetline"),
            Link(_("Spese"), "funding:expense_list", "funding.expense"),
            Link(_("Rendicontazione"), "funding:reportingperiod_list", "funding.reportingperiod"),
        ),
        prefix="/finanziamenti/",
    ),
    "conciliazione": Section(
        _("Conciliazione"),
        (Link(_("Conciliazione"), "conciliazione:home", "conciliazione.conciliationnetwork"),),
    ),
    "territory": Section(_("Territorio"), (Link(_("Territorio"), "territory:home"),)),
    "jobs": Section(_("I miei lavori"), (Link(_("I miei lavori"), "jobs:list"),)),
    "users": Section(
        _("Utenti"),
        (Link(_("Utenti"), "accounts:user_list", actions=("accounts.user.manage",)),),
        prefix="/account/utenti/",
    ),
}

_REGIONAL = (
    "home",
    "monitoring",
    "network",
    "directory_quality",
    "funding",
    "conciliazione",
    "territory",
    "users",
    "jobs",
)
MENUS: dict[str, Sequence[str]] = {
    Role.SPOKE_OPERATOR: ("home", "families", "activities", "network", "directory", "monitoring", "jobs"),
    Role.HUB_COORDINATOR: (
        "home",
        "families",
        "activities",
        "network",
        "directory",
        "monitoring",
        "project",
        "users",
        "jobs",
    ),
    Role.HUB_ADMIN: ("home", "project", "network", "monitoring", "jobs"),
    Role.ATS_OFFICER: _REGIONAL,
    Role.REGIONE: _REGIONAL,
    Role.AUDITOR: _REGIONAL,
    Role.RECEIVING_SERVICE: ("home", "inbox", "directory", "jobs"),
    Role.ORG_EDITOR: ("home", "directory", "jobs"),
}


def link_allowed(user: Actor, link: Link) -> bool:
    """Whether the user may use the page a link leads to, by the scoping layer's tables."""
    if link.actions and not any(scoping.may_act_on_model(user, code) for code in link.actions):
        return False
    if link.model is not None:
        return scoping.may_read(user, apps.get_model(link.model))
    return scoping.scope_of(user) is not None


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # an app that is not installed in this deployment
        return None


def _is_under(path: str, url: str) -> bool:
    return path == url or (url != "/" and path.startswith(url))


def menu_for(user: Actor, path: str) -> list[MenuEntry]:
    """The main menu of `user`, with the entry of the current `path` marked active."""
    scope = scoping.scope_of(user)
    if scope is None:
        return []
    menu: list[MenuEntry] = []
    for key in MENUS.get(scope.role, ("home",)):
        section = SECTIONS[key]
        links = [(link, url) for link in section.links if link_allowed(user, link) and (url := _url(link.url_name))]
        if not links:
            continue
        # The most specific link wins the highlight (e.g. /rete/sedi/ rather than /rete/).
        best = max((url for _link, url in links if _is_under(path, url)), key=len, default=None)
        prefix = section.prefix or links[0][1]
        active = path == prefix if section.exact else _is_under(path, prefix) or best is not None
        if len(links) == 1:
            menu.append(MenuEntry(key, str(section.label), links[0][1], active))
            continue
        children = [MenuEntry(f"{key}-{i}", str(link.label), url, url == best) for i, (link, url) in enumerate(links)]
        menu.append(MenuEntry(key, str(section.label), links[0][1], active, children))
    return menu
