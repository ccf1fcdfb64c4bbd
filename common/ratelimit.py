"""Fixed-window rate limits per client and endpoint, in Django's cache (no third-party service).
One counter per (bucket, client, window): the client is the remote address, hashed with the
secret key, so no IP address is stored in clear. A counter can instead be kept per `subject` (an
e-mail address, a user id), hashed the same way, whatever the client. Used by the login (beside
django-axes' lockout per username), the API's token authentication, the portal's search and forms,
the password-reset request (per client and per address), the invitation and reset links (wrong
links per client) and the two-factor code step (wrong codes per client and per user).

    if not ratelimit.allow(request, "forms", limit=5, window_seconds=600):
        return ratelimit.too_many(request, window_seconds=600)

Behind a reverse proxy REMOTE_ADDR must be the client's address (the proxy sets it; Django does
not trust X-Forwarded-For by itself)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class RateLimited(Exception):
    """Raised where a response cannot be returned (API authentication): answered with 429."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def client_key(request: HttpRequest) -> str:
    addr = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{addr}".encode()).hexdigest()[:24]


def subject_key(subject: str) -> str:
    """A digest of `subject` keyed with the secret key: the cache never holds it in clear."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:subject:{subject}".encode()).hexdigest()[:24]


def _key(request: HttpRequest, bucket: str, window_seconds: int, subject: str | None) -> str:
    who = client_key(request) if subject is None else subject_key(subject)
    return f"rl:{bucket}:{who}:{int(time.time() // window_seconds)}"


def count(request: HttpRequest, bucket: str, window_seconds: int, *, subject: str | None = None) -> int:
    """Requests counted so far for this client (or this subject) in the current window."""
    value = cache.get(_key(request, bucket, window_seconds, subject), 0)
    return int(value)


def hit(request: HttpRequest, bucket: str, window_seconds: int, *, subject: str | None = None) -> int:
    """Count one request for this client (or this subject) in the current window; returns the new count."""
    key = _key(request, bucket, window_seconds, subject)
    if cache.add(key, 1, timeout=window_seconds + 5):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        return 1


def allow(request: HttpRequest, bucket: str, limit: int, window_seconds: int, *, subject: str | None = None) -> bool:
    """Count this request; False when the client (or the subject) is over `limit` in the current window."""
    return hit(request, bucket, window_seconds, subject=subject) <= limit


def retry_after(window_seconds: int) -> int:
    """Seconds until the current window ends (at least 1)."""
    return max(1, window_seconds - int(time.time()) % window_seconds)


def too_many(request: HttpRequest, *, window_seconds: int, template: str = "errors/429.html") -> HttpResponse:
    """The Italian 429 page with Retry-After."""
    wait = retry_after(window_seconds)
    response = render(request, template, {"minutes": max(1, -(-wait // 60))}, status=429)
    response.headers["Retry-After"] = str(wait)
    return response
