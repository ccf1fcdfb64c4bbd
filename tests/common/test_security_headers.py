"""Security headers (issue #13 § 7), each asserted on a real response of the back office, the
portal and the API."""

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client

from common.security import allow_inline_styles, policy_header, style_hash
from tests.personas import Personas

PAGES = ("/", "/account/accesso/", "/api/v1/openapi.json", "/healthz")


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_a_policy_without_inline_code(client: Client, path: str) -> None:
    policy = _directives(client.get(path).headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_a_document_with_a_style_block_allows_exactly_that_block() -> None:
    html = "<html><head><style>body{color:#111}</style></head><body>x</body></html>"
    response = allow_inline_styles(HttpResponse(html), html)
    extra = response._cpf_csp_style_hashes  # type: ignore[attr-defined]
    assert extra == [style_hash("body{color:#111}")]
    assert _directives(policy_header(extra))["style-src"] == ["'self'", style_hash("body{color:#111}")]
    # the well-known digest of the empty string: the hash is the standard base64 SHA-256
    assert style_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_the_served_carta_allows_its_own_style_block_only(personas: Personas, client: Client) -> None:
    client.force_login(personas.coord_a)
    client.post(f"/mappatura/qualita/carta/{personas.centre_a.pk}/", {"action": "generate"})
    carta = personas.centre_a.carte.get()
    response = client.get(f"/mappatura/qualita/carta/versione/{carta.pk}/")
    css = re.search(r"<style>(.*?)</style>", carta.html, re.DOTALL)
    assert response.status_code == 200 and css is not None
    assert _directives(response.headers["Content-Security-Policy"])["style-src"] == ["'self'", style_hash(css[1])]
    # every other page keeps the strict policy
    assert _directives(client.get("/mappatura/").headers["Content-Security-Policy"])["style-src"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_framing_referrer_permissions_and_opener_headers(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    permissions = dict(p.split("=", 1) for p in response.headers["Permissions-Policy"].split(", "))
    assert permissions["camera"] == "()" and permissions["microphone"] == "()"
    assert permissions["geolocation"] == "(self)"  # the portal's «usa la mia posizione»


@pytest.mark.django_db
def test_hsts_only_over_https(client: Client, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", secure=True)
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_settings_send_hsts_and_secure_cookies() -> None:
    from config.settings import base

    source = (base.BASE_DIR / "config" / "settings" / "production.py").read_text()
    assert 'SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)' in source
    assert "SESSION_COOKIE_SECURE = True" in source and "CSRF_COOKIE_SECURE = True" in source


def test_session_and_csrf_cookies_are_http_only_and_secure_when_asked(personas: Personas, settings: Any) -> None:
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = Client(enforce_csrf_checks=False)
    client.get("/account/accesso/")
    response = client.post("/account/accesso/", {"username": "coord_a", "password": "password-di-prova-lunga"})
    session = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"
    csrf = client.cookies[django_settings.CSRF_COOKIE_NAME]
    assert csrf["secure"]
