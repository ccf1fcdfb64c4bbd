"""Reads of the registry. Lists and dashboards fetch related rows up front (see tests for the
query counts); all of them start from accounts.scoping."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from accounts import scoping
from accounts.types import Actor
from network import hours
from network.models import Centre, OpeningException, OpeningSlot, Seat, StaffMember
from territory.models import Area, Comune


def _weekly_slots(slots: "list[OpeningSlot]") -> list[hours.WeeklySlot]:
    return [hours.WeeklySlot(s.weekday, s.opens, s.closes, s.valid_from, s.valid_to) for s in slots]


def _exceptions(items: "list[OpeningException]") -> list[hours.DateException]:
    return [hours.DateException(e.day, e.closed, e.opens, e.closes, e.note) for e in items]


def comune_calendar(comune: Comune) -> hours.ItalianHolidays:
    """National holidays plus the comune's patron day (stored, or known for a capoluogo)."""
    patron = comune.patron_date
    if patron is None and comune.is_capoluogo:
        patron = hours.patron_day_for_capoluogo(comune.province_abbr)
    return hours.ItalianHolidays(patron=patron)


def seat_calendar(seat: Seat) -> hours.ItalianHolidays:
    """The holidays of the seat's comune."""
    return comune_calendar(seat.comune)


def seat_hours_summary(*, seat: Seat, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    slots = _weekly_slots(list(seat.opening_slots.all()))
    exceptions = _exceptions(list(seat.opening_exceptions.filter(day__gte=today - dt.timedelta(days=7))))
    calendar = seat_calendar(seat)
    week_start = today - dt.timedelta(days=today.weekday())
    return {
        "slots": seat.opening_slots.all(),
        "exceptions": seat.opening_exceptions.filter(day__gte=today),
        "open_now": hours.is_open_at(now, slots, exceptions, calendar),
        "next_opening": hours.next_opening(now, slots, exceptions, calendar),
        "nominal_weekly_hours": hours.weekly_nominal_hours(slots, today),
        "this_week_hours": hours.week_hours(week_start, slots, exceptions, calendar),
        "upcoming_holidays": [
            (d, name) for d, name in hours.italian_public_holidays(today.year, calendar.patron).items() if d >= today
        ][:4],
    }


def centre_network_hours(*, centre: Centre, on: dt.date) -> tuple[Decimal, bool, list[tuple[Seat, Decimal]]]:
    """Weekly hours of the whole network (union across seats) and per seat (D.G.R. 1507/2023 § 3.3)."""
    seats = list(centre.seats.filter(is_active=True).prefetch_related("opening_slots"))
    per_seat = [(seat, _weekly_slots(list(seat.opening_slots.all()))) for seat in seats]
    slot_sets = [slots for _seat, slots in per_seat]
    return (
        hours.network_weekly_hours(slot_sets, on),
        hours.meets_minimum_opening(slot_sets, on),
        [(seat, hours.weekly_nominal_hours(slots, on)) for seat, slots in per_seat],
    )


def centre_summary(*, user: Actor, centre: Centre) -> dict[str, Any]:
    today = timezone.localdate()
    network_hours, meets_minimum, per_seat = centre_network_hours(centre=centre, on=today)
    staff = list(scoping.scoped(user, StaffMember.objects.filter(centre=centre)))
    profiles = {s.profile for s in staff}
    return {
        "network_hours": network_hours,
        "meets_minimum": meets_minimum,
        "minimum_hours": hours.MIN_NETWORK_WEEKLY_HOURS,
        "seat_hours": per_seat,
        "staff": staff,
        "missing_profiles": [StaffMember.Profile(p).label for p in StaffMember.ESSENTIAL_PROFILES if p not in profiles],
        "has_coordinator": any(s.hub_role == StaffMember.HubRole.COORDINATOR for s in staff),
        "has_admin_lead": any(s.hub_role == StaffMember.HubRole.ADMIN_LEAD for s in staff),
        "protocols": scoping.scoped(user, centre.protocols.all()),
        # A sister seat's page answers 404 to an operator scoped to another seat: its name stays, its link goes.
        "readable_seat_ids": set(scoping.scoped(user, Seat.objects.filter(centre=centre)).values_list("pk", flat=True)),
    }


def centres_for_dashboard(*, user: Actor) -> "QuerySet[Centre]":
    return (
        scoping.scoped(user, Centre.objects.all())
        .select_related("ats", "lead_ente")
        .annotate(seat_count=Count("seats", distinct=True), staff_count=Count("staff", distinct=True))
        .order_by("ats__code", "name")
    )


def ambito_coverage(*, user: Actor) -> list[dict[str, Any]]:
    """Per ATS in scope: the Ambiti with and without a seat (D.G.R. 1507/2023, Allegato A § 3.1: every Ambito/Distretto
    must be covered by a Hub or a Spoke)."""
    ambiti = (
        scoping.scoped(user, Area.objects.ambiti())
        .select_related("ats")
        .prefetch_related(Prefetch("memberships"))
        .order_by("ats__code", "name")
    )
    covered_comuni = set(scoping.scoped(user, Seat.objects.filter(is_active=True)).values_list("comune_id", flat=True))
    by_ats: dict[int, dict[str, Any]] = {}
    for area in ambiti:
        entry = by_ats.setdefault(area.ats_id, {"ats": area.ats, "covered": [], "uncovered": []})
        is_covered = any(mb.comune_id in covered_comuni for mb in area.memberships.all())
        entry["covered" if is_covered else "uncovered"].append(area)
    return list(by_ats.values())
