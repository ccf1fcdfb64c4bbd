"""Conciliazione API (mounted at /api/v1/conciliazione): CRUD of the plain records through
core.api_crud, the service-backed writes (vouchers, reimbursements, de minimis grants) and three pure
checks (partnership §4.2, eligibility §4.3, de minimis). ValidationError -> 422 (api.urls)."""

from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from accounts import scoping
from common.inputs import Int64
from conciliazione import models as m
from conciliazione import rules, services
from conciliazione import schemas as s
from core import api_crud as crud
from core.api_auth import writers
from network.models import Ente
from territory.models import Ats

router = Router(tags=["conciliazione"])
TAG = "conciliazione"
E = TypeVar("E", bound=StrEnum)

for model, path, out, create_in, patch_in, search in (
    (m.ConciliationNetwork, "networks", s.NetworkOut, s.NetworkIn, s.NetworkPatch, ("name",)),
    (m.NetworkMember, "network-members", s.MemberOut, s.MemberIn, s.MemberPatch, ("ente__name",)),
    (m.LocalAlliance, "alliances", s.AllianceOut, s.AllianceIn, s.AlliancePatch, ("name",)),
    (m.AlliancePartner, "alliance-partners", s.PartnerOut, s.PartnerIn, s.PartnerPatch, ("ente__name",)),
    (m.ConciliationProject, "projects", s.ProjectOut, s.ProjectIn, s.ProjectPatch, ("title",)),
    (m.Intervention, "interventions", s.InterventionOut, s.InterventionIn, s.InterventionPatch, ("title",)),
    (m.Household, "households", s.HouseholdOut, s.HouseholdIn, s.HouseholdPatch, ("code",)),
):
    crud.register(
        router, model=model, path=path, out=out, create_in=create_in, patch_in=patch_in, search=search, tag=TAG
    )
# Written only through the services (budget, redemption, cap): list and detail here.
for read_model, read_path, read_out in (
    (m.Voucher, "vouchers", s.VoucherOut),
    (m.Reimbursement, "reimbursements", s.ReimbursementOut),
    (m.DeMinimisGrant, "de-minimis-grants", s.GrantOut),
):
    crud.register(router, model=read_model, path=read_path, out=read_out, tag=TAG)


def _visible(request: HttpRequest, model: Any, pk: int, field: str) -> Any:
    """A referenced row through the scope; an unknown or invisible id is a 422 on that field."""
    found = scoping.scoped(request.user, model._default_manager.filter(pk=pk)).first()
    if found is None:
        raise ValidationError({field: _("L'elemento indicato non esiste.")})
    return found


def _enum(kind: type[E], value: str, field: str) -> E:
    try:
        return kind(value)
    except ValueError as exc:
        raise ValidationError({field: _("Valore non ammesso: «%(value)s».") % {"value": value}}) from exc


def _violations(found: list[rules.Violation]) -> list[dict[str, str]]:
    return [{"code": v.code, "message": v.message} for v in found]


@router.post(
    "/vouchers",
    response={201: s.VoucherOut},
    summary="Emetti un voucher",
    operation_id="voucher_issue",
    auth=writers(m.Voucher, scoping.CREATE),
)
def voucher_issue(request: HttpRequest, payload: s.VoucherIn) -> Any:
    voucher = services.voucher_issue(
        actor=request.user,
        project=_visible(request, m.ConciliationProject, payload.project_id, "project_id"),
        household=_visible(request, m.Household, payload.household_id, "household_id"),
        provider=_visible(request, Ente, payload.provider_id, "provider_id"),
        code=payload.code,
        value=payload.value,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
    )
    return Status(201, voucher)


@router.post(
    "/vouchers/{voucher_id}/redeem",
    response=s.VoucherOut,
    summary="Utilizza un voucher",
    operation_id="voucher_redeem",
    auth=writers(m.Voucher, scoping.CHANGE, "voucher_id"),
)
def voucher_redeem(request: HttpRequest, voucher_id: Int64, payload: s.RedeemIn) -> Any:
    voucher = scoping.get_for_user(request.user, m.Voucher.objects.all(), voucher_id, scoping.CHANGE)
    return services.voucher_redeem(actor=request.user, voucher=voucher, on=payload.on, amount=payload.amount)


