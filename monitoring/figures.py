"""One indicator, one period, the whole network: values and the cells hidden by suppression,
computed once and read by every dashboard, API response and export."""

from dataclasses import dataclass
from typing import Any

from monitoring import disclosure, freshness
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


def _payload(figures: Figures) -> dict[str, Any]:
    return {
        "cells": [[*cell, value] for cell, value in figures.cells.items()],
        "hidden": [list(cell) for cell in figures.hidden],
        "k": figures.k,
    }


def from_payload(indicator: Indicator, period: Period, tree: Tree, payload: dict[str, Any]) -> Figures:
    cells: dict[Cell, int] = {(c[0], int(c[1]), c[2], c[3]): int(c[4]) for c in payload["cells"]}
    hidden: set[Cell] = {(c[0], int(c[1]), c[2], c[3]) for c in payload["hidden"]}
    return Figures(indicator, period, tree, cells, hidden, int(payload["k"]))


def stored(indicator: Indicator, period: Period, tree: Tree, versions: "freshness.Versions | None" = None) -> Figures:
    """`compute()` through the store of monitoring.freshness: the same figures, computed once per
    version of the records they read."""
    versions = versions or freshness.Versions()
    key = freshness.key_for(indicator, period, tree.digest(), disclosure.threshold(), versions)
    payload = freshness.load(key)
    if payload is not None:
        return from_payload(indicator, period, tree, payload)
    figures = compute(indicator, period, tree)
    freshness.store(key, indicator, period, _payload(figures))
    return figures


class Cache:
    """Figures computed once per request (indicator × period), shared by every table on a page,
    read from the store of monitoring.freshness when the records they read have not changed."""

    def __init__(self, tree: Tree, *, use_store: bool = True) -> None:
        self.tree = tree
        self.use_store = use_store
        self._versions: freshness.Versions | None = None
        self._figures: dict[tuple[str, str, str], Figures] = {}

    def figures(self, code: str, period: Period) -> Figures:
        key = (code, period.kind, period.code)
        if key not in self._figures:
            if self.use_store:
                if self._versions is None:
                    self._versions = freshness.Versions()
                self._figures[key] = stored(BY_CODE[code], period, self.tree, self._versions)
            else:
                self._figures[key] = compute(BY_CODE[code], period, self.tree)
        return self._figures[key]

    def prefetch(self, codes: list[str], periods: list[Period]) -> None:
        """Read the stored figures of every indicator × period a page will show in one query
        (ratios read their two terms); whatever is missing is computed later, one by one."""
        if not self.use_store:
            return
        if self._versions is None:
            self._versions = freshness.Versions()
        wanted: dict[str, tuple[Indicator, Period]] = {}
        k = disclosure.threshold()
        digest = self.tree.digest()
        for code in codes:
            ind = BY_CODE[code]
            terms = [BY_CODE[c] for c in ind.ratio_of] if ind.ratio_of else [ind]
            for term in terms:
                for period in periods:
                    if (term.code, period.kind, period.code) not in self._figures:
                        wanted[freshness.key_for(term, period, digest, k, self._versions)] = (term, period)
        for key, payload in freshness.load_many(list(wanted)).items():
            term, period = wanted[key]
            self._figures[(term.code, period.kind, period.code)] = from_payload(term, period, self.tree, payload)

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
