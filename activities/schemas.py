"""Input and output schemas of the activities API (separate in and out schemas)."""

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from activities import models as _m
from activities.models import Activity, Registration
from common.inputs import Choices, InputSchema


class ActivityOut(Schema):
    id: int
    version: int
    title: str
    kind: str
    area_id: int
    seat_id: int
    targets: list[str]
    description: str
    place_comune_id: int | None
    place_description: str
    capacity: int | None
    is_public: bool
    status: str
    created_at: dt.datetime


class ActivityIn(InputSchema):
    title: str = Field(max_length=200)
    kind: Annotated[str, Choices(_m.Activity, "kind")]
    area_id: int
    seat_id: int
    targets: list[str] = []
    description: str = ""
    place_comune_id: int | None = None
    place_description: str = ""
    capacity: int | None = None
    is_public: bool = False
    status: Annotated[str, Choices(_m.Activity, "status")] = Activity.Status.OPEN


class RegistrationIn(InputSchema):
    family_code: str = ""
    person_id: str | None = None
    participant_label: str = ""


class RegistrationOut(Schema):
    id: int
    activity_id: int
    family_code: str | None
    status: str
    created_at: dt.datetime

    @staticmethod
    def resolve_family_code(obj: Registration) -> str | None:
        return obj.family.code if obj.family_id and obj.family else None


class CancelOut(Schema):
    cancelled: RegistrationOut
    promoted: RegistrationOut | None


class AttendanceIn(InputSchema):
    present: list[int] = []
    headcounts: dict[str, int] = {}


class AttendanceOut(Schema):
    session_id: int
    named_present: int
    anonymous: int
    total: int
