"""Referrals (invii) to the registry's specialist services, with their state machine:
sent → received → accepted | rejected (with reason) → taken in charge → closed (with outcome);
withdrawn while still open. Sending is gated by consent (services.consent.sharing_check)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor, user_of
from common.concurrency import save_versioned
from families import codes
from families.models import Family, Referral
from families.services import _base
from families.services.consent import sharing_check
from network.models import ReferralDestination

NEEDS_NOTE = {Referral.Status.REJECTED, Referral.Status.CLOSED, Referral.Status.WITHDRAWN}


def referral_send(
    *,
    actor: Actor,
    family: Family,
    destination: ReferralDestination,
    reason: str,
    urgency: str = codes.Urgency.NORMAL,
    reason_text: str = "",
    override_reason: str = "",
) -> Referral:
    """Refer the family. The destination must be in the user's network (same ATS, active);
    without a valid sharing consent the referral is refused unless a legal obligation is stated."""
    in_network = scoping.scoped(actor, ReferralDestination.objects.filter(pk=destination.pk, is_active=True))
    if destination.ats_id != family.seat.centre.ats_id or not in_network.exists():
        raise ValidationError({"destination": _("Il servizio scelto non fa parte della rete della tua ATS.")})
    today = timezone.localdate()
    with transaction.atomic():
        consent = sharing_check(actor=actor, family=family, destination=destination, override_reason=override_reason)
        referral = Referral(
            family=family,
            destination=destination,
            reason=reason,
            reason_text=reason_text,
            urgency=urgency,
            sent_on=today,
            respond_by=today + dt.timedelta(days=codes.RESPONSE_DAYS.get(urgency, 15)),
            consent=consent,
            override_reason="" if consent else override_reason.strip(),
            sent_by=user_of(actor),
        )
        _base.create(actor=actor, instance=referral)
    return referral


# The steps a receiving service takes itself; withdrawing stays with the Centre that referred.
RECEIVER_STEPS = {
    Referral.Status.RECEIVED,
    Referral.Status.ACCEPTED,
    Referral.Status.REJECTED,
    Referral.Status.TAKEN_IN_CHARGE,
    Referral.Status.CLOSED,
}


def referral_transition(
    *, actor: Actor, referral: Referral, to: str, note: str = "", expected_version: int | None = None
) -> Referral:
    """Move the referral along its state machine (the operator records the destination's steps)."""
    scoping.check_action(actor, "families.referral.transition", referral)
    return _move(actor=actor, referral=referral, to=to, note=note, expected_version=expected_version)


def referral_acknowledge(
    *, actor: Actor, referral: Referral, to: str, note: str = "", expected_version: int | None = None
) -> Referral:
    """A receiving service that uses the platform records its own step (received, accepted or
    rejected with reason, taken in charge, closed with outcome) on a referral addressed to it."""
    scoping.check_action(actor, "families.referral.acknowledge", referral)
    if to not in RECEIVER_STEPS:
        raise ValidationError(_("Questo passaggio spetta al centro che ha inviato la famiglia."))
    return _move(actor=actor, referral=referral, to=to, note=note, expected_version=expected_version)


def _move(*, actor: Actor, referral: Referral, to: str, note: str, expected_version: int | None) -> Referral:
    if to not in Referral.TRANSITIONS.get(referral.status, ()):
        raise ValidationError(
            _("Passaggio non consentito: da «%(a)s» a «%(b)s».")
            % {"a": referral.get_status_display(), "b": dict(Referral.Status.choices).get(to, to)}
        )
    if to in NEEDS_NOTE and not note.strip():
        raise ValidationError({"status_note": _("Indica la motivazione o l'esito.")})
    before = referral.status
    fields = ["status", "status_note"]
    referral.status = to
    referral.status_note = note.strip() or referral.status_note
    if before in Referral.AWAITING and to not in Referral.AWAITING and referral.responded_on is None:
        referral.responded_on = timezone.localdate()
        fields.append("responded_on")
    with transaction.atomic():
        save_versioned(
            referral, expected_version=referral.version if expected_version is None else expected_version, fields=fields
        )
        _base.audit(actor=actor, obj=referral, verb=to, fields=fields, status=[before, to])
    return referral


def referral_feedback(*, actor: Actor, referral: Referral, feedback: str) -> Referral:
    """Record the feedback of an external destination (the operator writes what they were told)."""
    if not feedback.strip():
        raise ValidationError({"feedback": _("Scrivi il riscontro ricevuto.")})
    with transaction.atomic():
        _base.update(actor=actor, instance=referral, data={"feedback": feedback.strip()})
    return referral
