"""The operators' referral form uses the shared directory (issue #12 item 4): the ATS links a
directory entry to a specialist destination of the registry, and the referral form shows that
entry's hours, how to access and languages; only the ATS or the Regione set the link, only to a
destination of the entry's own ATS; entries the operator may not see stay out."""

from typing import Any

import pytest
from django.test import Client

from directory import services
from directory.models import Resource
from tests.families.helpers import make_family
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def _entry_form(personas: Personas, directory: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "name": "Consultorio familiare Niguarda",
        "kind": "consultorio",
        "organisation": directory["other"].pk,
        "comune": personas.milano.pk,
        "visibility": "network",
        "languages": "it,ar",
        "how_to_access": "Su appuntamento, anche per telefono.",
        "hours": "lun 09:00-13:00; gio 14:00-18:00",
        **extra,
    }


def test_the_ats_links_an_entry_and_the_referral_form_shows_its_hours(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    client.force_login(personas.ats_a)
    form = client.get("/mappatura/nuova/").content.decode()
    assert "Servizio specialistico di invio della rete" in form
    data = _entry_form(personas, directory, destination=personas.destination_a.pk)
    assert client.post("/mappatura/nuova/", data).status_code == 302
    entry = Resource.objects.get(name="Consultorio familiare Niguarda")
    assert entry.destination == personas.destination_a
    assert personas.destination_a.name in client.get(f"/mappatura/{entry.uuid}/").content.decode()
    assert client.post(f"/mappatura/{entry.uuid}/publish/").status_code == 302

    family = make_family(personas)
    client.force_login(personas.op_a1)
    page = client.get(f"/famiglie/{family.pk}/invii/nuovo/").content.decode()
    assert 'data-testid="destination-info"' in page
    assert "Consultorio familiare Niguarda" in page and "lun 09:00-13:00; gio 14:00-18:00" in page
    assert "Su appuntamento, anche per telefono." in page and "arabo" in page
    assert f'href="/mappatura/{entry.uuid}/"' in page


def test_only_the_ats_and_the_regione_link_and_only_within_the_ats(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    client.force_login(personas.coord_a)  # a coordinator proposes entries but does not link them
    assert "Servizio specialistico di invio della rete" not in client.get("/mappatura/nuova/").content.decode()
    client.force_login(personas.ats_a)  # another ATS's destination is not among the choices
    response = client.post("/mappatura/nuova/", _entry_form(personas, directory, destination=personas.destination_b.pk))
    assert response.status_code == 200 and not Resource.objects.filter(name="Consultorio familiare Niguarda").exists()
    wrong = Resource(
        name="Consultorio altrove",
        kind=Resource.Kind.CONSULTORIO,
        organisation=directory["other"],
        comune=personas.milano,
        destination=personas.destination_b,
    )
    with pytest.raises(Exception, match="un'altra ATS"):
        services.create_resource(actor=personas.regione, instance=wrong, publish=True)


def test_an_entry_the_operator_may_not_see_is_not_shown(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    shelter = directory["shelter"]  # operators only: an operator sees it
    services.update_resource(actor=personas.regione, instance=shelter, data={"destination": personas.destination_a})
    family = make_family(personas)
    client.force_login(personas.op_a1)
    assert "Casa rifugio Aurora" in client.get(f"/famiglie/{family.pk}/invii/nuovo/").content.decode()
    services.withdraw_resource(actor=personas.regione, instance=shelter)  # withdrawn: nobody reads it there
    assert "Casa rifugio Aurora" not in client.get(f"/famiglie/{family.pk}/invii/nuovo/").content.decode()
