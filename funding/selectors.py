from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from accounts import scoping
from accounts.types import Actor
from funding.models import Allocation, AllocationLine, Fund, ResidualCarry
from territory.models import Ats


def ats_budgets(*, user: Actor, fund: Fund) -> list[dict[str, Any]]:
    """Per ATS in scope: what the fund's allocations assigned, plus residuals carried in
    (D.G.R. 1507/2023, Allegato A, § 4: «a questo finanziamento si aggiungono gli eventuali residui»)."""
    allocated = dict(
        AllocationLine.objects.filter(allocation__fund=fund).values_list("ats_id").annotate(total=Sum("amount"))
    )
    residuals = dict(
        scoping.scoped(user, ResidualCarry.objects.filter(to_fund=fund))
        .values_list("ats_id")
        .annotate(total=Sum("amount"))
    )
    rows = []
    for ats in Ats.objects.order_by("code"):
        if ats.pk in allocated or ats.pk in residuals:
            a, r = allocated.get(ats.pk, Decimal(0)), residuals.get(ats.pk, Decimal(0))
            rows.append({"ats": ats, "allocated": a, "residuals": r, "total": a + r})
    return rows


def allocations_for(*, user: Actor) -> "QuerySet[Allocation]":
    return scoping.scoped(user, Allocation.objects.select_related("fund", "created_by"))


def allocation_table(*, allocation: Allocation) -> dict[str, Any]:
    lines = list(allocation.lines.select_related("ats"))
    labels = [c.get("label") or c["kind"] for c in allocation.components]
    return {
        "lines": lines,
        "component_labels": labels,
        "chart": {"labels": [line.ats.short_name for line in lines], "amounts": [str(line.amount) for line in lines]},
        "total_assigned": sum((line.amount for line in lines), start=allocation.total * 0),
    }
