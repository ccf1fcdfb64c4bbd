"""One indicator, one period, the whole network: values and the cells hidden by suppression,
computed once and read by every dashboard, API response and export."""

from dataclasses import dataclass

from monitoring import disclosure
from monitoring.catalogue import ADDITIVE, BY_CODE, RATIO, Indicator
from monitoring.periods import Period
from monitoring.selectors import CHILD_LEVEL, REGION, SEAT, Cell, Tree, ratio, total, tree_values


def format_int(value: int) -> str:
    """1234567 → "1.234.567" (Italian thousands separator)."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Shown:
    value: int | float | None  # None when hidden
    hidden: bool
    text: str


def groups_for(indicator: Indicator, cells: dict[Cell, int], tree: Tree) -> list[tuple[Cell, list[Cell]]]:
    """The published linear relations: each node equals the sum of its children (for every
    category), and each node's total equals the sum of the categories of each breakdown."""
    categories: dict[str, set[str]] = {}
    for _level, _node, breakdown, category in cells:
        if breakdown:
            categories.setdefault(breakdown, set()).add(category)
    groups: list[tuple[Cell, list[Cell]]] = []
    slices = [("", "")] + [(b, c) for b, cats in sorted(categories.items()) for c in sorted(cats)]
    for level, node in tree.nodes():
        if level != SEAT:
            children = tree.children(level, node)
            child_level = CHILD_LEVEL[level]
            for b, c in slices:
                groups.append(((level, node, b, c), [(child_level, ch, b, c) for ch in children]))
        for b, cats in sorted(categories.items()):
            groups.append((total(level, node), [(level, node, b, c) for c in sorted(cats)]))
    return groups


@dataclass
class Figures:
    indicator: Indicator
    period: Period
    tree: Tree
    cells: dict[Cell, int]
    hidden: set[Cell]
    k: int

    def show(self, cell: Cell, viewer_centre: int | None) -> Shown:
        value = self.cells.get(cell, 0)
        own = viewer_centre is not None and self.tree.centre_of(cell[0], cell[1]) == viewer_centre
        if cell in self.hidden and not own:
            return Shown(None, True, f"<{self.k}")
        return Shown(value, False, format_int(value))


def compute(indicator: Indicator, period: Period, tree: Tree) -> Figures:
    cells = tree_values(indicator, period, tree)
    k = disclosure.threshold()
    if indicator.about_people:
        # Complete the relations with explicit zeros so every equation is whole.
        groups = groups_for(indicator, cells, tree)
        for parent, parts in groups:
            cells.setdefault(parent, 0)
            for p in parts:
                cells.setdefault(p, 0)
        hidden = disclosure.protect(cells, groups, k)
    else:
        hidden = set()
    return Figures(indicator, period, tree, cells, hidden, k)


class Cache:
    """Figures computed once per request (indicator × period), shared by every table on a page."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._figures: dict[tuple[str, str, str], Figures] = {}

    def figures(self, code: str, period: Period) -> Figures:
        key = (code, period.kind, period.code)
        if key not in self._figures:
            self._figures[key] = compute(BY_CODE[code], period, self.tree)
        return self._figures[key]

    def show(self, indicator: Indicator, period: Period, cell: Cell, viewer_centre: int | None) -> Shown:
        if indicator.kind != RATIO:
            return self.figures(indicator.code, period).show(cell, viewer_centre)
        assert indicator.ratio_of is not None
        num = self.figures(indicator.ratio_of[0], period).show(cell, viewer_centre)
        den = self.figures(indicator.ratio_of[1], period).show(cell, viewer_centre)
        if num.hidden or den.hidden:
            return Shown(None, True, "n.d.")
        value = ratio(int(num.value or 0), int(den.value or 0))
        return Shown(value, False, "—" if value is None else f"{value:.1f}".replace(".", ",") + " %")


__all__ = ["ADDITIVE", "REGION", "Cache", "Figures", "Shown", "compute", "groups_for"]
