"""Monitoring pages and API for every persona: which node each role sees (404 outside the
scope, 403 for roles without figures), suppression applied by role, bad periods in Italian."""

import pytest
from django.test import Client

from accounts.models import Role
from tests import factories as f
from tests.monitoring.fixtures import World, build
from tests.personas import Personas

PERSONAS = ("regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor")


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def _nodes(p: Personas) -> dict[str, tuple[str, int]]:
    return {
        "region": ("regione", 0),
        "ats_a": ("ats", p.ats_a_obj.pk),
        "ats_b": ("ats", p.ats_b_obj.pk),
        "centre_a": ("centre", p.centre_a.pk),
        "centre_b": ("centre", p.centre_b.pk),
        "hub_a": ("seat", p.hub_a.pk),
        "spoke_a1": ("seat", p.spoke_a1.pk),
        "hub_b": ("seat", p.hub_b.pk),
    }


_A = {"ats_a", "centre_a", "hub_a", "spoke_a1"}
_B = {"ats_b", "centre_b", "hub_b"}
VISIBLE = {
    "regione": {"region"} | _A | _B,
    "auditor": {"region"} | _A | _B,
    "ats_a": _A,
    "ats_b": _B,
    "coord_a": _A - {"ats_a"},
    "admin_a": _A - {"ats_a"},
    "op_a1": {"spoke_a1"},
    "op_b": {"hub_b"},
}
PAGES = ("/monitoraggio/", "/monitoraggio/indicatori/persone_raggiunte/")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_each_role_sees_exactly_its_nodes(
    personas: Personas, world: World, client: Client, persona: str, page: str
) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get(page + "?periodo=2025").status_code == 200  # the top of the role's scope
    for label, (level, node) in _nodes(personas).items():
        status = client.get(f"{page}?periodo=2025&livello={level}&nodo={node}").status_code
        assert status == (200 if label in VISIBLE[persona] else 404), (persona, label)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_follows_the_same_scope(personas: Personas, world: World, client: Client, persona: str) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get("/api/v1/monitoring/indicators").status_code == 200
    for label, (level, node) in _nodes(personas).items():
        url = f"/api/v1/monitoring/values?indicator=accessi_fisici&period=2025&level={level}&node={node}"
        assert client.get(url).status_code == (200 if label in VISIBLE[persona] else 404), (persona, label)


def test_roles_without_figures_and_anonymous_visitors_are_refused(personas: Personas, client: Client) -> None:
    assert client.get("/monitoraggio/").status_code == 302
    assert client.get("/api/v1/monitoring/values?indicator=contatti").status_code == 401
    receiving = f.UserFactory(username="servizio", role=Role.RECEIVING_SERVICE, destination=personas.destination_a)
    client.force_login(receiving)
    assert client.get("/monitoraggio/").status_code == 403
    assert client.get("/api/v1/monitoring/values?indicator=contatti").status_code == 403


def test_small_groups_are_hidden_outside_the_owning_centre(personas: Personas, world: World, client: Client) -> None:
    p = personas
    client.force_login(p.regione)
    body = client.get(f"/monitoraggio/indicatori/persone_raggiunte/?periodo=2025&livello=centre&nodo={p.centre_a.pk}")
    assert body.context["current"].hidden and body.context["current"].text == "<5"
    assert "<5" in body.content.decode() or "&lt;5" in body.content.decode()
    api = client.get(
        f"/api/v1/monitoring/values?indicator=persone_raggiunte&period=2025&level=centre&node={p.centre_a.pk}"
    ).json()
    assert api["values"][0] == {**api["values"][0], "value": None, "hidden": True, "text": "<5"}
    # The coordinator of Centre A sees its own figures: two families.
    client.force_login(p.coord_a)
    own = client.get("/api/v1/monitoring/values?indicator=persone_raggiunte&period=2025").json()
    assert own["values"][0]["value"] == 2 and not own["values"][0]["hidden"]
    # Accesses are not people: published in full.
    client.force_login(p.regione)
    acc = client.get("/api/v1/monitoring/values?indicator=accessi_fisici&period=2025").json()
    assert acc["values"][0]["value"] == 5


