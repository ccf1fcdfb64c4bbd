"""Funding operations of the API: allocation preview (pure computation) and stored allocations."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from accounts import scoping
from api import crud
from funding import rules, services
from funding.models import Allocation, Call, Expense, Fund, Project

router = Router(tags=["finanziamenti"])


class ComponentIn(Schema):
    kind: Literal["population", "equal", "weights", "fixed"]
    share: Decimal = Field(ge=0, le=100)
    snapshot: str | None = None
    values: dict[str, Decimal] | None = None


class AllocationComputeIn(Schema):
    total: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    rounding_unit: Decimal = Field(default=Decimal("0.01"), gt=0, max_digits=14, decimal_places=2)
    components: list[ComponentIn] = Field(min_length=1)


class AllocationCreateIn(AllocationComputeIn):
    fund_id: int
    label: str = Field(min_length=1, max_length=200)
    year: int = Field(ge=2000, le=2100)


class AllocationLineOut(Schema):
    ats_code: str
    raw_quota: Decimal
    amount: Decimal
    component_amounts: list[Decimal]


class AllocationPreviewOut(Schema):
    total: Decimal
    rounding_unit: Decimal
    lines: list[AllocationLineOut]


class AllocationOut(AllocationPreviewOut):
    id: int
    fund_id: int
    label: str
    year: int
    components: list[dict[str, Any]]
    created_at: dt.datetime


class FundOut(Schema):
    id: int
    name: str
    decree_reference: str
    start_year: int
    end_year: int


def _spec(payload: AllocationComputeIn) -> list[dict[str, Any]]:
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


@router.get("/funds", response=list[FundOut], summary="Elenco dei fondi")
def fund_list(request: HttpRequest) -> Any:
    return scoping.scoped(request.user, Fund.objects.all())


@router.post("/allocations/compute", response=AllocationPreviewOut, summary="Calcola un riparto senza salvarlo")
def allocation_compute(request: HttpRequest, payload: AllocationComputeIn) -> Any:
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


@router.get("/allocations", response=list[AllocationOut], summary="Elenco dei riparti")
def allocation_list(request: HttpRequest) -> Any:
    return [_out(a) for a in scoping.scoped(request.user, Allocation.objects.all())]


@router.get("/allocations/{allocation_id}", response=AllocationOut, summary="Dettaglio di un riparto")
def allocation_get(request: HttpRequest, allocation_id: int) -> Any:
    return _out(scoping.get_for_user(request.user, Allocation.objects.all(), allocation_id))


@router.post("/allocations", response={201: AllocationOut}, summary="Salva un riparto (Regione)")
def allocation_create(request: HttpRequest, payload: AllocationCreateIn) -> Any:
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


class CallOut(Schema):
    id: int
    ats_id: int
    fund_id: int | None
    title: str
    eligible_applicants: list[str]
    max_contribution: Decimal
    max_share_of_cost: Decimal
    min_cofinancing: Decimal
    duration_months: int
    max_extension_months: int
    deadline: dt.date
    status: str
    version: int


class CallIn(Schema):
    ats_id: int
    fund_id: int | None = None
    title: str = Field(min_length=1, max_length=200)
    eligible_applicants: list[str] = []
    max_contribution: Decimal = Field(default=Decimal("70000.00"), ge=0, max_digits=14, decimal_places=2)
    max_share_of_cost: Decimal = Field(default=Decimal(70), ge=0, le=100)
    min_cofinancing: Decimal = Field(default=Decimal(30), ge=0, le=100)
    duration_months: int = Field(default=12, ge=1, le=60)
    max_extension_months: int = Field(default=0, ge=0, le=36)
    deadline: dt.date
    status: str = "draft"


class CallPatch(Schema):
    version: int
    title: str | None = None
    deadline: dt.date | None = None
    status: str | None = None


class ProjectOut(Schema):
    id: int
    call_id: int
    centre_id: int
    title: str
    total_cost: Decimal
    contribution_requested: Decimal
    contribution_granted: Decimal | None
    accepted_on: dt.date | None
    extension_months: int
    status: str
    version: int


class ProjectIn(Schema):
    call_id: int
    centre_id: int
    title: str = Field(min_length=1, max_length=200)
    total_cost: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    contribution_requested: Decimal = Field(ge=0, max_digits=14, decimal_places=2)


class ProjectPatch(Schema):
    version: int
    title: str | None = None
    total_cost: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)
    contribution_requested: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    contribution_granted: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    accepted_on: dt.date | None = None
    extension_months: int | None = Field(default=None, ge=0)
    status: str | None = None


class ExpenseOut(Schema):
    id: int
    budget_line_id: int
    period_id: int | None
    date: dt.date
    description: str
    supplier: str
    amount: Decimal
    status: str
    version: int


class ExpenseIn(Schema):
    budget_line_id: int
    period_id: int | None = None
    date: dt.date
    description: str = Field(min_length=1, max_length=200)
    supplier: str = ""
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)


class ExpensePatch(Schema):
    version: int
    description: str | None = None
    amount: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)


class ProjectCheckIn(Schema):
    total_cost: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    contribution_requested: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    max_contribution: Decimal = Field(default=Decimal("70000.00"), ge=0)
    max_share_of_cost: Decimal = Field(default=Decimal(70), ge=0, le=100)
    min_cofinancing: Decimal = Field(default=Decimal(30), ge=0, le=100)


class CheckOut(Schema):
    valid: bool
    violations: list[dict[str, str]]
    max_contribution: Decimal


@router.post("/projects/check", response=CheckOut, summary="Verifica contributo e cofinanziamento di un progetto")
def project_check(request: HttpRequest, payload: ProjectCheckIn) -> Any:
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
    out=CallOut,
    create_in=CallIn,
    patch_in=CallPatch,
    search=("title",),
    tag="finanziamenti",
)
crud.register(
    router,
    model=Project,
    path="projects",
    out=ProjectOut,
    create_in=ProjectIn,
    patch_in=ProjectPatch,
    search=("title",),
    tag="finanziamenti",
)
crud.register(
    router,
    model=Expense,
    path="expenses",
    out=ExpenseOut,
    create_in=ExpenseIn,
    patch_in=ExpensePatch,
    search=("description",),
    tag="finanziamenti",
)
