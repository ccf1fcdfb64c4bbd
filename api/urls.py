"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from accounts import scoping
from activities.api import router as activities_router
from api import crud
from api import schemas as s
from api.auth import AUTH
from common.concurrency import ConflictError
from common.errors import error_messages
from conciliazione.api import router as conciliazione_router
from families.api import inbox_router
from families.api import router as families_router
from funding.api import router as funding_router
from network import models as nm
from network import selectors as network_selectors
from network.hours import MIN_NETWORK_WEEKLY_HOURS
from territory import models as tm

api = NinjaAPI(
    title="Centri per la Famiglia — Regione Lombardia",
    version="1.0.0",
    description="API del registro della rete dei Centri per la Famiglia. Autenticazione: token Bearer "
    "(creato dal profilo utente) o sessione del back office. Ogni operazione rispetta l'ambito del ruolo.",
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = error_messages(exc)
    return api.create_response(request, {"detail": _("Dati non validi."), "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def _schema_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", ())[1:] if p not in ("payload", "body")) or "__all__"
        errors.setdefault(loc, []).append(_("Valore non valido: %(msg)s") % {"msg": err.get("msg", "")})
    return api.create_response(request, {"detail": _("Dati non validi."), "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Operazione non consentita.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Elemento non trovato.")}, status=404)


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Autenticazione richiesta.")}, status=401)


# Territory -----------------------------------------------------------------------------------
territory = Router()


@territory.get("/ats", response=list[s.AtsOut], tags=["territorio"], summary="Elenco delle ATS")
def ats_list(request: HttpRequest) -> Any:
    return tm.Ats.objects.all()


@territory.get(
    "/populations", response=list[s.PopulationOut], tags=["territorio"], summary="Popolazione per ATS, per rilevazione"
)
def population_by_ats(request: HttpRequest, snapshot: str | None = None) -> Any:
    from django.db.models import Sum

    rows: list[dict[str, Any]] = []
    snapshots = tm.PopulationSnapshot.objects.all()
    if snapshot:
        snapshots = snapshots.filter(code=snapshot)
    for snap in snapshots:
        figures: Any
        if snap.level == tm.PopulationSnapshot.Level.ATS:
            figures = snap.ats_figures.values_list("ats__code", "total")
        else:
            figures = (
                snap.comune_figures.values_list("comune__ats__code")
                .annotate(t=Sum("total"))
                .order_by("comune__ats__code")
            )
        rows += [
            {
                "snapshot": snap.code,
                "reference_date": snap.reference_date,
                "source": snap.source,
                "ats_code": code,
                "total": total,
            }
            for code, total in figures
        ]
    return rows


crud.register(
    territory,
    model=tm.Comune,
    path="comuni",
    out=s.ComuneOut,
    search=("name", "istat_code", "cadastral_code"),
    tag="territorio",
)
crud.register(
    territory,
    model=tm.Area,
    path="areas",
    out=s.AreaOut,
    create_in=s.AreaIn,
    patch_in=s.AreaPatch,
    search=("name",),
    tag="territorio",
)

# Network registry ----------------------------------------------------------------------------
network = Router()
crud.register(
    network,
    model=nm.Ente,
    path="enti",
    out=s.EnteOut,
    create_in=s.EnteIn,
    patch_in=s.EntePatch,
    search=("name", "tax_code"),
    tag="rete",
)
crud.register(
    network,
    model=nm.Centre,
    path="centres",
    out=s.CentreOut,
    create_in=s.CentreIn,
    patch_in=s.CentrePatch,
    search=("name",),
    tag="rete",
)
crud.register(
    network,
    model=nm.Seat,
    path="seats",
    out=s.SeatOut,
    create_in=s.SeatIn,
    patch_in=s.SeatPatch,
    search=("name", "address"),
    tag="rete",
)
crud.register(
    network,
    model=nm.OpeningSlot,
    path="opening-slots",
    out=s.OpeningSlotOut,
    create_in=s.OpeningSlotIn,
    patch_in=s.OpeningSlotPatch,
    tag="rete",
)
crud.register(
    network,
    model=nm.OpeningException,
    path="opening-exceptions",
    out=s.OpeningExceptionOut,
    create_in=s.OpeningExceptionIn,
    patch_in=s.OpeningExceptionPatch,
    tag="rete",
)
crud.register(
    network,
    model=nm.StaffMember,
    path="staff",
    out=s.StaffOut,
    create_in=s.StaffIn,
    patch_in=s.StaffPatch,
    search=("first_name", "last_name"),
    tag="rete",
)
crud.register(
    network,
    model=nm.ServiceOffering,
    path="offerings",
    out=s.OfferingOut,
    create_in=s.OfferingIn,
    patch_in=s.OfferingPatch,
    search=("name",),
    tag="rete",
)
crud.register(
    network,
    model=nm.Protocol,
    path="protocols",
    out=s.ProtocolOut,
    create_in=s.ProtocolIn,
    patch_in=s.ProtocolPatch,
    search=("title",),
    tag="rete",
)
crud.register(
    network,
    model=nm.ReferralDestination,
    path="referral-destinations",
    out=s.DestinationOut,
    create_in=s.DestinationIn,
    patch_in=s.DestinationPatch,
    search=("name",),
    tag="rete",
)


@network.get("/service-areas", response=list[s.ServiceAreaOut], tags=["rete"], summary="Catalogo dei servizi")
def service_areas(request: HttpRequest) -> Any:
    return nm.ServiceArea.objects.all()


@network.get(
    "/centres/{centre_id}/opening-hours",
    response=s.NetworkHoursOut,
    tags=["rete"],
    summary="Ore settimanali della rete (unione degli orari delle sedi)",
)
def centre_opening_hours(request: HttpRequest, centre_id: int, on: dt.date | None = None) -> Any:
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


api.add_router("/territory", territory)
api.add_router("/network", network)
api.add_router("/funding", funding_router)
api.add_router("/conciliazione", conciliazione_router)
api.add_router("/families", families_router)
api.add_router("/inbox", inbox_router)
api.add_router("/activities", activities_router)
