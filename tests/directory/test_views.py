"""Back-office pages of the directory, as a role table, and the editor → review → published flow."""

from typing import Any

import pytest
from django.test import Client

from directory.models import PendingChange, Resource
from tests.personas import Personas

pytestmark = pytest.mark.django_db

# page → personas that get 200 (the others 403, or 302 to the login when anonymous)
PAGES = {
    "/mappatura/": {"regione", "ats_a", "coord_a", "admin_a", "op_a1", "auditor", "editor"},
    "/mappatura/nuova/": {"regione", "ats_a", "coord_a", "editor"},
    "/mappatura/revisione/": {"regione", "ats_a"},
    "/mappatura/da-verificare/": {"regione", "ats_a", "coord_a", "admin_a", "op_a1", "auditor", "editor"},
}
PERSONAS = ("anonymous", "regione", "ats_a", "coord_a", "admin_a", "op_a1", "auditor", "editor")


def login(client: Client, personas: Personas, directory: dict[str, Any], persona: str) -> None:
    if persona == "editor":
        client.force_login(directory["editor"])
    elif persona != "anonymous":
        client.force_login(getattr(personas, persona))


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_by_role(client: Client, personas: Personas, directory: dict[str, Any], persona: str) -> None:
    login(client, personas, directory, persona)
    for url, allowed in PAGES.items():
        status = client.get(url).status_code
        if persona == "anonymous":
            assert status == 302, url
        else:
            assert status == (200 if persona in allowed else 403), (url, status)
    shelter = client.get(f"/mappatura/{directory['shelter'].uuid}/").status_code
    visible = {"regione", "ats_a", "coord_a", "admin_a", "op_a1"}
    assert shelter == (302 if persona == "anonymous" else 200 if persona in visible else 404)


def test_editor_to_published_through_the_pages(client: Client, personas: Personas, directory: dict[str, Any]) -> None:
    client.force_login(directory["editor"])
    data = {
        "name": "Doposcuola San Siro",
        "kind": "doposcuola",
        "organisation": directory["coop"].pk,
        "comune": personas.milano.pk,
        "visibility": "public",
        "is_free": "on",
        "languages": "it,ar",
    }
    response = client.post("/mappatura/nuova/", data)
    created = Resource.objects.get(name="Doposcuola San Siro")
    assert response.status_code == 302 and created.status == "proposed"
    assert client.post(f"/mappatura/{created.uuid}/publish/").status_code == 403
    bad = client.post("/mappatura/nuova/", {**data, "name": "Altro", "email": "x@", "latitude": "48.9"})
    assert bad.status_code == 200 and "Il modulo contiene" in bad.content.decode()
    client.force_login(personas.ats_a)
    assert "Doposcuola San Siro" in client.get("/mappatura/revisione/").content.decode()
    assert client.post(f"/mappatura/{created.uuid}/publish/").status_code == 302
    created.refresh_from_db()
    assert created.status == "published"
    client.logout()
    found = client.get("/hsds/v3/services", {"search": "doposcuola"}).json()
    assert "Doposcuola San Siro" in {s["name"] for s in found["contents"]}
    # a later edit by the editor waits for review, and the page says so
    client.force_login(directory["editor"])
    edit = client.post(
        f"/mappatura/{created.uuid}/modifica/", {**data, "description": "Nuovo", "version": created.version}
    )
    assert edit.status_code == 302 and PendingChange.objects.filter(resource=created).count() == 1
    detail = client.get(f"/mappatura/{created.uuid}/").content.decode()
    assert "Modifiche in attesa di revisione" in detail and "Storico delle modifiche" in detail
