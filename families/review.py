"""The Centre's review page (the Hub coordinator's home): open schede, referrals waiting for an
answer, open integrated follow-ups, the week's activities and what each seat recorded. Every
query reads through the scoping layer (`families.access.family_scoped`, `scoping.scoped`), so an
operator who opens it sees their seat only; the page reads a fixed number of queries whatever
the Centre holds. Other apps add their part (activities: the week's sessions) with
`register_review_provider`, called from their `AppConfig.ready()`, as for the desk."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Sum
from django.http import HttpRequest
from django.utils import timezone

from accounts import scoping
from accounts.types import Actor
from families.access import family_scoped
from families.models import Contact, IntegratedFollowUp, Referral, Scheda
from network.models import Seat

LIST_LIMIT = 50
ReviewProvider = Callable[[HttpRequest, dt.date, dt.date], dict[str, Any]]
_providers: list[ReviewProvider] = []


def register_review_provider(fn: ReviewProvider) -> None:
    if fn not in _providers:
        _providers.append(fn)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the day's week."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class SeatRecord:
    """What one seat recorded in the week: contacts (people reached), schede opened, referrals sent."""

    seat: Seat
    contacts: int
    people: int
    schede_opened: int
    referrals_sent: int


@dataclass(frozen=True)
class CentreReview:
    week_start: dt.date
    week_end: dt.date
    open_schede: list[Scheda]
    open_schede_count: int
    waiting_referrals: list[Referral]
    waiting_referrals_count: int
    open_followups: list[IntegratedFollowUp]
    open_followups_count: int
    seats: list[SeatRecord]

    def family_ids(self) -> list[Any]:
        return [
            *(s.family_id for s in self.open_schede),
            *(r.family_id for r in self.waiting_referrals),
            *(f.scheda.family_id for f in self.open_followups),
        ]


def _per_seat(user: Actor, model: Any, date_field: str, seat_path: str, start: dt.date, end: dt.date) -> dict[int, Any]:
    rows = (
        family_scoped(user, model.objects.filter(**{f"{date_field}__range": (start, end)}))
        .values(seat_path)
        .annotate(n=Count("pk"))
    )
    return {row[seat_path]: row["n"] for row in rows}


def centre_review(*, user: Actor, today: dt.date | None = None) -> CentreReview:
    today = today or timezone.localdate()
    start, end = week_of(today)
    schede = (
        family_scoped(user, Scheda.objects.filter(status__in=(Scheda.Status.OPEN, Scheda.Status.ACTIVE)))
        .select_related("family__seat", "operator")
        .order_by("review_on", "opened_on")
    )
    referrals = (
        family_scoped(user, Referral.objects.filter(status__in=Referral.AWAITING))
        .select_related("family", "destination")
        .order_by("respond_by")
    )
    followups = (
        family_scoped(user, IntegratedFollowUp.objects.filter(status=IntegratedFollowUp.Status.OPEN))
        .select_related("scheda__family")
        .order_by("review_on")
    )
    contacts = {
        row["seat"]: row
        for row in family_scoped(user, Contact.objects.filter(date__range=(start, end)))
        .values("seat")
        .annotate(n=Count("pk"), people=Sum("people_count"))
    }
    opened = _per_seat(user, Scheda, "opened_on", "family__seat", start, end)
    sent = _per_seat(user, Referral, "sent_on", "family__seat", start, end)
    seats = scoping.scoped(user, Seat.objects.filter(is_active=True)).select_related("centre").order_by("kind", "name")
    return CentreReview(
        week_start=start,
        week_end=end,
        open_schede=list(schede[:LIST_LIMIT]),
        open_schede_count=schede.count(),
        waiting_referrals=list(referrals[:LIST_LIMIT]),
        waiting_referrals_count=referrals.count(),
        open_followups=list(followups[:LIST_LIMIT]),
        open_followups_count=followups.count(),
        seats=[
            SeatRecord(
                seat=seat,
                contacts=contacts.get(seat.pk, {}).get("n", 0),
                people=contacts.get(seat.pk, {}).get("people") or 0,
                schede_opened=opened.get(seat.pk, 0),
                referrals_sent=sent.get(seat.pk, 0),
            )
            for seat in seats
        ],
    )


def review_context(request: HttpRequest, start: dt.date, end: dt.date) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for fn in _providers:
        context.update(fn(request, start, end))
    return context
