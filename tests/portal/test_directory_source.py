"""The portal searches the shared directory too (issues #11 and #12): another body's public entry
is a result with its own public page; network-only, operators-only, draft and withdrawn entries
never reach the public; the directory's specialist services join the specialist block."""

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from directory import services as directory_services
from directory.models import Resource
from portal import search
from tests.directory.builders import build_directory
from tests.personas import Personas
from tests.portal.helpers import public_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    cache.clear()  # rate-limit counters
    net = public_network(personas)
    return {**net, **build_directory(personas)}


def _names(outcome: search.Outcome) -> list[str]:
    return [r.name for r in outcome.results]


def test_a_public_doposcuola_of_a_cooperative_is_a_result_with_its_page(
    client: Client, personas: Personas, world: dict[str, Any]
) -> None:
    doposcuola = world["doposcuola"]
    outcome = search.search("doposcuola per mio figlio", place=search.place_for(personas.milano))
    hit = next(r for r in outcome.results if r.source == "directory")
    assert hit.name == "Doposcuola del quartiere" and hit.centre == "Cooperativa sociale Il Girasole"
    assert hit.resource_key == str(doposcuola.uuid) and hit.seat_id is None and hit.distance_km is not None
    assert "Spoke A1" in _names(outcome)  # the Centre's own doposcuola is still there
    html = client.get("/cerca/", {"q": "doposcuola", "dove": "Milano"}).content.decode()
    assert f'href="/servizi/{doposcuola.uuid}/"' in html and "Cooperativa sociale Il Girasole" in html


def test_compiti_finds_the_directory_entry_through_its_catalogue_area(
    personas: Personas, world: dict[str, Any]
) -> None:
    # "compiti" is an everyday phrase mapped to poverta-educativa; the entry never says "compiti".
    outcome = search.search("compiti", place=search.place_for(personas.milano))
    assert "Doposcuola del quartiere" in _names(outcome)


@pytest.mark.parametrize("query", ["casa rifugio", "rifugio aurora", "sportello legale", "consulenza legale"])
def test_network_and_operators_only_entries_never_reach_the_public(world: dict[str, Any], query: str) -> None:
    names = _names(search.search(query))
    assert "Casa rifugio Aurora" not in names and "Sportello legale per famiglie" not in names


def test_draft_and_withdrawn_entries_are_not_results(personas: Personas, world: dict[str, Any]) -> None:
    directory_services.withdraw_resource(actor=personas.regione, instance=world["doposcuola"])
    assert "Doposcuola del quartiere" not in _names(search.search("doposcuola"))
    draft = directory_services.create_resource(
        actor=world["editor"],
        instance=Resource(
            name="Doposcuola in bozza",
            kind=Resource.Kind.DOPOSCUOLA,
            organisation=world["coop"],
            comune=personas.milano,
        ),
    )
    assert draft.status != Resource.Status.PUBLISHED
    assert "Doposcuola in bozza" not in _names(search.search("doposcuola"))


def test_the_public_page_of_an_entry_and_404_for_what_is_not_public(
    client: Client, personas: Personas, world: dict[str, Any]
) -> None:
    doposcuola = world["doposcuola"]
    response = client.get(f"/servizi/{doposcuola.uuid}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '"@type": "Service"' in html and "Cooperativa sociale Il Girasole" in html
    assert "lunedì" in html and "14:30–18:00" in html and "arabo" in html and "Via Padova 1" in html
    client.force_login(personas.regione)  # even a signed-in Regione sees only public entries here
    for hidden in (world["shelter"], world["desk"]):
        assert client.get(f"/servizi/{hidden.uuid}/").status_code == 404
    assert client.get("/servizi/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_json_search_names_the_directory_entry(client: Client, personas: Personas, world: dict[str, Any]) -> None:
    body = client.get("/api/v1/portal/search", {"q": "doposcuola", "comune": personas.milano.istat_code}).json()
    entry = next(r["seat"] for r in body["results"] if r["seat"]["source"] == "directory")
    assert entry["id"] is None and entry["resource_id"] == str(world["doposcuola"].uuid)
    assert entry["kind"] == "Doposcuola" and entry["url"].endswith(f"/servizi/{world['doposcuola'].uuid}/")
    seat = next(r["seat"] for r in body["results"] if r["seat"]["source"] == "registry")
    assert seat["id"] is not None and seat["resource_id"] is None and seat["kind"].startswith("Spoke")


def test_filters_apply_to_directory_entries(personas: Personas, world: dict[str, Any]) -> None:
    # The directory records no accessibility of premises: "senza barriere" cannot promise it.
    assert "Doposcuola del quartiere" not in _names(
        search.search("doposcuola", filters=search.Filters(accessible=True))
    )
    other_area = search.Filters(area="invecchiamento-attivo")
    assert "Doposcuola del quartiere" not in _names(search.search("doposcuola", filters=other_area))
    monday_16 = timezone.make_aware(dt.datetime(2026, 11, 30, 16, 0))  # a Monday, not a holiday
    tuesday_16 = monday_16 + dt.timedelta(days=1)
    open_now = search.Filters(open_now=True)
    assert "Doposcuola del quartiere" in _names(search.search("doposcuola", filters=open_now, now=monday_16))
    assert "Doposcuola del quartiere" not in _names(search.search("doposcuola", filters=open_now, now=tuesday_16))
    sant_ambrogio = monday_16 + dt.timedelta(days=7)  # Monday 7 December: Milan's patron day, closed
    assert "Doposcuola del quartiere" not in _names(search.search("doposcuola", filters=open_now, now=sant_ambrogio))


def test_the_directorys_anti_violence_centre_joins_the_specialist_block(
    personas: Personas, world: dict[str, Any]
) -> None:
    directory_services.create_resource(
        actor=personas.regione,
        instance=Resource(
            name="Centro antiviolenza Bergamo Donna",
            kind=Resource.Kind.CAV,
            organisation=world["other"],
            comune=personas.bergamo,
            phone="035 111111",
        ),
        publish=True,
    )
    outcome = search.search("mio marito mi picchia", place=search.place_for(personas.bergamo))
    assert outcome.specialist is not None
    names = [d.name for d in outcome.specialist.destinations]
    assert "Centro antiviolenza Bergamo Donna" in names and "Centro antiviolenza di prova" in names
    assert "Casa rifugio Aurora" not in names


def test_a_shelter_can_never_be_public(personas: Personas, world: dict[str, Any]) -> None:
    shelter = Resource(
        name="Casa rifugio pubblica",
        kind=Resource.Kind.SHELTER,
        organisation=world["other"],
        comune=personas.milano,
        visibility=Resource.Visibility.PUBLIC,
    )
    with pytest.raises(ValidationError) as err:
        directory_services.create_resource(actor=personas.regione, instance=shelter, publish=True)
    assert "visibility" in err.value.message_dict


def test_the_map_points_are_a_list_for_the_map_script(client: Client, world: dict[str, Any]) -> None:
    """The map reads the points from a json_script block: one JSON list (not a string of JSON),
    seats and directory entries with their own pages."""
    html = client.get("/cerca/", {"q": "doposcuola", "dove": "Milano"}).content.decode()
    block = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    points = json.loads(block.group(1))
    assert isinstance(points, list) and points
    urls = {p["url"] for p in points}
    assert f"/servizi/{world['doposcuola'].uuid}/" in urls and any(u.startswith("/sedi/") for u in urls)
