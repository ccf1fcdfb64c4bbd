"""What a dashboard or an API response shows for one user, node and period: built from
`figures.Cache` so every table of a page hides the same cells."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts import scoping
from monitoring.catalogue import INDICATORS, Indicator
from monitoring.figures import Cache, Shown
from monitoring.periods import Period
from monitoring.selectors import CHILD_LEVEL, LEVELS, REGION, Cell, Tree, network_tree, total


@dataclass
class Tile:
    indicator: Indicator
    current: Shown
    previous: Shown
    change: str


@dataclass
class Row:
    level: str
    node: int
    name: str
    values: list[Shown]


@dataclass
class View:
    user: Any
    level: str
    node: int
    period: Period
    tree: Tree
    cache: Cache
    viewer_centre: int | None
    path: list[tuple[str, int, str]] = field(default_factory=list)

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
        for ind in INDICATORS:
            cur = self.show(ind, total(self.level, self.node))
            prev = self.show(ind, total(self.level, self.node), previous)
            out.append(Tile(ind, cur, prev, change_text(cur, prev)))
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
            )
            for child in self.tree.children(self.level, self.node)
        ]


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


def open_view(user: Any, period: Period, level: str | None = None, node: int | None = None) -> View:
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
