"""Reads of the work-life balance programme: stored rows turned into the plain data of
conciliazione.rules, budget consumption and the Piano di conciliazione of one ATS (D.G.R. XII/5464, Allegato A § 4.1)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Prefetch, QuerySet, Subquery, Sum

from accounts import scoping
from accounts.types import Actor
from conciliazione import models as m
from conciliazione import rules
from network.models import Ente

# Ente.Kind -> the partnership kinds of §4.2. APS and ODV are enti del Terzo settore (d.lgs.
# 117/2017); a Chamber of commerce is a public body; everything uncertain is «other private».
_PARTNER_KIND_BY_ENTE: dict[str, rules.PartnerKind] = {
    Ente.Kind.COMUNE: rules.PartnerKind.COMUNE,
    Ente.Kind.UNIONE_COMUNI: rules.PartnerKind.UNIONE_COMUNI,
    Ente.Kind.COMUNITA_MONTANA: rules.PartnerKind.COMUNITA_MONTANA,
    Ente.Kind.AMBITO: rules.PartnerKind.AMBITO,
    Ente.Kind.ASST: rules.PartnerKind.OTHER_PUBLIC_BODY,
    Ente.Kind.ATS: rules.PartnerKind.OTHER_PUBLIC_BODY,
    Ente.Kind.OTHER_PUBLIC: rules.PartnerKind.OTHER_PUBLIC_BODY,
    Ente.Kind.CHAMBER: rules.PartnerKind.OTHER_PUBLIC_BODY,
    Ente.Kind.ETS: rules.PartnerKind.THIRD_SECTOR,
    Ente.Kind.APS: rules.PartnerKind.THIRD_SECTOR,
    Ente.Kind.ODV: rules.PartnerKind.THIRD_SECTOR,
    Ente.Kind.COOP_A: rules.PartnerKind.SOCIAL_COOP_A,
    Ente.Kind.COOP_B: rules.PartnerKind.SOCIAL_COOP_B,
    Ente.Kind.COMPANY: rules.PartnerKind.COMPANY,
}
SATISFIED_LABELS = {
    "working_member_with_care_duties": "Almeno un componente lavoratore (o genitore disoccupato attivato) con compiti di cura",
    "dependent_family_members": "Familiari a carico (minori o altri familiari)",
    "resident_or_domiciled_in_lombardy": "Tutti i componenti residenti o domiciliati in Lombardia",
    "unemployed_parents_activated": "Genitori disoccupati con DID e Patto di Servizio",
}


def partner_kind(ente: Ente, stored: str) -> rules.PartnerKind:
    """The stored kind, or the one implied by the Ente's type when left empty."""
    if stored:
        return rules.PartnerKind(stored)
    return _PARTNER_KIND_BY_ENTE.get(ente.kind, rules.PartnerKind.OTHER_PRIVATE)


def alliance_partnership(alliance: m.LocalAlliance) -> tuple[rules.Partner, list[rules.Partner]]:
    lead = rules.Partner(
        name=alliance.lead.name,
        kind=partner_kind(alliance.lead, alliance.lead_kind),
        signs_piano_di_zona_agreement=alliance.lead_signs_piano_di_zona_agreement,
    )
    partners = [
        rules.Partner(
            name=p.ente.name,
            kind=partner_kind(p.ente, p.kind),
            role=rules.PartnerRole(p.role),
            signs_piano_di_zona_agreement=p.signs_piano_di_zona_agreement,
        )
        for p in alliance.partners.all()
    ]
    return lead, partners


def project_interventions(project: m.ConciliationProject) -> list[rules.Intervention]:
    return [
        rules.Intervention(
            title=i.title,
            category=rules.InterventionCategory(i.category),
            delivery=rules.DeliveryMode(i.delivery) if i.delivery else None,
        )
        for i in project.interventions.all()
    ]


def member_label(index: int, member: m.HouseholdMember) -> str:
    """Messages name members by position and role, never by identity."""
    return f"Componente {index} ({member.get_role_display().lower()})"


def household_rules(household: m.Household) -> rules.Household:
    members = []
    for index, member in enumerate(household.members.all(), start=1):
        work: tuple[rules.WorkPosition, ...] = ()
        if member.work_kind and member.work_start:
            work = (
                rules.WorkPosition(
                    kind=rules.WorkKind(member.work_kind),
                    start=member.work_start,
                    end=member.work_end,
                    recognised_association_member=member.recognised_association_member,
                    has_vat_number=member.has_vat_number,
                    inps_gestione_separata=member.inps_gestione_separata,
                ),
            )
        members.append(
            rules.HouseholdMember(
                name=member_label(index, member),
                resident_in_lombardy=member.resident_in_lombardy,
                domiciled_in_lombardy=member.domiciled_in_lombardy,
                work=work,
                has_care_duties=member.has_care_duties,
                dependent=rules.DependentKind(member.dependent) if member.dependent else None,
                is_parent=member.role == m.HouseholdMember.Role.PARENT,
                unemployed=member.unemployed,
                did_date=member.did_date,
                psp_date=member.psp_date,
            )
        )
    return rules.Household(members=tuple(members))


def community_kinds(network: m.ConciliationNetwork) -> list[rules.CommunityMemberKind]:
    return [
        rules.CommunityMemberKind(member.representation)
        for member in network.members.all()
        if member.in_community_of_practice
    ]


@dataclass(frozen=True)
class BudgetUse:
    budget: Decimal
    vouchers_issued: Decimal
    vouchers_redeemed: Decimal
    reimbursements_requested: Decimal

    @property
    def committed(self) -> Decimal:
        return self.vouchers_issued + self.reimbursements_requested

    @property
    def available(self) -> Decimal:
        return self.budget - self.committed