def test_a_record_saved_now_is_in_the_next_view(personas: Personas, world: World, client: Client) -> None:
    from tests.monitoring.fixtures import contact

    client.force_login(personas.coord_a)
    url = "/api/v1/monitoring/values?indicator=accessi_fisici&period=2025"
    before = client.get(url).json()["values"][0]["value"]
    import datetime as dt

    contact(personas.spoke_a2, dt.date(2025, 9, 1), "presenza")
    assert client.get(url).json()["values"][0]["value"] == before + 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("dal=31/03/2025&al=01/01/2025", "Il periodo termina prima di iniziare"),
        ("periodo=2099", "Il periodo è nel futuro"),
        ("periodo=abc", "Periodo non valido"),
        ("dal=32/13/2025&al=01/01/2026", "Data non valida"),
        ("dal=01/01/2025", "indica sia la data di inizio sia quella di fine"),
    ],
)
def test_bad_periods_get_an_italian_message_never_a_500(
    personas: Personas, client: Client, query: str, message: str
) -> None:
    client.force_login(personas.regione)
    page = client.get(f"/monitoraggio/?{query}")
    assert page.status_code == 200 and message in page.content.decode()
    api = client.get(
        f"/api/v1/monitoring/values?indicator=contatti&{query.replace('periodo', 'period').replace('dal', 'start').replace('al=', 'end=')}"
    )
    assert api.status_code == 422 and message in str(api.json())


def test_unknown_indicator_node_or_breakdown(personas: Personas, client: Client) -> None:
    client.force_login(personas.regione)
    assert client.get("/monitoraggio/indicatori/nessuno/").status_code == 404
    assert client.get("/monitoraggio/?livello=ats&nodo=x").status_code == 404
    assert client.get("/monitoraggio/?livello=pianeta&nodo=1").status_code == 404
    assert client.get("/api/v1/monitoring/values?indicator=nessuno").status_code == 422
    assert client.get("/api/v1/monitoring/values?indicator=contatti&breakdown=sesso").status_code == 422


def test_reach_per_thousand_inhabitants_by_comune_and_ats(personas: Personas, world: World, client: Client) -> None:
    import datetime as dt

    from territory.models import ComunePopulation, PopulationSnapshot

    p = personas
    snap = PopulationSnapshot.objects.create(
        code="istat-test", label="ISTAT", source="ISTAT", reference_date=dt.date(2025, 1, 1), level="comune"
    )
    ComunePopulation.objects.create(snapshot=snap, comune=p.milano, total=2000)
    ComunePopulation.objects.create(snapshot=snap, comune=p.sesto, total=500)
    ComunePopulation.objects.create(snapshot=snap, comune=p.bergamo, total=4000)
    client.force_login(p.coord_a)  # its own Centre: figures in full
    page = client.get("/monitoraggio/indicatori/persone_raggiunte/?periodo=2025")
    rows = {a.name: (a.shown.value, a.rate) for a in page.context["comuni"]}
    assert rows == {"Milano": (1, "0,50"), "Sesto San Giovanni": (1, "2,00")}  # F2 at Milan, F1 at Sesto
    assert page.context["map_data"]["type"] == "FeatureCollection"
    client.force_login(p.regione)  # outside the Centre: every comune of one family is hidden
    page = client.get("/monitoraggio/indicatori/persone_raggiunte/?periodo=2025")
    assert {a.name: a.rate for a in page.context["comuni"]} == {
        "Bergamo": "n.d.",
        "Milano": "n.d.",
        "Sesto San Giovanni": "n.d.",
    }
    ats = {a.name: a.rate for a in page.context["ats_areas"]}
    assert set(ats) == {p.ats_a_obj.short_name, p.ats_b_obj.short_name}
    accesses = client.get("/monitoraggio/indicatori/accessi_fisici/?periodo=2025").context["ats_areas"]
    by_name = {a.name: (a.shown.value, a.rate) for a in accesses}
    assert by_name[p.ats_b_obj.short_name] == (1, "0,25")  # one access, 4,000 inhabitants in ATS B
