"""Tests for territory/loaders.py on the real reference data shipped in territory/data.

Loading takes a few seconds, so one test loads once and checks everything, then loads again
to prove the loader is idempotent."""

from __future__ import annotations

from django.db.models import Sum

from territory.loaders import load_territory, territory_is_loaded
from territory.models import Asst, Ats, AtsPopulation, Comune, ComunePopulation, PopulationSnapshot

DGR_5464 = "istat-2024-12-31-dgr-5464"


def counts() -> dict[str, int]:
    models = (Ats, Asst, Comune, PopulationSnapshot, ComunePopulation, AtsPopulation)
    return {model.__name__: model.objects.count() for model in models}


def test_load_territory_loads_the_real_lombardy_data_once_and_again_changes_nothing(db: None) -> None:
    assert not territory_is_loaded()
    messages: list[str] = []

    result = load_territory(progress=messages.append)

    # Comuni and ATS.
    assert result["comuni"] == 1501 and result["ats"] == 8
    assert Comune.objects.count() == 1501
    assert sorted(Ats.objects.values_list("code", flat=True)) == [str(code) for code in range(321, 329)]
    assert messages and messages[0].startswith("ATS: 8")

    milano = Comune.objects.select_related("ats").get(istat_code="015146")
    assert (milano.name, milano.cadastral_code, milano.ats.code) == ("Milano", "F205", "321")
    assert milano.is_capoluogo and milano.boundary is not None

    # Population figures per comune, one per snapshot.
    def milano_total(snapshot: str) -> int:
        return ComunePopulation.objects.get(snapshot__code=snapshot, comune=milano).total

    assert milano_total("istat-2023-01-01") == 1_354_196
    assert milano_total("anpr-2026-01") == 1_398_609
    istat_milano = ComunePopulation.objects.get(snapshot__code="istat-2023-01-01", comune=milano)
    assert istat_milano.males + istat_milano.females == 1_354_196
    assert sum(istat_milano.age_bands.values()) == 1_354_196
    assert ComunePopulation.objects.get(snapshot__code="anpr-2026-01", comune=milano).age_bands is None

    # Patron day of a capoluogo from the holidays library; none for other comuni.
    bergamo = Comune.objects.get(istat_code="016024")
    assert bergamo.patron_date == (8, 26)
    assert milano.patron_date == (12, 7)
    assert Comune.objects.get(istat_code="015209").patron_date is None  # Sesto San Giovanni

    # ATS totals from D.G.R. XII/5464.
    decree = AtsPopulation.objects.filter(snapshot__code=DGR_5464)
    assert decree.count() == 8
    assert decree.aggregate(total=Sum("total"))["total"] == 10_012_054
    assert decree.get(ats__code="321").total == 3_474_932
    assert PopulationSnapshot.objects.get(code=DGR_5464).level == PopulationSnapshot.Level.ATS

    assert territory_is_loaded()

    # Idempotent: a second run updates in place and adds nothing.
    first = counts()
    assert load_territory() == result
    assert counts() == first
    assert territory_is_loaded()
    assert Comune.objects.get(istat_code="016024").patron_date == (8, 26)
