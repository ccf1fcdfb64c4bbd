"""Input and output schemas of the territory API (separate in and out schemas)."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


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


class AreaIn(Schema):
    kind: str
    name: str = Field(min_length=1, max_length=150)
    ats_id: int
    parent_id: int | None = None
    comune_id: int | None = None


class AreaPatch(Schema):
    version: int
    name: str | None = Field(default=None, min_length=1, max_length=150)
    parent_id: int | None = None


class PopulationOut(Schema):
    snapshot: str
    reference_date: dt.date
    source: str
    ats_code: str
    total: int
