"""Activities in the REST API (/api/v1/activities): list/get/create of activities through the
generic CRUD (core.api_crud), sign-ups, cancellations and attendance through the same services and
selectors as the back office (participants only for family workers)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from accounts import scoping
from activities import schemas as s
from activities import selectors, services
from activities.models import Activity, Registration
from common.inputs import Int64
from core import api_crud as crud
from families.access import check_family_reader
from families.selectors import families_for, person_detail

router = Router(tags=["attività"])


crud.register(
    router,
    model=Activity,
    path="activities",
    out=s.ActivityOut,
    create_in=s.ActivityIn,
    search=("title", "description"),
    select_related=("seat", "area"),
    tag="attività",
)


@router.get("/activities/{activity_id}/registrations", response=list[s.RegistrationOut], summary="Iscrizioni")
def registration_list(request: HttpRequest, activity_id: Int64) -> Any:
    check_family_reader(request.user)
    activity = selectors.activity_detail(user=request.user, activity_id=activity_id)
    return list(selectors.registrations_of(user=request.user, activity=activity))


@router.post(
    "/activities/{activity_id}/registrations", response={201: s.RegistrationOut}, summary="Iscrivi una famiglia"
)
def registration_create(request: HttpRequest, activity_id: Int64, payload: s.RegistrationIn) -> Any:
    check_family_reader(request.user)
    activity = selectors.activity_detail(user=request.user, activity_id=activity_id)
    family = None
    code = payload.family_code.strip().upper()
    if code:
        family = families_for(user=request.user).filter(code=code).first()
        if family is None:
            raise ValidationError({"family_code": _("Nessuna famiglia con questo codice tra quelle che puoi vedere.")})
    person = None
    if payload.person_id:
        try:
            person = person_detail(user=request.user, person_id=payload.person_id)
        except (Http404, PermissionDenied, ValidationError) as exc:  # unknown or invisible person: 422, never 500
            raise ValidationError({"person_id": _("Persona non trovata tra quelle che puoi vedere.")}) from exc
    registration = services.registration_create(
        actor=request.user,
        activity=activity,
        family=family,
        person=person,
        participant_label=payload.participant_label,
    )
    return Status(201, registration)


@router.post("/registrations/{registration_id}/cancel", response=s.CancelOut, summary="Annulla un'iscrizione")
def registration_cancel(request: HttpRequest, registration_id: Int64) -> Any:
    check_family_reader(request.user)
    qs = selectors.participants_scoped(request.user, Registration.objects.select_related("activity__seat__centre"))
    registration = scoping.get_for_user(request.user, qs, registration_id, scoping.CHANGE)
    promoted = services.registration_cancel(actor=request.user, registration=registration)
    return {"cancelled": registration, "promoted": promoted}


@router.post("/sessions/{session_id}/attendance", response=s.AttendanceOut, summary="Registra le presenze")
def attendance_record(request: HttpRequest, session_id: Int64, payload: s.AttendanceIn) -> Any:
    check_family_reader(request.user)
    session = selectors.session_detail(user=request.user, session_id=session_id)
    if not scoping.may_write(request.user, type(session), scoping.CHANGE):
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    named, anonymous = services.attendance_record(
        actor=request.user, session=session, present=set(payload.present), headcounts=payload.headcounts
    )
    return {"session_id": session.pk, "named_present": named, "anonymous": anonymous, "total": named + anonymous}
