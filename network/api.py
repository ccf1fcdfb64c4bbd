"""The network registry in the REST API (mounted at /api/v1/network): enti, centres, seats,
opening hours, staff, offerings, protocols and referral destinations through the generic CRUD
(core.api_crud), the service catalogue and the network's weekly hours."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from accounts import scoping
from common.inputs import Int64
from core import api_crud as crud
from network import models as nm
from network import schemas as s
from network import selectors as network_selectors
from network.hours import MIN_NETWORK_WEEKLY_HOURS

router = Router()
crud.register(
    router,
    model=nm.Ente,
    path="enti",
    out=s.EnteOut,
    create_in=s.EnteIn,
    patch_in=s.EntePatch,
    search=("name", "tax_code"),
    tag="rete",
)
crud.register(
    router,
    model=nm.Centre,
    path="centres",
    out=s.CentreOut,
    create_in=s.CentreIn,
    patch_in=s.CentrePatch,
    search=("name",),
    tag="rete",
)
crud.register(
    router,
    model=nm.Seat,
    path="seats",
    out=s.SeatOut,
    create_in=s.SeatIn,
    patch_in=s.SeatPatch,
    search=("name", "address"),
    tag="rete",
)
crud.register(
    router,
    model=nm.OpeningSlot,
    path="opening-slots",
    out=s.OpeningSlotOut,
    create_in=s.OpeningSlotIn,
    patch_in=s.OpeningSlotPatch,
    tag="rete",
)
crud.register(
    router,
    model=nm.OpeningException,
    path="opening-exceptions",
    out=s.OpeningExceptionOut,
    create_in=s.OpeningExceptionIn,
    patch_in=s.OpeningExceptionPatch,
    tag="rete",
)
crud.register(
    router,
    model=nm.StaffMember,
    path="staff",
    out=s.StaffOut,
    create_in=s.StaffIn,
    patch_in=s.StaffPatch,
    search=("first_name", "last_name"),
    tag="rete",
)
crud.register(
    router,
    model=nm.ServiceOffering,
    path="offerings",
    out=s.OfferingOut,
    create_in=s.OfferingIn,
    patch_in=s.OfferingPatch,
    search=("name",),
    tag="rete",
)
crud.register(
    router,
    model=nm.Protocol,
    path="protocols",
    out=s.ProtocolOut,
    create_in=s.ProtocolIn,
    patch_in=s.ProtocolPatch,
    search=("title",),
    tag="rete",
)
crud.register(
    router,
    model=nm.ReferralDestination,
    path="referral-destinations",
    out=s.DestinationOut,
    create_in=s.DestinationIn,
    patch_in=s.DestinationPatch,
    search=("name",),
    tag="rete",
)


@router.get("/service-areas", response=list[s.ServiceAreaOut], tags=["rete"], summary="Catalogo dei servizi")
def service_areas(request: HttpRequest) -> Any:
    return nm.ServiceArea.objects.all()


@router.get(
    "/centres/{centre_id}/opening-hours",
    response=s.NetworkHoursOut,
    tags=["rete"],
    summary="Ore settimanali della rete (unione degli orari delle sedi)",
)
def centre_opening_hours(request: HttpRequest, centre_id: Int64, on: dt.date | None = None) -> Any:
    centre = scoping.get_for_user(request.user, nm.Centre.objects.all(), centre_id)
    day = on or timezone.localdate()
    total, meets, per_seat = network_selectors.centre_network_hours(centre=centre, on=day)
    return {
        "centre_id": centre.pk,
        "on": day,
        "network_weekly_hours": total,
        "meets_minimum": meets,
        "minimum_hours": MIN_NETWORK_WEEKLY_HOURS,
        "seats": [{"seat_id": seat.pk, "weekly_hours": str(h)} for seat, h in per_seat],
    }
