"""Consent and the sharing gate: nothing about a family leaves for another body without a valid
consent for that body (or its category), unless a written legal-obligation reason is given."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from families.models import Consent, Family, Person
from families.services import _base
from network.models import Ente


def consent_record(
    *,
    actor: Actor,
    family: Family,
    purpose: str,
    legal_basis: str,
    person: Person | None = None,
    recipient_ente: Ente | None = None,
    recipient_kind: str = "",
    given_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    form: Any = None,
) -> Consent:
    if person is not None and person.family_id != family.pk:
        raise ValidationError({"person": _("La persona non fa parte di questa famiglia.")})
    consent = Consent(
        family=family,
        person=person,
        purpose=purpose,
        legal_basis=legal_basis,
        recipient_ente=recipient_ente,
        recipient_kind=recipient_kind,
        given_on=given_on or timezone.localdate(),
        expires_on=expires_on,
    )
    if form is not None:
        consent.form = form
    with transaction.atomic():
        _base.create(actor=actor, instance=consent)
    return consent


def consent_withdraw(*, actor: Actor, consent: Consent, on: dt.date | None = None) -> Consent:
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Il consenso è già stato revocato."))
    with transaction.atomic():
        _base.update(actor=actor, instance=consent, data={"withdrawn_on": on or timezone.localdate()})
    return consent


def sharing_consent(*, family: Family, ente: Ente | None, kind: str = "") -> Consent | None:
    """The valid sharing consent covering `ente` (or its category `kind`), if any."""
    today = timezone.localdate()
    cover = Q(recipient_kind__in=[k for k in (kind, ente.kind if ente else "") if k])
    if ente is not None:
        cover |= Q(recipient_ente=ente)
    rows = Consent.objects.filter(family=family, purpose=Consent.Purpose.SHARING).filter(cover)
    return next((c for c in rows.order_by("-given_on") if c.is_valid_on(today)), None)


def sharing_check(
    *, actor: Actor, family: Family, ente: Ente | None, kind: str = "", override_reason: str = ""
) -> Consent | None:
    """Raise ValidationError unless sharing with `ente`/`kind` is allowed. An override for a
    legal obligation needs a written reason and is audited. Call inside the sharing transaction."""
    consent = sharing_consent(family=family, ente=ente, kind=kind)
    if consent is not None:
        return consent
    if not override_reason.strip():
        raise ValidationError(
            _(
                "Condivisione bloccata: manca un consenso valido (non scaduto né revocato) della famiglia "
                "per questo ente. Registra il consenso oppure indica l'obbligo di legge che impone l'invio."
            )
        )
    scoping.check_action(actor, "families.referral.override_consent", family)
    _base.audit(actor=actor, obj=family, verb="sharing_override", ente=ente.pk if ente else None, kind=kind)
    return None
