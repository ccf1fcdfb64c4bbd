"""Public portal views: no login, only what the network publishes; the visitor's input is never
echoed into error pages (forms show their own fields back, as every form does)."""

import datetime as dt
import json
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from activities.models import Activity, Registration, Session, target_labels
from common import ratelimit
from network.models import Seat
from network.selectors import seat_hours_summary
from portal import catalogue, search, selectors, services, text
from portal.forms import ContactRequestForm, SignupForm
from territory.geo import is_in_lombardy


def _too_many(request: HttpRequest, window_seconds: int) -> HttpResponse:
    return ratelimit.too_many(request, window_seconds=window_seconds, template="portal/too_many.html")


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {"stats": selectors.network_stats(), "situations": catalogue.SITUATIONS, "comuni": selectors.comune_names()},
    )


def _place(request: HttpRequest) -> tuple[search.Place | None, bool]:
    """The place of the search: typed comune (name or ISTAT code) or the browser's position.
    Returns (place, unknown) where unknown means the visitor typed a place we do not know."""
    where = request.GET.get("dove", "").strip()
    if where:
        comune = search.find_comune(where)
        return (search.place_for(comune), False) if comune else (None, True)
    try:
        lat, lon = Decimal(request.GET.get("lat", "")), Decimal(request.GET.get("lon", ""))
    except (InvalidOperation, ValueError):
        return None, False
    if not (lat.is_finite() and lon.is_finite()) or not is_in_lombardy(lat, lon):
        return None, bool(request.GET.get("lat"))
    return search.Place(_("la tua posizione"), float(lat), float(lon)), False


def _filters(request: HttpRequest) -> search.Filters:
    area = request.GET.get("area", "")
    return search.Filters(
        area=area if area in catalogue.AREA_NAMES else "",
        open_now=request.GET.get("aperto") == "1",
        accessible=request.GET.get("accessibile") == "1",
    )


def result_url(result: search.Result) -> str:
    """The portal page of a result: a seat of the network or a directory entry."""
    if result.seat_id is not None:
        return reverse("portal:seat", args=[result.seat_id])
    return reverse("portal:resource", args=[result.resource_key])


def results(request: HttpRequest) -> HttpResponse:
    if not ratelimit.allow(request, "search", settings.PORTAL_RATE_LIMIT, 60):
        return _too_many(request, 60)
    query = request.GET.get("q", "")
    too_long = len(query) > text.MAX_QUERY_CHARS
    place, unknown_place = _place(request)
    outcome = search.search(query, place=place, filters=_filters(request))
    map_points = [
        {"name": r.name, "lat": r.latitude, "lon": r.longitude, "url": result_url(r)} for r in outcome.results
    ]
    context = {
        "outcome": outcome,
        "q": outcome.query.raw,
        "where": place.label if place else request.GET.get("dove", "")[:100],
        "unknown_place": unknown_place,
        "too_long": too_long,
        "filters": _filters(request),
        "areas": [(code, str(name)) for code, name in catalogue.AREA_NAMES.items() if code != "formazione-operatori"],
        "map_points": map_points,  # json_script encodes it
        "comuni": selectors.comune_names(),
    }
    return render(request, "portal/results.html", context)


def _public_seat(pk: int) -> Seat:
    seat = (
        scoping.public(Seat.objects.filter(pk=pk))
        .select_related("centre__ats", "comune", "managing_ente")
        .prefetch_related("opening_slots")
        .first()
    )
    if seat is None:
        raise Http404(_("Sede non trovata."))
    return seat


