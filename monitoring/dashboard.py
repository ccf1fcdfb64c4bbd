"""What a dashboard or an API response shows for one user, node and period: built from
`figures.Cache` so every table of a page hides the same cells."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from monitoring.catalogue import INDICATORS, RATIO, Indicator
from monitoring.figures import Cache, Shown, format_int
from monitoring.periods import Period
from monitoring.selectors import CENTRE, CHILD_LEVEL, LEVELS, REGION, SEAT, Cell, Tree, network_tree, ratio, total


@dataclass
class Tile:
    indicator: Indicator
    current: Shown
    previous: Shown
    change: str
    approved: Shown | None = None  # the value as approved, when this node's Centre approved the period
    since_approval: str = ""


@dataclass
class Row:
    level: str
    node: int
    name: str
    values: list[Shown]
    validation: str = ""


@dataclass
class View:
    user: Actor
    level: str
    node: int
    period: Period
    tree: Tree
    cache: Cache
    viewer_centre: int | None
    path: list[tuple[str, int, str]] = field(default_factory=list)
    _approvals: dict[int, Any] | None = None

    @property
    def name(self) -> str:
        return self.tree.names.get((self.level, self.node), "")

    @property
    def node_str(self) -> str:
        return str(self.node)

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVEL.get(self.level)

    def show(self, indicator: Indicator, cell: Cell, period: Period | None = None) -> Shown:
        return self.cache.show(indicator, period or self.period, cell, self.viewer_centre)

    def tiles(self) -> list[Tile]:
        out = []
        previous = self.period.previous()
        self.cache.prefetch([i.code for i in INDICATORS], [self.period, previous])
        for ind in INDICATORS:
            cur = self.show(ind, total(self.level, self.node))
            prev = self.show(ind, total(self.level, self.node), previous)
            approved = self.approved(ind, self.level, self.node)
            since = change_text(cur, approved) if approved is not None else ""
            out.append(Tile(ind, cur, prev, change_text(cur, prev), approved, since))
        return out

    def children(self) -> list[Row]:
        level = self.child_level
        if level is None:
            return []
        return [
            Row(
                level,
                child,
                self.tree.names.get((level, child), ""),
                [self.show(i, total(level, child)) for i in INDICATORS],
                self.validation_text(level, child),
            )
            for child in self.tree.children(self.level, self.node)
        ]

    # ---- approved against latest (monitoring.approval) -----------------------------------------

    def approvals(self) -> dict[int, Any]:
        """The approved or accepted validation of this period for each Centre under the node."""
        if self._approvals is None:
            from monitoring.approval import locked_approvals

            self._approvals = locked_approvals(self.user, self.period, self.centres_under(self.level, self.node))
        return self._approvals

    def centres_under(self, level: str, node: int) -> list[int]:
        if level in (CENTRE, SEAT):
            centre = self.tree.centre_of(level, node)
            return [centre] if centre is not None else []
        return [c for c, a in self.tree.centre_ats.items() if level == REGION or a == node]

    @property
    def approval(self) -> Any:
        """The validation that froze the figures of the viewed Centre or seat, if any."""
        if self.level not in (CENTRE, SEAT):
            return None
        centre = self.tree.centre_of(self.level, self.node)
        return self.approvals().get(centre) if centre is not None else None

    @property
    def validation_text_here(self) -> str:
        return self.validation_text(self.level, self.node)

    def validation_text(self, level: str, node: int) -> str:
        if level in (CENTRE, SEAT):
            centre = self.tree.centre_of(level, node)
            return approval_text(self.approvals().get(centre) if centre is not None else None)
        centres = self.centres_under(level, node)
        done = sum(1 for c in centres if c in self.approvals())
        return _("centri con il periodo approvato: %(done)s su %(all)s") % {"done": done, "all": len(centres)}

    def approved(self, indicator: Indicator, level: str, node: int) -> Shown | None:
        """The value frozen at approval for a Centre or seat, hidden as the latest one is: a count
        of people from 1 to k−1, or a value whose latest figure is hidden, is "<k" outside the
        owning Centre."""
        if level not in (CENTRE, SEAT):
            return None
        centre = self.tree.centre_of(level, node)
        approval = self.approvals().get(centre) if centre is not None else None
        if approval is None:
            return None
        if indicator.kind == RATIO:
            assert indicator.ratio_of is not None
            from monitoring.catalogue import BY_CODE

            num = self.approved(BY_CODE[indicator.ratio_of[0]], level, node)
            den = self.approved(BY_CODE[indicator.ratio_of[1]], level, node)
            if num is None or den is None:
                return None
            if num.hidden or den.hidden:
                return Shown(None, True, "n.d.")
            value = ratio(int(num.value or 0), int(den.value or 0))
            return Shown(value, False, "—" if value is None else f"{value:.1f}".replace(".", ",") + " %")
        fig = approval.approved_figures.get(indicator.code)
        if fig is None:
            return None
        raw = fig.get("centre", 0) if level == CENTRE else fig.get("seats", {}).get(str(node), 0)
        value = int(raw)
        latest = self.show(indicator, total(level, node))
        k = self.cache.figures(indicator.code, self.period).k
        if indicator.about_people and centre != self.viewer_centre and (latest.hidden or 0 < value < k):
            return Shown(None, True, f"<{k}")
        return Shown(value, False, format_int(value))


def approval_text(approval: Any) -> str:
    """«approvato dall'ATS il dd/mm/yyyy», «accettato dalla Regione il …» or «dati aggiornati»."""
    if approval is None:
        return _("dati aggiornati (periodo non approvato)")
    if approval.accepted_at is not None and approval.state == approval.State.ACCEPTED:
        when = approval.accepted_at
        return _("accettato dalla Regione il %(d)s") % {"d": f"{timezone.localtime(when):%d/%m/%Y}"}
    when = approval.approved_at or approval.submitted_at
    return _("approvato dall'ATS il %(d)s") % {"d": f"{timezone.localtime(when):%d/%m/%Y}" if when else "—"}


