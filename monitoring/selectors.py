"""Indicator values computed fresh from the daily records (no rollup, no nightly batch).

`tree_values()` computes one indicator for one period over the whole network in a fixed number of
grouped queries (per part and breakdown: one at seat level, rolled up for additive indicators; one
per level for distinct counts, which are never summed). Each cell is keyed by
`(level, node id, breakdown code, category)`; totals use `""` for breakdown and category. The
whole tree is computed even when a user sees one branch, so that small-group suppression
(`monitoring.disclosure`) is the same for every viewer."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Sum

from monitoring import profiles
from monitoring.catalogue import ADDITIVE, DISTINCT, RATIO, Indicator, Part
from monitoring.periods import Period
from monitoring.profiles import Profile

REGION = "regione"
ATS = "ats"
CENTRE = "centre"
SEAT = "seat"
LEVELS = (REGION, ATS, CENTRE, SEAT)
CHILD_LEVEL = {REGION: ATS, ATS: CENTRE, CENTRE: SEAT}

Cell = tuple[str, int, str, str]


def total(level: str, node: int) -> Cell:
    return (level, node, "", "")


@dataclass
class Tree:
    """The network as monitoring sees it: seats under Centres under ATS under the Region."""

    seat_centre: dict[int, int] = field(default_factory=dict)
    centre_ats: dict[int, int] = field(default_factory=dict)
    names: dict[tuple[str, int], str] = field(default_factory=dict)

    def parent(self, level: str, node: int) -> tuple[str, int] | None:
        if level == SEAT:
            return (CENTRE, self.seat_centre[node])
        if level == CENTRE:
            return (ATS, self.centre_ats[node])
        if level == ATS:
            return (REGION, 0)
        return None

    def children(self, level: str, node: int) -> list[int]:
        if level == REGION:
            return sorted(set(self.centre_ats.values()), key=lambda n: self.names.get((ATS, n), ""))
        if level == ATS:
            return sorted((c for c, a in self.centre_ats.items() if a == node), key=lambda n: self.names[(CENTRE, n)])
        if level == CENTRE:
            return sorted((s for s, c in self.seat_centre.items() if c == node), key=lambda n: self.names[(SEAT, n)])
        return []

    def nodes(self) -> Iterable[tuple[str, int]]:
        yield (REGION, 0)
        for a in sorted(set(self.centre_ats.values())):
            yield (ATS, a)
        for c in sorted(self.centre_ats):
            yield (CENTRE, c)
        for s in sorted(self.seat_centre):
            yield (SEAT, s)

    def digest(self) -> str:
        """The shape of the network (seat → Centre → ATS): stored figures are keyed on it."""
        import hashlib

        shape = repr((sorted(self.seat_centre.items()), sorted(self.centre_ats.items())))
        return hashlib.sha256(shape.encode()).hexdigest()[:16]

    def centre_of(self, level: str, node: int) -> int | None:
        if level == CENTRE:
            return node
        if level == SEAT:
            return self.seat_centre[node]
        return None


def network_tree() -> Tree:
    from network.models import Seat
    from territory.models import Ats

    tree = Tree()
    rows = Seat.objects.values_list("id", "name", "centre_id", "centre__name", "centre__ats_id")
    for seat_id, seat_name, centre_id, centre_name, ats_id in rows:
        tree.seat_centre[seat_id] = centre_id
        tree.centre_ats[centre_id] = ats_id
        tree.names[(SEAT, seat_id)] = seat_name
        tree.names[(CENTRE, centre_id)] = centre_name
    for ats_id, short, name in Ats.objects.filter(pk__in=set(tree.centre_ats.values())).values_list(
        "id", "short_name", "name"
    ):
        tree.names[(ATS, ats_id)] = short or name
    tree.names[(REGION, 0)] = "Regione Lombardia"
    return tree


def _rows(part: Part, period: Period) -> QuerySet[Any]:
    model = apps.get_model(part.model)
    return model._default_manager.filter(part.when(period)).filter(part.where)


def _measure(part: Part) -> Any:
    if part.total:
        return Sum(part.total)
    if part.distinct:
        return Count(part.distinct, distinct=True)
    return Count("pk")


_LEVEL_PATH = {SEAT: "", CENTRE: "__centre", ATS: "__centre__ats"}


def _grouped(part: Part, period: Period, level: str, breakdown: str) -> Iterable[tuple[int, str, int]]:
    """(node id, category, value) rows for one part at one level."""
    qs = _rows(part, period)
    spec = part.breakdowns[breakdown] if breakdown else None
    assert not isinstance(spec, Profile), "reference-person breakdowns go through _profile_cells"
    bfield = spec
    keys = []
    if level != REGION:
        keys.append(f"{part.seat}{_LEVEL_PATH[level]}")
    if bfield:
        keys.append(bfield)
    if not keys:
        value = qs.aggregate(v=_measure(part))["v"] or 0
        yield (0, "", int(value))
        return
    for row in qs.values(*keys).annotate(v=_measure(part)).order_by():
        node = row[keys[0]] if level != REGION else 0
        category = str(row[bfield]) if bfield else ""
        if node is None or (bfield and row[bfield] in (None, "")):
            continue
        yield (node, category, int(row["v"] or 0))


def tree_values(indicator: Indicator, period: Period, tree: Tree) -> dict[Cell, int]:
    """Every cell of the indicator over the whole network: totals and breakdowns at each level."""
    if indicator.kind == RATIO:
        raise ValueError("a ratio has no cells of its own; compute its two terms")
    cells: dict[Cell, int] = defaultdict(int)
    breakdowns = [""] + [b.code for b in indicator.breakdowns]
    for part in indicator.parts:
        people = [b for b in breakdowns if isinstance(part.breakdowns.get(b), Profile)]
        if people:
            cells.update(_profile_cells(part, period, tree, people))
        for breakdown in breakdowns:
            if breakdown not in people:
                _add_cells(cells, indicator, part, period, tree, breakdown)
    for level, node in tree.nodes():  # every node has a total cell, zero when nothing happened
        cells.setdefault(total(level, node), 0)
    return dict(cells)


def _add_cells(
    cells: dict[Cell, int], indicator: Indicator, part: Part, period: Period, tree: Tree, breakdown: str
) -> None:
    if indicator.kind == ADDITIVE:
        for seat, category, value in _grouped(part, period, SEAT, breakdown):
            if seat not in tree.seat_centre:
                continue
            centre = tree.seat_centre[seat]
            for level, node in ((SEAT, seat), (CENTRE, centre), (ATS, tree.centre_ats[centre]), (REGION, 0)):
                cells[(level, node, breakdown, category)] += value
    else:
        assert indicator.kind == DISTINCT and len(indicator.parts) == 1
        for level in LEVELS:
            for node, category, value in _grouped(part, period, level, breakdown):
                cells[(level, node, breakdown, category)] = value


def _profile_cells(part: Part, period: Period, tree: Tree, codes: list[str]) -> dict[Cell, int]:
    """Distinct families by their reference person's category at every level, for the breakdowns
    `codes` of one distinct part: the period's distinct (seat, family) pairs and the members of
    those families (two queries), rolled up as sets so a family counts once per node."""
    assert part.distinct is not None
    specs = {code: part.breakdowns[code] for code in codes}
    for spec in specs.values():
        assert isinstance(spec, Profile) and spec.family == part.distinct
    qs = _rows(part, period)
    pairs = {
        (seat, family)
        for seat, family in qs.values_list(part.seat, part.distinct).distinct().order_by()
        if family is not None and seat in tree.seat_centre
    }
    attributes = sorted({s.attribute for s in specs.values() if isinstance(s, Profile)})
    known = profiles.family_categories(qs.values(part.distinct), attributes, period)
    members: dict[Cell, set[Any]] = defaultdict(set)
    for seat, family in pairs:
        centre = tree.seat_centre[seat]
        nodes = ((SEAT, seat), (CENTRE, centre), (ATS, tree.centre_ats[centre]), (REGION, 0))
        found = known.get(family, {})
        for code, spec in specs.items():
            assert isinstance(spec, Profile)
            category = found.get(spec.attribute, profiles.NOT_GIVEN)
            for level, node in nodes:
                members[(level, node, code, category)].add(family)
    return {cell: len(families) for cell, families in members.items()}


def ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(100.0 * numerator / denominator, 1)


def comune_values(indicator: Indicator, period: Period, seat_ids: Iterable[int]) -> dict[int, int]:
    """Values by comune of residence of the family (records without a known comune, such as
    anonymous contacts, are not placed on the map), within the given seats."""
    if indicator.kind == RATIO:
        return {}
    out: dict[int, int] = defaultdict(int)
    seat_ids = list(seat_ids)
    for part in indicator.parts:
        if not part.comune:
            continue
        qs = _rows(part, period).filter(Q(**{f"{part.seat}__in": seat_ids}))
        for row in qs.values(part.comune).annotate(v=_measure(part)).order_by():
            if row[part.comune] is not None:
                out[row[part.comune]] += int(row["v"] or 0)
    return dict(out)
