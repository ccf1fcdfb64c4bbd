"""A small OpenID Connect provider living inside the test process, standing in for the Region's
SPID/CIE gateway: discovery, authorization (code bound to nonce, redirect URI and PKCE challenge),
token (single-use codes, client secret, PKCE check, an RS256 id_token really signed with an RSA key
generated at test time), JWKS and userinfo. The relying party's HTTP calls go through `requests`,
which the tests point here (`install`)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://gateway.example.org/oidc"
CLIENT_ID = "cpf-lombardia"
CLIENT_SECRET = "segreto-di-prova"


def _response(url: str, payload: Any, status: int = 200) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(payload).encode()
    response.headers["content-type"] = "application/json"
    response.url = url
    return response


class Provider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "chiave-1"
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.sign_with: rsa.RSAPrivateKey | None = None  # another key: a forged signature
        self.id_token_extra: dict[str, Any] = {}

    @property
    def discovery(self) -> dict[str, str]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "userinfo_endpoint": f"{ISSUER}/userinfo",
            "jwks_uri": f"{ISSUER}/jwks",
        }

    def authorize(self, location: str, claims: dict[str, Any]) -> str:
        """The gateway's login page: the person authenticates; returns the callback path+query."""
        url = urlparse(location)
        assert f"{url.scheme}://{url.netloc}{url.path}" == self.discovery["authorization_endpoint"]
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert params["client_id"] == CLIENT_ID and params["response_type"] == "code"
        assert "openid" in params["scope"].split() and params["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**params, "claims": claims}
        callback = urlparse(params["redirect_uri"])
        return f"{callback.path}?{urlencode({'code': code, 'state': params['state']})}"

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        if url == f"{ISSUER}/.well-known/openid-configuration":
            return _response(url, self.discovery)
        if url == self.discovery["jwks_uri"]:
            jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
            return _response(url, {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]})
        if url == self.discovery["userinfo_endpoint"]:
            token = kwargs["headers"]["Authorization"].removeprefix("Bearer ")
            if token not in self.tokens:
                return _response(url, {"error": "invalid_token"}, 401)
            return _response(url, self.tokens[token])
        raise AssertionError(f"unexpected GET {url}")

    def post(self, url: str, data: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
        assert url == self.discovery["token_endpoint"], url
        data = data or {}
        grant = self.codes.pop(data.get("code", ""), None)
        if grant is None or data.get("client_secret") != CLIENT_SECRET or data.get("client_id") != CLIENT_ID:
            return _response(url, {"error": "invalid_grant"}, 400)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(data["code_verifier"].encode()).digest()).rstrip(b"=")
        assert challenge.decode() == grant["code_challenge"] and data["redirect_uri"] == grant["redirect_uri"]
        now = int(time.time())
        id_claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": secrets.token_hex(8),
            "nonce": grant["nonce"],
            "iat": now,
            "exp": now + 300,
            **self.id_token_extra,
        }
        id_token = jwt.encode(id_claims, self.sign_with or self.key, algorithm="RS256", headers={"kid": self.kid})
        access = secrets.token_urlsafe(16)
        self.tokens[access] = grant["claims"]
        return _response(url, {"access_token": access, "id_token": id_token, "token_type": "Bearer"})


def install(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Provider:
    provider = Provider()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_DISCOVERY_URL = f"{ISSUER}/.well-known/openid-configuration"
    monkeypatch.setattr(requests, "get", provider.get)
    monkeypatch.setattr(requests, "post", provider.post)
    return provider
