"""SYNTHETIC demo data of the work-life balance programme (called at the end of demo.seed.seed_demo):
for ATS 321 and 325 a network with its Comunità di pratica, one local alliance, one two-year
project, three pseudonymous households, vouchers (one redeemed) and one de minimis grant. Every
Ente created here is is_synthetic=True and named «(demo)»; households have codes only."""

import datetime as dt
from decimal import Decimal

from accounts.models import User
from conciliazione import models as m
from conciliazione import rules, services
from network.models import Ente
from territory.models import Ats, Comune

K = Ente.Kind
C = rules.CommunityMemberKind
START = dt.date(2026, 1, 1)


def _ente(name: str, kind: str, ats: Ats) -> Ente:
    comune = Comune.objects.filter(ats=ats).order_by("-is_capoluogo", "name").first()
    ente, _created = Ente.objects.get_or_create(
        name=f"{name} (demo)", defaults={"kind": kind, "comune": comune, "is_synthetic": True}
    )
    return ente


def _network(ats: Ats) -> None:
    network = m.ConciliationNetwork.objects.create(
        ats=ats, name=f"Rete territoriale di conciliazione {ats.short_name} (demo)"
    )
    members = [
        ("CGIL-CISL-UIL territoriali", K.UNION, C.TRADE_UNION),
        ("Confartigianato territoriale", K.EMPLOYERS, C.EMPLOYERS),
        ("Forum del Terzo settore", K.ETS, C.THIRD_SECTOR),
        (f"Ufficio di Piano {ats.short_name}", K.AMBITO, C.AMBITO),
        (f"Camera di commercio {ats.short_name}", K.CHAMBER, C.CHAMBER_OF_COMMERCE),
        ("Agenzia per il lavoro accreditata", K.COMPANY, C.JOB_SERVICES_OPERATOR),
    ]
    for name, kind, representation in members:
        m.NetworkMember.objects.create(network=network, ente=_ente(name, kind, ats), representation=representation)


def _alliance(ats: Ats) -> m.LocalAlliance:
    lead = _ente(f"Comune capofila {ats.short_name}", K.COMUNE, ats)
    alliance = m.LocalAlliance.objects.create(
        ats=ats,
        name=f"Alleanza locale di conciliazione {ats.short_name} (demo)",
        lead=lead,
        start_date=START,
        end_date=dt.date(2027, 12, 31),
    )
    for name, kind, role in (
        ("Cooperativa sociale Tempi Nuovi", K.COOP_A, rules.PartnerRole.BENEFICIARY),
        ("Associazione Famiglie al Lavoro", K.ETS, rules.PartnerRole.BENEFICIARY),
        ("Impresa Amica della Famiglia", K.COMPANY, rules.PartnerRole.SUPPORT_NETWORK),
    ):
        m.AlliancePartner.objects.create(alliance=alliance, ente=_ente(name, kind, ats), role=role)
    return alliance


def _project(ats: Ats, alliance: m.LocalAlliance) -> m.ConciliationProject:
    project = m.ConciliationProject.objects.create(
        alliance=alliance,
        title=f"Tempi di famiglia {ats.short_name} (demo)",
        start_date=START,
        end_date=rules.project_expected_end(START),
        budget=Decimal("120000.00"),
    )
    for title, category, delivery in (
        ("Pre e post scuola e aiuto compiti", rules.InterventionCategory.CARE_SERVICES, rules.DeliveryMode.VOUCHER),
        ("Maggiordomo di comunità", rules.InterventionCategory.TIME_SAVING, rules.DeliveryMode.DIRECT_CAPPED_PRICE),
        ("Navetta casa-lavoro", rules.InterventionCategory.HOME_WORK_MOBILITY, rules.DeliveryMode.REIMBURSEMENT),
    ):
        m.Intervention.objects.create(project=project, title=title, category=category, delivery=delivery)
    return project


def _households(ats: Ats, project: m.ConciliationProject, regione: User) -> list[m.Household]:
    request = dt.date(2026, 2, 2)
    households = []
    for n, working in ((1, True), (2, True), (3, False)):
        household = m.Household.objects.create(
            project=project, code=f"NUC-DEMO-{ats.code}-{n:03d}", request_date=request
        )
        m.HouseholdMember.objects.create(
            household=household,
            role=m.HouseholdMember.Role.PARENT,
            age=38,
            work_kind=rules.WorkKind.EMPLOYEE_PERMANENT if working else "",
            work_start=dt.date(2019, 9, 1) if working else None,
            has_care_duties=True,
        )
        m.HouseholdMember.objects.create(
            household=household, role=m.HouseholdMember.Role.CHILD, age=7, dependent=rules.DependentKind.MINOR
        )
        services.household_check_eligibility(actor=regione, household=household)
        households.append(household)
    return households


def seed_conciliazione(regione_user: User) -> None:
    for code in ("321", "325"):
        ats = Ats.objects.filter(code=code).first()
        if ats is None or m.ConciliationNetwork.objects.filter(ats=ats).exists():
            continue
        _network(ats)
        alliance = _alliance(ats)
        project = _project(ats, alliance)
        households = _households(ats, project, regione_user)
        provider = alliance.partners.select_related("ente").first()
        assert provider is not None
        vouchers = [
            services.voucher_issue(
                actor=regione_user,
                project=project,
                household=household,
                provider=provider.ente,
                code=f"VOU-DEMO-{code}-{n:03d}",
                value=Decimal("400.00"),
                valid_from=dt.date(2026, 2, 1),
                valid_until=dt.date(2026, 12, 31),
            )
            for n, household in enumerate(households[:2], start=1)
        ]
        services.voucher_redeem(
            actor=regione_user, voucher=vouchers[0], on=dt.date(2026, 3, 16), amount=Decimal("380.00")
        )
        services.de_minimis_grant(
            actor=regione_user,
            ats=ats,
            undertaking=_ente("Impresa Amica della Famiglia", K.COMPANY, ats),
            regime=m.RegimeChoices.REG_2023_2831,
            grant_date=dt.date(2026, 4, 1),
            amount=Decimal("15000.00"),
            rna_reference=f"COR-DEMO-{code}-0001",
            project=project,
        )
