"""The labelled SYNTHETIC demo dataset: Centres, seats, hours, staff, services, protocols,
referral destinations and one demo account per role. Every Ente, Centre and Area created here has
is_synthetic=True, and names say «(demo)»; the territory underneath is the real reference data."""

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.models import Role, User
from network import models as nm
from territory.models import Area, AreaMembership, Ats, Comune

from .ambiti import synthetic_ambiti

DEMO_PASSWORD = "Demo-CpF-2026!"  # noqa: S105 - published demo credential, demo dataset only
FIRST_NAMES = [
    "Giulia",
    "Marco",
    "Chiara",
    "Luca",
    "Sara",
    "Paolo",
    "Elena",
    "Davide",
    "Francesca",
    "Andrea",
    "Martina",
    "Stefano",
    "Laura",
    "Matteo",
    "Silvia",
    "Alessandro",
    "Valentina",
    "Simone",
]
LAST_NAMES = [
    "Rossi",
    "Colombo",
    "Ferrari",
    "Bianchi",
    "Villa",
    "Fontana",
    "Sala",
    "Brambilla",
    "Galli",
    "Rizzo",
    "Cattaneo",
    "Longoni",
    "Mauri",
    "Riva",
    "Sironi",
    "Barzaghi",
    "Crippa",
    "Redaelli",
]
COOP_NAMES = [
    "Il Girasole",
    "La Tela",
    "Arcobaleno",
    "Il Ponte",
    "Spazio Aperto",
    "La Bussola",
    "Il Melograno",
    "Tempo Libero",
    "Casa Comune",
    "L'Aquilone",
    "Il Seme",
    "Mosaico",
    "Radici",
    "La Rete",
    "Orizzonti",
    "Il Faro",
]
# Weekly slots (weekday, opens, closes): the Hub alone reaches 18 h; Spokes overlap it in part.
HUB_SLOTS = [(0, 9, 13), (1, 9, 13), (1, 14, 18), (2, 9, 13), (3, 14, 18), (4, 9, 12)]
SPOKE_SLOTS = [[(0, 10, 12), (2, 14, 18)], [(1, 9, 12), (3, 9, 13)], [(4, 14, 18), (5, 9, 12)]]
DEMO_USERS = [
    ("regione", Role.REGIONE, "Referente", "Regione"),
    ("ats.milano", Role.ATS_OFFICER, "Referente", "ATS Milano"),
    ("ats.bergamo", Role.ATS_OFFICER, "Referente", "ATS Bergamo"),
    ("coordinatore", Role.HUB_COORDINATOR, "Coordinatrice", "Centro Milano"),
    ("amministrativo", Role.HUB_ADMIN, "Referente amministrativo", "Centro Milano"),
    ("operatore", Role.SPOKE_OPERATOR, "Operatore", "Spoke Milano"),
    ("operatore.bergamo", Role.SPOKE_OPERATOR, "Operatore", "Hub Bergamo"),
    ("revisore", Role.AUDITOR, "Revisore", "Regionale"),
    ("servizio", Role.RECEIVING_SERVICE, "Servizio specialistico", "Milano"),
]


def demo_present() -> bool:
    return nm.Centre.objects.filter(is_synthetic=True).exists()


def _time(h: int) -> dt.time:
    return dt.time(h, 0)


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _seed_ambiti(rng: random.Random, progress: Callable[[str], None]) -> None:
    if Area.objects.filter(kind=Area.Kind.AMBITO).exists():
        return
    groups = synthetic_ambiti(rng)
    for name, comuni in groups.items():
        area = Area.objects.create(kind=Area.Kind.AMBITO, name=name, ats=comuni[0].ats, is_synthetic=True)
        AreaMembership.objects.bulk_create(AreaMembership(area=area, comune=c, kind=Area.Kind.AMBITO) for c in comuni)
    milano = Comune.objects.get(istat_code="015146")
    municipio = Area.objects.create(
        kind=Area.Kind.MUNICIPIO, name="Municipio 9 (demo)", ats=milano.ats, comune=milano, is_synthetic=True
    )
    Area.objects.create(
        kind=Area.Kind.QUARTIERE,
        name="Niguarda (demo)",
        ats=milano.ats,
        comune=milano,
        parent=municipio,
        is_synthetic=True,
    )
    progress(f"{len(groups)} ambiti sintetici")


def _ente(name: str, kind: str, comune: Comune) -> nm.Ente:
    return nm.Ente.objects.create(
        name=f"{name} (demo)", kind=kind, comune=comune, is_synthetic=True, email="info@esempio.invalid"
    )


