"""The attacker's linear program (highspy): for each hidden cell, the smallest and largest values
consistent with every published cell and relation, with all counts ≥ 0."""

from collections.abc import Hashable, Sequence

import highspy

Relation = tuple[Hashable, Sequence[Hashable], bool]  # (total, parts, exact: total == Σ parts)


def intervals(
    cells: dict[Hashable, int], hidden: set[Hashable], relations: Sequence[Relation]
) -> dict[Hashable, tuple[float, float]]:
    order = sorted(hidden, key=repr)
    index = {c: i for i, c in enumerate(order)}
    inf = highspy.kHighsInf
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for _ in order:
        h.addCol(0.0, 0.0, inf, 0, [], [])
    for parent, parts, exact in relations:
        # total − Σ parts = 0 (exact) or ≤ 0 (distinct counts: a family may fall in several parts),
        # plus each part ≤ total for distinct counts.
        coeffs: dict[int, float] = {}
        known = 0.0
        for c, sign in [(parent, 1.0)] + [(q, -1.0) for q in parts]:
            if c in index:
                coeffs[index[c]] = coeffs.get(index[c], 0.0) + sign
            else:
                known += sign * cells.get(c, 0)
        if not coeffs:
            continue
        lo = -known if exact else -inf
        h.addRow(lo, -known, len(coeffs), list(coeffs), list(coeffs.values()))
        if not exact:
            for q in parts:
                row = {}
                kq = 0.0
                for c, sign in ((q, 1.0), (parent, -1.0)):
                    if c in index:
                        row[index[c]] = row.get(index[c], 0.0) + sign
                    else:
                        kq += sign * cells.get(c, 0)
                if row:
                    h.addRow(-inf, -kq, len(row), list(row), list(row.values()))
    out: dict[Hashable, tuple[float, float]] = {}
    for c in order:
        bounds = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            h.changeColsCost(len(order), list(range(len(order))), [0.0] * len(order))
            h.changeColCost(index[c], 1.0)
            h.changeObjectiveSense(sense)
            h.run()
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kUnbounded:
                bounds.append(inf)
            else:
                assert status == highspy.HighsModelStatus.kOptimal, h.modelStatusToString(status)
                bounds.append(h.getInfo().objective_function_value)
        out[c] = (bounds[0], bounds[1])
    return out


def narrow(
    cells: dict[Hashable, int], hidden: set[Hashable], relations: Sequence[Relation], k: int
) -> dict[Hashable, tuple[float, float]]:
    """Hidden cells whose interval is narrower than k (empty when the pattern is safe)."""
    return {c: iv for c, iv in intervals(cells, hidden, relations).items() if iv[1] - iv[0] < k - 1e-6}
