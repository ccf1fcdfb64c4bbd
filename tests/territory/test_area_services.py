import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from audit.models import AuditEntry
from territory.models import AreaMembership
from territory.services import area_set_comuni
from tests.personas import Personas


def test_ats_officer_sets_the_comuni_of_an_ambito(personas: Personas) -> None:
    area_set_comuni(actor=personas.ats_a, area=personas.ambito_a, comuni=[personas.milano, personas.sesto])
    assert set(personas.ambito_a.comuni.all()) == {personas.milano, personas.sesto}
    entry = AuditEntry.objects.get(action="territory.area.comuni_changed")
    assert entry.changes["added"] == [personas.sesto.pk]


def test_comune_of_another_ats_is_refused_and_nothing_changes(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="non appartiene all'ATS"):
        area_set_comuni(actor=personas.regione, area=personas.ambito_a, comuni=[personas.milano, personas.bergamo])
    assert list(personas.ambito_a.comuni.all()) == [personas.milano]


def test_comune_already_in_another_ambito_is_refused(personas: Personas) -> None:
    from tests.factories import AreaFactory

    other = AreaFactory(name="Altro ambito", ats=personas.ats_a_obj)
    with pytest.raises(ValidationError, match="appartiene già a «Ambito Milano»"):
        area_set_comuni(actor=personas.ats_a, area=other, comuni=[personas.milano])
    assert AreaMembership.objects.get(comune=personas.milano).area == personas.ambito_a


@pytest.mark.parametrize("persona", ["ats_b", "coord_a", "op_a1", "auditor"])
def test_roles_without_rights_on_the_ats_cannot_change_ambiti(personas: Personas, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        area_set_comuni(actor=getattr(personas, persona), area=personas.ambito_a, comuni=[])


def test_area_comuni_screen_saves_the_selection(personas: Personas, client: Client) -> None:
    client.force_login(personas.ats_a)
    url = f"/territorio/aree/{personas.ambito_a.pk}/comuni/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"comuni": [personas.milano.pk, personas.sesto.pk]})
    assert response.status_code == 302
    assert personas.ambito_a.comuni.count() == 2
    client.force_login(personas.ats_b)
    assert client.get(url).status_code == 404
