"""Login: Argon2 hashing in production settings, lockout after repeated failures, no personal data
in what the login writes to logs."""

import logging

import pytest
from django.conf import settings
from django.test import Client

from tests.personas import Personas


def test_production_hasher_is_argon2() -> None:
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_are_http_only_and_expire() -> None:
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.X_FRAME_OPTIONS == "DENY"


def test_account_is_locked_after_five_failed_attempts(personas: Personas, client: Client) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/account/accesso/", {"username": "coord_a", "password": "sbagliata"})
    response = client.post("/account/accesso/", {"username": "coord_a", "password": "password-di-prova-lunga"})
    assert response.status_code == 429
    assert "Accesso temporaneamente bloccato" in response.content.decode()


def test_a_successful_login_resets_the_counter(personas: Personas, client: Client) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/account/accesso/", {"username": "coord_a", "password": "sbagliata"})
    response = client.post("/account/accesso/", {"username": "coord_a", "password": "password-di-prova-lunga"})
    assert response.status_code == 302


def test_login_logs_carry_no_username_or_password(
    personas: Personas, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        client.post("/account/accesso/", {"username": "coord_a", "password": "sbagliata"})
        client.post("/account/accesso/", {"username": "coord_a", "password": "password-di-prova-lunga"})
    text = caplog.text
    assert "coord_a" not in text and "sbagliata" not in text and "password-di-prova-lunga" not in text
