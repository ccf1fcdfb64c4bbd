"""The search behind long choice lists (core.autocomplete): scoped per role, at most 20 matches,
Italian accent-insensitive prefix of the name or of a word, places and organisations only."""

from django import forms
from django.apps import apps
from django.test import Client

from core import autocomplete
from core.autocomplete import MAX_RESULTS, SOURCES
from network.models import Ente, Seat
from territory.models import Comune
from tests import factories as f
from tests.personas import Personas


def _labels(client: Client, source: str, q: str) -> list[str]:
    response = client.get(f"/scelte/{source}/", {"q": q})
    assert response.status_code == 200
    return [r["label"] for r in response.json()["results"]]


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_berg_finds_bergamo_for_every_role(personas: Personas) -> None:
    for name, user in personas.users().items():
        assert _labels(_client(user), "comuni", "Berg") == ["Bergamo (BG)"], name


def test_match_ignores_case_and_accents_and_finds_words(personas: Personas) -> None:
    f.ComuneFactory(istat_code="097001", cadastral_code="A005", name="Abbadia Lariana", province_abbr="LC")
    f.ComuneFactory(istat_code="016999", cadastral_code="Z999", name="Cà d'Andrea", province_abbr="CR")
    client = _client(personas.op_a1)
    assert _labels(client, "comuni", "ca d") == ["Cà d'Andrea (CR)"]
    assert _labels(client, "comuni", "CÀ") == ["Cà d'Andrea (CR)"]
    assert _labels(client, "comuni", "andr") == ["Cà d'Andrea (CR)"]  # a word after an apostrophe
    assert _labels(client, "comuni", "giovanni") == ["Sesto San Giovanni (MI)"]  # a later word
    assert _labels(client, "comuni", "ergamo") == []  # prefixes only, not any substring
    assert _labels(client, "comuni", "b") == []  # too short: nothing


def test_whole_name_prefixes_come_first_and_at_most_twenty(personas: Personas) -> None:
    for n in range(MAX_RESULTS + 5):
        f.EnteFactory(name=f"Cooperativa Sole {n:02d}")
    f.EnteFactory(name="Sole e Luna")
    names = _labels(_client(personas.regione), "enti", "sole")
    assert len(names) == MAX_RESULTS
    assert names[0] == "Sole e Luna"
    assert Ente.objects.filter(name__contains="Sole").count() == MAX_RESULTS + 6


def test_destinations_are_limited_to_the_users_scope(personas: Personas) -> None:
    a, b = personas.destination_a.name, personas.destination_b.name
    seen = {name: set(_labels(_client(u), "servizi-invio", "consultorio")) for name, u in personas.users().items()}
    assert seen["regione"] >= {a, b} and seen["auditor"] >= {a, b}
    for name in ("ats_a", "coord_a", "admin_a", "op_a1"):
        assert a in seen[name] and b not in seen[name], name
    for name in ("ats_b", "op_b"):
        assert b in seen[name] and a not in seen[name], name


def test_anonymous_and_unknown_lists_are_refused(personas: Personas) -> None:
    assert Client().get("/scelte/comuni/", {"q": "Berg"}).status_code == 401
    assert _client(personas.regione).get("/scelte/famiglie/", {"q": "Ros"}).status_code == 404
    assert _client(personas.regione).post("/scelte/comuni/", {"q": "Berg"}).status_code == 405


def test_sources_are_places_and_organisations_never_personal_data() -> None:
    """Terms travel in the URL (access logs): only directories of places and bodies are searched."""
    from accounts.scoping import READERS

    for slug, source in SOURCES.items():
        model = apps.get_model(source.model)
        assert model._meta.app_label in {"territory", "network"}, slug
        assert model._meta.label_lower not in READERS, slug  # READERS lists the personal-data models


def test_form_fields_opt_in_by_their_model() -> None:
    assert autocomplete.url_for(forms.ModelChoiceField(queryset=Comune.objects.all())) == "/scelte/comuni/"
    assert autocomplete.url_for(forms.ModelChoiceField(queryset=Ente.objects.all())) == "/scelte/enti/"
    assert autocomplete.url_for(forms.ModelChoiceField(queryset=Seat.objects.all())) == ""  # short, scoped
    assert autocomplete.url_for(forms.ModelMultipleChoiceField(queryset=Comune.objects.all())) == ""


def test_a_generic_form_wraps_the_comune_select_for_the_script(personas: Personas) -> None:
    html = _client(personas.coord_a).get("/rete/sedi/nuovo/").content.decode()
    assert 'data-autocomplete="/scelte/comuni/"' in html and "js/autocomplete.js" in html
    assert 'id="id_comune"' in html and "Bergamo (BG)</option>" in html  # the plain select still works
