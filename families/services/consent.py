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
from families import codes
from families.models import Consent, Family, Person
from families.services import _base
from network.models import Ente, ReferralDestination


class ConsentMissing(ValidationError):
    """Sharing refused for lack of a valid consent: carries what was being shared with, so that
    the page can offer to record exactly the missing consent."""

    def __init__(self, message: str, *, destination: ReferralDestination | None, ente: Ente | None, kind: str) -> None:
        super().__init__(message)
        self.destination = destination
        self.ente = ente
        self.kind = kind


def covers(consent: Consent, destination: ReferralDestination) -> bool:
    """Whether a sharing consent names `destination`, its Ente, or the category of either."""
    kinds = {destination.kind, destination.ente.kind if destination.ente else ""} - {""}
    return (
        consent.recipient_destination_id == destination.pk
        or (consent.recipient_ente_id is not None and consent.recipient_ente_id == destination.ente_id)
        or (bool(consent.recipient_kind) and consent.recipient_kind in kinds)
    )


def _known_kind(kind: str) -> bool:
    return any(kind == value for _group, options in codes.recipient_kind_choices() for value, _label in options)


def _check_useful(*, actor: Actor, consent: Consent, unblocks: ReferralDestination | None) -> None:
    """A consent that would not unblock anything is refused with the reason (never saved silently)."""
    today = timezone.localdate()
    if consent.expires_on is not None and consent.expires_on < today:
        raise ValidationError({"expires_on": _("Il consenso è già scaduto: non consentirebbe nessuna condivisione.")})
    if consent.recipient_kind and not _known_kind(consent.recipient_kind):
        raise ValidationError({"recipient_kind": _("Categoria di destinatari sconosciuta: scegline una dall'elenco.")})
    if unblocks is not None and not (consent.purpose == Consent.Purpose.SHARING and covers(consent, unblocks)):
        raise ValidationError(
            {
                "recipient_destination": _(
                    "Questo consenso non sblocca l'invio a «%(name)s»: scegli questo servizio o la sua categoria "
                    "(«%(kind)s»)."
                )
                % {"name": unblocks.name, "kind": unblocks.get_kind_display()}
            }
        )
    if consent.purpose != Consent.Purpose.SHARING:
        return
    ats_id = consent.family.seat.centre.ats_id
    if consent.recipient_destination is not None:
        visible = scoping.scoped(
            actor,
            ReferralDestination.objects.filter(pk=consent.recipient_destination.pk, is_active=True, ats_id=ats_id),
        )
        if not visible.exists():
            raise ValidationError(
                {"recipient_destination": _("Il servizio scelto non fa parte della rete della tua ATS.")}
            )
    if consent.recipient_kind:
        in_network = ReferralDestination.objects.filter(ats_id=ats_id, is_active=True).filter(
            Q(kind=consent.recipient_kind) | Q(ente__kind=consent.recipient_kind)
        )
        if not in_network.exists() and not Ente.objects.filter(kind=consent.recipient_kind).exists():
            raise ValidationError(
                {
                    "recipient_kind": _(
                        "Nella rete non c'è nessun servizio o ente della categoria «%(kind)s»: il consenso non "
                        "sbloccherebbe nessun invio."
                    )
                    % {"kind": codes.recipient_kind_label(consent.recipient_kind)}
                }
            )
    same = Consent.objects.filter(
        family=consent.family,
        purpose=Consent.Purpose.SHARING,
        recipient_destination=consent.recipient_destination,
        recipient_ente=consent.recipient_ente,
        recipient_kind=consent.recipient_kind,
    )
    existing = next((c for c in same.order_by("-given_on") if c.is_valid_on(today)), None)
    if existing is not None:
        raise ValidationError(
            _(
                "La famiglia ha già un consenso valido per «%(who)s» (del %(day)s): un altro non sbloccherebbe "
                "nulla. Per rinnovarlo revoca prima quello esistente."
            )
            % {"who": existing.recipient_label, "day": f"{existing.given_on:%d/%m/%Y}"}
        )


def consent_record(
    *,
    actor: Actor,
    family: Family,
    purpose: str,
    legal_basis: str,
    person: Person | None = None,
    recipient_destination: ReferralDestination | None = None,
    recipient_ente: Ente | None = None,
    recipient_kind: str = "",
    given_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    form: Any = None,
    unblocks: ReferralDestination | None = None,
) -> Consent:
    """Record a consent. A sharing consent names one recipient (a service of the registry, an
    Ente or a category); one that would share with nobody (unknown or empty category, expired,
    a duplicate of a valid one, or — with `unblocks`, the destination of a blocked referral —
    one that does not cover that destination) is refused with the reason."""
    if person is not None and person.family_id != family.pk:
        raise ValidationError({"person": _("La persona non fa parte di questa famiglia.")})
    consent = Consent(
        family=family,
        person=person,
        purpose=purpose,
        legal_basis=legal_basis,
        recipient_destination=recipient_destination,
        recipient_ente=recipient_ente,
        recipient_kind=recipient_kind,
        given_on=given_on or timezone.localdate(),
        expires_on=expires_on,
    )
    if form is not None:
        consent.form = form
    consent.clean()
    _check_useful(actor=actor, consent=consent, unblocks=unblocks)
    with transaction.atomic():
        _base.create(actor=actor, instance=consent)
    return consent


def consent_withdraw(*, actor: Actor, consent: Consent, on: dt.date | None = None) -> Consent:
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Il consenso è già stato revocato."))
    with transaction.atomic():
        _base.update(actor=actor, instance=consent, data={"withdrawn_on": on or timezone.localdate()})
    return consent


def sharing_consent(
    *, family: Family, ente: Ente | None, kind: str = "", destination: ReferralDestination | None = None
) -> Consent | None:
    """The valid sharing consent covering `destination`, `ente` or their category, if any."""
    today = timezone.localdate()
    cover = Q(recipient_kind__in=[k for k in (kind, ente.kind if ente else "") if k])
    if ente is not None:
        cover |= Q(recipient_ente=ente)
    if destination is not None:
        cover |= Q(recipient_destination=destination)
    rows = Consent.objects.filter(family=family, purpose=Consent.Purpose.SHARING).filter(cover)
    return next((c for c in rows.order_by("-given_on") if c.is_valid_on(today)), None)


def sharing_check(
    *,
    actor: Actor,
    family: Family,
    ente: Ente | None = None,
    kind: str = "",
    override_reason: str = "",
    destination: ReferralDestination | None = None,
) -> Consent | None:
    """Raise ConsentMissing unless sharing with `destination` (or `ente`/`kind`) is allowed. An
    override for a legal obligation needs a written reason and is audited. Call inside the
    sharing transaction."""
    if destination is not None:
        ente, kind = destination.ente, kind or destination.kind
    consent = sharing_consent(family=family, ente=ente, kind=kind, destination=destination)
    if consent is not None:
        return consent
    if not override_reason.strip():
        raise ConsentMissing(
            _(
                "Condivisione bloccata: manca un consenso valido (non scaduto né revocato) della famiglia "
                "per questo ente. Registra il consenso oppure indica l'obbligo di legge che impone l'invio."
            ),
            destination=destination,
            ente=ente,
            kind=kind,
        )
    scoping.check_action(actor, "families.referral.override_consent", family)
    _base.audit(actor=actor, obj=family, verb="sharing_override", ente=ente.pk if ente else None, kind=kind)
    return None
