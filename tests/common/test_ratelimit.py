"""Rate limits (issue #13 § 7), each asserted: the login per client (beside django-axes' lockout
per username), wrong API tokens, the portal's public forms and search; Italian 429 pages and JSON
with Retry-After."""

import json
import re
import time
from types import SimpleNamespace
from typing import Any

import pyotp
import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from accounts import twofactor
from accounts.models import TOTPDevice
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


# --- Password reset, invitation and reset links, two-factor codes ---------------------------------

RESET = "/account/password/dimenticata/"


def _normalised(html: str) -> str:
    """The page without the per-request CSP nonce and CSRF token."""
    html = re.sub(r'(nonce|value)="[^"]*"', r'\1=""', html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": ""', html)


def test_password_reset_requests_are_limited_per_address_whatever_the_client(personas: Personas, settings: Any) -> None:
    settings.CPF_PASSWORD_RESET_RATE_LIMIT, settings.CPF_PASSWORD_RESET_EMAIL_LIMIT = 10, 2
    settings.CPF_PASSWORD_RESET_RATE_WINDOW = 3600
    personas.coord_a.email = "coord@example.org"
    personas.coord_a.save(update_fields=["email"])
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert first.post(RESET, {"email": "coord@example.org"}).status_code == 302
    assert second.post(RESET, {"email": " Coord@Example.org "}).status_code == 302  # the same address
    response = first.post(RESET, {"email": "coord@example.org"})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3570"
    assert "Troppe richieste" in response.content.decode() and "Riprova tra 60 minuti" in response.content.decode()
    assert len(mail.outbox) == 2  # no third message
    assert first.post(RESET, {"email": "altro@example.org"}).status_code == 302  # another address
    keys = [str(key) for key in getattr(cache, "_cache", {})]
    assert keys and not any("coord" in key.lower() or "example" in key for key in keys)


def test_password_reset_requests_are_limited_per_client(personas: Personas, settings: Any) -> None:
    settings.CPF_PASSWORD_RESET_RATE_LIMIT, settings.CPF_PASSWORD_RESET_EMAIL_LIMIT = 2, 10
    settings.CPF_PASSWORD_RESET_RATE_WINDOW = 3600
    client = Client()
    for i in range(2):
        assert client.post(RESET, {"email": f"persona{i}@example.org"}).status_code == 302
    response = client.post(RESET, {"email": "persona9@example.org"})
    assert response.status_code == 429 and response.headers["Retry-After"] == "3570"
    assert "Troppe richieste" in response.content.decode()
    assert client.get(RESET).status_code == 200  # the form itself still opens
    assert Client(REMOTE_ADDR="10.0.0.2").post(RESET, {"email": "persona9@example.org"}).status_code == 302


def test_a_limited_password_reset_says_the_same_whether_or_not_the_address_exists(
    personas: Personas, settings: Any
) -> None:
    settings.CPF_PASSWORD_RESET_RATE_LIMIT, settings.CPF_PASSWORD_RESET_EMAIL_LIMIT = 10, 1
    settings.CPF_PASSWORD_RESET_RATE_WINDOW = 3600
    personas.coord_a.email = "coord@example.org"
    personas.coord_a.save(update_fields=["email"])
    answers = []
    for address in ("coord@example.org", "nessuno@example.org"):
        client = Client()
        allowed = client.post(RESET, {"email": address})
        limited = client.post(RESET, {"email": address})
        answers.append(
            (
                allowed.status_code,
                allowed["Location"],
                limited.status_code,
                limited.headers["Retry-After"],
                _normalised(limited.content.decode()),
            )
        )
    assert answers[0] == answers[1]
    assert answers[0][2] == 429
    assert len(mail.outbox) == 1  # only the existing address got its one message


def test_wrong_invitation_and_reset_links_lock_the_client_out(personas: Personas, settings: Any) -> None:
    from tests.accounts.test_invitations import _invite

    settings.CPF_LINK_FAILURE_LIMIT, settings.CPF_LINK_FAILURE_WINDOW = 2, 600
    _user, link = _invite(personas)
    client = Client()
    assert client.get(link[:-3] + "xx").status_code == 400  # a guessed invitation token
    assert "Il link non è valido" in client.get("/account/password/nuova/MQ/abc-def/").content.decode()
    response = client.get(link)  # even the right link waits now
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "570"
    assert "Troppe richieste" in response.content.decode() and "Riprova tra 10 minuti" in response.content.decode()
    assert client.get("/account/password/nuova/MQ/abc-def/").status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.2")
    opened = other.get(link)
    assert opened.status_code == 302 and opened["Location"] == "/account/invito/password/"


def _enrolled_second_step(personas: Personas, remote_addr: str = "127.0.0.1") -> tuple[Client, Any]:
    from tests.accounts.test_twofactor import PASSWORD, _enrol

    if not twofactor.is_enrolled(personas.op_a1):
        enrolling = Client()
        enrolling.force_login(personas.op_a1)
        totp, _codes = _enrol(enrolling)
    else:
        device = TOTPDevice.objects.get(user=personas.op_a1, confirmed_at__isnull=False)
        totp = pyotp.TOTP(twofactor.device_secret(device))
    client = Client(REMOTE_ADDR=remote_addr)
    response = client.post("/account/accesso/", {"username": "op_a1", "password": PASSWORD})
    assert response["Location"] == "/account/accesso/verifica/"
    return client, totp


def test_wrong_two_factor_codes_count_per_user_across_sign_ins_and_clients(personas: Personas, settings: Any) -> None:
    settings.CPF_TWOFACTOR_FAILURE_LIMIT = 100
    first, _totp = _enrolled_second_step(personas)
    for _ in range(3):
        assert first.post("/account/accesso/verifica/", {"code": "000000"}).status_code == 200
    second, totp = _enrolled_second_step(personas, "10.0.0.2")  # a new sign-in from elsewhere
    for _ in range(2):
        assert second.post("/account/accesso/verifica/", {"code": "000000"}).status_code == 200
    response = second.post("/account/accesso/verifica/", {"code": totp.now()})  # even the right code waits
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "270"
    assert "Troppe richieste" in response.content.decode() and "Riprova tra 5 minuti" in response.content.decode()
    assert "_auth_user_id" not in second.session


def test_wrong_two_factor_codes_count_per_client_whatever_the_user(personas: Personas, settings: Any) -> None:
    settings.CPF_TWOFACTOR_FAILURE_LIMIT, settings.CPF_TWOFACTOR_FAILURE_WINDOW = 2, 600
    client, totp = _enrolled_second_step(personas)
    for _ in range(2):
        assert client.post("/account/accesso/verifica/", {"code": "000000"}).status_code == 200
    response = client.post("/account/accesso/verifica/", {"code": totp.now()})
    assert response.status_code == 429 and response.headers["Retry-After"] == "570"
    assert "Troppe richieste" in response.content.decode()
    other, totp = _enrolled_second_step(personas, "10.0.0.2")  # the user's own tries are not used up
    code = totp.at(time.time() + 30)  # the next step's code (the enrolment spent the current one)
    assert other.post("/account/accesso/verifica/", {"code": code}).status_code == 302
    assert "_auth_user_id" in other.session


def test_switching_two_factor_off_cannot_be_guessed(personas: Personas, settings: Any) -> None:
    from tests.accounts.test_twofactor import _enrol

    settings.CPF_TWOFACTOR_FAILURE_LIMIT = 100
    client = Client()
    client.force_login(personas.op_a1)
    _totp, codes = _enrol(client)
    for _ in range(5):
        assert client.post("/account/due-fattori/disattiva/", {"code": "000000"}).status_code == 302
    response = client.post("/account/due-fattori/disattiva/", {"code": codes[0]})  # a right recovery code
    assert response.status_code == 429 and response.headers["Retry-After"] == "270"
    assert "Troppe richieste" in response.content.decode()
    assert twofactor.is_enrolled(personas.op_a1)
