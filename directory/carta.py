"""The carta dei servizi of a Centre (D.G.R. 1507/2023 All. A § 3.2: «una carta dei servizi del
Centro in cui dare evidenza di tutta l'organizzazione della rete»), generated from the registry:
the network and its seats, hours, services, how to access, contacts, protocols in summary, rights
and complaints, the funding sentence and the ATS logo (§ 3.3). Versioned; published by the
coordinator; out of date as soon as the registry facts differ from those it was generated from."""

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import scoping
from accounts.types import Actor, user_of
from common.formatting import format_date
from common.pdf import html_to_pdf
from core.records import audit_record, record_create
from directory.models import Carta
from families.exporters import FUNDING_SENTENCE, logo_uri
from network import selectors as network_selectors
from network.models import Centre, Protocol

PUBLISH = "directory.carta.publish"


def registry_facts(centre: Centre, on: dt.date) -> dict[str, Any]:
    """Everything the carta shows, as plain JSON-able data (also what the fingerprint digests)."""
    seats = []
    for seat in centre.seats.filter(is_active=True).select_related("comune").order_by("kind", "name"):
        weekly = network_selectors.seat_hours_summary(seat=seat)["nominal_weekly_hours"]
        seats.append(
            {
                "name": seat.name,
                "kind": str(seat.get_kind_display()),
                "address": f"{seat.address}, {seat.postal_code} {seat.comune.name} ({seat.comune.province_abbr})".replace(
                    ",  ", ", "
                ),
                "phone": seat.phone,
                "email": seat.email,
                "access": seat.access_modes,
                "step_free": seat.step_free_access,
                "hours": [str(slot) for slot in seat.opening_slots.all()],
                "weekly_hours": f"{weekly:.1f}".replace(".", ","),
                "services": [
                    {"name": o.name, "area": o.area.name, "how": o.how_to_access, "free": o.is_free}
                    for o in seat.offerings.filter(is_active=True).select_related("area")
                ],
            }
        )
    protocols = [
        {"title": p.title, "parties": sorted(e.name for e in p.parties.all()), "paths": p.referral_paths}
        for p in Protocol.objects.filter(centre=centre).prefetch_related("parties")
        if p.valid_from <= on and (p.valid_to is None or p.valid_to >= on)
    ]
    return {
        "centre": centre.name,
        "lead": centre.lead_ente.name,
        "partners": sorted(e.name for e in centre.partners.all()),
        "ats": centre.ats.name,
        "email": centre.email,
        "phone": centre.phone,
        "website": centre.website,
        "description": centre.description,
        "seats": seats,
        "protocols": protocols,
    }


def fingerprint(facts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def render(centre: Centre, facts: dict[str, Any], *, number: int, on: dt.date) -> str:
    return render_to_string(
        "directory/carta.html",
        {
            "facts": facts,
            "number": number,
            "date": format_date(on),
            "funding_sentence": FUNDING_SENTENCE,
            "logo_uri": logo_uri(centre.ats),
            "synthetic": centre.is_synthetic,
        },
    )


def generate(*, actor: Actor, centre: Centre) -> Carta:
    """A new version from today's registry (not yet published)."""
    today = timezone.localdate()
    facts = registry_facts(centre, today)
    with transaction.atomic():
        Centre.objects.select_for_update().filter(pk=centre.pk).first()
        number = (Carta.objects.filter(centre=centre).aggregate(n=Max("number"))["n"] or 0) + 1
        carta = Carta(
            centre=centre,
            number=number,
            html=render(centre, facts, number=number, on=today),
            fingerprint=fingerprint(facts),
            created_by=user_of(actor),
        )
        return record_create(actor=actor, instance=carta)


def publish(*, actor: Actor, carta: Carta) -> Carta:
    scoping.check_action(actor, PUBLISH, carta)
    with transaction.atomic():
        carta.published_at = timezone.now()
        carta.published_by = user_of(actor)
        carta.save(update_fields=["published_at", "published_by"])
        audit_record(actor=actor, obj=carta, verb="published", changes={"number": carta.number})
    return carta


def published(centre: Centre) -> Carta | None:
    return Carta.objects.filter(centre=centre, published_at__isnull=False).order_by("-number").first()


def is_current(carta: Carta, on: dt.date | None = None) -> bool:
    return carta.fingerprint == fingerprint(registry_facts(carta.centre, on or timezone.localdate()))


def pdf(carta: Carta) -> bytes:
    return html_to_pdf(carta.html)