def change_text(current: Shown, previous: Shown) -> str:
    if current.hidden or previous.hidden or current.value is None or previous.value is None:
        return _("variazione non disponibile")
    diff = current.value - previous.value
    if isinstance(diff, float):
        text = f"{abs(diff):.1f}".replace(".", ",")
        return _("invariato") if diff == 0 else (f"+{text}" if diff > 0 else f"−{text}")
    if diff == 0:
        return _("invariato")
    return f"+{diff:,}".replace(",", ".") if diff > 0 else f"−{abs(diff):,}".replace(",", ".")


def is_within(tree: Tree, root: tuple[str, int], level: str, node: int) -> bool:
    cur: tuple[str, int] | None = (level, node)
    while cur is not None:
        if cur == root:
            return True
        cur = tree.parent(*cur)
    return False


def open_view(user: Actor, period: Period, level: str | None = None, node: int | None = None) -> View:
    """The node the user asked for (default: the top of their scope); 404 outside the scope so
    that other nodes' existence is not revealed, 403 for roles without figures."""
    root = scoping.monitoring_root(user)
    if root is None:
        raise PermissionDenied(_("Il tuo ruolo non consulta il monitoraggio."))
    tree = network_tree()
    if level is None:
        level, node = root
    if level not in LEVELS or node is None:
        raise Http404
    known = level == REGION and node == 0 or (level, node) in tree.names
    if not known or not is_within(tree, root, level, node):
        raise Http404
    path: list[tuple[str, int, str]] = []
    cur: tuple[str, int] | None = (level, node)
    while cur is not None:
        path.insert(0, (cur[0], cur[1], tree.names.get(cur, "")))
        if cur == root:
            break
        cur = tree.parent(*cur)
    return View(user, level, node, period, tree, Cache(tree), scoping.owning_centre(user), path)
