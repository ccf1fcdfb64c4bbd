"""Reads of territory data shared by the back office, the API and the funding engine."""

from typing import Any

from django.db.models import Sum

from territory.models import AtsPopulation, ComunePopulation, PopulationSnapshot


def population_by_ats(snapshot: PopulationSnapshot) -> dict[str, int]:
    """Resident population per ATS code in one snapshot, ordered by code: the ATS figures of a
    snapshot published per ATS, or the sum of its comuni for a snapshot published per comune."""
    rows: Any
    if snapshot.level == PopulationSnapshot.Level.ATS:
        rows = AtsPopulation.objects.filter(snapshot=snapshot).values_list("ats__code", "total").order_by("ats__code")
    else:
        rows = (
            ComunePopulation.objects.filter(snapshot=snapshot)
            .values_list("comune__ats__code")
            .annotate(total=Sum("total"))
            .order_by("comune__ats__code")
        )
    return {code: int(total) for code, total in rows}
