"""Fixtures shared by the funding tests: the eight ATS of D.G.R. XII/5464 § 4.4 and a fund."""

import datetime as dt

import pytest

from funding.models import Fund
from territory.models import AtsPopulation, PopulationSnapshot
from tests.factories import AtsFactory
from tests.funding.test_allocations import DGR_5464


@pytest.fixture
def eight_ats(db: None) -> PopulationSnapshot:
    snapshot = PopulationSnapshot.objects.create(
        code="dgr-5464",
        label="ISTAT 31/12/2024 per ATS",
        source="D.G.R. XII/5464 § 4.4",
        reference_date=dt.date(2024, 12, 31),
        level=PopulationSnapshot.Level.ATS,
    )
    for code, (population, _amount) in DGR_5464.items():
        AtsPopulation.objects.create(snapshot=snapshot, ats=AtsFactory(code=code, name=f"ATS {code}"), total=population)
    return snapshot


@pytest.fixture
def fund(db: None) -> Fund:
    return Fund.objects.create(
        name="Conciliazione 2025-2027",
        decree_reference="D.G.R. XII/5464 del 09/12/2025",
        start_year=2025,
        end_year=2027,
    )
