"""The HSDS 3.0 API: every endpoint's responses validate against the official schemas, the Page
object, AND-combined parameters, visibility by role, proximity and HSDS-shaped Italian errors."""

from typing import Any

import pytest
from django.test import Client

from directory import hsds
from tests.directory.hsds_schema import openapi, validate, validate_page
from tests.personas import Personas

pytestmark = pytest.mark.django_db

ITEM_SCHEMA = {
    "/services": "service",
    "/organizations": "organization",
    "/taxonomies": "taxonomy",
    "/taxonomy_terms": "taxonomy_term",
    "/service_at_locations": "service_at_location",
}


def get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(f"/hsds/v3{url}", params)
    assert response.status_code == 200, response.content
    return response.json()


def names(page: dict[str, Any]) -> set[str]:
    return {item["name"] if "name" in item else item["location"]["name"] for item in page["contents"]}


def test_every_official_endpoint_is_served_and_validates(client: Client, directory: dict[str, Any]) -> None:
    paths = set(openapi()["paths"])
    doposcuola = directory["doposcuola"]
    ids = {
        "/services/{id}": str(doposcuola.uuid),
        "/organizations/{id}": hsds.organization_id(directory["coop"].pk),
        "/taxonomies/{id}": hsds.TAXONOMY_KINDS,
        "/taxonomy_terms/{id}": hsds.kind_term_id("doposcuola"),
        "/service_at_locations/{id}": hsds.service_at_location_id(doposcuola),
    }
    for path in sorted(paths):
        if path == "/":
            body = get(client, "/")
            assert body["version"] == "3.0" and body["openapi_url"].endswith("/hsds/v3/openapi.json")
        elif path in ITEM_SCHEMA:
            for params in ({}, {"full": "true"}):
                if path.startswith("/taxonom") and params:
                    continue
                page = get(client, path, **params)
                assert page["total_items"] >= 1
                validate_page(page, ITEM_SCHEMA[path])
        else:
            body = get(client, path.replace("{id}", ids[path]))
            schema = {
                "/services/{id}": "service",
                "/organizations/{id}": "organization",
                "/taxonomies/{id}": "taxonomy",
                "/taxonomy_terms/{id}": "taxonomy_term",
                "/service_at_locations/{id}": "service_at_location",
            }[path]
            validate(schema, body)


def test_full_service_is_nested_and_stable(client: Client, directory: dict[str, Any]) -> None:
    doposcuola = directory["doposcuola"]
    body = get(client, f"/services/{doposcuola.uuid}")
    assert body["id"] == str(doposcuola.uuid)
    assert body["organization"]["name"] == "Cooperativa sociale Il Girasole"
    assert body["schedules"][0] | {"byday": "MO", "opens_at": "14:30", "closes_at": "18:00"} == body["schedules"][0]
    assert {lang["code"] for lang in body["languages"]} == {"it", "ar"}
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"][0]["city"] == "Milano" and location["latitude"] == pytest.approx(45.497)
    assert get(client, f"/services/{doposcuola.uuid}") == body  # same ids on every call


