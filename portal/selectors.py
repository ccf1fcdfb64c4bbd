"""Public reads: only what the network publishes (seats, hours, services, public activities),
through accounts.scoping.public(); no personal data."""

import datetime as dt
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts import scoping
from accounts.types import Actor
from activities.models import Activity, Registration, Target
from network.models import Centre, Seat, ServiceOffering
from portal import catalogue
from portal.models import CONTACT_REQUEST_RETENTION_DAYS, FEEDBACK_RETENTION_DAYS, SIGNUP_RETENTION_DAYS
from territory.models import Comune


def network_stats() -> dict[str, Any]:
    seats = scoping.public(Seat.objects.all())
    return {
        "centres": Centre.objects.filter(status=Centre.Status.ACTIVE).count(),
        "hubs": seats.filter(kind=Seat.Kind.HUB).count(),
        "spokes": seats.filter(kind=Seat.Kind.SPOKE).count(),
    }


@lru_cache(maxsize=1)
def _comune_names() -> tuple[str, ...]:
    return tuple(Comune.objects.order_by("name").values_list("name", flat=True))


def comune_names() -> tuple[str, ...]:
    """For the «Dove?» suggestions (the real comuni of Lombardy)."""
    return _comune_names()


def seat_offerings(seat: Seat) -> list[ServiceOffering]:
    offerings = list(
        scoping.public(ServiceOffering.objects.filter(seat=seat)).select_related("area").order_by("area__position")
    )
    for off in offerings:
        off.public_area = catalogue.area_name(off.area.code, off.area.name)  # type: ignore[attr-defined]
    return offerings


def upcoming_activities(
    *,
    seat: Seat | None = None,
    comune: Comune | None = None,
    area: str = "",
    since: dt.date | None = None,
    target: str = "",
) -> "QuerySet[Activity]":
    start = timezone.now()
    if since is not None:
        start = max(start, timezone.make_aware(dt.datetime.combine(since, dt.time())))
    qs = scoping.public(Activity.objects.filter(status__in=[Activity.Status.OPEN, Activity.Status.PLANNED]))
    qs = qs.filter(sessions__starts_at__gte=start, sessions__cancelled=False)
    if seat is not None:
        qs = qs.filter(seat=seat)
    if comune is not None:
        qs = qs.filter(Q(place_comune=comune) | Q(place_comune__isnull=True, seat__comune=comune))
    if area:
        qs = qs.filter(area__code=area)
    if target:
        qs = qs.filter(targets__icontains=f'"{target}"')  # a code of the JSON list (SQLite and PostgreSQL)
    return (
        qs.select_related("seat__comune", "area", "place_comune")
        .annotate(
            next_start=_min_start(start),
            confirmed=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED), distinct=True
            ),
        )
        .order_by("next_start", "pk")
        .distinct()[:50]
    )


def _min_start(start: dt.datetime) -> Any:
    from django.db.models import Min

    return Min("sessions__starts_at", filter=Q(sessions__starts_at__gte=start, sessions__cancelled=False))


def public_targets() -> list[tuple[str, str]]:
    """Who an activity is for, as the events filter offers it (not the operators' own training)."""
    return [(code, str(label)) for code, label in Target.choices if code != Target.OPERATORS]


def places_left(activity: Activity) -> int | None:
    if activity.capacity is None:
        return None
    confirmed = activity.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return max(activity.capacity - confirmed, 0)


