"""Small-group suppression (Regole deontologiche Sistan art. 5: minimum threshold 3).

Primary suppression: a count of people or families from 1 to k−1 is not published (shown "<k").
Complementary suppression: every published linear relation — a parent equals the sum of its
children in the hierarchy, a total equals the sum of its breakdown categories — is checked, and
more cells are hidden until no hidden cell can be worked out from the published ones, and until
the hidden cells of each relation add up to at least k. Cells linked through several relations at
once (hierarchy × breakdown) can still be pinned down, so `protect()` then audits the pattern with
a linear program (HiGHS, per connected component of hidden cells): the smallest and largest value
consistent with everything published must differ by at least k, otherwise one more cell is hidden
and the audit repeats. Everything is deterministic (smallest non-zero published cell first, ties
by key), so every view, API response and export of the same indicator and period hides the same
cells. The tests check the result with an independent LP oracle (tests/monitoring/lp.py)."""

from collections.abc import Hashable, Iterable, Sequence
from typing import Any, TypeVar

from django.conf import settings

K = TypeVar("K", bound=Hashable)

MIN_THRESHOLD = 3  # Regole deontologiche Sistan, art. 5
DEFAULT_THRESHOLD = 5


def threshold() -> int:
    """k from settings.MONITORING_SUPPRESSION_K (default 5), never below 3."""
    k = int(getattr(settings, "MONITORING_SUPPRESSION_K", DEFAULT_THRESHOLD))
    return max(MIN_THRESHOLD, k)


def primary(cells: dict[K, int], k: int) -> set[K]:
    return {key for key, value in cells.items() if 0 < value < k}


def _pick(candidates: Iterable[K], cells: dict[K, int], hidden: set[K]) -> K | None:
    best = sorted((cells[c], repr(c), c) for c in candidates if c not in hidden and cells[c] > 0)
    return best[0][2] if best else None


def suppress(
    cells: dict[K, int], groups: Sequence[tuple[K, Sequence[K]]], k: int, start: set[K] | None = None
) -> set[K]:
    """The hidden cells: primary ones (plus `start`) and the complementary ones needed by
    `groups`, each a (total, parts) relation total = Σ parts. Cells missing from `cells` count as
    published zeros."""
    hidden = primary(cells, k) | (start or set())
    changed = True
    while changed:
        changed = False
        for parent, parts in groups:
            eq = [parent, *parts]
            hidden_here = [c for c in eq if c in hidden]
            if not hidden_here:
                continue
            if parent not in hidden:
                mass = sum(cells.get(c, 0) for c in parts if c in hidden)
                # One hidden part alone equals total − published parts; a hidden mass below k
                # narrows every hidden part to an interval shorter than k.
                if len(hidden_here) >= 2 and mass >= k:
                    continue
                extra = _pick(parts, cells, hidden)
                if extra is None:
                    extra = parent
            else:
                if len(hidden_here) >= 2:
                    continue
                extra = _pick(parts, cells, hidden)
                if extra is None:
                    continue  # every part is zero: the parent is zero too and was never hidden
            hidden.add(extra)
            changed = True
    return hidden


def _components(hidden: set[K], groups: Sequence[tuple[K, Sequence[K]]]) -> list[tuple[list[K], list[list[K]]]]:
    """Hidden cells split into independent linear systems: two hidden cells are linked when a
    relation contains both. Returns (cells, relations) per component."""
    parent: dict[K, K] = {c: c for c in hidden}

    def find(c: K) -> K:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    touching: list[list[K]] = []
    for total, parts in groups:
        eq = [total, *parts]
        if any(c in hidden for c in eq):
            touching.append(eq)
            inside = [c for c in eq if c in hidden]
            for c in inside[1:]:
                parent[find(c)] = find(inside[0])
    members: dict[K, list[K]] = {}
    for c in hidden:
        members.setdefault(find(c), []).append(c)
    relations: dict[K, list[list[K]]] = {}
    for eq in touching:
        root = find(next(c for c in eq if c in hidden))
        relations.setdefault(root, []).append(eq)
    return [(cells, relations.get(root, [])) for root, cells in members.items()]


def intervals(
    cells: dict[K, int], hidden: set[K], groups: Sequence[tuple[K, Sequence[K]]]
) -> dict[K, tuple[float, float]]:
    """For each hidden cell, the smallest and largest value an attacker can deduce from the
    published cells and relations (every count ≥ 0), by linear programming (HiGHS)."""
    import highspy

    out: dict[K, tuple[float, float]] = {}
    for members, relations in _components(hidden, groups):
        order = sorted(members, key=repr)
        index = {c: i for i, c in enumerate(order)}
        h = highspy.Highs()  # type: ignore[no-untyped-call]
        h.setOptionValue("output_flag", False)
        inf = highspy.kHighsInf
        for _ in order:
            h.addCol(0.0, 0.0, inf, 0, [], [])
        for eq in relations:  # eq[0] − Σ eq[1:] = 0
            coeffs: dict[int, float] = {}
            known = 0.0
            for pos, c in enumerate(eq):
                sign = 1.0 if pos == 0 else -1.0
                if c in index:
                    coeffs[index[c]] = coeffs.get(index[c], 0.0) + sign
                else:
                    known += sign * cells.get(c, 0)
            h.addRow(-known, -known, len(coeffs), list(coeffs), list(coeffs.values()))
        zeros = [0.0] * len(order)
        for c in order:
            bounds: list[float] = []
            for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
                h.changeColsCost(len(order), list(range(len(order))), zeros)
                h.changeColCost(index[c], 1.0)
                h.changeObjectiveSense(sense)
                h.run()
                if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                    bounds.append(h.getInfo().objective_function_value)
                else:  # unbounded above: no upper limit can be deduced
                    bounds.append(inf)
            out[c] = (bounds[0], bounds[1])
    return out


