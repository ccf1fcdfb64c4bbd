"""Back-office pages of the activities app: thin views (form → service → redirect), every lookup
through activities.selectors (scoping layer; participants only for family workers)."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.types import Actor
from activities import selectors, services
from activities.backoffice import ACTIVITY
from activities.forms import AttendanceForm, ScheduleForm, SignUpForm
from activities.models import Activity, Kind, Registration, Target, target_labels
from common.forms import attach_errors
from families.access import audit_list, may_read_families
from families.selectors import families_for
from network.models import ServiceArea

PAGE_SIZE = 25


def _can_change(user: Actor, activity: Activity) -> bool:
    return scoping.scoped(user, Activity.objects.filter(pk=activity.pk), scoping.CHANGE).exists()


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.activities_for(user=request.user, params=request.GET)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": page,
            "params": request.GET,
            "querystring": query.urlencode(),
            "kinds": Kind.choices,
            "statuses": Activity.Status.choices,
            "targets": Target.choices,
            "areas": ServiceArea.objects.order_by("level", "position"),
            "can_create": scoping.may_write(request.user, Activity, scoping.CREATE),
            "show_participants": may_read_families(request.user),
        },
    )


def _detail_context(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    registrations = list(selectors.registrations_of(user=request.user, activity=activity))
    if registrations:  # the participant lists name people: audited like other family-record reads
        audit_list(actor=request.user, label="activities.registration", ids=[r.pk for r in registrations])
    return {
        "activity": activity,
        "targets_label": target_labels(activity.targets),
        "sessions": list(selectors.sessions_of(user=request.user, activity=activity)),
        "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
        "waitlisted": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        "show_participants": may_read_families(request.user),
        "can_change": _can_change(request.user, activity),
        "signup_form": SignUpForm(),
        "schedule_form": ScheduleForm(),
    }


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_detail(user=request.user, activity_id=pk)
    return render(request, "activities/activity_detail.html", _detail_context(request, activity))


@login_required
@require_POST
def activity_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_detail(user=request.user, activity_id=pk, action=scoping.CHANGE)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            created = services.activity_schedule_sessions(
                actor=request.user,
                activity=activity,
                first=form.cleaned_data["first"],
                weekly_count=form.cleaned_data["weekly_count"],
                duration=dt.timedelta(minutes=form.cleaned_data["duration_minutes"]),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Incontri programmati: %(n)d.") % {"n": len(created)})
            return redirect("activities:activity_detail", pk=activity.pk)
    context = _detail_context(request, activity)
    context["schedule_form"] = form
    return render(request, "activities/activity_detail.html", context, status=422)


@login_required
@require_POST
def registration_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_detail(user=request.user, activity_id=pk)
    if not may_read_families(request.user) or not _can_change(request.user, activity):
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    form = SignUpForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["family_code"].strip().upper()
        family = families_for(user=request.user).filter(code=code).first() if code else None
        if code and family is None:
            form.add_error("family_code", _("Nessuna famiglia con questo codice tra quelle che puoi vedere."))
        else:
            try:
                registration = services.registration_create(
                    actor=request.user,
                    activity=activity,
                    family=family,
                    participant_label="" if family else form.cleaned_data["participant_label"],
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                if registration.status == Registration.Status.CONFIRMED:
                    messages.success(request, _("Iscrizione confermata."))
                else:
                    messages.warning(request, _("Posti esauriti: iscrizione in lista d'attesa."))
                return redirect("activities:activity_detail", pk=activity.pk)
    context = _detail_context(request, activity)
    context["signup_form"] = form
    return render(request, "activities/activity_detail.html", context, status=422)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    qs = selectors.participants_scoped(request.user, Registration.objects.select_related("activity__seat__centre"))
    registration = scoping.get_for_user(request.user, qs, pk, scoping.CHANGE)
    try:
        promoted = services.registration_cancel(actor=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Iscrizione annullata."))
        if promoted is not None:
            messages.info(request, _("Il primo in lista d'attesa ha ottenuto il posto: %(who)s.") % {"who": promoted})
    return redirect("activities:activity_detail", pk=registration.activity_id)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_detail(user=request.user, session_id=pk)
    activity = session.activity
    can_record = may_read_families(request.user) and _can_change(request.user, activity)
    error = None
    status = 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            error = str(AttendanceForm.INVALID)
        else:
            try:
                services.attendance_record(
                    actor=request.user,
                    session=session,
                    present=form.cleaned_data["present"],
                    headcounts=form.cleaned_data["headcounts"],
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("Presenze registrate."))
                return redirect("activities:session_detail", pk=session.pk)
        status = 422
    sheet = selectors.attendance_sheet(user=request.user, session=session)
    if sheet.rows:  # the sheet names participants: audited like other reads of family records
        audit_list(
            actor=request.user,
            label="activities.registration",
            ids=[row.registration.pk for row in sheet.rows],
            what="attendance_viewed",
        )
    return render(
        request,
        "activities/session_detail.html",
        {
            "session": session,
            "activity": activity,
            "sheet": sheet,
            "can_record": can_record,
            "can_cancel": _can_change(request.user, activity) and not session.cancelled,
            "show_participants": may_read_families(request.user),
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_detail(user=request.user, session_id=pk)
    if not _can_change(request.user, session.activity):
        raise PermissionDenied(_("Il tuo ruolo non consente questa operazione."))
    try:
        services.session_cancel(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Incontro annullato: non si registrano presenze."))
    return redirect("activities:session_detail", pk=session.pk)


activity_create = login_required(ACTIVITY.create_view)
activity_edit = login_required(ACTIVITY.edit_view)
activity_delete = login_required(ACTIVITY.delete_view)
