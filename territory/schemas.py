"""Input and output schemas of the territory API (separate in and out schemas)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from common.inputs import Choices, InputSchema
from territory import models as _m


class AtsOut(Schema):
    id: int
    code: str
    name: str
    short_name: str


class ComuneOut(Schema):
    id: int
    istat_code: str
    cadastral_code: str
    name: str
    province_abbr: str
    ats_id: int
    asst_id: int | None
    latitude: Decimal
    longitude: Decimal


class AreaOut(Schema):
    id: int
    kind: str
    name: str
    ats_id: int
    parent_id: int | None
    comune_id: int | None
    is_synthetic: bool
    version: int


class AreaIn(InputSchema):
    kind: Annotated[str, Choices(_m.Area, "kind")]
    name: str = Field(min_length=1, max_length=150)
    ats_id: int
    parent_id: int | None = None
    comune_id: int | None = None


class AreaPatch(InputSchema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=150)
    parent_id: int | None = None


class PopulationOut(Schema):
    snapshot: str
    reference_date: dt.date
    source: str
    ats_code: str
    total: int
