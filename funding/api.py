"""Funding operations of the API: allocation preview (pure computation) and stored allocations."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from accounts import scoping
from funding import services
from funding.models import Allocation, Fund

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
