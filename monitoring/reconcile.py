"""Reconciliation of the stored monitoring figures with the records (the `reconcile_monitoring`
command and the nightly `monitoring.reconcile` job, which only checks): the stored dashboard
figures whose key is current but whose values differ, and the locked periods whose approved
snapshot the records no longer give. The report names indicators, periods and Centres, never a
family (no personal data: it goes to the worker's log)."""

from dataclasses import dataclass

from monitoring import disclosure, freshness
from monitoring.approval import centre_figures
from monitoring.catalogue import BY_CODE
from monitoring.figures import compute, from_payload
from monitoring.models import Approval, StoredFigures
from monitoring.periods import Period
from monitoring.selectors import network_tree


def stored_drift() -> list[StoredFigures]:
    """The stored figures whose key is current but whose values differ from the records."""
    tree = network_tree()
    versions = freshness.Versions()
    k = disclosure.threshold()
    out = []
    for row in StoredFigures.objects.order_by("indicator", "period_start"):
        indicator = BY_CODE.get(row.indicator)
        if indicator is None:
            out.append(row)
            continue
        period = Period(row.period_start, row.period_end, row.period_kind)
        if freshness.key_for(indicator, period, tree.digest(), k, versions) != row.key:
            continue  # superseded: never served
        fresh = compute(indicator, period, tree)
        kept = from_payload(indicator, period, tree, row.payload)
        if fresh.cells != kept.cells or fresh.hidden != kept.hidden:
            out.append(row)
    return out


def drift(approval: Approval) -> dict[str, tuple[int, int]]:
    now = centre_figures(approval.centre_id, Period(approval.period_start, approval.period_end, "range"))
    out: dict[str, tuple[int, int]] = {}
    for code, fig in now.items():
        before = int(approval.approved_figures.get(code, {}).get("centre", 0))
        if before != fig["centre"]:
            out[code] = (before, fig["centre"])
    return out


@dataclass(frozen=True)
class Drifted:
    """A locked period whose approved figures differ from a recomputation: indicator → (approved, now)."""

    approval: Approval
    figures: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class Report:
    stale: list[StoredFigures]
    drifted: list[Drifted]

    @property
    def clean(self) -> bool:
        return not self.stale and not self.drifted


def check() -> Report:
    """Compare without changing anything."""
    drifted = []
    for approval in Approval.objects.filter(state__in=Approval.LOCKED).select_related("centre").order_by("pk"):
        diff = drift(approval)
        if diff:
            drifted.append(Drifted(approval=approval, figures=diff))
    return Report(stale=stored_drift(), drifted=drifted)