def test_search_finds_the_doposcuola_and_combines_with_and(client: Client, directory: dict[str, Any]) -> None:
    assert names(get(client, "/services", search="doposcuola")) == {"Doposcuola del quartiere"}
    coop = hsds.organization_id(directory["coop"].pk)
    other = hsds.organization_id(directory["other"].pk)
    assert names(get(client, "/services", search="doposcuola", organization_id=coop)) == {"Doposcuola del quartiere"}
    assert names(get(client, "/services", search="doposcuola", organization_id=other)) == set()
    term = hsds.area_term_id("poverta-educativa")
    assert names(get(client, "/services", taxonomy_term_id=term)) == {"Doposcuola del quartiere"}
    assert names(get(client, "/services", taxonomy_id=hsds.TAXONOMY_CATALOGUE)) == {"Doposcuola del quartiere"}
    assert get(client, "/services", modified_after="2999-01-01")["total_items"] == 0
    minimal = get(client, "/services", minimal="true")
    assert set(minimal["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_visibility_by_role(client: Client, personas: Personas, directory: dict[str, Any]) -> None:
    anonymous = names(get(client, "/services", per_page="100"))
    assert anonymous == {"Doposcuola del quartiere", "Biblioteca ragazzi"}
    shelter = directory["shelter"]
    assert client.get(f"/hsds/v3/services/{shelter.uuid}").status_code == 404
    assert "Casa rifugio Aurora" not in names(get(client, "/service_at_locations", comune="015146"))
    assert "Casa rifugio Aurora" not in str(get(client, "/organizations", full="true"))
    client.force_login(directory["editor"])  # signed in, not an operator: network but not operators-only
    assert names(get(client, "/services")) >= {"Sportello legale per famiglie"}
    assert "Casa rifugio Aurora" not in names(get(client, "/services"))
    client.force_login(personas.op_a1)
    assert "Casa rifugio Aurora" in names(get(client, "/services"))


def test_bearer_token_and_bad_token(client: Client, personas: Personas, directory: dict[str, Any]) -> None:
    from accounts.services import api_token_create

    raw = api_token_create(user=personas.coord_a, name="hsds")[1]
    body = client.get("/hsds/v3/services", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert "Casa rifugio Aurora" in names(body)
    bad = client.get("/hsds/v3/services", HTTP_AUTHORIZATION="Bearer cpf_nonvalido")
    assert bad.status_code == 401 and bad.json()["status"] == 401


def test_paging(client: Client, directory: dict[str, Any]) -> None:
    first = get(client, "/services", per_page="1")
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (
        2,
        2,
        1,
        True,
        False,
    )
    second = get(client, "/services", per_page="1", page="2")
    assert second["last_page"] and not second["first_page"]
    beyond = get(client, "/services", page="9")
    assert beyond["empty"] and beyond["contents"] == []


def test_proximity_from_a_comune_or_point(client: Client, personas: Personas, directory: dict[str, Any]) -> None:
    near_milan = get(client, "/service_at_locations", comune="015146", proximity="20000")
    assert [c["location"]["name"] for c in near_milan["contents"]] == ["Doposcuola del quartiere"]
    validate_page(near_milan, "service_at_location")
    wide = get(client, "/service_at_locations", lat="45.69673", long="9.66393", proximity="100000")
    assert [c["location"]["name"] for c in wide["contents"]] == ["Biblioteca ragazzi", "Doposcuola del quartiere"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/services?page=0", "page"),
        ("/services?page=abc", "page"),
        ("/services?per_page=100000", "per_page"),
        ("/services?per_page=-1", "per_page"),
        ("/services?taxonomy_term_id=not-a-uuid", "taxonomy_term_id"),
        ("/services?modified_after=ieri", "modified_after"),
        ("/services?minimal=forse", "minimal"),
        ("/service_at_locations?comune=999999", "comune"),
        ("/service_at_locations?lat=abc&long=9", "lat"),
        ("/service_at_locations?proximity=1000", "proximity"),
        ("/services/not-a-uuid", "id"),
    ],
)
def test_bad_parameters_are_422_in_hsds_shape(
    client: Client, directory: dict[str, Any], url: str, parameter: str
) -> None:
    response = client.get(f"/hsds/v3{url}")
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422 and body["message"] == "Parametri non validi."
    assert body["errors"][0]["parameter"] == parameter and body["errors"][0]["message"]


@pytest.mark.parametrize(
    "path", ["/services/", "/organizations/", "/taxonomies/", "/taxonomy_terms/", "/service_at_locations/"]
)
def test_unknown_ids_are_404_in_hsds_shape(client: Client, directory: dict[str, Any], path: str) -> None:
    response = client.get(f"/hsds/v3{path}00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "message": "Elemento non trovato.", "errors": []}


def test_openapi_document_is_published(client: Client) -> None:
    document = client.get("/hsds/v3/openapi.json").json()
    assert {"/hsds/v3/services", "/hsds/v3/services/{service_id}", "/hsds/v3/service_at_locations"} <= set(
        document["paths"]
    )
