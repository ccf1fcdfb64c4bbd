"""Breakdowns by the family's reference person (sex, age band, citizenship) and by service area:
hand-counted values, the same suppression for every view (LP oracle with the exact partition),
shown on the indicator page, in the API and the exports, and fresh after a member changes."""

import datetime as dt
import json

import pytest
from django.test import Client

from families.models import Person
from monitoring import disclosure
from monitoring.catalogue import BY_CODE
from monitoring.figures import compute, groups_for, stored
from monitoring.models import SourceChange
from monitoring.periods import year
from monitoring.selectors import network_tree
from tests.monitoring.fixtures import World, build, family
from tests.monitoring.lp import narrow
from tests.monitoring.test_disclosure import _relations
from tests.personas import Personas


@pytest.fixture
def world(personas: Personas) -> World:
    w = build(personas)
    # F1: a mother born in 1985 (Italian) and her son; F2: a grandfather born in 1950 (Moroccan)
    # and a caregiver with no data; F3: nobody registered (the "invisible").
    Person.objects.create(family=w.f1, role="figlio", sex="M", birth_year=2015, citizenship="italiana")
    Person.objects.create(family=w.f1, role="genitore", sex="F", birth_year=1985, citizenship=" Italiana ")
    Person.objects.create(family=w.f2, role="nonno", sex="M", birth_year=1950, citizenship="Marocco")
    Person.objects.create(family=w.f2, role="altro")
    return w


def _cells(code: str, breakdown: str, level: str = "regione", node: int = 0) -> dict[str, int]:
    figures = compute(BY_CODE[code], year(2025), network_tree())
    return {c: v for (lv, nd, bd, c), v in figures.cells.items() if (lv, nd, bd) == (level, node, breakdown) and v}


def test_families_reached_by_their_reference_person(world: World) -> None:
    # Reached in 2025: F1 (mother, 40, Italian), F2 (grandfather, 75, foreign), F3 (nobody known).
    assert _cells("persone_raggiunte", "sesso") == {"F": 1, "M": 1, "nd": 1}
    assert _cells("persone_raggiunte", "eta") == {"30_44": 1, "65": 1, "nd": 1}
    assert _cells("persone_raggiunte", "cittadinanza") == {"italiana": 1, "straniera": 1, "nd": 1}
    p = world.p
    assert _cells("persone_raggiunte", "sesso", "centre", p.centre_a.pk) == {"F": 1, "M": 1}
    assert _cells("persone_raggiunte", "sesso", "seat", p.spoke_a1.pk) == {"F": 1}
    # The age band follows the period: in 2002 the mother was 17.
    figures = compute(BY_CODE["persone_raggiunte"], year(2002), network_tree())
    assert not any(v for (lv, _n, bd, _c), v in figures.cells.items() if lv == "regione" and bd == "eta")


def test_each_breakdown_adds_up_to_the_total(world: World) -> None:
    for code in ("persone_raggiunte", "utenti_sportello", "partecipanti_interventi", "fragilita"):
        figures = compute(BY_CODE[code], year(2025), network_tree())
        for level, node in network_tree().nodes():
            for b in ("sesso", "eta", "cittadinanza"):
                parts = sum(v for (lv, nd, bd, _c), v in figures.cells.items() if (lv, nd, bd) == (level, node, b))
                assert parts == figures.cells[(level, node, "", "")], (code, level, node, b)


def test_interventions_and_attendances_by_service_area(world: World) -> None:
    from families.models import Intervention

    area = Intervention.objects.filter(scheda__family=world.f1).get().service_area
    assert _cells("partecipanti_interventi", "area") == {area.code: 2}  # F1 (to 15 January) and F3
    assert _cells("presenze_attivita", "area") == {area.code: 9}  # 2 + 3 anonymous at A1, 4 at hub B


def test_every_breakdown_is_protected_against_an_attacker_who_knows_the_partition(world: World) -> None:
    tree = network_tree()
    for code in ("persone_raggiunte", "utenti_sportello", "partecipanti_interventi", "partecipanti_attivita"):
        ind = BY_CODE[code]
        figures = compute(ind, year(2025), tree)
        assert disclosure.primary(figures.cells, figures.k) <= figures.hidden
        groups = groups_for(ind, figures.cells, tree)
        assert not narrow(figures.cells, figures.hidden, _relations(ind, groups), figures.k), code


