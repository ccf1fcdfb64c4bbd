"""API: create an activity, sign up, cancel with promotion, attendance; bad input is a 422 with
an Italian message, never a 500, and nothing half-saved."""

import json
from typing import Any

import pytest
from django.test import Client

from activities.models import AnonymousHeadcount, Attendance, Registration
from tests import factories as f
from tests.activities.helpers import make_activity, make_family, make_sessions
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def client(personas: Personas) -> Client:
    c = Client()
    c.force_login(personas.op_a1)
    return c


def test_create_sign_up_cancel_and_attendance(personas: Personas, client: Client) -> None:
    area = f.ServiceAreaFactory()
    body = {
        "title": "Aiuto compiti",
        "kind": "aiuto_compiti",
        "area_id": area.pk,
        "seat_id": personas.spoke_a1.pk,
        "targets": ["bambini_6_10"],
        "capacity": 1,
    }
    created = _post(client, "/api/v1/activities/activities", body)
    assert created.status_code == 201, created.content
    activity_id = created.json()["id"]
    first, second = make_family(personas), make_family(personas)
    one = _post(client, f"/api/v1/activities/activities/{activity_id}/registrations", {"family_code": first.code})
    two = _post(client, f"/api/v1/activities/activities/{activity_id}/registrations", {"family_code": second.code})
    assert (one.json()["status"], two.json()["status"]) == ("confermata", "in_attesa")
    cancel = client.post(f"/api/v1/activities/registrations/{one.json()['id']}/cancel")
    assert cancel.status_code == 200
    assert cancel.json()["promoted"]["id"] == two.json()["id"]

    from activities.models import Activity

    (session,) = make_sessions(personas, Activity.objects.get(pk=activity_id))
    ok = _post(client, f"/api/v1/activities/sessions/{session.pk}/attendance", {"present": [two.json()["id"]]})
    assert ok.json() == {"session_id": session.pk, "named_present": 1, "anonymous": 0, "total": 1}


def test_attendance_beyond_capacity_is_422_in_italian_and_nothing_saved(personas: Personas, client: Client) -> None:
    activity = make_activity(personas, capacity=2)
    (session,) = make_sessions(personas, activity)
    regs = [
        _post(
            client,
            f"/api/v1/activities/activities/{activity.pk}/registrations",
            {"family_code": make_family(personas).code},
        )
        for _ in range(2)
    ]
    body = {"present": [r.json()["id"] for r in regs], "headcounts": {"genitori": 1}}
    response = _post(client, f"/api/v1/activities/sessions/{session.pk}/attendance", body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["detail"] == "Dati non validi."
    assert "superano i 2 posti" in json.dumps(payload, ensure_ascii=False)
    assert not Attendance.objects.exists() and not AnonymousHeadcount.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"family_code": "FAM-NONESISTE"}, "Nessuna famiglia con questo codice"),
        ({}, "Indica la famiglia o il nome del partecipante"),
        ({"person_id": "not-a-uuid", "participant_label": "x"}, "Persona non trovata"),
    ],
)
def test_bad_sign_ups_are_422_in_italian(personas: Personas, client: Client, body: dict, message: str) -> None:
    activity = make_activity(personas)
    response = _post(client, f"/api/v1/activities/activities/{activity.pk}/registrations", body)
    assert response.status_code == 422
    assert message in json.dumps(response.json(), ensure_ascii=False)
    assert not Registration.objects.exists()


def test_family_of_another_centre_cannot_be_signed_up(personas: Personas, client: Client) -> None:
    activity = make_activity(personas)
    other = make_family(personas, actor=personas.op_b, seat=personas.hub_b)
    response = _post(client, f"/api/v1/activities/activities/{activity.pk}/registrations", {"family_code": other.code})
    assert response.status_code == 422


def test_bad_headcount_target_and_bad_activity_are_422(personas: Personas, client: Client) -> None:
    activity = make_activity(personas)
    (session,) = make_sessions(personas, activity)
    bad = _post(client, f"/api/v1/activities/sessions/{session.pk}/attendance", {"headcounts": {"marziani": 3}})
    assert bad.status_code == 422 and "Destinatari non validi" in json.dumps(bad.json(), ensure_ascii=False)
    body = {"title": "X", "kind": "laboratorio", "area_id": 999999, "seat_id": personas.spoke_a1.pk, "targets": ["boh"]}
    created = _post(client, "/api/v1/activities/activities", body)
    assert created.status_code == 422
