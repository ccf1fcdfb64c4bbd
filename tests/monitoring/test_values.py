"""Indicator values against the hand-counted world of fixtures.py, at every level and for
custom periods: distinct across seats and months, anonymous contacts, merged and erased families."""

import datetime as dt

import pytest

from families.services.privacy import family_anonymise
from monitoring import catalogue
from monitoring.periods import Period, custom, month, quarter, year
from monitoring.selectors import ATS, CENTRE, REGION, SEAT, network_tree, total, tree_values
from tests.monitoring.fixtures import World, build
from tests.personas import Personas

Y2025 = year(2025)


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def values(code: str, period: Period = Y2025) -> dict[tuple[str, int, str, str], int]:
    return tree_values(catalogue.BY_CODE[code], period, network_tree())


def test_physical_accesses_count_every_in_person_contact_anonymous_ones_too(world: World) -> None:
    p = world.p
    v = values("accessi_fisici")
    # spoke A1: F1 in March, the merged duplicate in July, one anonymous; hub A: F1 in May; hub B: F3.
    assert v[total(SEAT, p.spoke_a1.pk)] == 3
    assert v[total(SEAT, p.hub_a.pk)] == 1
    assert v[total(SEAT, p.spoke_a2.pk)] == 0
    assert v[total(CENTRE, p.centre_a.pk)] == 4
    assert v[total(ATS, p.ats_b_obj.pk)] == 1
    assert v[total(REGION, 0)] == 5
    assert values("accessi_fisici", year(2024))[total(REGION, 0)] == 1


def test_contacts_by_channel_add_up_to_the_total(world: World) -> None:
    v = values("contatti")
    assert v[total(REGION, 0)] == 8
    by_channel = {c: n for (lv, _n, b, c), n in v.items() if lv == REGION and b == "canale"}
    assert by_channel == {"presenza": 5, "telefono": 1, "email": 1, "social": 1}


def test_people_reached_are_distinct_across_seats_and_months_and_never_anonymous(world: World) -> None:
    p = world.p
    v = values("persone_raggiunte")
    assert v[total(SEAT, p.spoke_a1.pk)] == 1  # F1 (its own contacts and the duplicate's)
    assert v[total(SEAT, p.hub_a.pk)] == 2  # F1 and F2
    assert v[total(CENTRE, p.centre_a.pk)] == 2  # F1 once although at two seats and in three months
    assert v[total(ATS, p.ats_a_obj.pk)] == 2
    assert v[total(CENTRE, p.centre_b.pk)] == 1  # F3; the anonymous social contact does not count
    assert v[total(REGION, 0)] == 3


@pytest.mark.parametrize(
    ("period", "reached", "accesses"),
    [
        (custom(dt.date(2025, 1, 1), dt.date(2025, 3, 31), today=dt.date(2026, 1, 1)), 2, 2),
        (quarter(2025, 2), 2, 2),  # F1 (May), F2 (June); accesses: F1 at hub A, anonymous at spoke A1
        (month(2025, 7), 1, 1),  # the duplicate's contact, now F1's
        (custom(dt.date(2024, 12, 31), dt.date(2025, 2, 1), today=dt.date(2026, 1, 1)), 1, 2),  # F3 twice
    ],
)
def test_custom_periods(world: World, period: Period, reached: int, accesses: int) -> None:
    assert values("persone_raggiunte", period)[total(REGION, 0)] == reached
    assert values("accessi_fisici", period)[total(REGION, 0)] == accesses


def test_a_merged_pair_counts_once_and_an_erased_family_keeps_counting(world: World) -> None:
    before = values("persone_raggiunte")[total(REGION, 0)]
    family_anonymise(actor=world.p.coord_a, family=world.f2)
    assert values("persone_raggiunte")[total(REGION, 0)] == before == 3


def test_pathway_indicators(world: World) -> None:
    p = world.p
    assert values("partecipanti_interventi")[total(REGION, 0)] == 2  # F1 (until 15 January) and F3
    assert values("partecipanti_interventi", quarter(2025, 2))[total(REGION, 0)] == 1  # F3 only
    assert values("partecipanti_interventi", year(2024))[total(CENTRE, p.centre_a.pk)] == 1
    fragile = values("fragilita")
    assert fragile[total(REGION, 0)] == 1
    assert fragile[(REGION, 0, "fragilita", "violenza")] == 1
    assert values("famiglie_integrate")[total(ATS, p.ats_b_obj.pk)] == 1
    referrals = values("invii")
    assert referrals[total(REGION, 0)] == 1  # the withdrawn one is not counted
    assert referrals[(CENTRE, p.centre_a.pk, "destinazione", p.destination_a.kind)] == 1


def test_activity_indicators(world: World) -> None:
    p = world.p
    assert values("incontri_organizzati")[total(REGION, 0)] == 3  # the cancelled session is not counted
    assert values("presenze_attivita")[total(REGION, 0)] == 2 + 3 + 4
    assert values("presenze_attivita")[total(SEAT, p.spoke_a1.pk)] == 5
    assert values("partecipanti_attivita")[total(REGION, 0)] == 1  # F1; anonymous headcounts never
    assert values("partecipanti_formazione")[total(REGION, 0)] == 4
    assert values("partecipanti_gruppo")[total(REGION, 0)] == 5


def test_the_catalogue_covers_spec_section_6_and_seed_002() -> None:
    codes = {i.code for i in catalogue.INDICATORS}
    assert {
        "accessi_fisici",
        "persone_raggiunte",
        "partecipanti_interventi",
        "invii",
        "famiglie_integrate",
        "incontri_organizzati",
        "partecipanti_attivita",
        "quota_partecipanti",
        "fragilita",
        "utenti_sportello",
        "partecipanti_formazione",
        "partecipanti_gruppo",
    } <= codes
    for ind in catalogue.INDICATORS:
        assert ind.definition and ind.counts and ind.unit
        assert (ind.kind == catalogue.RATIO) == (ind.ratio_of is not None)


def test_values_take_a_fixed_number_of_queries(world: World, django_assert_max_num_queries: object) -> None:
    tree = network_tree()
    # one per level for the total, channel and reason; two for sex, age band and citizenship together
    with django_assert_max_num_queries(4 * 3 + 2):  # type: ignore[operator]
        tree_values(catalogue.BY_CODE["persone_raggiunte"], Y2025, tree)
