"""Small-group suppression, proved with a linear program: for every hidden cell the smallest and
largest values consistent with what is published differ by at least k (SPEC §10)."""

from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring import disclosure
from monitoring.catalogue import ADDITIVE, INDICATORS, PROFILE_BREAKDOWNS
from monitoring.figures import compute, groups_for
from monitoring.periods import year
from monitoring.selectors import SEAT, network_tree
from tests.monitoring.fixtures import build
from tests.monitoring.lp import narrow
from tests.personas import Personas


@pytest.mark.parametrize(("configured", "expected"), [(5, 5), (10, 10), (3, 3), (2, 3), (0, 3)])
def test_the_threshold_is_configurable_and_never_below_three(settings: object, configured: int, expected: int) -> None:
    settings.MONITORING_SUPPRESSION_K = configured  # type: ignore[attr-defined]
    assert disclosure.threshold() == expected


def test_a_lone_small_cell_takes_a_sibling_with_it() -> None:
    cells = {"T": 20, "a": 2, "b": 7, "c": 11}
    hidden = disclosure.suppress(cells, [("T", ["a", "b", "c"])], 5)
    assert hidden == {"a", "b"}
    assert not narrow(cells, hidden, [("T", ["a", "b", "c"], True)], 5)


def test_two_small_siblings_that_sum_below_k_take_a_third() -> None:
    cells = {"T": 30, "a": 1, "b": 2, "c": 12, "d": 15}
    hidden = disclosure.suppress(cells, [("T", ["a", "b", "c", "d"])], 5)
    assert hidden == {"a", "b", "c"}
    assert not narrow(cells, hidden, [("T", ["a", "b", "c", "d"], True)], 5)


def test_a_small_total_is_hidden_and_so_is_its_only_child() -> None:
    cells = {"R": 12, "A": 3, "B": 9, "a1": 3, "b1": 9}
    groups = [("R", ["A", "B"]), ("A", ["a1"]), ("B", ["b1"])]
    hidden = disclosure.suppress(cells, groups, 5)
    assert {"A", "a1", "B", "b1"} <= hidden
    assert not narrow(cells, hidden, [(t, ps, True) for t, ps in groups], 5)


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[Hashable, int], list[tuple[Hashable, list[Hashable]]]]:
    """A region → ATS → centre hierarchy crossed with a breakdown of 2–3 categories."""
    n_ats = draw(st.integers(2, 3))
    n_cat = draw(st.integers(2, 3))
    cells: dict[Hashable, int] = {}
    groups: list[tuple[Hashable, list[Hashable]]] = []
    centres: dict[int, list[int]] = {a: list(range(draw(st.integers(1, 3)))) for a in range(n_ats)}
    for a, cs in centres.items():
        for c in cs:
            for cat in range(n_cat):
                cells[("c", a, c, cat)] = draw(st.sampled_from([0, 1, 2, 3, 4, 6, 9, 15]))
    for cat in [*range(n_cat), None]:
        for a, cs in centres.items():
            for c in cs:
                if cat is None:
                    cells[("c", a, c, None)] = sum(cells[("c", a, c, x)] for x in range(n_cat))
            cells[("a", a, None, cat)] = sum(cells[("c", a, c, cat)] for c in cs)
            groups.append((("a", a, None, cat), [("c", a, c, cat) for c in cs]))
        cells[("r", None, None, cat)] = sum(cells[("a", a, None, cat)] for a in centres)
        groups.append((("r", None, None, cat), [("a", a, None, cat) for a in centres]))
    for a, cs in centres.items():
        for c in cs:
            groups.append((("c", a, c, None), [("c", a, c, x) for x in range(n_cat)]))
        groups.append((("a", a, None, None), [("a", a, None, x) for x in range(n_cat)]))
    groups.append((("r", None, None, None), [("r", None, None, x) for x in range(n_cat)]))
    return cells, groups


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_random_hierarchical_tables_with_a_breakdown_are_protected(table: tuple[dict[Hashable, int], list]) -> None:
    cells, groups = table
    hidden = disclosure.protect(cells, groups, 5)
    assert disclosure.primary(cells, 5) <= hidden
    assert not narrow(cells, hidden, [(t, ps, True) for t, ps in groups], 5)


PROFILE_CODES = {code for code, _attribute in PROFILE_BREAKDOWNS}


def _relations(indicator, groups):  # type: ignore[no-untyped-def]
    """Exact sums for additive indicators; for distinct counts a family may be in several seats of
    its Centre or several categories, so those relations are inequalities (above the seat level
    a family belongs to one Centre, so Centre → ATS → Region stays exact)."""
    out = []
    for parent, parts in groups:
        exact = indicator.kind == ADDITIVE or (parts and parts[0][0] != SEAT and parts[0][2] == parent[2])
        # The reference person's sex, age band and citizenship put each family in one category.
        partition = bool(parts) and parent[2] == "" and parts[0][2] in PROFILE_CODES
        out.append((parent, parts, bool(exact or partition)))
    return out


def test_every_indicator_of_the_hand_counted_world_is_protected(personas: Personas) -> None:
    build(personas)
    tree = network_tree()
    checked = 0
    for ind in INDICATORS:
        if ind.kind == "ratio" or not ind.about_people:
            continue
        figures = compute(ind, year(2025), tree)
        assert disclosure.primary(figures.cells, figures.k) <= figures.hidden
        groups = groups_for(ind, figures.cells, tree)
        assert not narrow(figures.cells, figures.hidden, _relations(ind, groups), figures.k), ind.code
        checked += len(figures.hidden)
    assert checked > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(3, 9))
def test_the_fast_audit_finds_exactly_the_narrow_cells_of_the_exact_intervals(
    table: tuple[dict[Hashable, int], list], k: int
) -> None:
    """`narrow()` skips LPs for cells already shown wide by earlier solutions: same answer as
    testing every hidden cell's exact interval."""
    cells, groups = table
    hidden = disclosure.suppress(cells, groups, k) | disclosure.primary(cells, k + 3)
    exact = sorted(
        (c for c, (lo, hi) in disclosure.intervals(cells, hidden, groups).items() if hi - lo < k - 1e-6), key=repr
    )
    assert disclosure.narrow(cells, hidden, groups, k) == exact