def project_budget_use(project: m.ConciliationProject) -> BudgetUse:
    """Budget against vouchers and reimbursements of one project: from the annotations of
    `with_budget_use()` when the project came from it (no query), else two aggregate queries."""
    zero = Decimal("0.00")
    if hasattr(project, "vouchers_issued_total"):
        return BudgetUse(
            budget=project.budget,
            vouchers_issued=getattr(project, "vouchers_issued_total") or zero,  # noqa: B009 - annotation
            vouchers_redeemed=getattr(project, "vouchers_redeemed_total") or zero,  # noqa: B009
            reimbursements_requested=getattr(project, "reimbursements_requested_total") or zero,  # noqa: B009
        )
    vouchers = m.Voucher.objects.filter(project=project).aggregate(issued=Sum("value"), redeemed=Sum("redeemed_amount"))
    requested = m.Reimbursement.objects.filter(project=project).aggregate(total=Sum("requested"))["total"]
    return BudgetUse(
        budget=project.budget,
        vouchers_issued=vouchers["issued"] or zero,
        vouchers_redeemed=vouchers["redeemed"] or zero,
        reimbursements_requested=requested or zero,
    )


def _sum_of(model: type[Any], column: str) -> Subquery:
    rows = model.objects.filter(project=OuterRef("pk")).order_by().values("project")
    return Subquery(
        rows.annotate(total=Sum(column)).values("total")[:1],
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def with_budget_use(queryset: "QuerySet[m.ConciliationProject]") -> "QuerySet[m.ConciliationProject]":
    """Projects annotated with their voucher and reimbursement totals (one query for any number
    of projects; read them with `project_budget_use`)."""
    return queryset.annotate(
        vouchers_issued_total=_sum_of(m.Voucher, "value"),
        vouchers_redeemed_total=_sum_of(m.Voucher, "redeemed_amount"),
        reimbursements_requested_total=_sum_of(m.Reimbursement, "requested"),
    )


def undertaking_grants(undertaking: Ente) -> list[rules.Grant]:
    """ALL grants of the undertaking (the cap is per «impresa unica», whichever ATS granted)."""
    return [
        rules.Grant(date=g.grant_date, amount=g.amount)
        for g in m.DeMinimisGrant.objects.filter(undertaking=undertaking).order_by("grant_date")
    ]


def de_minimis_ledger(*, user: Actor, on: dt.date) -> list[dict[str, Any]]:
    """Per undertaking with a grant visible to the user: its grants and, per regime, the amount
    used in the window ending on `on` and what is still available."""
    visible = scoping.scoped(user, m.DeMinimisGrant.objects.select_related("undertaking", "ats", "project"))
    by_undertaking: dict[int, dict[str, Any]] = {}
    for grant in visible:
        row = by_undertaking.setdefault(grant.undertaking_id, {"undertaking": grant.undertaking, "grants": []})
        row["grants"].append(grant)
    all_grants: dict[int, list[rules.Grant]] = {}
    for g in m.DeMinimisGrant.objects.filter(undertaking_id__in=by_undertaking).order_by("grant_date"):
        all_grants.setdefault(g.undertaking_id, []).append(rules.Grant(date=g.grant_date, amount=g.amount))
    for pk, row in by_undertaking.items():
        row["regimes"] = []
        for code, regime in m.REGIMES.items():
            outcome = rules.check_de_minimis(all_grants.get(pk, []), rules.Grant(on, rules.CENT), regime)
            row["regimes"].append(
                {
                    "label": m.RegimeChoices(code).label,
                    "cap": regime.cap,
                    "used": outcome.used,
                    "available": outcome.available,
                    "window_start": outcome.window_start,
                }
            )
    return sorted(by_undertaking.values(), key=lambda r: r["undertaking"].name)


def _project_queryset() -> Any:
    return with_budget_use(m.ConciliationProject.objects.prefetch_related("interventions"))


def ats_plan(*, network: m.ConciliationNetwork) -> dict[str, Any]:
    """The Piano di conciliazione of one ATS (§4.1): network composition, community of practice
    and its check, alliances with their partnership check, projects, interventions and budget."""
    members = list(network.members.select_related("ente").order_by("representation", "ente__name"))
    alliances = list(
        m.LocalAlliance.objects.filter(ats_id=network.ats_id)
        .select_related("lead")
        .prefetch_related(
            Prefetch("partners", queryset=m.AlliancePartner.objects.select_related("ente")),
            Prefetch("projects", queryset=_project_queryset()),
        )
    )
    alliance_rows: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    for alliance in alliances:
        lead, partners = alliance_partnership(alliance)
        alliance_rows.append({"alliance": alliance, "violations": rules.check_partnership(lead, partners)})
        for project in alliance.projects.all():
            violations = rules.check_project_interventions(
                project_interventions(project), project.start_date, project.end_date
            )
            projects.append({"project": project, "violations": violations, "budget": project_budget_use(project)})
    return {
        "network": network,
        "members": members,
        "community": [mb for mb in members if mb.in_community_of_practice],
        "community_violations": rules.check_community_of_practice(
            rules.CommunityMemberKind(mb.representation) for mb in members if mb.in_community_of_practice
        ),
        "alliances": alliance_rows,
        "projects": projects,
        "total_budget": sum((p["budget"].budget for p in projects), Decimal("0.00")),
        "total_committed": sum((p["budget"].committed for p in projects), Decimal("0.00")),
    }