class _Lp:
    """One component's linear system (every hidden cell ≥ 0, every relation exact), re-solved for
    one objective after another; every solution is remembered as a feasible point."""

    def __init__(self, order: Sequence[Any], relations: Sequence[Sequence[Any]], cells: dict[Any, int]) -> None:
        import highspy

        self.highspy = highspy
        self.n = len(order)
        index = {c: i for i, c in enumerate(order)}
        h = highspy.Highs()  # type: ignore[no-untyped-call]
        h.setOptionValue("output_flag", False)
        h.setOptionValue("presolve", "off")  # many small re-solves of one model: presolve costs more than it saves
        h.setOptionValue("simplex_strategy", 4)  # primal simplex: only the objective changes between solves
        for _ in order:
            h.addCol(0.0, 0.0, highspy.kHighsInf, 0, [], [])
        for eq in relations:  # eq[0] − Σ eq[1:] = 0
            coeffs: dict[int, float] = {}
            known = 0.0
            for pos, c in enumerate(eq):
                sign = 1.0 if pos == 0 else -1.0
                if c in index:
                    coeffs[index[c]] = coeffs.get(index[c], 0.0) + sign
                else:
                    known += sign * cells.get(c, 0)
            h.addRow(-known, -known, len(coeffs), list(coeffs), list(coeffs.values()))
        self.h = h
        self.seen_lo = [highspy.kHighsInf] * self.n
        self.seen_hi = [-highspy.kHighsInf] * self.n

    def solve(self, i: int, maximise: bool) -> float | None:
        """The least (or largest) value of cell i; None when unbounded above."""
        hs, h = self.highspy, self.h
        h.changeColsCost(self.n, list(range(self.n)), [0.0] * self.n)
        h.changeColCost(i, 1.0)
        h.changeObjectiveSense(hs.ObjSense.kMaximize if maximise else hs.ObjSense.kMinimize)
        h.run()
        if h.getModelStatus() != hs.HighsModelStatus.kOptimal:
            return None
        for j, v in enumerate(h.getSolution().col_value):
            self.seen_lo[j] = min(self.seen_lo[j], v)
            self.seen_hi[j] = max(self.seen_hi[j], v)
        return float(h.getInfo().objective_function_value)

    def spans(self, i: int, k: int) -> bool:
        return self.seen_hi[i] - self.seen_lo[i] >= k - 1e-6


def narrow(cells: dict[K, int], hidden: set[K], groups: Sequence[tuple[K, Sequence[K]]], k: int) -> list[K]:
    """The hidden cells whose feasible interval is narrower than k: the same answer as testing
    `intervals()`, with far fewer linear programs. Every solution of a component's LP is a
    feasible point for all its cells, so a cell whose values over the points found so far already
    span k (or that is unbounded above) is wide without an LP of its own; the others get their
    exact minimum and maximum. Maxima first: each one is also a point where other cells sit low."""
    out: list[K] = []
    for members, relations in _components(hidden, groups):
        order = sorted(members, key=repr)
        lp = _Lp(order, relations, cells)
        highest: dict[int, float | None] = {i: lp.solve(i, True) for i in range(len(order)) if not lp.spans(i, k)}
        for i, c in enumerate(order):
            if lp.spans(i, k) or (i in highest and highest[i] is None):
                continue
            lo = lp.solve(i, False) or 0.0
            hi = highest[i] if i in highest else lp.solve(i, True)
            if hi is not None and hi - lo < k - 1e-6:
                out.append(c)
    return sorted(out, key=repr)


def protect(
    cells: dict[K, int], groups: Sequence[tuple[K, Sequence[K]]], k: int, start: set[K] | None = None
) -> set[K]:
    """`suppress()` then an audit by linear programming: while some hidden cell can be pinned to
    an interval narrower than k (cells linked through several relations at once), hide the
    smallest non-zero published cell of a relation that contains it, and audit again."""
    hidden = suppress(cells, groups, k, start=start)
    by_cell: dict[K, list[Sequence[K]]] = {}
    for total, parts in groups:
        eq = [total, *parts]
        for c in eq:
            by_cell.setdefault(c, []).append(eq)
    while True:
        tight = narrow(cells, hidden, groups, k)
        if not tight:
            return hidden
        extra = None
        for c in tight:
            extra = _nearest(c, cells, hidden, by_cell)
            if extra is not None:
                break
        if extra is None:
            return hidden  # nothing left that could widen these intervals
        hidden.add(extra)
        hidden = suppress(cells, groups, k, start=hidden)


def _nearest(cell: K, cells: dict[K, int], hidden: set[K], by_cell: dict[K, list[Sequence[K]]]) -> K | None:
    """The smallest non-zero published cell in a relation with `cell`; if every such cell is
    hidden or zero, look one relation further (through the hidden cells), and so on."""
    seen_cells = {cell}
    frontier = [cell]
    while frontier:
        candidates = {q for c in frontier for eq in by_cell.get(c, []) for q in eq}
        extra = _pick(candidates, cells, hidden)
        if extra is not None:
            return extra
        frontier = [q for q in candidates if q not in seen_cells and q in hidden]
        seen_cells.update(candidates)
    return None
