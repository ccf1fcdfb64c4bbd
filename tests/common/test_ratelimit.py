"""Rate limits (issue #13 § 7), each asserted: the login per client (beside django-axes' lockout
per username), wrong API tokens, the portal's public forms and search; Italian 429 pages and JSON
with Retry-After."""

import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from accounts.services import api_token_create
from tests.personas import Personas

pytestmark = pytest.mark.django_db
NOW = 1_800_000_030.0  # 30 s into a 60-s window, 30 s into a 600-s window


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("common.ratelimit.time", SimpleNamespace(time=lambda: NOW))


def test_login_attempts_of_one_client_are_limited_whatever_the_username(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.CPF_LOGIN_RATE_LIMIT, settings.CPF_LOGIN_RATE_WINDOW = 3, 600
    codes = [
        client.post("/account/accesso/", {"username": f"utente{i}", "password": "sbagliata"}).status_code
        for i in range(3)
    ]
    assert codes == [200, 200, 200]  # wrong passwords: the form again
    response = client.post("/account/accesso/", {"username": "coord_a", "password": "password-di-prova-lunga"})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "570"
    assert "Troppe richieste" in response.content.decode() and "Riprova tra 10 minuti" in response.content.decode()
    assert client.get("/account/accesso/").status_code == 200  # the page itself still opens
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert (
        other.post("/account/accesso/", {"username": "coord_a", "password": "password-di-prova-lunga"}).status_code
        == 302
    )


def test_wrong_api_tokens_lock_the_client_out_with_json_and_retry_after(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.CPF_API_TOKEN_FAILURE_LIMIT, settings.CPF_API_TOKEN_FAILURE_WINDOW = 3, 600
    _token, raw = api_token_create(user=personas.ats_a, name="integrazione")
    good = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/network/centres", **good).status_code == 200
    for _ in range(3):
        assert client.get("/api/v1/network/centres", HTTP_AUTHORIZATION="Bearer sbagliato").status_code == 401
    response = client.get("/api/v1/network/centres", **good)  # even the right token waits now
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "570"
    assert response.headers["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["detail"] == "Troppe richieste: riprova tra 10 minuti."
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.get("/api/v1/network/centres", **good).status_code == 200


def test_portal_contact_form_is_limited_per_client(client: Client, personas: Personas, settings: Any) -> None:
    settings.PORTAL_FORM_RATE_LIMIT = 2
    url = f"/sedi/{personas.hub_a.pk}/contattami/"
    codes = [client.post(url, {"name": ""}).status_code for _ in range(3)]
    assert codes[:2] != [429, 429] and codes[2] == 429
    last = client.post(url, {"name": ""})
    assert last.headers["Retry-After"] == "570" and "Troppe richieste" in last.content.decode()


def test_portal_search_api_answers_429_json_with_retry_after(client: Client, settings: Any) -> None:
    settings.PORTAL_RATE_LIMIT = 2
    codes = [client.get("/api/v1/portal/search", {"q": "ascolto"}).status_code for _ in range(3)]
    assert codes[2] == 429 and codes[:2] != [429, 429]
    response = client.get("/api/v1/portal/search", {"q": "ascolto"})
    assert response.headers["Retry-After"] == "30"
    assert "Troppe richieste" in json.loads(response.content)["detail"]
