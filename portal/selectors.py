"""Public reads: only what the network publishes (seats, hours, services), no personal data."""

from typing import Any

from network.models import Centre, Seat


def network_stats() -> dict[str, Any]:
    active = Centre.objects.filter(status=Centre.Status.ACTIVE)
    return {
        "centres": active.count(),
        "hubs": Seat.objects.filter(centre__in=active, kind=Seat.Kind.HUB, is_active=True).count(),
        "spokes": Seat.objects.filter(centre__in=active, kind=Seat.Kind.SPOKE, is_active=True).count(),
    }
