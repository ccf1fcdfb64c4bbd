"""SYNTHETIC entries of the shared directory for the demo, in every ATS: a cooperative's
doposcuola, a language course for adults and a library (public), the consultorio that stands for
the demo referral destination (network), a shelter (operators only), with weekly hours. Names
end with «(demo)»; every row and organisation is flagged is_synthetic."""

import datetime as dt

from django.utils import timezone

from directory.models import Resource, ResourceHours
from network import models as nm
from territory.models import Ats

T = dt.time


def _hours(resource: Resource, slots: list[tuple[int, dt.time, dt.time]]) -> None:
    ResourceHours.objects.bulk_create(
        [ResourceHours(resource=resource, weekday=d, opens=o, closes=c) for d, o, c in slots]
    )


def seed_directory() -> int:
    """Returns the number of entries created (five per ATS that has a demo Hub)."""
    areas = {a.code: a for a in nm.ServiceArea.objects.all()}
    now = timezone.now()
    created = 0
    for ats in Ats.objects.order_by("code"):
        hub = (
            nm.Seat.objects.filter(centre__ats=ats, kind=nm.Seat.Kind.HUB, centre__is_synthetic=True)
            .order_by("pk")
            .first()
        )
        if hub is None:
            continue
        comune = hub.comune
        coop = nm.Ente.objects.create(
            name=f"Cooperativa sociale Il Ponte di {comune.name} (demo)",
            kind=nm.Ente.Kind.COOP_A,
            comune=comune,
            is_synthetic=True,
            email="info@esempio.invalid",
        )
        odv = nm.Ente.objects.create(
            name=f"Associazione Donne insieme di {comune.name} (demo)",
            kind=nm.Ente.Kind.ODV,
            comune=comune,
            is_synthetic=True,
            email="info@esempio.invalid",
        )
        common = {"comune": comune, "status": Resource.Status.PUBLISHED, "published_at": now, "is_synthetic": True}
        doposcuola = Resource.objects.create(
            name=f"Doposcuola Il Ponte di {comune.name} (demo)",
            kind=Resource.Kind.DOPOSCUOLA,
            organisation=coop,
            description="Aiuto con i compiti e attività per ragazzi delle medie. Dati sintetici.",
            eligibility="Ragazze e ragazzi della scuola secondaria di primo grado",
            minimum_age=11,
            maximum_age=14,
            languages="it,ar",
            how_to_access="Iscrizione allo sportello o per telefono.",
            phone="02 0000000",
            visibility=Resource.Visibility.PUBLIC,
            last_checked_on=dt.date(2026, 9, 1),
            **common,
        )
        doposcuola.service_areas.set([a for code, a in areas.items() if code == "poverta-educativa"])
        _hours(doposcuola, [(d, T(14, 30), T(18)) for d in range(5)])
        course = Resource.objects.create(
            name=f"Corso di italiano per mamme di {comune.name} (demo)",
            kind=Resource.Kind.LANGUAGE_COURSE,
            organisation=odv,
            description="Corso di lingua italiana per adulte, con spazio per i bambini. Dati sintetici.",
            languages="it,ar,en,fr",
            how_to_access="Iscrizione il primo giorno, senza documenti.",
            visibility=Resource.Visibility.PUBLIC,
            **common,
        )
        course.service_areas.set([a for code, a in areas.items() if code == "informazione-orientamento"])
        _hours(course, [(1, T(9, 30), T(11, 30)), (3, T(9, 30), T(11, 30))])
        library = Resource.objects.create(
            name=f"Biblioteca ragazzi di {comune.name} (demo)",
            kind=Resource.Kind.LIBRARY,
            organisation=coop,
            description="Letture ad alta voce per bambini e prestito di libri in più lingue. Dati sintetici.",
            visibility=Resource.Visibility.PUBLIC,
            **common,
        )
        library.service_areas.set([a for code, a in areas.items() if code == "attivita-ricreative-culturali"])
        _hours(library, [(d, T(15), T(19)) for d in (0, 2, 4)] + [(5, T(10), T(12, 30))])
        destination = nm.ReferralDestination.objects.filter(
            ats=ats, kind=nm.ReferralDestination.Kind.CONSULTORIO
        ).first()
        consultorio = Resource.objects.create(
            name=f"Consultorio familiare di {comune.name} (demo)",
            kind=Resource.Kind.CONSULTORIO,
            organisation=odv,
            description="Ascolto, sostegno alla coppia e alla genitorialità. Dati sintetici.",
            how_to_access="Su appuntamento, anche per telefono.",
            languages="it,en",
            visibility=Resource.Visibility.NETWORK,
            destination=destination,
            **common,
        )
        _hours(consultorio, [(d, T(9), T(13)) for d in range(5)])
        Resource.objects.create(
            name=f"Casa rifugio di {comune.name} (demo)",
            kind=Resource.Kind.SHELTER,
            organisation=odv,
            description="Accoglienza protetta per donne e bambini. Indirizzo riservato. Dati sintetici.",
            visibility=Resource.Visibility.OPERATORS,
            **common,
        )
        created += 5
    return created
