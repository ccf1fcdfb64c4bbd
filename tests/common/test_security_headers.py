"""Security headers (issue #13 § 7), each asserted on a real response of the back office, the
portal and the API."""

import re

import pytest
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
