"""Reads of the family pathway, always through families.access (scope + role gate), with related
rows fetched up front (tests fix their query counts)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from accounts import scoping
from accounts.models import Role
from accounts.types import Actor
from common.pagination import page_of
from families import codes
from families.access import check_family_reader, family_get, family_scoped, may_read_families
from families.models import Consent, Contact, Family, IntegratedFollowUp, Person, Referral, Scheda
from families.search import normalise


def families_for(*, user: Actor, q: str = "") -> "QuerySet[Family]":
    """Families in the user's scope, newest first, or those matching `q` ranked: exact family
    code or fiscal code first, then surnames starting with the term, then names containing it
    (accent- and case-insensitive on `Person.name_key`; a trigram index on PostgreSQL). The
    comune's boundary GeoJSON is never read for a list."""
    qs = (
        family_scoped(user, Family.objects.filter(merged_into__isnull=True))
        .select_related("seat", "comune")
        .defer("comune__boundary")
    )
    term = q.strip()
    if term:
        qs = _search(qs, term)
    return qs.prefetch_related("members")


def _search(qs: "QuerySet[Family]", term: str) -> "QuerySet[Family]":
    people = Person.objects.filter(family=OuterRef("pk"))
    code = term.replace(" ", "").upper()
    exact = Q(code__iexact=term) | Q(Exists(people.filter(fiscal_code=code)))
    words = normalise(term).split()
    named = people
    for word in words:
        named = named.filter(name_key__contains=word)
    match = exact | Q(Exists(named)) | Q(name__icontains=term)
    rank = Case(
        When(exact, then=Value(0)),
        When(Exists(people.filter(name_key__startswith=words[0] if words else term)), then=Value(1)),
        default=Value(2),
    )
    return qs.filter(match).annotate(search_rank=rank).order_by("search_rank", "-created_at", "pk")


def family_page(*, user: Actor, q: str = "", page: Any = 1) -> Page:  # type: ignore[type-arg]
    """One page of families_for() (50 rows; the count is one COUNT over the scoped rows)."""
    return page_of(families_for(user=user, q=q), page)


def family_detail(*, user: Actor, family_id: Any) -> Family:
    qs = Family.objects.select_related("seat__centre__ats", "comune", "merged_into").prefetch_related(
        "members", "consents__recipient_ente", "consents__recipient_destination", "referrals__destination"
    )
    return family_get(user, qs, family_id)


def scheda_detail(*, user: Actor, scheda_id: Any) -> Scheda:
    qs = Scheda.objects.select_related("family__seat__centre", "operator").prefetch_related(
        "interventions__service_area",
        "bodies__ente",
        "changes__actor",
        "followups__partner_destinations",
        "followups__partner_entes",
    )
    return family_get(user, qs, scheda_id)


def referral_detail(*, user: Actor, referral_id: Any) -> Referral:
    qs = Referral.objects.select_related("family__seat__centre", "destination__ente", "consent")
    return family_get(user, qs, referral_id)


def followups_for(*, user: Actor) -> "QuerySet[IntegratedFollowUp]":
    """Integrated follow-ups in the user's scope (none for roles that may not read families)."""
    if not may_read_families(user):
        return IntegratedFollowUp.objects.none()
    return family_scoped(user, IntegratedFollowUp.objects.all())


def followup_detail(*, user: Actor, followup_id: Any) -> IntegratedFollowUp:
    check_family_reader(user)
    qs = IntegratedFollowUp.objects.select_related("scheda__family__seat__centre", "created_by").prefetch_related(
        "partner_destinations", "partner_entes"
    )
    return family_get(user, qs, followup_id)


def person_detail(*, user: Actor, person_id: Any) -> Person:
    return family_get(user, Person.objects.select_related("family__seat__centre"), person_id)


def _duplicate_condition(person: Person) -> Q:
    same = Q(pk__in=[])
    if person.fiscal_code:
        same |= Q(fiscal_code=person.fiscal_code)
    if person.first_name and person.last_name and person.birth_date:
        same |= Q(name_key=normalise(f"{person.last_name} {person.first_name}"), birth_date=person.birth_date)
    return same


def possible_duplicates(*, user: Actor, person: Person) -> "QuerySet[Person]":
    """Members of other families in the user's scope with the same fiscal code, or the same
    name (accents and case folded) and birth date: one query on indexed columns."""
    qs = family_scoped(user, Person.objects.filter(_duplicate_condition(person)).exclude(family_id=person.family_id))
    return qs.filter(family__merged_into__isnull=True).select_related("family")


def duplicates_of_family(*, user: Actor, family: Family) -> dict[Any, list[Person]]:
    """possible_duplicates() for every member of `family` in one query (not one per member)."""
    members = list(family.members.all())
    condition = Q(pk__in=[])
    for member in members:
        condition |= _duplicate_condition(member)
    found: dict[Any, list[Person]] = {m.pk: [] for m in members}
    if not members:
        return found
    qs = family_scoped(user, Person.objects.filter(condition).exclude(family_id=family.pk))
    candidates = list(qs.filter(family__merged_into__isnull=True).select_related("family"))
    for member in members:
        key = normalise(f"{member.last_name} {member.first_name}")
        for other in candidates:
            if (member.fiscal_code and other.fiscal_code == member.fiscal_code) or (
                member.first_name
                and member.last_name
                and member.birth_date
                and other.birth_date == member.birth_date
                and other.name_key == key
            ):
                found[member.pk].append(other)
    return found


