"""The network's quality for the ATS and the Regione: the compliance checker per Centre
(pure rules in network.compliance, facts built here from the registry through the scope)."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet

from accounts import scoping
from accounts.types import Actor
from directory import carta as carta_service
from network import compliance as c
from network import selectors as network_selectors
from network.models import Centre, Seat, StaffMember


def centre_facts(centre: Centre, on: dt.date) -> c.CentreFacts:
    seats = [s for s in centre.seats.all() if s.is_active]
    slots = [network_selectors._weekly_slots(list(s.opening_slots.all())) for s in seats]
    staff = []
    for member in centre.staff.all():
        member_seats = list(member.seats.all())
        staff.append(
            c.StaffFact(
                name=str(member),
                profile=member.profile,
                hub_role=member.hub_role,
                qualification=member.qualification,
                seat_kinds=frozenset(s.kind for s in member_seats),
                seat_names=tuple(s.name for s in member_seats),
                active=member.end_date is None or member.end_date >= on,
            )
        )
    offerings = [
        c.OfferingFact(
            name=o.name,
            area_code=o.area.code,
            seat_kind=seat.kind,
            text=" ".join([o.name, o.description, o.target, *(t.name for t in o.tags.all())]),
            active=o.is_active,
        )
        for seat in seats
        for o in seat.offerings.all()
    ]
    protocols = [
        c.ProtocolFact(
            title=p.title,
            party_ids=frozenset(e.pk for e in p.parties.all()),
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )
        for p in centre.protocols.all()
    ]
    partners = {e.pk: e.name for e in centre.partners.all() if e.pk != centre.lead_ente_id}
    published = carta_service.published(centre)
    carta = (
        c.CartaFact(published_on=published.published_at.date(), current=carta_service.is_current(published, on))
        if published and published.published_at
        else None
    )
    return c.CentreFacts(
        name=centre.name,
        on=on,
        seats_slots=slots,
        staff=staff,
        offerings=offerings,
        protocols=protocols,
        partners=partners,
        carta=carta,
    )


def centres_in_scope(user: Actor) -> "QuerySet[Centre]":
    return (
        scoping.scoped(user, Centre.objects.exclude(status=Centre.Status.CLOSED))
        .select_related("ats", "lead_ente")
        .prefetch_related(
            Prefetch(
                "seats", queryset=Seat.objects.prefetch_related("opening_slots", "offerings__area", "offerings__tags")
            ),
            Prefetch("staff", queryset=StaffMember.objects.prefetch_related("seats")),
            "protocols__parties",
            "partners",
        )
        .order_by("ats__code", "name")
    )


def overview(user: Actor, on: dt.date) -> list[dict[str, Any]]:
    """Per ATS in scope, each Centre's report (the Regione sees every ATS)."""
    by_ats: dict[int, dict[str, Any]] = {}
    for centre in centres_in_scope(user):
        entry = by_ats.setdefault(centre.ats_id, {"ats": centre.ats, "centres": []})
        entry["centres"].append({"centre": centre, "report": c.evaluate(centre_facts(centre, on))})
    return list(by_ats.values())


__all__ = ["centre_facts", "centres_in_scope", "overview"]


# Coverage analysis -------------------------------------------------------------------------

COVERAGE_ROLES = {"regione", "ats_officer", "auditor"}


def coverage_inputs(user: Actor, snapshot: Any = None) -> dict[str, Any]:
    """Comuni (with the population of `snapshot`, default the latest per-comune one), active access
    points, Ambiti/Distretti and the ISTAT codes with a seat, for the user's territory."""
    from directory.coverage import Place
    from territory.models import Area, Comune, ComunePopulation, PopulationSnapshot

    ats_ids = scoping.ats_ids_in_scope(user)
    comuni_qs = Comune.objects.all() if ats_ids is None else Comune.objects.filter(ats_id__in=ats_ids)
    if snapshot is None:
        snapshot = PopulationSnapshot.objects.filter(level=PopulationSnapshot.Level.COMUNE).first()
    population = (
        dict(ComunePopulation.objects.filter(snapshot=snapshot).values_list("comune_id", "total")) if snapshot else {}
    )
    comuni = [
        Place(c.istat_code, c.name, float(c.latitude), float(c.longitude), population.get(c.pk, 0))
        for c in comuni_qs.only("pk", "istat_code", "name", "latitude", "longitude").order_by("name")
    ]
    seats = scoping.scoped(user, Seat.objects.filter(is_active=True).exclude(centre__status=Centre.Status.CLOSED))
    seats = seats.select_related("comune")
    points = [
        Place(
            s.comune.istat_code,
            s.name,
            float(s.latitude if s.latitude is not None else s.comune.latitude),
            float(s.longitude if s.longitude is not None else s.comune.longitude),
            is_hub=s.kind == Seat.Kind.HUB,
        )
        for s in seats
    ]
    areas = scoping.scoped(user, Area.objects.filter(kind__in=Area.SUPRA_MUNICIPAL)).prefetch_related(
        "memberships__comune"
    )
    members = {f"{a.get_kind_display()} {a.name}": {m.comune.istat_code for m in a.memberships.all()} for a in areas}
    return {
        "comuni": comuni,
        "points": points,
        "members": members,
        "seat_comuni": {p.key for p in points},
        "snapshot": snapshot,
    }
