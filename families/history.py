"""The family's history in time order: contacts, the scheda, its interventions and integrated
follow-ups, consents, referrals and — from the apps that register a provider — activities and
attendance. `families` never imports those apps: `activities` registers
`activities.history.family_events` from `ActivitiesConfig.ready()` (as for the desk, see
`families.desk`). Every source is one query over the user's scope (the count does not grow with
the rows; `tests/families/test_history.py` fixes it)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.types import Actor
from families.access import family_scoped
from families.models import Consent, Contact, Family, IntegratedFollowUp, Intervention, Referral, Scheda


@dataclass(frozen=True)
class HistoryEvent:
    """One dated step of the family's pathway, ready to show: labels only, never codes."""

    day: dt.date
    kind: str  # what happened, e.g. «Contatto», «Invio»
    title: str
    detail: str = ""
    url: str = ""


HistoryProvider = Callable[[Actor, Family], list[HistoryEvent]]
_providers: list[HistoryProvider] = []


def register_history_provider(fn: HistoryProvider) -> None:
    """Add a source of events (called from an AppConfig.ready()). A provider reads through the
    scoping layer and uses a fixed number of queries."""
    if fn not in _providers:
        _providers.append(fn)


def family_history(*, user: Actor, family: Family) -> list[HistoryEvent]:
    """Every event of the family, newest first (same day: in the order the sources list them)."""
    events = _pathway_events(user, family) + _sharing_events(user, family)
    for provider in _providers:
        events.extend(provider(user, family))
    events.sort(key=lambda e: e.day, reverse=True)
    return events


def _pathway_events(user: Actor, family: Family) -> list[HistoryEvent]:
    """Contacts, the scheda, its interventions and integrated follow-ups."""
    events: list[HistoryEvent] = []
    for contact in family_scoped(user, Contact.objects.filter(family=family)).select_related("seat"):
        events.append(
            HistoryEvent(
                contact.date,
                _("Contatto"),
                f"{contact.get_reason_display()} — {contact.get_channel_display()}",
                contact.seat.name,
            )
        )
    for scheda in family_scoped(user, Scheda.objects.filter(family=family)):
        url = reverse("families:scheda_detail", args=[scheda.pk])
        events.append(HistoryEvent(scheda.opened_on, _("Scheda progettuale"), _("Scheda aperta"), "", url))
        if scheda.closed_on:
            detail = str(scheda.get_outcome_display()) if scheda.outcome else ""
            events.append(HistoryEvent(scheda.closed_on, _("Scheda progettuale"), _("Scheda chiusa"), detail, url))
    interventions = family_scoped(user, Intervention.objects.filter(scheda__family=family)).select_related(
        "service_area"
    )
    for item in interventions:
        name = item.service_area.name if item.service_area else item.activity
        events.append(HistoryEvent(item.start_date, _("Intervento"), _("Inizio: %(n)s") % {"n": name}))
        if item.end_date:
            events.append(HistoryEvent(item.end_date, _("Intervento"), _("Fine: %(n)s") % {"n": name}, item.outcome))
    for followup in family_scoped(user, IntegratedFollowUp.objects.filter(scheda__family=family)):
        url = reverse("families:followup_detail", args=[followup.pk])
        events.append(HistoryEvent(followup.start_date, _("Presa in carico integrata"), _("Avviata"), "", url))
        if followup.closed_on:
            events.append(
                HistoryEvent(
                    followup.closed_on,
                    _("Presa in carico integrata"),
                    _("Chiusa"),
                    str(followup.get_outcome_display()),
                    url,
                )
            )
    return events


def _sharing_events(user: Actor, family: Family) -> list[HistoryEvent]:
    """Consents given and withdrawn, referrals sent and answered."""
    events: list[HistoryEvent] = []
    consents = family_scoped(user, Consent.objects.filter(family=family)).select_related(
        "recipient_destination", "recipient_ente"
    )
    for consent in consents:
        who = consent.recipient_label
        events.append(HistoryEvent(consent.given_on, _("Consenso"), str(consent.get_purpose_display()), who))
        if consent.withdrawn_on:
            events.append(HistoryEvent(consent.withdrawn_on, _("Consenso"), _("Consenso revocato"), who))
    for referral in family_scoped(user, Referral.objects.filter(family=family)).select_related("destination"):
        url = reverse("families:referral_detail", args=[referral.pk])
        events.append(
            HistoryEvent(
                referral.sent_on,
                _("Invio"),
                _("Inviata a %(n)s") % {"n": referral.destination.name},
                f"{referral.get_reason_display()} — {_('urgenza')} {referral.get_urgency_display()}",
                url,
            )
        )
        if referral.responded_on:
            events.append(
                HistoryEvent(
                    referral.responded_on,
                    _("Invio"),
                    _("Risposta di %(n)s: %(s)s")
                    % {"n": referral.destination.name, "s": referral.get_status_display()},
                    "",
                    url,
                )
            )
    return events
