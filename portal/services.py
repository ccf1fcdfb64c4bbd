"""Write services of the public portal. The visitor has no account: these functions are the only
ways the portal writes, each validated and audited (ids and field names only)."""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from activities import services as activity_services
from activities.models import Activity, Registration
from core.records import audit_record
from families.codes import AccessReason, Channel
from families.models import Contact, Family
from families.services.contacts import contact_log
from families.services.families import family_create
from network.models import Seat
from portal.models import (
    CONTACT_REQUEST_RETENTION_DAYS,
    FEEDBACK_RETENTION_DAYS,
    SIGNUP_RETENTION_DAYS,
    ContactRequest,
    PageFeedback,
    PublicSignup,
)

FEEDBACK_ANSWERS = ("chiaro", "completo", "trovato", "non_chiaro", "incompleto", "non_trovato", "")


def _audit(*, actor: Actor, obj: Any, verb: str, fields: list[str] | None = None) -> None:
    """Audited with field names only, never what the visitor wrote."""
    audit_record(actor=actor, obj=obj, verb=verb, changes={"fields": fields or []})


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def contact_request_submit(
    *, seat: Seat, name: str, phone: str, email: str, language: str, preferred_time: str, message: str
) -> ContactRequest:
    """A visitor asks the seat to call back. A second identical open request is not duplicated."""
    seat = scoping.public(Seat.objects.filter(pk=seat.pk)).get()
    request = ContactRequest(
        seat=seat,
        name=" ".join(name.split())[:80],
        phone=phone.strip()[:30],
        email=email.strip()[:254],
        language=language,
        preferred_time=preferred_time or ContactRequest.Slot.ANY,
        message=message.strip()[:1000],
    )
    request.full_clean()
    with transaction.atomic():
        same = ContactRequest.objects.filter(
            seat=seat, status=ContactRequest.Status.NEW, name=request.name, phone=request.phone, email=request.email
        ).first()
        if same is not None:
            return same
        request.save()
        _audit(actor=None, obj=request, verb="submitted", fields=["name", "phone", "email", "message"])
    return request


def contact_request_close(*, actor: Actor, request: ContactRequest) -> ContactRequest:
    scoping.check_can_write(actor, request, scoping.CHANGE)
    request.status = ContactRequest.Status.DONE
    request.handled_at = timezone.now()
    with transaction.atomic():
        request.save(update_fields=["status", "handled_at"])
        _audit(actor=actor, obj=request, verb="closed", fields=["status"])
    return request


def contact_request_convert(*, actor: Actor, request: ContactRequest, as_family: bool) -> Contact | Family:
    """One click: the call back becomes an accesso (phone contact) and, if asked, a family record."""
    scoping.check_can_write(actor, request, scoping.CHANGE)
    if request.status == ContactRequest.Status.CONVERTED:
        raise ValidationError(_("Questa richiesta è già stata registrata."))
    with transaction.atomic():
        family = family_create(actor=actor, seat=request.seat, name=request.name) if as_family else None
        contact = contact_log(
            actor=actor, seat=request.seat, channel=Channel.PHONE, reason=AccessReason.INFORMATION, family=family
        )
        request.status = ContactRequest.Status.CONVERTED
        request.handled_at = timezone.now()
        request.contact = contact
        request.family = family
        request.save(update_fields=["status", "handled_at", "contact", "family"])
        _audit(actor=actor, obj=request, verb="converted", fields=["status", "contact", "family"])
    return family if family is not None else contact


def signup_submit(*, activity: Activity, name: str, email: str, language: str) -> tuple[PublicSignup, str]:
    """Online sign-up: the same capacity and waiting-list rules as the back office
    (activities.services). Returns the sign-up and the cancel token (sent by e-mail, stored as digest)."""
    activity = scoping.public(Activity.objects.filter(pk=activity.pk)).get()
    name = " ".join(name.split())[:120]
    email = email.strip().lower()[:254]
    if not name:
        raise ValidationError({"name": _("Scrivi il tuo nome o un soprannome.")})
    if not activity.sessions.filter(starts_at__gte=timezone.now(), cancelled=False).exists():
        raise ValidationError(_("Non ci sono incontri futuri per questa attività."))
    if PublicSignup.objects.filter(
        registration__activity=activity, registration__status__in=Registration.ACTIVE, email=email
    ).exists():
        raise ValidationError({"email": _("Con questo indirizzo e-mail c'è già un'iscrizione a questa attività.")})
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        registration = activity_services.registration_create_public(activity=activity, participant_label=name)
        signup = PublicSignup.objects.create(
            registration=registration, email=email, language=language, token_digest=digest(token)
        )
        _audit(actor=None, obj=signup, verb="created", fields=["email", "language"])
    return signup, token


def signup_mail(*, signup: PublicSignup, cancel_url: str) -> None:
    registration = signup.registration
    waiting = registration.status == Registration.Status.WAITLISTED
    subject = _("Iscrizione: %(title)s") % {"title": registration.activity.title}
    body = "\n\n".join(
        [
            _("Ciao %(name)s,") % {"name": registration.participant_label},
            _("sei in lista d'attesa: ti scriveremo se si libera un posto.")
            if waiting
            else _("la tua iscrizione è confermata."),
            _("Attività: %(title)s, presso %(seat)s.")
            % {"title": registration.activity.title, "seat": registration.activity.seat.name},
            _("Se non puoi più partecipare, annulla qui: %(url)s") % {"url": cancel_url},
        ]
    )
    send_mail(subject, body, None, [signup.email])


def signup_cancel(*, token: str) -> Registration:
    signup = PublicSignup.objects.select_related("registration__activity").filter(token_digest=digest(token)).first()
    if signup is None:
        raise ValidationError(_("Il link di annullamento non è valido o è scaduto."))
    registration = signup.registration
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("L'iscrizione è già annullata."))
    activity_services.registration_cancel_public(registration=registration)
    return registration


def feedback_submit(*, page: str, rating: int, answer: str) -> PageFeedback:
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Scegli da 1 a 5 stelle.")})
    if answer not in FEEDBACK_ANSWERS:
        answer = ""
    return PageFeedback.objects.create(page=page[:200], rating=rating, answer=answer)


def purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Retention of the privacy notice: contact requests 90 days after they were handled (or sent,
    if never handled), online sign-up contacts 30 days after the activity's last session,
    page feedback after a year."""
    now = now or timezone.now()
    requests = ContactRequest.objects.filter(
        created_at__lt=now - dt.timedelta(days=CONTACT_REQUEST_RETENTION_DAYS), handled_at__isnull=True
    ) | ContactRequest.objects.filter(handled_at__lt=now - dt.timedelta(days=CONTACT_REQUEST_RETENTION_DAYS))
    n_requests, _detail = requests.delete()
    cutoff = now - dt.timedelta(days=SIGNUP_RETENTION_DAYS)
    stale = PublicSignup.objects.exclude(registration__activity__sessions__ends_at__gte=cutoff)
    stale_ids = list(stale.values_list("pk", flat=True))
    n_signups = 0
    for signup in PublicSignup.objects.filter(pk__in=stale_ids).select_related("registration"):
        Registration.objects.filter(pk=signup.registration_id).update(participant_label="(dati rimossi)")
        signup.delete()
        n_signups += 1
    n_feedback, _detail = PageFeedback.objects.filter(
        created_at__lt=now - dt.timedelta(days=FEEDBACK_RETENTION_DAYS)
    ).delete()
    return {"contact_requests": n_requests, "signups": n_signups, "feedback": n_feedback}
