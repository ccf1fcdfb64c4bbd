"""Input and output schemas of the conciliazione API (separate, per STYLE §10). Amounts are
Decimal without range constraints: the rules and model validators answer in Italian (422)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from common.inputs import Choices, InputSchema
from conciliazione import models as _m
from conciliazione import rules as _rules

Name = Field(min_length=1, max_length=200)


class NetworkOut(Schema):
    id: int
    ats_id: int
    name: str
    version: int


class NetworkIn(InputSchema):
    ats_id: int
    name: str = Name


class NetworkPatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=200)


class MemberOut(Schema):
    id: int
    network_id: int
    ente_id: int
    representation: str
    in_community_of_practice: bool
    version: int


class MemberIn(InputSchema):
    network_id: int
    ente_id: int
    representation: Annotated[str, Choices(_m.NetworkMember, "representation")]
    in_community_of_practice: bool = True


class MemberPatch(InputSchema):
    version: int
    representation: Annotated[str, Choices(_m.NetworkMember, "representation")] | None = None
    in_community_of_practice: bool | None = None


class AllianceOut(Schema):
    id: int
    ats_id: int
    name: str
    lead_id: int
    lead_kind: str
    lead_signs_piano_di_zona_agreement: bool
    start_date: dt.date
    end_date: dt.date
    version: int


class AllianceIn(InputSchema):
    ats_id: int
    name: str = Name
    lead_id: int
    lead_kind: Annotated[str, Choices(_m.LocalAlliance, "lead_kind")] = ""
    lead_signs_piano_di_zona_agreement: bool = False
    start_date: dt.date
    end_date: dt.date


class AlliancePatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=200)
    lead_kind: Annotated[str, Choices(_m.LocalAlliance, "lead_kind")] | None = None
    lead_signs_piano_di_zona_agreement: bool | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PartnerOut(Schema):
    id: int
    alliance_id: int
    ente_id: int
    kind: str
    role: str
    signs_piano_di_zona_agreement: bool
    version: int


class PartnerIn(InputSchema):
    alliance_id: int
    ente_id: int
    kind: Annotated[str, Choices(_m.AlliancePartner, "kind")] = ""
    role: Annotated[str, Choices(_m.AlliancePartner, "role")] = "beneficiary"
    signs_piano_di_zona_agreement: bool = False


class PartnerPatch(InputSchema):
    version: int
    kind: Annotated[str, Choices(_m.AlliancePartner, "kind")] | None = None
    role: Annotated[str, Choices(_m.AlliancePartner, "role")] | None = None
    signs_piano_di_zona_agreement: bool | None = None


class ProjectOut(Schema):
    id: int
    alliance_id: int
    title: str
    start_date: dt.date
    end_date: dt.date
    budget: Decimal
    version: int


class ProjectIn(InputSchema):
    alliance_id: int
    title: str = Name
    start_date: dt.date
    end_date: dt.date
    budget: Decimal


class ProjectPatch(InputSchema):
    version: int
    title: str | None = Field(default=None, min_length=1, max_length=200)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget: Decimal | None = None


class InterventionOut(Schema):
    id: int
    project_id: int
    title: str
    category: str
    delivery: str
    version: int


class InterventionIn(InputSchema):
    project_id: int
    title: str = Name
    category: Annotated[str, Choices(_m.Intervention, "category")]
    delivery: Annotated[str, Choices(_m.Intervention, "delivery")] = ""


class InterventionPatch(InputSchema):
    version: int
    title: str | None = Field(default=None, min_length=1, max_length=200)
    category: Annotated[str, Choices(_m.Intervention, "category")] | None = None
    delivery: Annotated[str, Choices(_m.Intervention, "delivery")] | None = None


class HouseholdOut(Schema):
    id: int
    project_id: int
    code: str
    request_date: dt.date
    eligible: bool | None
    checked_on: dt.date | None
    eligibility_reasons: list[dict[str, str]]
    eligibility_satisfied: list[str]
    version: int


class HouseholdIn(InputSchema):
    project_id: int
    code: str = Field(min_length=1, max_length=30)
    request_date: dt.date


class HouseholdPatch(InputSchema):
    version: int
    request_date: dt.date | None = None


class VoucherOut(Schema):
    id: int
    project_id: int
    household_id: int
    provider_id: int
    code: str
    value: Decimal
    valid_from: dt.date
    valid_until: dt.date
    redeemed_on: dt.date | None
    redeemed_amount: Decimal | None
    version: int


class VoucherIn(InputSchema):
    project_id: int
    household_id: int
    provider_id: int
    code: str = Field(min_length=1, max_length=30)
    value: Decimal
    valid_from: dt.date
    valid_until: dt.date


class RedeemIn(InputSchema):
    on: dt.date
    amount: Decimal


class ReimbursementOut(Schema):
    id: int
    project_id: int
    household_id: int
    receipts_total: Decimal
    requested: Decimal
    receipt_date: dt.date
    request_date: dt.date
    approved: bool
    version: int


class ReimbursementIn(InputSchema):
    project_id: int
    household_id: int
    receipts_total: Decimal
    requested: Decimal
    receipt_date: dt.date
    request_date: dt.date


class GrantOut(Schema):
    id: int
    ats_id: int
    undertaking_id: int
    regime: str
    grant_date: dt.date
    amount: Decimal
    rna_reference: str
    project_id: int | None
    version: int


class GrantIn(InputSchema):
    ats_id: int
    undertaking_id: int
    regime: Annotated[str, Choices(_m.DeMinimisGrant, "regime")]
    grant_date: dt.date
    amount: Decimal
    rna_reference: str = Field(min_length=1, max_length=40)
    project_id: int | None = None


# Pure checks ---------------------------------------------------------------------------------


class ViolationOut(Schema):
    code: str
    message: str


class CheckOut(Schema):
    valid: bool
    violations: list[ViolationOut]


class PartnerCheckIn(InputSchema):
    name: str = Name
    kind: Annotated[str, Choices(_rules.PartnerKind)]
    role: Annotated[str, Choices(_rules.PartnerRole)] = "beneficiary"
    signs_piano_di_zona_agreement: bool = False


class PartnershipCheckIn(InputSchema):
    lead: PartnerCheckIn
    partners: list[PartnerCheckIn] = []


class WorkPositionIn(InputSchema):
    kind: Annotated[str, Choices(_rules.WorkKind)]
    start: dt.date
    end: dt.date | None = None
    recognised_association_member: bool = False
    has_vat_number: bool = False
    inps_gestione_separata: bool = False


class MemberCheckIn(InputSchema):
    label: str = Field(default="", max_length=60, description="Etichetta non identificativa, es. «Genitore 1»")
    role: Annotated[str, Choices(_m.HouseholdMember, "role")] = "parent"
    resident_in_lombardy: bool = False
    domiciled_in_lombardy: bool = False
    work: list[WorkPositionIn] = []
    has_care_duties: bool = False
    dependent: Annotated[str, Choices(_rules.DependentKind)] | None = None
    unemployed: bool = False
    did_date: dt.date | None = None
    psp_date: dt.date | None = None


class EligibilityCheckIn(InputSchema):
    on: dt.date
    use_date: dt.date | None = None
    members: list[MemberCheckIn]


class EligibilityOut(Schema):
    eligible: bool
    violations: list[ViolationOut]
    satisfied: list[str]


class DeMinimisCheckIn(InputSchema):
    undertaking_id: int
    regime: Annotated[str, Choices(_m.DeMinimisGrant, "regime")]
    grant_date: dt.date
    amount: Decimal


class DeMinimisOut(Schema):
    allowed: bool
    used: Decimal
    available: Decimal
    window_start: dt.date
    violations: list[ViolationOut]