def seat_detail(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _public_seat(pk)
    offerings = selectors.seat_offerings(seat)
    events = selectors.upcoming_activities(seat=seat)
    summary = seat_hours_summary(seat=seat)
    json_ld = selectors.seat_json_ld(seat, offerings, request.build_absolute_uri(reverse("portal:seat", args=[pk])))
    context = {
        "seat": seat,
        "offerings": offerings,
        "events": events,
        "hours": summary,
        "json_ld": _json_ld(json_ld),
        "carta": selectors.published_carta(seat.centre),
        "lat": float(seat.latitude if seat.latitude is not None else seat.comune.latitude),
        "lon": float(seat.longitude if seat.longitude is not None else seat.comune.longitude),
        "italian_only": get_language() != "it",
    }
    return render(request, "portal/seat.html", context)


def resource_detail(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """A public entry of the shared directory (another body's service): what it offers, where,
    when, for whom, at what cost, in which languages and how to get in touch. Entries that are not
    published or not public are 404, whoever asks (the portal is the public face)."""
    resource = selectors.public_resource(key)
    if resource is None:
        raise Http404(_("Servizio non trovato."))
    summary = selectors.resource_hours(resource)
    url = request.build_absolute_uri(reverse("portal:resource", args=[resource.uuid]))
    context = {
        "resource": resource,
        "hours": summary,
        "languages": selectors.language_names(resource),
        "json_ld": _json_ld(selectors.resource_json_ld(resource, url)),
        "italian_only": get_language() != "it",
    }
    return render(request, "portal/resource.html", context)


def _json_ld(data: dict[str, Any]) -> str:
    return mark_safe(  # noqa: S308 - JSON with <, > and & escaped, as json_script does
        json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )


def contact_request(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _public_seat(pk)
    form = ContactRequestForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST":
        if not ratelimit.allow(request, "forms", settings.PORTAL_FORM_RATE_LIMIT, 600):
            return _too_many(request, 600)
        if form.is_bot():
            return redirect("portal:contact_sent", pk=seat.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.contact_request_submit(
                    seat=seat,
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    language=data["language"],
                    preferred_time=data["preferred_time"],
                    message=data["message"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("portal:contact_sent", pk=seat.pk)
    return render(request, "portal/contact_form.html", {"seat": seat, "form": form})


def contact_sent(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "portal/contact_sent.html", {"seat": _public_seat(pk)})


def events(request: HttpRequest) -> HttpResponse:
    comune = search.find_comune(request.GET.get("dove", "")) if request.GET.get("dove") else None
    area = request.GET.get("area", "")
    try:
        day = dt.date.fromisoformat(request.GET.get("dal", "")) if request.GET.get("dal") else None
    except ValueError:
        day = None
    targets = selectors.public_targets()
    target = request.GET.get("per", "")
    target = target if target in dict(targets) else ""
    items = list(
        selectors.upcoming_activities(
            comune=comune, area=area if area in catalogue.AREA_NAMES else "", since=day, target=target
        )
    )
    for item in items:
        item.target_names = target_labels(item.targets)  # type: ignore[attr-defined]
    context = {
        "items": items,
        "targets": targets,
        "target": target,
        "since": day.isoformat() if day else "",
        "where": comune.name if comune else "",
        "unknown_place": bool(request.GET.get("dove")) and comune is None,
        "area": area,
        "areas": [(code, str(name)) for code, name in catalogue.AREA_NAMES.items() if code != "formazione-operatori"],
        "comuni": selectors.comune_names(),
    }
    return render(request, "portal/events.html", context)


def _public_activity(pk: int) -> Activity:
    activity = (
        scoping.public(Activity.objects.filter(pk=pk))
        .select_related("seat__comune", "area", "place_comune")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at"),
                to_attr="upcoming",
            )
        )
        .first()
    )
    if activity is None:
        raise Http404(_("Attività non trovata."))
    return activity


def signup(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _public_activity(pk)
    form = SignupForm(request.POST or None)
    places_left = selectors.places_left(activity)
    if request.method == "POST":
        if not ratelimit.allow(request, "forms", settings.PORTAL_FORM_RATE_LIMIT, 600):
            return _too_many(request, 600)
        if form.is_bot():
            return redirect("portal:events")
        if form.is_valid():
            try:
                signup_row, token = services.signup_submit(
                    activity=activity,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    language=get_language() or "it",
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                cancel_url = request.build_absolute_uri(reverse("portal:signup_cancel", args=[token]))
                services.signup_mail(signup=signup_row, cancel_url=cancel_url)
                request.session["portal_signup"] = signup_row.pk
                return redirect("portal:signup_done", pk=activity.pk)
    context = {"activity": activity, "form": form, "places_left": places_left}
    return render(request, "portal/signup.html", context)


def _attach(form: Any, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def signup_done(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _public_activity(pk)
    pk_signup = request.session.get("portal_signup")
    registration = (
        Registration.objects.filter(public_signup__pk=pk_signup, activity=activity).first() if pk_signup else None
    )
    if registration is None:
        return redirect("portal:signup", pk=activity.pk)
    return render(request, "portal/signup_done.html", {"activity": activity, "registration": registration})


def signup_cancel(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            services.signup_cancel(token=token[:100])
        except ValidationError as exc:
            return render(request, "portal/signup_cancel.html", {"error": exc.messages[0]}, status=400)
        return render(request, "portal/signup_cancel.html", {"done": True})
    return render(request, "portal/signup_cancel.html", {})


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    if ratelimit.allow(request, "feedback", 20, 600):
        try:
            rating = int(request.POST.get("rating", "0"))
            services.feedback_submit(
                page=request.POST.get("page", "")[:200], rating=rating, answer=request.POST.get("answer", "")
            )
        except (ValueError, ValidationError):
            return render(request, "portal/feedback_done.html", {"error": True}, status=400)
    return render(request, "portal/feedback_done.html", {})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"retention": selectors.retention()})


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal.html")


def data_sources(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/data_sources.html")


def province_boundaries(request: HttpRequest) -> HttpResponse:
    """The project's own province outlines (Openpolis, CC BY 4.0) under the map: no tile server."""
    from territory.geo import DATA_DIR

    response = HttpResponse((DATA_DIR / "lombardia_province.geojson").read_bytes(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
