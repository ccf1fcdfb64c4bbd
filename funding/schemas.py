"""Input and output schemas of the funding API (separate in and out schemas)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from common.inputs import Choices, InputSchema
from funding import models as _m
from funding import rules


class ComponentIn(InputSchema):
    kind: Literal["population", "equal", "weights", "fixed"]
    share: Decimal = Field(ge=0, le=100)
    snapshot: str | None = None
    values: dict[str, Decimal] | None = None


class AllocationComputeIn(InputSchema):
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


class CallIn(InputSchema):
    ats_id: int
    fund_id: int | None = None
    title: str = Field(min_length=1, max_length=200)
    eligible_applicants: list[str] = []
    max_contribution: Decimal = Field(
        default_factory=rules.default_max_contribution, ge=0, max_digits=14, decimal_places=2
    )
    max_share_of_cost: Decimal = Field(default_factory=rules.default_max_share_of_cost, ge=0, le=100)
    min_cofinancing: Decimal = Field(default_factory=rules.default_min_cofinancing, ge=0, le=100)
    duration_months: int = Field(default_factory=rules.default_duration_months, ge=1, le=60)
    max_extension_months: int = Field(default=0, ge=0, le=36)
    deadline: dt.date
    status: Annotated[str, Choices(_m.Call, "status")] = "draft"


class CallPatch(InputSchema):
    version: int
    title: str | None = None
    deadline: dt.date | None = None
    status: Annotated[str, Choices(_m.Call, "status")] | None = None


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


class ProjectIn(InputSchema):
    call_id: int
    centre_id: int
    title: str = Field(min_length=1, max_length=200)
    total_cost: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    contribution_requested: Decimal = Field(ge=0, max_digits=14, decimal_places=2)


class ProjectPatch(InputSchema):
    version: int
    title: str | None = None
    total_cost: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)
    contribution_requested: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    contribution_granted: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    accepted_on: dt.date | None = None
    extension_months: int | None = Field(default=None, ge=0)
    status: Annotated[str, Choices(_m.Project, "status")] | None = None


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


class ExpenseIn(InputSchema):
    budget_line_id: int
    period_id: int | None = None
    date: dt.date
    description: str = Field(min_length=1, max_length=200)
    supplier: str = ""
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)


class ExpensePatch(InputSchema):
    version: int
    description: str | None = None
    amount: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)


class ProjectCheckIn(InputSchema):
    total_cost: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    contribution_requested: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    max_contribution: Decimal = Field(default_factory=rules.default_max_contribution, ge=0)
    max_share_of_cost: Decimal = Field(default_factory=rules.default_max_share_of_cost, ge=0, le=100)
    min_cofinancing: Decimal = Field(default_factory=rules.default_min_cofinancing, ge=0, le=100)


class CheckOut(Schema):
    valid: bool
    violations: list[dict[str, str]]
    max_contribution: Decimal
