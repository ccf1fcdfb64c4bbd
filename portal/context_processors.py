from typing import Any

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "PORTAL_ACCESSIBILITY_URL": settings.PORTAL_ACCESSIBILITY_URL,
        "PORTAL_REGION_URL": settings.PORTAL_REGION_URL,
    }