def _seat(centre: nm.Centre, kind: str, name: str, ente: nm.Ente, comune: Comune, n: int) -> nm.Seat:
    seat = nm.Seat(
        centre=centre,
        kind=kind,
        name=name,
        managing_ente=ente,
        comune=comune,
        address=f"Via della Famiglia {n} (indirizzo sintetico)",
        latitude=comune.latitude,
        longitude=comune.longitude,
        phone="",
        email="sede@esempio.invalid",
        access_modes="Accesso libero negli orari di apertura; colloqui su appuntamento.",
        step_free_access=True,
        accessible_toilet=kind == nm.Seat.Kind.HUB,
        has_welcome_space=True,
        has_play_area=kind == nm.Seat.Kind.HUB,
        has_info_desk=True,
        has_interview_room=True,
        has_multipurpose_room=kind == nm.Seat.Kind.HUB,
    )
    seat.full_clean()
    seat.save()
    return seat


def _seed_centre(ats: Ats, index: int, rng: random.Random, areas: dict[str, Any]) -> nm.Centre:
    comuni = list(Comune.objects.filter(ats=ats).order_by("-is_capoluogo", "istat_code"))
    hub_comune = comuni[0] if index == 0 else comuni[len(comuni) // 2]
    lead = _ente(f"Comune di {hub_comune.name} — ente capofila", nm.Ente.Kind.COMUNE, hub_comune)
    centre = nm.Centre.objects.create(
        name=f"Centro per la Famiglia {hub_comune.name} (demo)",
        ats=ats,
        lead_ente=lead,
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2026, 12, 31),
        is_synthetic=True,
        description="Centro dimostrativo con dati sintetici.",
        email="centro@esempio.invalid",
    )
    coop = _ente(
        f"Cooperativa sociale {COOP_NAMES[(int(ats.code) * 2 + index) % len(COOP_NAMES)]}",
        nm.Ente.Kind.COOP_A,
        hub_comune,
    )
    centre.partners.set([coop])
    hub = _seat(centre, nm.Seat.Kind.HUB, f"Hub {hub_comune.name}", lead, hub_comune, 1)
    seats = [hub]
    for n, comune in enumerate(rng.sample(comuni[1:40], 3), start=2):
        seats.append(_seat(centre, nm.Seat.Kind.SPOKE, f"Spoke {comune.name}", coop, comune, n))
    for weekday, opens, closes in HUB_SLOTS:
        nm.OpeningSlot.objects.create(seat=hub, weekday=weekday, opens=_time(opens), closes=_time(closes))
    for seat, slots in zip(seats[1:], SPOKE_SLOTS, strict=True):
        for weekday, opens, closes in slots:
            nm.OpeningSlot.objects.create(seat=seat, weekday=weekday, opens=_time(opens), closes=_time(closes))
    nm.OpeningException.objects.create(seat=hub, day=dt.date(2026, 12, 24), closed=True, note="Chiusura natalizia")
    _seed_staff(centre, seats, coop, rng)
    for area in areas["base"]:
        nm.ServiceOffering.objects.create(
            seat=hub,
            area=area,
            name=area.name,
            target="Tutte le famiglie",
            how_to_access="Accesso libero negli orari di apertura.",
        )
    for seat in seats[1:]:
        area = rng.choice(areas["integrative"])
        nm.ServiceOffering.objects.create(
            seat=seat,
            area=area,
            name=f"{area.name} — {seat.comune.name}",
            target="Famiglie con figli",
            how_to_access="Su iscrizione.",
        )
    protocol = nm.Protocol.objects.create(
        centre=centre,
        title="Protocollo operativo con il consultorio familiare (demo)",
        subject="Ruoli, competenze e percorsi di invio per i bisogni clinici.",
        referral_paths="Invio al consultorio con scheda condivisa e consenso della famiglia.",
        signed_on=dt.date(2024, 2, 15),
        valid_from=dt.date(2024, 3, 1),
        valid_to=dt.date(2026, 12, 31),
    )
    protocol.parties.set([lead, coop])
    return centre


