"""Opening hours of a directory entry: written as a person reads them («lun 09:00-12:30»), in the
edit form and in the CSV import; a change by an editor to a published entry waits for review with
the rest; every change audited."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEntry
from directory import schedule
from directory.models import PendingChange, Resource
from tests.personas import Personas

T = dt.time


@pytest.mark.parametrize(
    ("text", "slots", "errors"),
    [
        ("", [], 0),
        ("lun 09:00-12:30", [(0, T(9), T(12, 30))], 0),
        ("mer 14.00 - 18.00; lun 9:00-12:30", [(0, T(9), T(12, 30)), (2, T(14), T(18))], 0),
        ("lunedì 09:00–12:30\nvenerdì 15:00-19:00", [(0, T(9), T(12, 30)), (4, T(15), T(19))], 0),
        ("lun 09:00-12:30; lun 12:30-14:00", [(0, T(9), T(12, 30)), (0, T(12, 30), T(14))], 0),  # touching
        ("lun 12:00-09:00", [], 1),  # closes before it opens
        ("lun 09:00-09:00", [], 1),  # closes when it opens
        ("lun 25:00-26:00", [], 1),
        ("ogni giorno", [], 1),
        ("lun 09:00-12:30; lun 12:00-14:00", [(0, T(9), T(12, 30))], 1),  # overlap
        ("; ".join(["lun 09:00-09:30"] * 29), [], 1),  # too many
    ],
)
def test_parse_hours(text: str, slots: list[schedule.Slot], errors: int) -> None:
    parsed, messages = schedule.parse_hours(text)
    assert parsed == slots and len(messages) == errors


def test_format_is_the_inverse_of_parse() -> None:
    text = "lun 09:00-12:30; mer 14:00-18:00; sab 10:00-12:00"
    assert schedule.format_hours(schedule.parse_hours(text)[0]) == text
    assert schedule.from_json(schedule.to_json(schedule.parse_hours(text)[0])) == schedule.parse_hours(text)[0]


def _form(directory: dict[str, Any], personas: Personas, resource: Resource, **extra: str) -> dict[str, Any]:
    return {
        "name": resource.name,
        "kind": resource.kind,
        "organisation": resource.organisation_id,
        "comune": personas.milano.pk,
        "visibility": resource.visibility,
        "languages": resource.languages,
        "service_areas": [a.pk for a in resource.service_areas.all()],
        "version": resource.version,
        **extra,
    }


def _hours(resource: Resource) -> str:
    return schedule.format_hours((h.weekday, h.opens, h.closes) for h in resource.hours.all())


@pytest.mark.django_db
def test_the_ats_edits_the_hours_in_the_form_and_the_change_is_audited(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    doposcuola = directory["doposcuola"]
    client.force_login(personas.ats_a)
    page = client.get(f"/mappatura/{doposcuola.uuid}/modifica/").content.decode()
    assert "lun 14:30-18:00" in page  # the current hours, as a person reads them
    response = client.post(
        f"/mappatura/{doposcuola.uuid}/modifica/",
        _form(directory, personas, doposcuola, hours="lun 14:30-18:00; gio 14:30-18:00"),
    )
    assert response.status_code == 302
    assert _hours(doposcuola) == "lun 14:30-18:00; gio 14:30-18:00"
    entry = AuditEntry.objects.get(action="directory.resource.hours_changed", object_id=str(doposcuola.pk))
    assert entry.changes == {"hours": ["lun 14:30-18:00", "lun 14:30-18:00; gio 14:30-18:00"]}
    assert entry.actor == personas.ats_a


@pytest.mark.django_db
def test_bad_hours_are_an_italian_message_and_nothing_changes(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    doposcuola = directory["doposcuola"]
    client.force_login(personas.ats_a)
    response = client.post(
        f"/mappatura/{doposcuola.uuid}/modifica/",
        _form(directory, personas, doposcuola, name="Nome nuovo", hours="lun 18:00-14:30"),
    )
    assert response.status_code == 200
    assert "la chiusura deve essere successiva all&#x27;apertura" in response.content.decode()
    doposcuola.refresh_from_db()
    assert doposcuola.name == "Doposcuola del quartiere" and _hours(doposcuola) == "lun 14:30-18:00"


@pytest.mark.django_db
def test_an_editors_new_hours_wait_for_the_ats_review(
    client: Client, personas: Personas, directory: dict[str, Any]
) -> None:
    doposcuola = directory["doposcuola"]
    client.force_login(directory["editor"])
    response = client.post(
        f"/mappatura/{doposcuola.uuid}/modifica/", _form(directory, personas, doposcuola, hours="mar 15:00-19:00")
    )
    assert response.status_code == 302
    change = PendingChange.objects.get(resource=doposcuola)
    assert change.data["__hours__"] == [[1, "15:00", "19:00"]]
    assert _hours(doposcuola) == "lun 14:30-18:00"  # live only after the review
    client.force_login(personas.ats_a)
    assert client.post(f"/mappatura/modifiche/{change.pk}/approve/").status_code == 302
    assert _hours(doposcuola) == "mar 15:00-19:00"


@pytest.mark.django_db
def test_a_new_entry_with_hours_from_the_form(client: Client, personas: Personas, directory: dict[str, Any]) -> None:
    client.force_login(personas.ats_a)
    data = {
        "name": "Biblioteca di quartiere",
        "kind": "biblioteca",
        "organisation": directory["coop"].pk,
        "comune": personas.milano.pk,
        "visibility": "public",
        "hours": "mar 09:00-13:00; gio 14:00-18:00",
    }
    assert client.post("/mappatura/nuova/", data).status_code == 302
    created = Resource.objects.get(name="Biblioteca di quartiere")
    assert _hours(created) == "mar 09:00-13:00; gio 14:00-18:00"
