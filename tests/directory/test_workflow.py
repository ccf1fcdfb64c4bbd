"""Graded editing rights (seed 004 pb. 3): an organisation's editor keeps its own entries, a Hub
coordinator proposes, the ATS reviews and publishes; every step audited; changes to a published
entry wait for review where the ATS requires it."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from audit.models import AuditEntry
from common.concurrency import ConflictError
from directory import selectors, services
from directory.models import DirectorySettings, PendingChange, Resource
from tests import factories as f
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def new(directory: dict[str, Any], personas: Personas, **extra: Any) -> Resource:
    fields = {
        "name": "Doposcuola Via Padova",
        "kind": Resource.Kind.DOPOSCUOLA,
        "organisation": directory["coop"],
        "comune": personas.milano,
        "visibility": Resource.Visibility.PUBLIC,
        **extra,
    }
    return Resource(**fields)


def test_editor_adds_a_doposcuola_the_ats_publishes_it_and_a_family_finds_it(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    editor = directory["editor"]
    created = services.create_resource(actor=editor, instance=new(directory, personas))
    assert created.status == Resource.Status.PROPOSED and created.ats == personas.ats_a_obj
    search = client.get("/hsds/v3/services", {"search": "Via Padova"}).json()
    assert search["total_items"] == 0  # not live before the review
    assert "Doposcuola Via Padova" not in client.get("/cerca/", {"q": "doposcuola", "dove": "Milano"}).content.decode()
    with pytest.raises(PermissionDenied):
        services.publish_resource(actor=editor, instance=created)
    with pytest.raises(PermissionDenied):  # another ATS cannot publish it
        services.publish_resource(actor=personas.ats_b, instance=created)
    services.publish_resource(actor=personas.ats_a, instance=created)
    found = client.get("/hsds/v3/services", {"search": "doposcuola"}).json()
    assert "Doposcuola Via Padova" in {s["name"] for s in found["contents"]}
    assert "Doposcuola Via Padova" in set(selectors.public_resources().values_list("name", flat=True))
    portal = client.get("/cerca/", {"q": "doposcuola", "dove": "Milano"}).content.decode()
    assert "Doposcuola Via Padova" in portal and f"/servizi/{created.uuid}/" in portal  # the family finds it
    actions = list(AuditEntry.objects.filter(object_id=str(created.pk)).values_list("action", "actor__username"))
    assert ("directory.resource.created", "editor_coop") in actions
    assert ("directory.resource.updated", "ats_a") in actions


def test_editor_cannot_touch_other_organisations_entries(personas: Personas, directory: dict[str, Any]) -> None:
    editor = directory["editor"]
    with pytest.raises(PermissionDenied):
        services.create_resource(actor=editor, instance=new(directory, personas, organisation=directory["other"]))
    with pytest.raises(PermissionDenied):
        services.update_resource(actor=editor, instance=directory["shelter"], data={"name": "Altro"})


def test_a_change_to_a_published_entry_waits_for_review(personas: Personas, directory: dict[str, Any]) -> None:
    editor, doposcuola = directory["editor"], directory["doposcuola"]
    change = services.update_resource(actor=editor, instance=doposcuola, data={"description": "Nuovi orari"})
    assert isinstance(change, PendingChange)
    doposcuola.refresh_from_db()
    assert doposcuola.description == "Descrizione di Doposcuola del quartiere"  # still the reviewed text
    services.decide_change(actor=personas.ats_a, change=change, approve=True)
    doposcuola.refresh_from_db()
    assert doposcuola.description == "Nuovi orari"
    with pytest.raises(PermissionDenied):
        services.decide_change(actor=personas.ats_a, change=change, approve=False)  # already decided


def test_invalid_proposals_and_stale_versions_are_refused(personas: Personas, directory: dict[str, Any]) -> None:
    editor, doposcuola = directory["editor"], directory["doposcuola"]
    with pytest.raises(ValidationError) as exc:
        services.update_resource(actor=editor, instance=doposcuola, data={"latitude": "48.0", "longitude": "2.3"})
    assert "fuori dalla Lombardia" in str(exc.value)
    with pytest.raises(ConflictError):
        services.update_resource(
            actor=editor, instance=doposcuola, data={"name": "X"}, expected_version=doposcuola.version - 1
        )
    assert not PendingChange.objects.exists()


def test_where_the_ats_does_not_require_review_the_editor_publishes(
    personas: Personas, directory: dict[str, Any]
) -> None:
    DirectorySettings.objects.create(ats=personas.ats_a_obj, review_required=False)
    editor = directory["editor"]
    created = services.create_resource(actor=editor, instance=new(directory, personas))
    assert created.status == Resource.Status.PUBLISHED
    updated = services.update_resource(actor=editor, instance=created, data={"description": "Subito"})
    assert isinstance(updated, Resource) and updated.description == "Subito"


def test_a_hub_coordinator_proposes_in_its_ats_only(personas: Personas, directory: dict[str, Any]) -> None:
    DirectorySettings.objects.create(ats=personas.ats_a_obj, review_required=False)  # coordinators still propose
    created = services.create_resource(actor=personas.coord_a, instance=new(directory, personas))
    assert created.status == Resource.Status.PROPOSED
    with pytest.raises(PermissionDenied):
        services.create_resource(actor=personas.coord_a, instance=new(directory, personas, comune=personas.bergamo))


def test_stale_entries_are_listed(personas: Personas, directory: dict[str, Any]) -> None:
    today = dt.date(2026, 12, 1)
    doposcuola = directory["doposcuola"]
    services.mark_checked(actor=personas.ats_a, instance=doposcuola, on=today - dt.timedelta(days=30))
    stale = set(selectors.stale_resources(personas.ats_a, today=today).values_list("name", flat=True))
    assert "Doposcuola del quartiere" not in stale and "Casa rifugio Aurora" in stale
    services.mark_checked(actor=personas.ats_a, instance=doposcuola, on=today - dt.timedelta(days=366))
    assert selectors.stale_resources(personas.ats_a, today=today).filter(pk=doposcuola.pk).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("languages", "it,xx", "Lingue non riconosciute"),
        ("postal_code", "2012", "5 cifre"),
        ("email", "non-una-mail", "indirizzo email valido"),
        ("website", "ftp//sito", "URL"),
        ("maximum_age", 3, "età massima"),
    ],
)
def test_bad_fields_have_italian_messages(
    personas: Personas, directory: dict[str, Any], field: str, value: Any, message: str
) -> None:
    resource = new(directory, personas, minimum_age=6, **{field: value})
    with pytest.raises(ValidationError) as exc:
        services.create_resource(actor=personas.ats_a, instance=resource)
    assert message.lower() in str(exc.value).lower()


def test_schedules_that_close_before_they_open_are_refused(directory: dict[str, Any]) -> None:
    slot = directory["doposcuola"].hours.model(
        resource=directory["doposcuola"], weekday=1, opens="18:00", closes="9:00"
    )
    with pytest.raises(ValidationError, match="chiusura"):
        slot.full_clean()


def test_org_editor_scope_reads_nothing_of_the_network(personas: Personas, directory: dict[str, Any]) -> None:
    from accounts import scoping
    from network import models as nm

    editor = directory["editor"]
    for model in (nm.Centre, nm.Seat, nm.ServiceOffering, nm.Protocol, nm.ReferralDestination):
        assert not scoping.scoped(editor, model.objects.all()).exists()
    assert set(scoping.scoped(editor, Resource.objects.all(), scoping.CHANGE)) == {directory["doposcuola"]}
    assert f.UserFactory  # factories stay importable with the new role
