"""Funding operations of the API: allocation preview (pure computation) and stored allocations."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from accounts import scoping
from common.inputs import Int64
from core import api_crud as crud
from core.api_auth import writers
from funding import rules, services
from funding import schemas as s
from funding.models import Allocation, Call, Expense, Fund, Project

router = Router(tags=["finanziamenti"])


def _spec(payload: s.AllocationComputeIn) -> list[dict[str, Any]]:
    return [
        {
            k: (str(v) if isinstance(v, Decimal) else {c: str(x) for c, x in v.items()} if isinstance(v, dict) else v)
            for k, v in component.dict(exclude_none=True).items()
        }
        for component in payload.components
    ]


def _out(allocation: Allocation) -> dict[str, Any]:
    return {
        "id": allocation.pk,
        "fund_id": allocation.fund_id,
        "label": allocation.label,
        "year": allocation.year,
        "total": allocation.total,
        "rounding_unit": allocation.rounding_unit,
        "components": allocation.components,
        "created_at": allocation.created_at,
        "lines": [
            {
                "ats_code": line.ats.code,
                "raw_quota": line.raw_quota,
                "amount": line.amount,
                "component_amounts": line.component_amounts,
            }
            for line in allocation.lines.select_related("ats")
        ],
    }


@router.get("/funds", response=list[s.FundOut], summary="Elenco dei fondi")
def fund_list(request: HttpRequest) -> Any:
    return scoping.scoped(request.user, Fund.objects.all())


@router.post("/allocations/compute", response=s.AllocationPreviewOut, summary="Calcola un riparto senza salvarlo")
def allocation_compute(request: HttpRequest, payload: s.AllocationComputeIn) -> Any:
    result = services.allocation_compute(
        total=payload.total, components=_spec(payload), rounding_unit=payload.rounding_unit
    )
    return {
        "total": result.total,
        "rounding_unit": result.rounding_unit,
        "lines": [
            {
                "ats_code": line.recipient,
                "raw_quota": line.raw_quota,
                "amount": line.amount,
                "component_amounts": list(line.component_amounts),
            }
            for line in result.lines
        ],
    }


@router.get("/allocations", response=list[s.AllocationOut], summary="Elenco dei riparti")
def allocation_list(request: HttpRequest) -> Any:
    return [_out(a) for a in scoping.scoped(request.user, Allocation.objects.all())]


@router.get("/allocations/{allocation_id}", response=s.AllocationOut, summary="Dettaglio di un riparto")
def allocation_get(request: HttpRequest, allocation_id: Int64) -> Any:
    return _out(scoping.get_for_user(request.user, Allocation.objects.all(), allocation_id))


@router.post(
    "/allocations",
    response={201: s.AllocationOut},
    summary="Salva un riparto (Regione)",
    auth=writers(Allocation, scoping.CREATE),
)
def allocation_create(request: HttpRequest, payload: s.AllocationCreateIn) -> Any:
    fund = scoping.get_for_user(request.user, Fund.objects.all(), payload.fund_id)
    allocation = services.allocation_create(
        actor=request.user,
        fund=fund,
        label=payload.label,
        year=payload.year,
        total=payload.total,
        components=_spec(payload),
        rounding_unit=payload.rounding_unit,
    )
    return Status(201, _out(allocation))


@router.post("/projects/check", response=s.CheckOut, summary="Verifica contributo e cofinanziamento di un progetto")
def project_check(request: HttpRequest, payload: s.ProjectCheckIn) -> Any:
    call = rules.CallRules(payload.max_contribution, payload.max_share_of_cost, payload.min_cofinancing)
    violations = rules.check_project_budget(payload.total_cost, payload.contribution_requested, call)
    return {
        "valid": not violations,
        "violations": [{"code": v.code, "message": v.message} for v in violations],
        "max_contribution": rules.max_contribution_for(payload.total_cost, call),
    }


crud.register(
    router,
    model=Call,
    path="calls",
    out=s.CallOut,
    create_in=s.CallIn,
    patch_in=s.CallPatch,
    search=("title",),
    tag="finanziamenti",
)
crud.register(
    router,
    model=Project,
    path="projects",
    out=s.ProjectOut,
    create_in=s.ProjectIn,
    patch_in=s.ProjectPatch,
    search=("title",),
    tag="finanziamenti",
)
crud.register(
    router,
    model=Expense,
    path="expenses",
    out=s.ExpenseOut,
    create_in=s.ExpenseIn,
    patch_in=s.ExpensePatch,
    search=("description",),
    tag="finanziamenti",
)
