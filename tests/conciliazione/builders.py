"""A small conciliazione world on top of the personas: for ATS A and ATS B a network, an alliance,
a project with interventions, an eligible household, a voucher and a de minimis grant."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from conciliazione import models as m
from conciliazione import rules
from network.models import Ente
from tests import factories as f
from tests.personas import Personas

START = dt.date(2026, 1, 1)
END = dt.date(2027, 12, 31)
C = rules.CommunityMemberKind


@dataclass
class Conc:
    network_a: m.ConciliationNetwork
    network_b: m.ConciliationNetwork
    alliance_a: m.LocalAlliance
    alliance_b: m.LocalAlliance
    project_a: m.ConciliationProject
    project_b: m.ConciliationProject
    household_a: m.Household
    household_b: m.Household
    voucher_a: m.Voucher
    voucher_b: m.Voucher
    grant_a: m.DeMinimisGrant
    grant_b: m.DeMinimisGrant
    company: Ente
    ets_a: Ente


def _network(ats: object, kinds: list[C], label: str) -> m.ConciliationNetwork:
    network = m.ConciliationNetwork.objects.create(ats=ats, name=f"Rete {label}")
    for kind in kinds:
        ente = f.EnteFactory(name=f"Membro {kind.value} {label}", kind=Ente.Kind.OTHER)
        m.NetworkMember.objects.create(network=network, ente=ente, representation=kind)
    return network


def household(project: m.ConciliationProject, code: str, *, eligible: bool = True) -> m.Household:
    item = m.Household.objects.create(project=project, code=code, request_date=dt.date(2026, 2, 2), eligible=eligible)
    m.HouseholdMember.objects.create(
        household=item,
        role=m.HouseholdMember.Role.PARENT,
        work_kind=rules.WorkKind.EMPLOYEE_PERMANENT,
        work_start=dt.date(2020, 1, 1),
        has_care_duties=True,
    )
    m.HouseholdMember.objects.create(
        household=item, role=m.HouseholdMember.Role.CHILD, dependent=rules.DependentKind.MINOR
    )
    return item


def _project(alliance: m.LocalAlliance, label: str) -> m.ConciliationProject:
    project = m.ConciliationProject.objects.create(
        alliance=alliance, title=f"Progetto {label}", start_date=START, end_date=END, budget=Decimal("1000.00")
    )
    m.Intervention.objects.create(
        project=project,
        title=f"Pre-scuola {label}",
        category=rules.InterventionCategory.CARE_SERVICES,
        delivery=rules.DeliveryMode.VOUCHER,
    )
    m.Intervention.objects.create(
        project=project,
        title=f"Maggiordomo {label}",
        category=rules.InterventionCategory.TIME_SAVING,
        delivery=rules.DeliveryMode.DIRECT_FREE,
    )
    return project


def build_conciliazione(p: Personas) -> Conc:
    mandatory = list(rules.MANDATORY_COMMUNITY_MEMBERS)
    network_a = _network(p.ats_a_obj, mandatory, "A")
    network_b = _network(p.ats_b_obj, [k for k in mandatory if k is not C.CHAMBER_OF_COMMERCE], "B")
    comune_a = f.EnteFactory(name="Comune di Milano", kind=Ente.Kind.COMUNE)
    comune_b = f.EnteFactory(name="Comune di Bergamo", kind=Ente.Kind.COMUNE)
    ets_a = f.EnteFactory(name="Associazione Tempo Libero", kind=Ente.Kind.ETS)
    company = f.EnteFactory(name="Impresa Conciliante", kind=Ente.Kind.COMPANY)
    # Alliance A has only two beneficiaries (lead + one coop): invalid until a partner is added.
    alliance_a = m.LocalAlliance.objects.create(
        ats=p.ats_a_obj, name="Alleanza A", lead=comune_a, start_date=START, end_date=END
    )
    m.AlliancePartner.objects.create(alliance=alliance_a, ente=f.EnteFactory(name="Coop A", kind=Ente.Kind.COOP_A))
    alliance_b = m.LocalAlliance.objects.create(
        ats=p.ats_b_obj, name="Alleanza B", lead=comune_b, start_date=START, end_date=END
    )
    m.AlliancePartner.objects.create(alliance=alliance_b, ente=f.EnteFactory(name="Coop B", kind=Ente.Kind.COOP_B))
    m.AlliancePartner.objects.create(alliance=alliance_b, ente=f.EnteFactory(name="ETS B", kind=Ente.Kind.ETS))
    project_a, project_b = _project(alliance_a, "A"), _project(alliance_b, "B")
    household_a, household_b = household(project_a, "NUC-A-001"), household(project_b, "NUC-B-001")
    voucher_kwargs = {
        "value": Decimal("300.00"),
        "valid_from": dt.date(2026, 2, 1),
        "valid_until": dt.date(2026, 6, 30),
    }
    voucher_a = m.Voucher.objects.create(
        project=project_a, household=household_a, provider=comune_a, code="VOU-A-1", **voucher_kwargs
    )
    voucher_b = m.Voucher.objects.create(
        project=project_b, household=household_b, provider=comune_b, code="VOU-B-1", **voucher_kwargs
    )
    grant_kwargs = {"undertaking": company, "regime": m.RegimeChoices.REG_2023_2831, "amount": Decimal("100000.00")}
    grant_a = m.DeMinimisGrant.objects.create(
        ats=p.ats_a_obj, grant_date=dt.date(2025, 6, 1), rna_reference="COR-A", **grant_kwargs
    )
    grant_b = m.DeMinimisGrant.objects.create(
        ats=p.ats_b_obj, grant_date=dt.date(2025, 9, 1), rna_reference="COR-B", **grant_kwargs
    )
    return Conc(
        network_a=network_a,
        network_b=network_b,
        alliance_a=alliance_a,
        alliance_b=alliance_b,
        project_a=project_a,
        project_b=project_b,
        household_a=household_a,
        household_b=household_b,
        voucher_a=voucher_a,
        voucher_b=voucher_b,
        grant_a=grant_a,
        grant_b=grant_b,
        company=company,
        ets_a=ets_a,
    )
