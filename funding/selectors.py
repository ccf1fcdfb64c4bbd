from typing import Any

from django.db.models import QuerySet

from accounts import scoping
from funding.models import Allocation


def allocations_for(*, user: Any) -> "QuerySet[Allocation]":
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