@router.post(
    "/reimbursements",
    response={201: s.ReimbursementOut},
    summary="Richiedi un rimborso",
    operation_id="reimbursement_request",
    auth=writers(m.Reimbursement, scoping.CREATE),
)
def reimbursement_request(request: HttpRequest, payload: s.ReimbursementIn) -> Any:
    item = services.reimbursement_request(
        actor=request.user,
        project=_visible(request, m.ConciliationProject, payload.project_id, "project_id"),
        household=_visible(request, m.Household, payload.household_id, "household_id"),
        receipts_total=payload.receipts_total,
        requested=payload.requested,
        receipt_date=payload.receipt_date,
        request_date=payload.request_date,
    )
    return Status(201, item)


@router.post(
    "/de-minimis-grants",
    response={201: s.GrantOut},
    summary="Registra un aiuto de minimis",
    operation_id="grant_create",
    auth=writers(m.DeMinimisGrant, scoping.CREATE),
)
def grant_create(request: HttpRequest, payload: s.GrantIn) -> Any:
    project = None
    if payload.project_id is not None:
        project = _visible(request, m.ConciliationProject, payload.project_id, "project_id")
    grant = services.de_minimis_grant(
        actor=request.user,
        ats=_visible(request, Ats, payload.ats_id, "ats_id"),
        undertaking=_visible(request, Ente, payload.undertaking_id, "undertaking_id"),
        regime=payload.regime,
        grant_date=payload.grant_date,
        amount=payload.amount,
        rna_reference=payload.rna_reference,
        project=project,
    )
    return Status(201, grant)


@router.post(
    "/partnership/check",
    response=s.CheckOut,
    summary="Verifica un partenariato (Allegato A § 4.2)",
    operation_id="partnership_check",
)
def partnership_check(request: HttpRequest, payload: s.PartnershipCheckIn) -> Any:
    def partner(item: s.PartnerCheckIn, field: str) -> rules.Partner:
        return rules.Partner(
            name=item.name,
            kind=_enum(rules.PartnerKind, item.kind, f"{field}.kind"),
            role=_enum(rules.PartnerRole, item.role, f"{field}.role"),
            signs_piano_di_zona_agreement=item.signs_piano_di_zona_agreement,
        )

    lead = partner(payload.lead, "lead")
    partners = [partner(p, f"partners.{i}") for i, p in enumerate(payload.partners)]
    found = rules.check_partnership(lead, partners)
    return {"valid": not found, "violations": _violations(found)}


def _member(item: s.MemberCheckIn, index: int) -> rules.HouseholdMember:
    field = f"members.{index}"
    return rules.HouseholdMember(
        name=item.label or f"Componente {index + 1}",
        resident_in_lombardy=item.resident_in_lombardy,
        domiciled_in_lombardy=item.domiciled_in_lombardy,
        work=tuple(
            rules.WorkPosition(
                kind=_enum(rules.WorkKind, w.kind, f"{field}.work.kind"),
                start=w.start,
                end=w.end,
                recognised_association_member=w.recognised_association_member,
                has_vat_number=w.has_vat_number,
                inps_gestione_separata=w.inps_gestione_separata,
            )
            for w in item.work
        ),
        has_care_duties=item.has_care_duties,
        dependent=_enum(rules.DependentKind, item.dependent, f"{field}.dependent") if item.dependent else None,
        is_parent=item.role == m.HouseholdMember.Role.PARENT,
        unemployed=item.unemployed,
        did_date=item.did_date,
        psp_date=item.psp_date,
    )


@router.post(
    "/eligibility/check",
    response=s.EligibilityOut,
    summary="Verifica i requisiti di un nucleo (Allegato A § 4.3), senza salvarlo",
    operation_id="eligibility_check",
)
def eligibility_check(request: HttpRequest, payload: s.EligibilityCheckIn) -> Any:
    household = rules.Household(members=tuple(_member(item, i) for i, item in enumerate(payload.members)))
    outcome = rules.check_recipient_eligibility(household, payload.on, use_date=payload.use_date)
    return {"eligible": outcome.eligible, "violations": _violations(outcome.reasons), "satisfied": outcome.satisfied}


@router.post(
    "/de-minimis/check",
    response=s.DeMinimisOut,
    summary="Verifica il massimale de minimis di un'impresa",
    operation_id="de_minimis_check",
)
def de_minimis_check(request: HttpRequest, payload: s.DeMinimisCheckIn) -> Any:
    undertaking = _visible(request, Ente, payload.undertaking_id, "undertaking_id")
    outcome = services.de_minimis_check(
        undertaking=undertaking, regime=payload.regime, grant_date=payload.grant_date, amount=payload.amount
    )
    return {
        "allowed": outcome.allowed,
        "used": outcome.used,
        "available": outcome.available,
        "window_start": outcome.window_start,
        "violations": _violations(outcome.violations),
    }
