from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """Bearer token for integrations (tokens are created on the user's profile page)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# Integrations use tokens; the browser's own pages may call the API with the session (CSRF-checked).
AUTH = [TokenAuth(), django_auth]