def _seed_staff(centre: nm.Centre, seats: list[nm.Seat], employer: nm.Ente, rng: random.Random) -> None:
    P = nm.StaffMember.Profile
    plan = [
        (P.PEDAGOGIST, "coordinatore"),
        (P.OTHER, "referente_amministrativo"),
        (P.SOCIAL_WORKER, ""),
        (P.PSYCHOLOGIST, ""),
        (P.FAMILY_MEDIATOR, ""),
        (P.EDUCATOR, ""),
        (P.EDUCATOR, ""),
    ]
    for profile, hub_role in plan:
        first, last = _person(rng)
        exclusive = hub_role == "coordinatore"
        member = nm.StaffMember.objects.create(
            centre=centre,
            first_name=first,
            last_name=last,
            profile=profile,
            engagement="esclusivo" if exclusive else "parziale",
            hours_per_week=None if exclusive else Decimal(rng.choice([6, 10, 12, 18])),
            hub_role=hub_role,
            employer=employer,
            qualification="Laurea magistrale in scienze pedagogiche" if exclusive else "",
            years_in_family_services=5 if exclusive else None,
            start_date=dt.date(2024, 3, 1),
        )
        member.seats.set(rng.sample(seats, 2))
    first, last = _person(rng)
    nm.StaffMember.objects.create(
        centre=centre,
        first_name=first,
        last_name=last,
        profile=P.OTHER,
        engagement="parziale",
        hours_per_week=Decimal(4),
        kind="volontario",
    )


def _seed_destinations(ats: Ats, comune: Comune) -> None:
    for kind, label in [
        (nm.ReferralDestination.Kind.CONSULTORIO, "Consultorio familiare"),
        (nm.ReferralDestination.Kind.CAV, "Centro antiviolenza"),
        (nm.ReferralDestination.Kind.CHILD_PROTECTION, "Servizio tutela minori"),
        (nm.ReferralDestination.Kind.NPIA, "NPIA"),
    ]:
        nm.ReferralDestination.objects.create(
            name=f"{label} di {comune.name} (demo)", kind=kind, ats=ats, comune=comune, email="servizio@esempio.invalid"
        )


def _seed_users(centres: dict[str, list[nm.Centre]]) -> list[tuple[str, str, str]]:
    centre_a = centres["321"][0]
    centre_b = centres["325"][0]
    spoke_a = centre_a.seats.filter(kind=nm.Seat.Kind.SPOKE).order_by("pk").first()
    hub_b = centre_b.seats.get(kind=nm.Seat.Kind.HUB)
    scope: dict[str, dict[str, Any]] = {
        "ats.milano": {"ats": centre_a.ats},
        "ats.bergamo": {"ats": centre_b.ats},
        "coordinatore": {"centre": centre_a},
        "amministrativo": {"centre": centre_a},
        "operatore": {"seat": spoke_a},
        "operatore.bergamo": {"seat": hub_b},
        # A specialist service of ATS Milano (the one the demo families are referred to) uses the
        # platform to acknowledge the referrals it receives.
        "servizio": {"destination": nm.ReferralDestination.objects.filter(ats=centre_a.ats, is_active=True).first()},
    }
    created = []
    for username, role, first, last in DEMO_USERS:
        user = User(username=username, role=role, first_name=first, last_name=last, **scope.get(username, {}))
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        where = scope.get(username, {})
        created.append((username, str(Role(role).label), str(next(iter(where.values()), "tutta la Lombardia"))))
    return created


def _seed_funding(regione: User) -> None:
    """Real decree figures (not synthetic): the CpF fund 2023 and the conciliazione fund 2025-2027."""
    from funding.models import Fund, FundSource
    from funding.services import CPF_COMPONENTS, allocation_create

    cpf = Fund.objects.create(
        name="Fondo Centri per la Famiglia 2023",
        decree_reference="D.G.R. 1507/2023, Allegato A, § 4",
        start_year=2023,
        end_year=2024,
    )
    FundSource.objects.create(
        fund=cpf, name="Fondo nazionale per le politiche della famiglia", amount=Decimal("4245000.00")
    )
    regional = FundSource.objects.create(fund=cpf, name="Risorse regionali", amount=Decimal("2287000.00"))
    FundSource.objects.create(
        fund=cpf, name="Caregiver familiari (l.r. 23/2022)", amount=Decimal("290000.00"), part_of=regional
    )
    allocation_create(
        actor=regione,
        fund=cpf,
        label="Riparto Fondo CpF 2023 (30% popolazione, 70% parti uguali)",
        year=2023,
        total=Decimal("6532000.00"),
        components=CPF_COMPONENTS,
    )
    conciliazione = Fund.objects.create(
        name="Conciliazione vita-lavoro 2025-2027",
        decree_reference="D.G.R. XII/5464 del 09/12/2025, § 4.4",
        start_year=2025,
        end_year=2027,
    )
    FundSource.objects.create(
        fund=conciliazione, name="Bilancio regionale, cap. 12.05.104.007956", amount=Decimal("3000000.00")
    )
    for year in (2025, 2026, 2027):
        allocation_create(
            actor=regione,
            fund=conciliazione,
            label=f"Riparto conciliazione {year}",
            year=year,
            total=Decimal("1000000.00"),
            rounding_unit=Decimal("10000.00"),
            components=[{"kind": "population", "share": "100", "snapshot": "istat-2024-12-31-dgr-5464"}],
        )


