"""Sessions of the roles that read family records end after inactivity (issue #13 § 7), sliding:
every request moves the deadline; other roles keep their session."""

import time
from typing import Any

import pytest
from django.test import Client

from accounts.middleware import LAST_SEEN
from accounts.scoping import FAMILY_RECORD_ROLES
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def _idle(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


def test_family_record_roles_are_operators_coordinators_and_receiving_services() -> None:
    assert {r.value for r in FAMILY_RECORD_ROLES} == {"spoke_operator", "hub_coordinator", "receiving_service"}


def test_an_operator_idle_beyond_the_limit_is_signed_out_with_the_italian_message(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.CPF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(personas.op_a1)
    assert client.get("/famiglie/").status_code == 200
    _idle(client, 31 * 60)
    response = client.get("/famiglie/")
    assert response.status_code == 302 and response["Location"].startswith("/account/accesso/?next=/famiglie/")
    login_page = client.get(response["Location"]).content.decode()
    assert "Sessione scaduta per inattività" in login_page
    assert client.get("/famiglie/").status_code == 302  # signed out for good


def test_activity_slides_the_deadline(client: Client, personas: Personas, settings: Any) -> None:
    settings.CPF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(personas.coord_a)
    _idle(client, 29 * 60)
    assert client.get("/famiglie/").status_code == 200  # within the limit: the deadline moves
    assert time.time() - client.session[LAST_SEEN] < 5
    _idle(client, 20 * 60)
    assert client.get("/famiglie/").status_code == 200


def test_an_api_call_after_the_limit_has_no_session(client: Client, personas: Personas, settings: Any) -> None:
    settings.CPF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(personas.op_a1)
    client.get("/famiglie/")
    _idle(client, 31 * 60)
    assert client.get("/api/v1/families/").status_code == 401


def test_roles_without_family_records_keep_their_session(client: Client, personas: Personas, settings: Any) -> None:
    settings.CPF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(personas.regione)
    client.get("/monitoraggio/")
    _idle(client, 3 * 3600)
    assert client.get("/monitoraggio/").status_code == 200