def seat_json_ld(seat: Seat, offerings: list[ServiceOffering], url: str) -> dict[str, Any]:
    """schema.org GovernmentService offered at a Place (machine-readable seat page)."""
    place: dict[str, Any] = {
        "@type": "Place",
        "name": seat.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": seat.address,
            "postalCode": seat.postal_code,
            "addressLocality": seat.comune.name,
            "addressRegion": "Lombardia",
            "addressCountry": "IT",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][s.weekday],
                "opens": s.opens.strftime("%H:%M"),
                "closes": s.closes.strftime("%H:%M"),
            }
            for s in seat.opening_slots.all()
        ],
    }
    if seat.latitude is not None and seat.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(seat.latitude), "longitude": float(seat.longitude)}
    if seat.phone:
        place["telephone"] = seat.phone
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": seat.centre.name,
        "url": url,
        "serviceType": [o.name for o in offerings],
        "provider": {"@type": "GovernmentOrganization", "name": "Regione Lombardia"},
        "areaServed": {"@type": "AdministrativeArea", "name": seat.centre.ats.name},
        "availableChannel": {"@type": "ServiceChannel", "serviceLocation": place},
        "isAccessibleForFree": True,
    }


def retention() -> dict[str, int]:
    return {
        "contact_requests": CONTACT_REQUEST_RETENTION_DAYS,
        "signups": SIGNUP_RETENTION_DAYS,
        "feedback": FEEDBACK_RETENTION_DAYS,
    }


def open_contact_requests(*, user: Actor) -> list[Any]:
    """The requests to be contacted that the user's seat (or Centre) has still to call back, oldest
    first: the desk's worklist. Through the scoping layer (READERS: who works with families)."""
    from portal.models import ContactRequest

    qs = scoping.scoped(user, ContactRequest.objects.filter(status=ContactRequest.Status.NEW))
    return list(qs.select_related("seat").order_by("created_at")[:100])


# --- the shared directory's public entries (the portal uses the same directory) ------


def public_resource(key: Any) -> Any:
    """A published public entry of the directory (anonymous visibility), or None."""
    from directory.selectors import public_resources

    return (
        public_resources()
        .filter(uuid=key)
        .select_related("organisation", "comune")
        .prefetch_related("hours", "service_areas")
        .first()
    )


def resource_hours(resource: Any, now: dt.datetime | None = None) -> dict[str, Any]:
    """Weekly hours of a directory entry, open now and the next opening (national holidays and the
    comune's patron day closed: the directory records no special openings)."""
    from network import hours
    from network.selectors import comune_calendar

    now = now or timezone.now()
    rows = list(resource.hours.all())
    slots = [hours.WeeklySlot(h.weekday, h.opens, h.closes) for h in rows]
    calendar = comune_calendar(resource.comune)
    today = timezone.localdate(now)
    return {
        "slots": rows,
        "open_now": bool(slots) and hours.is_open_at(now, slots, (), calendar),
        "next_opening": hours.next_opening(now, slots, (), calendar) if slots else None,
        "upcoming_holidays": [d for d in hours.italian_public_holidays(today.year, calendar.patron) if d >= today][:4],
    }


def language_names(resource: Any) -> list[str]:
    from directory.models import LANGUAGES

    return [str(LANGUAGES[code]) for code in resource.language_codes() if code in LANGUAGES]


def resource_json_ld(resource: Any, url: str) -> dict[str, Any]:
    """schema.org Service of another body of the network, offered at a Place."""
    place: dict[str, Any] = {
        "@type": "Place",
        "name": resource.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": resource.address,
            "postalCode": resource.postal_code,
            "addressLocality": resource.comune.name,
            "addressRegion": "Lombardia",
            "addressCountry": "IT",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][h.weekday],
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in resource.hours.all()
        ],
    }
    if resource.latitude is not None and resource.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(resource.latitude),
            "longitude": float(resource.longitude),
        }
    if resource.phone:
        place["telephone"] = resource.phone
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": resource.name,
        "url": url,
        "serviceType": str(resource.get_kind_display()),
        "provider": {"@type": "Organization", "name": resource.organisation.name},
        "availableChannel": {"@type": "ServiceChannel", "serviceLocation": place},
        "isAccessibleForFree": resource.is_free,
    }
    if resource.description:
        data["description"] = resource.description
    return data


def published_carta(centre: Centre) -> Any:
    """The Centre's published carta dei servizi (linked from its seats' pages), or None."""
    from directory import carta

    return carta.published(centre)