def _seed_projects(centres: list[nm.Centre]) -> None:
    """A SYNTHETIC call of ATS Milano with the projects of its two demo Centres, budgets, expenses
    and a tranche, so that the rendicontazione screens show a funded year."""
    from funding.models import BudgetLine, Call, Expense, Fund, Project, ReportingPeriod, Tranche

    call = Call.objects.create(
        ats=centres[0].ats,
        fund=Fund.objects.get(name="Fondo Centri per la Famiglia 2023"),
        title="Avviso Centri per la Famiglia 2024 (demo)",
        eligible_applicants=["ambiti", "comuni", "gestori_servizi"],
        deadline=dt.date(2024, 2, 29),
        max_extension_months=6,
        status=Call.Status.CLOSED,
    )
    plan = {
        "personale": Decimal("60000.00"),
        "sedi": Decimal("10000.00"),
        "attivita": Decimal("20000.00"),
        "comunicazione": Decimal("5000.00"),
        "altro": Decimal("5000.00"),
    }
    for centre in centres:
        project = Project.objects.create(
            call=call,
            centre=centre,
            title=f"Progetto {centre.name}",
            total_cost=Decimal("100000.00"),
            contribution_requested=Decimal("70000.00"),
            contribution_granted=Decimal("70000.00"),
            accepted_on=dt.date(2024, 4, 1),
            status=Project.Status.ACCEPTED,
        )
        lines = {
            cat: BudgetLine.objects.create(project=project, category=cat, amount=amount) for cat, amount in plan.items()
        }
        period = ReportingPeriod.objects.create(
            project=project, start=dt.date(2024, 4, 1), end=dt.date(2024, 9, 30), status=ReportingPeriod.Status.APPROVED
        )
        for n, (cat, amount) in enumerate(
            [("personale", "24500.00"), ("attivita", "6320.50"), ("comunicazione", "1200.00")]
        ):
            Expense.objects.create(
                budget_line=lines[cat],
                period=period,
                date=dt.date(2024, 5 + n, 15),
                description=f"Spesa dimostrativa {n + 1} (demo)",
                supplier="Fornitore (demo)",
                amount=Decimal(amount),
                status=Expense.Status.APPROVED,
            )
        open_period = ReportingPeriod.objects.create(
            project=project, start=dt.date(2024, 10, 1), end=dt.date(2025, 3, 31)
        )
        Expense.objects.create(
            budget_line=lines["personale"],
            period=open_period,
            date=dt.date(2024, 11, 20),
            description="Spesa dimostrativa da approvare (demo)",
            amount=Decimal("8000.00"),
        )
        Tranche.objects.create(
            project=project, date=dt.date(2024, 6, 30), amount=Decimal("35000.00"), note="Anticipo 50% (demo)"
        )


@transaction.atomic
def seed_demo(progress: Callable[[str], None] = lambda _m: None) -> list[tuple[str, str, str]]:
    rng = random.Random(2026)  # deterministic synthetic data, not security
    _seed_ambiti(rng, progress)
    areas = {
        "base": list(nm.ServiceArea.objects.filter(level=nm.ServiceArea.Level.BASIC)),
        "integrative": list(nm.ServiceArea.objects.filter(level=nm.ServiceArea.Level.INTEGRATIVE)),
    }
    centres: dict[str, list[nm.Centre]] = {}
    for ats in Ats.objects.order_by("code"):
        centres[ats.code] = [_seed_centre(ats, i, rng, areas) for i in range(2)]
        _seed_destinations(ats, centres[ats.code][0].seats.get(kind=nm.Seat.Kind.HUB).comune)
        progress(f"ATS {ats.short_name}: 2 centri sintetici")
    users = _seed_users(centres)
    _seed_funding(User.objects.get(username="regione"))
    _seed_projects(centres["321"])
    progress("Fondi e riparti reali delle delibere (D.G.R. 1507/2023, D.G.R. XII/5464)")
    from conciliazione.demo import seed_conciliazione

    seed_conciliazione(User.objects.get(username="regione"))
    progress("Conciliazione: reti, alleanze, progetti, voucher e de minimis (SINTETICI)")
    from families.demo import seed_families

    seed_families()
    progress("Famiglie, contatti, schede e invii (SINTETICI)")
    from activities.demo import seed_activities

    seed_activities()
    progress("Attività, iscrizioni e presenze (SINTETICHE)")
    from directory.demo import seed_directory

    seed_directory()
    progress("Mappatura: doposcuola, corsi, biblioteche, consultori e case rifugio (SINTETICI)")
    return users