def test_page_api_and_exports_hide_the_same_breakdown_cells(world: World, client: Client) -> None:
    p = world.p
    client.force_login(p.coord_a)  # its own Centre: in full
    page = client.get("/monitoraggio/indicatori/persone_raggiunte/?periodo=2025")
    tables = {str(b.code): rows for b, rows in page.context["breakdowns"]}
    assert [(label, s.text) for label, s in tables["sesso"]] == [
        ("Femmina", "1"),
        ("Maschio", "1"),
        ("Non indicato", "0"),
    ]
    assert [label for label, s in tables["eta"] if s.value] == ["30–44 anni", "65 anni e oltre"]
    api = client.get("/api/v1/monitoring/values?indicator=persone_raggiunte&period=2025&breakdown=cittadinanza")
    assert {v["category"]: v["value"] for v in api.json()["values"] if v["value"]} == {"italiana": 1, "straniera": 1}
    client.force_login(p.regione)  # outside: every category of one family is hidden, everywhere
    page = client.get(f"/monitoraggio/indicatori/persone_raggiunte/?periodo=2025&livello=centre&nodo={p.centre_a.pk}")
    tables = {str(b.code): rows for b, rows in page.context["breakdowns"]}
    assert [(label, s.text) for label, s in tables["sesso"]] == [
        ("Femmina", "<5"),
        ("Maschio", "<5"),
        ("Non indicato", "0"),
    ]
    api = client.get(
        f"/api/v1/monitoring/values?indicator=persone_raggiunte&period=2025&breakdown=sesso&level=centre&node={p.centre_a.pk}"
    ).json()
    assert {v["category"]: (v["value"], v["hidden"]) for v in api["values"]} == {
        "F": (None, True),
        "M": (None, True),
        "nd": (0, False),
    }
    exported = json.loads(client.get("/monitoraggio/esporta/json/?periodo=2025").content)
    centre_a = next(r for r in exported["breakdowns"] if r["node"] == p.centre_a.pk and r["level"] == "centre")
    assert centre_a["values"]["persone_raggiunte"]["sesso"] == {"F": None, "M": None, "nd": 0}


def test_a_member_added_to_a_reached_family_changes_the_next_view(world: World) -> None:
    ind, period = BY_CODE["persone_raggiunte"], year(2025)
    first = stored(ind, period, network_tree())
    assert first.cells[("regione", 0, "sesso", "nd")] == 1
    Person.objects.create(family=world.f3, role="genitore", sex="F", birth_year=1990)
    again = stored(ind, period, network_tree())
    assert again.cells[("regione", 0, "sesso", "F")] == 2 and again.cells.get(("regione", 0, "sesso", "nd"), 0) == 0
    # A new family's members change nothing until a record reaches it.
    changes = SourceChange.objects.count()
    newcomer = family(world.p, world.p.hub_b, "Nuova")
    Person.objects.create(family=newcomer, role="genitore", sex="M", birth_year=1970)
    assert SourceChange.objects.count() == changes


def test_breakdown_queries_stay_fixed_however_many_families(
    world: World, django_assert_max_num_queries: object
) -> None:
    from monitoring.selectors import tree_values

    tree = network_tree()
    for n in range(5):
        fam = family(world.p, world.p.hub_a, f"Altra {n}")
        Person.objects.create(family=fam, role="genitore", sex="F", birth_year=1980 + n)
        from tests.monitoring.fixtures import contact

        contact(world.p.hub_a, dt.date(2025, 8, 1), "presenza", fam)
    # one query per level for the total, channel and reason; two for the reference person's breakdowns
    with django_assert_max_num_queries(4 * 3 + 2):  # type: ignore[operator]
        tree_values(BY_CODE["persone_raggiunte"], year(2025), tree)


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([], ("nd", "nd", "nd")),
        ([(1, "figlio", 2010, "M", "italiana"), (2, "genitore", 1980, "F", "Romania")], ("F", "45_64", "straniera")),
        ([(1, "nonno", 1940, "M", "ITALIA"), (2, "caregiver", 1960, "F", "")], ("F", "65", "nd")),
        ([(1, "genitore", None, "", "it"), (2, "genitore", 1999, "M", "")], ("M", "18_29", "nd")),
        ([(1, "figlio", 2009, "F", " Italiana ")], ("F", "0_17", "italiana")),
        ([(1, "figlio", 2030, "F", "")], ("F", "nd", "nd")),  # born after the period
    ],
)
def test_the_reference_person_and_its_categories(members: list, expected: tuple[str, str, str]) -> None:
    from monitoring.profiles import category, reference

    ref = reference(members)
    assert tuple(category(a, ref, year(2025)) for a in ("sex", "age", "citizenship")) == expected
