"""Integrated follow-up (presa in carico integrata, D.G.R. 1507/2023 Allegato A § 3.2: families "seguite in modo integrato"
with other services): its own pathway on the scheda, with a plan shared with partner services.
Sharing with each partner is gated by consent exactly as referrals are (consent.sharing_check)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor, user_of
from families.access import check_family_reader
from families.models import Family, IntegratedFollowUp, Scheda, SchedaChange
from families.services import _base
from families.services.consent import sharing_check
from network.models import Ente, ReferralDestination

EDITABLE = ("plan", "goals", "start_date", "review_on", "status", "outcome", "outcome_note")


def _check_partners(
    *,
    actor: Actor,
    family: Family,
    destinations: Iterable[ReferralDestination],
    entes: Iterable[Ente],
    override_reason: str,
) -> None:
    """Each new partner must be in the network and covered by a sharing consent (or a stated
    legal obligation). Call inside the sharing transaction."""
    ats_id = family.seat.centre.ats_id
    for destination in destinations:
        visible = scoping.scoped(actor, ReferralDestination.objects.filter(pk=destination.pk, is_active=True))
        if destination.ats_id != ats_id or not visible.exists():
            raise ValidationError(
                {"partner_destinations": _("«%(n)s» non fa parte della rete della tua ATS.") % {"n": destination.name}}
            )
        sharing_check(actor=actor, family=family, destination=destination, override_reason=override_reason)
    for ente in entes:
        sharing_check(actor=actor, family=family, ente=ente, override_reason=override_reason)


def _history(*, actor: Actor, scheda: Scheda, text: str) -> None:
    SchedaChange.objects.create(
        scheda=scheda,
        actor=user_of(actor),
        field="followups",
        label=str(_("prese in carico integrate")),
        after=text[:400],
    )


def followup_open(
    *,
    actor: Actor,
    scheda: Scheda,
    plan: str,
    goals: str = "",
    start_date: dt.date | None = None,
    review_on: dt.date | None = None,
    destinations: Iterable[ReferralDestination] = (),
    entes: Iterable[Ente] = (),
    override_reason: str = "",
) -> IntegratedFollowUp:
    """Start following the family together with other services on a shared plan."""
    destinations, entes = list(destinations), list(entes)
    if not destinations and not entes:
        raise ValidationError(_("Indica almeno un servizio o un ente partner con cui condividere il piano."))
    if scheda.status == Scheda.Status.CLOSED:
        raise ValidationError(_("La scheda progettuale è chiusa: riaprila per avviare una presa in carico integrata."))
    followup = IntegratedFollowUp(
        scheda=scheda,
        plan=plan.strip(),
        goals=goals.strip(),
        start_date=start_date or timezone.localdate(),
        review_on=review_on,
        created_by=user_of(actor),
    )
    check_family_reader(actor)
    scoping.check_can_write(actor, followup, scoping.CREATE)  # scope first, then the partners
    with transaction.atomic():
        _check_partners(
            actor=actor, family=scheda.family, destinations=destinations, entes=entes, override_reason=override_reason
        )
        if override_reason.strip():
            followup.override_reason = override_reason.strip()
        _base.create(actor=actor, instance=followup)
        followup.partner_destinations.set(destinations)
        followup.partner_entes.set(entes)
        _base.audit(
            actor=actor,
            obj=followup,
            verb="partners_set",
            destinations=sorted(d.pk for d in destinations),
            entes=sorted(e.pk for e in entes),
        )
        _history(actor=actor, scheda=scheda, text=", ".join([d.name for d in destinations] + [e.name for e in entes]))
    return followup


def followup_update(
    *,
    actor: Actor,
    followup: IntegratedFollowUp,
    data: dict[str, Any],
    expected_version: int | None = None,
    destinations: Iterable[ReferralDestination] | None = None,
    entes: Iterable[Ente] | None = None,
    override_reason: str = "",
) -> list[str]:
    """Change the follow-up (a stale `expected_version` raises ConflictError, nothing written).
    Partners added are consent-checked like a referral. Returns the changed field names."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Campi non modificabili: %(f)s") % {"f": ", ".join(sorted(unknown))})
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    if data.get("status") == IntegratedFollowUp.Status.CLOSED and followup.status != IntegratedFollowUp.Status.CLOSED:
        data["closed_on"] = timezone.localdate()
    elif "status" in data and data["status"] != IntegratedFollowUp.Status.CLOSED:
        data["closed_on"] = None
        data.setdefault("outcome", "")
    check_family_reader(actor)
    scoping.check_can_write(actor, followup, scoping.CHANGE)
    old_destinations = set(followup.partner_destinations.all())
    old_entes = set(followup.partner_entes.all())
    new_destinations = old_destinations if destinations is None else set(destinations)
    new_entes = old_entes if entes is None else set(entes)
    if not new_destinations and not new_entes:
        raise ValidationError(_("Indica almeno un servizio o un ente partner con cui condividere il piano."))
    added_destinations = new_destinations - old_destinations
    added_entes = new_entes - old_entes
    with transaction.atomic():
        _check_partners(
            actor=actor,
            family=followup.scheda.family,
            destinations=sorted(added_destinations, key=lambda d: d.pk),
            entes=sorted(added_entes, key=lambda e: e.pk),
            override_reason=override_reason,
        )
        if override_reason.strip() and (added_destinations or added_entes):
            data["override_reason"] = override_reason.strip()
        changed = _base.update(actor=actor, instance=followup, data=data, expected_version=expected_version)
        if new_destinations != old_destinations or new_entes != old_entes:
            followup.partner_destinations.set(new_destinations)
            followup.partner_entes.set(new_entes)
            _base.audit(
                actor=actor,
                obj=followup,
                verb="partners_set",
                destinations=sorted(d.pk for d in new_destinations),
                entes=sorted(e.pk for e in new_entes),
            )
            changed.append("partners")
        if "status" in changed:
            _history(actor=actor, scheda=followup.scheda, text=followup.get_status_display())
    return changed


def followup_close(
    *,
    actor: Actor,
    followup: IntegratedFollowUp,
    outcome: str,
    outcome_note: str = "",
    expected_version: int | None = None,
) -> IntegratedFollowUp:
    if followup.status == IntegratedFollowUp.Status.CLOSED:
        raise ValidationError(_("La presa in carico integrata è già chiusa."))
    followup_update(
        actor=actor,
        followup=followup,
        data={"status": IntegratedFollowUp.Status.CLOSED, "outcome": outcome, "outcome_note": outcome_note},
        expected_version=expected_version,
    )
    return followup
