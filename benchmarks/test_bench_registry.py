"""Performance targets (run with `make bench`). Each benchmark asserts its target on the mean."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from network import hours
from network.selectors import centres_for_dashboard
from tests.factories import CentreFactory, OpeningSlotFactory, SeatFactory
from tests.personas import Personas


def _network(seats: int, slots_per_seat: int, seed: int = 1) -> list[list[hours.WeeklySlot]]:
    rng = random.Random(seed)
    result = []
    for _ in range(seats):
        slots = []
        for _ in range(slots_per_seat):
            start = rng.randint(7, 17)
            slots.append(hours.WeeklySlot(rng.randint(0, 5), dt.time(start), dt.time(start + rng.randint(1, 4))))
        result.append(slots)
    return result


def test_network_hours_of_a_large_network_under_5_ms(benchmark: BenchmarkFixture) -> None:
    """A Centre with 50 seats and 10 slots each: the union must stay interactive."""
    network = _network(50, 10)
    result = benchmark(hours.network_weekly_hours, network, dt.date(2026, 11, 23))
    assert result > Decimal(0)
    assert benchmark.stats.stats.mean < 0.005


@pytest.mark.django_db
def test_regional_dashboard_with_90_centres_under_50_ms(benchmark: BenchmarkFixture, personas: Personas) -> None:
    """The Regione's dashboard query over about 90 Centres (the real network size)."""
    for _ in range(88):
        centre = CentreFactory(ats=personas.ats_a_obj)
        seat = SeatFactory(centre=centre, comune=personas.milano)
        OpeningSlotFactory(seat=seat)
    rows = benchmark(lambda: list(centres_for_dashboard(user=personas.regione)))
    assert len(rows) == 90
    assert benchmark.stats.stats.mean < 0.05
