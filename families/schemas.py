"""API schemas of the family pathway: separate input and output shapes; ids are UUIDs."""

import datetime as dt
import uuid
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from common.inputs import Choices, InputSchema, Int64
from families import models as _m


class PersonIn(InputSchema):
    role: Annotated[str, Choices(_m.Person, "role")]
    first_name: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    birth_year: int | None = None
    sex: Annotated[str, Choices(_m.Person, "sex")] = ""
    citizenship: str = ""
    languages: str = ""
    fiscal_code: str = ""


class PersonOut(Schema):
    id: uuid.UUID
    role: str
    first_name: str
    last_name: str
    birth_date: dt.date | None
    birth_year: int | None
    sex: str
    citizenship: str
    languages: str
    version: int


class FamilySearchIn(InputSchema):
    """The family search: sent in the body so that no name or fiscal code is in a URL."""

    q: str = Field(min_length=1, max_length=200)
    limit: Int64 = 50
    offset: Int64 = 0


class FamilyIn(InputSchema):
    seat_id: int
    name: str = Field(default="", max_length=120)
    residence_kind: Annotated[str, Choices(_m.Family, "residence_kind")] = "nessuna"
    comune_id: int | None = None
    members: list[PersonIn] = []


class FamilyOut(Schema):
    id: uuid.UUID
    code: str
    name: str
    seat_id: int
    residence_kind: str
    comune_id: int | None
    version: int
    members: list[PersonOut]


class ContactIn(InputSchema):
    seat_id: int
    channel: Annotated[str, Choices(_m.Contact, "channel")]
    reason: Annotated[str, Choices(_m.Contact, "reason")]
    family_id: uuid.UUID | None = None
    date: dt.date | None = None
    people_count: int = Field(default=1, ge=1, le=50)


class ContactOut(Schema):
    id: uuid.UUID
    seat_id: int
    family_id: uuid.UUID | None
    channel: str
    reason: str
    date: dt.date
    people_count: int


class SchedaIn(InputSchema):
    access_reason: Annotated[str, Choices(_m.Scheda, "access_reason")]
    access_reason_text: str = ""
    needs: list[str] = []
    is_fragile: bool = False
    fragility_category: Annotated[str, Choices(_m.Scheda, "fragility_category")] = ""


class SchedaPatch(InputSchema):
    version: int
    access_reason: Annotated[str, Choices(_m.Scheda, "access_reason")] | None = None
    access_reason_text: str | None = None
    needs: list[str] | None = None
    status: Annotated[str, Choices(_m.Scheda, "status")] | None = None
    outcome: Annotated[str, Choices(_m.Scheda, "outcome")] | None = None
    is_fragile: bool | None = None
    fragility_category: Annotated[str, Choices(_m.Scheda, "fragility_category")] | None = None
    review_on: dt.date | None = None


class SchedaOut(Schema):
    id: uuid.UUID
    family_id: uuid.UUID
    access_reason: str
    access_reason_text: str
    needs: list[str]
    status: str
    outcome: str
    is_fragile: bool
    fragility_category: str
    review_on: dt.date | None
    opened_on: dt.date
    closed_on: dt.date | None
    version: int


class ConsentIn(InputSchema):
    purpose: Annotated[str, Choices(_m.Consent, "purpose")]
    legal_basis: Annotated[str, Choices(_m.Consent, "legal_basis")]
    person_id: uuid.UUID | None = None
    recipient_ente_id: int | None = None
    recipient_destination_id: int | None = None
    recipient_kind: str = ""
    given_on: dt.date | None = None
    expires_on: dt.date | None = None


class ConsentOut(Schema):
    id: uuid.UUID
    purpose: str
    legal_basis: str
    recipient_ente_id: int | None
    recipient_destination_id: int | None
    recipient_kind: str
    given_on: dt.date
    expires_on: dt.date | None
    withdrawn_on: dt.date | None


class ReferralIn(InputSchema):
    destination_id: int
    reason: Annotated[str, Choices(_m.Referral, "reason")]
    urgency: Annotated[str, Choices(_m.Referral, "urgency")] = "media"
    reason_text: str = ""
    override_reason: str = ""


class TransitionIn(InputSchema):
    to: str
    note: str = ""
    version: int | None = None


class FeedbackIn(InputSchema):
    feedback: str


class ReferralOut(Schema):
    id: uuid.UUID
    family_id: uuid.UUID
    destination_id: int
    reason: str
    urgency: str
    status: str
    sent_on: dt.date
    respond_by: dt.date
    status_note: str
    feedback: str
    version: int


class FamilyPatch(InputSchema):
    version: int
    name: str | None = Field(default=None, max_length=120)
    residence_kind: Annotated[str, Choices(_m.Family, "residence_kind")] | None = None
    comune_id: int | None = None


class PersonPatch(InputSchema):
    version: int
    role: Annotated[str, Choices(_m.Person, "role")] | None = None
    first_name: str | None = None
    last_name: str | None = None
    birth_date: dt.date | None = None
    birth_year: int | None = None
    sex: Annotated[str, Choices(_m.Person, "sex")] | None = None
    citizenship: str | None = None
    languages: str | None = None
    fiscal_code: str | None = None


class PersonMoveIn(InputSchema):
    family_id: uuid.UUID
    version: int


class PersonMovedOut(Schema):
    id: uuid.UUID
    family_id: uuid.UUID
    version: int


class BodyIn(InputSchema):
    ente_id: int
    role: str = Field(max_length=200)
    override_reason: str = ""


class BodyOut(Schema):
    id: int
    scheda_id: uuid.UUID
    ente_id: int
    role: str


class FollowUpIn(InputSchema):
    plan: str
    goals: str = ""
    start_date: dt.date | None = None
    review_on: dt.date | None = None
    destination_ids: list[int] = []
    ente_ids: list[int] = []
    override_reason: str = ""


class FollowUpPatch(InputSchema):
    version: int
    plan: str | None = None
    goals: str | None = None
    start_date: dt.date | None = None
    review_on: dt.date | None = None
    status: Annotated[str, Choices(_m.IntegratedFollowUp, "status")] | None = None
    outcome: Annotated[str, Choices(_m.IntegratedFollowUp, "outcome")] | None = None
    outcome_note: str | None = None
    destination_ids: list[int] | None = None
    ente_ids: list[int] | None = None
    override_reason: str = ""


class FollowUpCloseIn(InputSchema):
    version: int
    outcome: Annotated[str, Choices(_m.IntegratedFollowUp, "outcome")]
    outcome_note: str = ""


class FollowUpOut(Schema):
    id: uuid.UUID
    scheda_id: uuid.UUID
    destination_ids: list[int]
    ente_ids: list[int]
    plan: str
    goals: str
    start_date: dt.date
    review_on: dt.date | None
    status: str
    outcome: str
    outcome_note: str
    closed_on: dt.date | None
    version: int

    @staticmethod
    def resolve_destination_ids(obj: Any) -> list[int]:
        return sorted(d.pk for d in obj.partner_destinations.all())

    @staticmethod
    def resolve_ente_ids(obj: Any) -> list[int]:
        return sorted(e.pk for e in obj.partner_entes.all())