@dataclass(frozen=True)
class Worklist:
    contacts_today: list[Contact]
    schede_to_review: list[Scheda]
    overdue_referrals: list[Referral]
    whole_centre: bool
    followups_to_review: list[IntegratedFollowUp] = field(default_factory=list)
    consents_expiring: list[Consent] = field(default_factory=list)


def schede_to_review(*, user: Actor, today: dt.date) -> "QuerySet[Scheda]":
    """Open or active schede in the user's scope whose review date has come, or open without a
    review date for 30 days (the desk's list and the daily reminder count the same rows)."""
    stale = today - dt.timedelta(days=30)
    return family_scoped(user, Scheda.objects.filter(status__in=(Scheda.Status.OPEN, Scheda.Status.ACTIVE))).filter(
        Q(review_on__lte=today) | Q(review_on__isnull=True, opened_on__lte=stale)
    )


def consents_expiring(*, user: Actor, today: dt.date) -> "QuerySet[Consent]":
    """Consents in the user's scope that expire from today to CONSENT_EXPIRY_NOTICE_DAYS ahead and
    are not withdrawn before (the desk's list and the daily reminder count the same rows)."""
    until = today + dt.timedelta(days=codes.CONSENT_EXPIRY_NOTICE_DAYS)
    return family_scoped(
        user, Consent.objects.filter(expires_on__range=(today, until), family__is_anonymised=False)
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=F("expires_on")))


def worklist(*, user: Actor, today: dt.date | None = None) -> Worklist:
    """The operator's desk (their seat) or, for a coordinator, the whole Centre: today's contacts,
    schede to review (review date reached, or open without a date for 30 days), overdue referrals
    and consents about to expire."""
    today = today or timezone.localdate()
    contacts = family_scoped(user, Contact.objects.filter(date=today)).select_related("family", "seat", "operator")
    schede = (
        schede_to_review(user=user, today=today).select_related("family", "operator").order_by("review_on", "opened_on")
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
    consents = consents_expiring(user=user, today=today).select_related("family", "person").order_by("expires_on", "pk")
    scope = scoping.scope_of(user)
    return Worklist(
        contacts_today=list(contacts[:100]),
        schede_to_review=list(schede[:100]),
        overdue_referrals=list(referrals[:100]),
        whole_centre=scope is not None and scope.role == Role.HUB_COORDINATOR,
        followups_to_review=list(followups[:100]),
        consents_expiring=list(consents[:100]),
    )


def destinations_for(*, user: Actor) -> "QuerySet[Any]":
    from network.models import ReferralDestination

    return scoping.scoped(user, ReferralDestination.objects.filter(is_active=True))


def seats_for(*, user: Actor) -> "QuerySet[Any]":
    """Seats where the user may take families in."""
    from network.models import Seat

    return family_scoped(user, Seat.objects.filter(is_active=True)).select_related("centre")


def referrals_received(
    *,
    user: Actor,
    status: str = "",
    urgency: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> "QuerySet[Referral]":
    """Referrals addressed to the receiving service of the user (empty for everybody else),
    filtered by status, urgency and sending date; ordered as the inbox shows them (status, then
    the response deadline) on the (destination, status, respond_by) index."""
    if not scoping.may_act_on_model(user, "families.referral.acknowledge"):
        return Referral.objects.none()
    qs = scoping.scoped(user, Referral.objects.all())
    if status:
        qs = qs.filter(status=status)
    if urgency:
        qs = qs.filter(urgency=urgency)
    if since:
        qs = qs.filter(sent_on__gte=since)
    if until:
        qs = qs.filter(sent_on__lte=until)
    return qs.select_related("family", "destination", "family__seat__centre").order_by("status", "respond_by", "pk")


def contacts_for(*, user: Actor, since: dt.date | None = None, until: dt.date | None = None) -> "QuerySet[Contact]":
    """Contacts in the user's scope (seat or Centre), on the (seat, date) index."""
    qs = family_scoped(user, Contact.objects.all())
    if since:
        qs = qs.filter(date__gte=since)
    if until:
        qs = qs.filter(date__lte=until)
    return qs.select_related("family", "seat")


def referrals_for(
    *, user: Actor, status: str = "", urgency: str = "", since: dt.date | None = None, until: dt.date | None = None
) -> "QuerySet[Referral]":
    """Referrals sent by the user's seat or Centre (the referring side), filtered."""
    qs = family_scoped(user, Referral.objects.all())
    if status:
        qs = qs.filter(status=status)
    if urgency:
        qs = qs.filter(urgency=urgency)
    if since:
        qs = qs.filter(sent_on__gte=since)
    if until:
        qs = qs.filter(sent_on__lte=until)
    return qs.select_related("family", "destination")


def referral_received_detail(*, user: Actor, referral_id: Any) -> Referral:
    """One referral of the inbox with what the service needs to act: its own name, the need,
    the urgency, the sending seat's contacts and the operator who sent it."""
    qs = referrals_received(user=user).select_related(
        "destination__ente", "family__seat__comune", "family__seat__centre", "sent_by"
    )
    return scoping.get_for_user(user, qs.defer("family__seat__comune__boundary"), referral_id)
