"""Reads of the family pathway, always through families.access (scope + role gate), with related
rows fetched up front (tests fix their query counts)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import scoping
from accounts.models import Role
from families.access import check_family_reader, family_get, family_scoped, may_read_families
from families.models import Contact, Family, IntegratedFollowUp, Person, Referral, Scheda


def families_for(*, user: Any, q: str = "") -> "QuerySet[Family]":
    qs = family_scoped(user, Family.objects.filter(merged_into__isnull=True)).select_related("seat", "comune")
    if q.strip():
        term = q.strip()
        qs = qs.filter(
            Q(code__iexact=term)
            | Q(name__icontains=term)
            | Q(members__last_name__icontains=term)
            | Q(members__fiscal_code__iexact=term)
        ).distinct()
    return qs.prefetch_related("members")


def family_detail(*, user: Any, family_id: Any) -> Family:
    qs = Family.objects.select_related("seat__centre__ats", "comune", "merged_into").prefetch_related(
        "members", "consents__recipient_ente", "referrals__destination"
    )
    return family_get(user, qs, family_id)


def scheda_detail(*, user: Any, scheda_id: Any) -> Scheda:
    qs = Scheda.objects.select_related("family__seat__centre", "operator").prefetch_related(
        "interventions__service_area",
        "bodies__ente",
        "changes__actor",
        "followups__partner_destinations",
        "followups__partner_entes",
    )
    return family_get(user, qs, scheda_id)


def referral_detail(*, user: Any, referral_id: Any) -> Referral:
    qs = Referral.objects.select_related("family__seat__centre", "destination__ente", "consent")
    return family_get(user, qs, referral_id)


def followups_for(*, user: Any) -> "QuerySet[IntegratedFollowUp]":
    """Integrated follow-ups in the user's scope (none for roles that may not read families)."""
    if not may_read_families(user):
        return IntegratedFollowUp.objects.none()
    return family_scoped(user, IntegratedFollowUp.objects.all())


def followup_detail(*, user: Any, followup_id: Any) -> IntegratedFollowUp:
    check_family_reader(user)
    qs = IntegratedFollowUp.objects.select_related("scheda__family__seat__centre", "created_by").prefetch_related(
        "partner_destinations", "partner_entes"
    )
    return family_get(user, qs, followup_id)


def person_detail(*, user: Any, person_id: Any) -> Person:
    return family_get(user, Person.objects.select_related("family__seat__centre"), person_id)


def possible_duplicates(*, user: Any, person: Person) -> "QuerySet[Person]":
    """Members of other families in the user's scope with the same fiscal code, or the same
    name and birth date."""
    same = Q(pk__in=[])
    if person.fiscal_code:
        same |= Q(fiscal_code=person.fiscal_code)
    if person.first_name and person.last_name and person.birth_date:
        same |= Q(
            first_name__iexact=person.first_name, last_name__iexact=person.last_name, birth_date=person.birth_date
        )
    qs = family_scoped(user, Person.objects.filter(same).exclude(family_id=person.family_id))
    return qs.filter(family__merged_into__isnull=True).select_related("family")


@dataclass(frozen=True)
class Worklist:
    contacts_today: list[Contact]
    schede_to_review: list[Scheda]
    overdue_referrals: list[Referral]
    whole_centre: bool
    followups_to_review: list[IntegratedFollowUp] = field(default_factory=list)


def worklist(*, user: Any, today: dt.date | None = None) -> Worklist:
    """The operator's desk (their seat) or, for a coordinator, the whole Centre: today's contacts,
    schede to review (review date reached, or open without a date for 30 days) and overdue referrals."""
    today = today or timezone.localdate()
    contacts = family_scoped(user, Contact.objects.filter(date=today)).select_related("family", "seat", "operator")
    stale = today - dt.timedelta(days=30)
    schede = (
        family_scoped(user, Scheda.objects.exclude(status=Scheda.Status.CLOSED))
        .filter(Q(review_on__lte=today) | Q(review_on__isnull=True, opened_on__lte=stale))
        .select_related("family", "operator")
        .order_by("review_on", "opened_on")
    )
    referrals = (
        family_scoped(user, Referral.objects.filter(status__in=Referral.AWAITING, respond_by__lt=today))
        .select_related("family", "destination")
        .order_by("respond_by")
    )
    followups = (
        followups_for(user=user)
        .filter(status=IntegratedFollowUp.Status.OPEN, review_on__lt=today)
        .select_related("scheda__family")
        .order_by("review_on")
    )
    scope = scoping.scope_of(user)
    return Worklist(
        contacts_today=list(contacts[:100]),
        schede_to_review=list(schede[:100]),
        overdue_referrals=list(referrals[:100]),
        whole_centre=scope is not None and scope.role == Role.HUB_COORDINATOR,
        followups_to_review=list(followups[:100]),
    )


def destinations_for(*, user: Any) -> "QuerySet[Any]":
    from network.models import ReferralDestination

    return scoping.scoped(user, ReferralDestination.objects.filter(is_active=True))


def seats_for(*, user: Any) -> "QuerySet[Any]":
    """Seats where the user may take families in."""
    from network.models import Seat

    return family_scoped(user, Seat.objects.filter(is_active=True)).select_related("centre")


def referrals_received(*, user: Any) -> "QuerySet[Referral]":
    """Referrals addressed to the receiving service of the user (empty for everybody else)."""
    if not scoping.may_act_on_model(user, "families.referral.acknowledge"):
        return Referral.objects.none()
    return (
        scoping.scoped(user, Referral.objects.all())
        .select_related("family", "destination", "family__seat__centre")
        .order_by("status", "respond_by")
    )


def referral_received_detail(*, user: Any, referral_id: Any) -> Referral:
    return scoping.get_for_user(user, referrals_received(user=user), referral_id)
