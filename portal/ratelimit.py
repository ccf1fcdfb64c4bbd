"""Per-client rate limits for the public portal, in Django's cache (no third-party service).
The client is the remote address, hashed: no IP address is stored in clear."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest) -> str:
    addr = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{addr}".encode()).hexdigest()[:24]


def allow(request: HttpRequest, bucket: str, limit: int, window_seconds: int) -> bool:
    """Count this request in the current window; False when the client is over `limit`."""
    window = int(time.time() // window_seconds)
    key = f"portal-rl:{bucket}:{client_key(request)}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window_seconds + 5)
        return True
    return count <= limit
