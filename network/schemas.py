"""Input and output schemas of the network registry API (separate in and out schemas)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from common.inputs import Choices, InputSchema
from network import models as _m


class EnteOut(Schema):
    id: int
    name: str
    kind: str
    tax_code: str
    vat_number: str
    comune_id: int | None
    address: str
    email: str
    phone: str
    website: str
    is_synthetic: bool
    version: int


class EnteIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: Annotated[str, Choices(_m.Ente, "kind")]
    tax_code: str = ""
    vat_number: str = ""
    comune_id: int | None = None
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""


class EntePatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: Annotated[str, Choices(_m.Ente, "kind")] | None = None
    tax_code: str | None = None
    vat_number: str | None = None
    comune_id: int | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None


class CentreOut(Schema):
    id: int
    name: str
    ats_id: int
    lead_ente_id: int
    start_date: dt.date
    end_date: dt.date | None
    status: str
    description: str
    email: str
    phone: str
    website: str
    is_synthetic: bool
    version: int


class CentreIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    ats_id: int
    lead_ente_id: int
    start_date: dt.date
    end_date: dt.date | None = None
    status: Annotated[str, Choices(_m.Centre, "status")] = "active"
    description: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""


class CentrePatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=200)
    end_date: dt.date | None = None
    status: Annotated[str, Choices(_m.Centre, "status")] | None = None
    description: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None


class SeatOut(Schema):
    id: int
    centre_id: int
    kind: str
    name: str
    managing_ente_id: int
    address: str
    postal_code: str
    comune_id: int
    local_area_id: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    phone: str
    email: str
    access_modes: str
    step_free_access: bool
    accessible_toilet: bool
    is_active: bool
    version: int


class SeatIn(InputSchema):
    centre_id: int
    kind: Annotated[str, Choices(_m.Seat, "kind")]
    name: str = Field(min_length=1, max_length=200)
    managing_ente_id: int
    address: str = Field(min_length=1, max_length=200)
    postal_code: str = ""
    comune_id: int
    local_area_id: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    phone: str = ""
    email: str = ""
    access_modes: str = ""
    step_free_access: bool = False
    accessible_toilet: bool = False
    is_active: bool = True


class SeatPatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=200)
    address: str | None = None
    postal_code: str | None = None
    comune_id: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    phone: str | None = None
    email: str | None = None
    access_modes: str | None = None
    step_free_access: bool | None = None
    accessible_toilet: bool | None = None
    is_active: bool | None = None


class OpeningSlotOut(Schema):
    id: int
    seat_id: int
    weekday: int
    opens: dt.time
    closes: dt.time
    valid_from: dt.date | None
    valid_to: dt.date | None
    version: int


class OpeningSlotIn(InputSchema):
    seat_id: int
    weekday: int = Field(ge=0, le=6)
    opens: dt.time
    closes: dt.time
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class OpeningSlotPatch(InputSchema):
    version: int
    weekday: int | None = Field(default=None, ge=0, le=6)
    opens: dt.time | None = None
    closes: dt.time | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class OpeningExceptionOut(Schema):
    id: int
    seat_id: int
    day: dt.date
    closed: bool
    opens: dt.time | None
    closes: dt.time | None
    note: str
    version: int


class OpeningExceptionIn(InputSchema):
    seat_id: int
    day: dt.date
    closed: bool = True
    opens: dt.time | None = None
    closes: dt.time | None = None
    note: str = ""


class OpeningExceptionPatch(InputSchema):
    version: int
    closed: bool | None = None
    opens: dt.time | None = None
    closes: dt.time | None = None
    note: str | None = None


class StaffOut(Schema):
    id: int
    centre_id: int
    first_name: str
    last_name: str
    profile: str
    engagement: str
    hours_per_week: Decimal | None
    kind: str
    hub_role: str
    version: int


class StaffIn(InputSchema):
    centre_id: int
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(min_length=1, max_length=80)
    profile: Annotated[str, Choices(_m.StaffMember, "profile")]
    engagement: Annotated[str, Choices(_m.StaffMember, "engagement")]
    hours_per_week: Decimal | None = None
    kind: Annotated[str, Choices(_m.StaffMember, "kind")] = "personale"
    hub_role: Annotated[str, Choices(_m.StaffMember, "hub_role")] = ""


class StaffPatch(InputSchema):
    version: int
    profile: Annotated[str, Choices(_m.StaffMember, "profile")] | None = None
    engagement: Annotated[str, Choices(_m.StaffMember, "engagement")] | None = None
    hours_per_week: Decimal | None = None
    kind: Annotated[str, Choices(_m.StaffMember, "kind")] | None = None
    hub_role: Annotated[str, Choices(_m.StaffMember, "hub_role")] | None = None


class OfferingOut(Schema):
    id: int
    seat_id: int
    area_id: int
    name: str
    description: str
    target: str
    how_to_access: str
    is_free: bool
    is_active: bool
    version: int


class OfferingIn(InputSchema):
    seat_id: int
    area_id: int
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    target: str = ""
    how_to_access: str = ""
    is_free: bool = True
    is_active: bool = True


class OfferingPatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    target: str | None = None
    how_to_access: str | None = None
    is_free: bool | None = None
    is_active: bool | None = None


class ProtocolOut(Schema):
    id: int
    centre_id: int
    title: str
    subject: str
    referral_paths: str
    signed_on: dt.date | None
    valid_from: dt.date
    valid_to: dt.date | None
    version: int


class ProtocolIn(InputSchema):
    centre_id: int
    title: str = Field(min_length=1, max_length=200)
    subject: str = Field(min_length=1)
    parties: list[int] = Field(min_length=1)
    referral_paths: str = ""
    signed_on: dt.date | None = None
    valid_from: dt.date
    valid_to: dt.date | None = None


class ProtocolPatch(InputSchema):
    version: int
    title: str | None = None
    subject: str | None = None
    referral_paths: str | None = None
    valid_to: dt.date | None = None


class DestinationOut(Schema):
    id: int
    name: str
    kind: str
    ats_id: int
    ente_id: int | None
    comune_id: int | None
    address: str
    phone: str
    email: str
    is_active: bool
    version: int


class DestinationIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: Annotated[str, Choices(_m.ReferralDestination, "kind")]
    ats_id: int
    ente_id: int | None = None
    comune_id: int | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    is_active: bool = True


class DestinationPatch(InputSchema):
    version: int
    name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    is_active: bool | None = None


class ServiceAreaOut(Schema):
    id: int
    code: str
    name: str
    level: str
    plain_language: str


class NetworkHoursOut(Schema):
    centre_id: int
    on: dt.date
    network_weekly_hours: Decimal
    meets_minimum: bool
    minimum_hours: Decimal
    seats: list[dict[str, object]]
