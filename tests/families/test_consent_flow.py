"""Consent → referral → receiving service as it happens in a Centre (issue #8 § 3): a referral
blocked for lack of consent offers the missing consent in the same page and keeps the draft;
a consent that would unblock nothing is refused in Italian; the receiving service sees the need,
the urgency and the sender's contacts; the family page shows the family's history in time order."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from activities import services as activity_services
from families.history import family_history
from families.models import Consent, Referral
from families.services import consent, contacts, referrals, schede
from network.models import ReferralDestination
from tests import factories as f
from tests.activities.helpers import make_activity, make_sessions
from tests.families.helpers import make_family
from tests.personas import Personas

NEED = "Il bambino ha bisogno di un sostegno psicologico dopo la separazione dei genitori."


def _draft(p: Personas, **extra: Any) -> dict[str, Any]:
    return {
        "destination": p.destination_a.pk,
        "reason": "coppia",
        "reason_text": NEED,
        "urgency": "alta",
        **extra,
    }


def test_blocked_referral_offers_the_consent_for_that_destination_and_keeps_the_draft(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.op_a1)
    url = f"/famiglie/{family.pk}/invii/nuovo/"

    blocked = client.post(url, _draft(personas)).content.decode()
    assert "Condivisione bloccata" in blocked
    assert 'data-testid="consent-panel"' in blocked
    assert f'<option value="{personas.destination_a.pk}" selected>{personas.destination_a.name}</option>' in blocked
    assert NEED in blocked  # nothing typed is lost
    assert "Consultorio familiare" in blocked  # categories by their Italian names
    assert not Referral.objects.exists()

    today = timezone.localdate()
    recorded = client.post(
        url,
        _draft(
            personas,
            action="consent",
            **{
                "consent-purpose": Consent.Purpose.SHARING,
                "consent-legal_basis": Consent.LegalBasis.CONSENT,
                "consent-recipient_destination": personas.destination_a.pk,
                "consent-given_on": today.isoformat(),
            },
        ),
    ).content.decode()
    assert "Consenso registrato" in recorded
    assert NEED in recorded and 'data-testid="consent-panel"' not in recorded
    saved = Consent.objects.get()
    assert saved.recipient_destination == personas.destination_a and saved.family == family

    sent = client.post(url, _draft(personas))
    assert sent.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent == saved and referral.reason_text == NEED and referral.urgency == "alta"


def test_a_consent_that_does_not_unblock_the_referral_is_refused(personas: Personas) -> None:
    family = make_family(personas)
    other = f.ReferralDestinationFactory(ats=personas.ats_a_obj, kind=ReferralDestination.Kind.CAV, name="CAV Aurora")
    client = Client()
    client.force_login(personas.op_a1)
    page = client.post(
        f"/famiglie/{family.pk}/invii/nuovo/",
        _draft(
            personas,
            action="consent",
            **{
                "consent-purpose": Consent.Purpose.SHARING,
                "consent-legal_basis": Consent.LegalBasis.CONSENT,
                "consent-recipient_destination": other.pk,
                "consent-given_on": timezone.localdate().isoformat(),
            },
        ),
    ).content.decode()
    assert "non sblocca l&#x27;invio a «" in page and personas.destination_a.name in page
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"recipient_kind": "consultorio_familiare"}, "Categoria di destinatari sconosciuta"),
        ({"recipient_kind": "serd"}, "nessun servizio o ente della categoria «Servizio per le dipendenze"),
        ({}, "Indica il servizio, l'ente o la categoria"),
        ({"recipient_kind": "consultorio", "expires_on": dt.date(2020, 1, 1)}, "già scaduto"),
    ],
)
def test_consents_that_would_share_with_nobody_are_refused(
    personas: Personas, data: dict[str, Any], message: str
) -> None:
    family = make_family(personas)
    values = {"given_on": dt.date(2019, 1, 1), **data} if "expires_on" in data else data
    with pytest.raises(ValidationError, match=message):
        consent.consent_record(
            actor=personas.op_a1, family=family, purpose="condivisione", legal_basis="consenso", **values
        )
    assert not Consent.objects.exists()


def test_a_second_valid_consent_for_the_same_recipient_is_refused(personas: Personas) -> None:
    family = make_family(personas)
    kwargs: dict[str, Any] = {"purpose": "condivisione", "legal_basis": "consenso", "recipient_kind": "consultorio"}
    consent.consent_record(actor=personas.op_a1, family=family, **kwargs)
    with pytest.raises(ValidationError, match="già un consenso valido per «Consultorio familiare»"):
        consent.consent_record(actor=personas.op_a1, family=family, **kwargs)


def test_consent_form_lists_destinations_and_categories_by_name(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.op_a1)
    page = client.get(f"/famiglie/{family.pk}/consensi/nuovo/").content.decode()
    assert personas.destination_a.name in page
    assert personas.destination_b.name not in page  # another ATS's network
    assert '<optgroup label="Categorie di servizi specialistici">' in page
    assert ">Centro antiviolenza</option>" in page and ">Cooperativa sociale di tipo A</option>" in page
    assert 'type="text" name="recipient_kind"' not in page  # never typed as a code


@pytest.fixture
def service_user(personas: Personas) -> User:
    return User.objects.create(
        username="cav_a", role=Role.RECEIVING_SERVICE, destination=personas.destination_a, email="cav@example.org"
    )


def test_receiving_service_sees_the_need_the_urgency_and_whom_to_call(personas: Personas, service_user: User) -> None:
    seat = personas.spoke_a1
    seat.phone, seat.email = "02 1234567", "spoke.a1@example.org"
    seat.save(update_fields=["phone", "email"])
    personas.op_a1.first_name, personas.op_a1.last_name = "Giulia", "Operatrice"
    personas.op_a1.save(update_fields=["first_name", "last_name"])
    family = make_family(personas)
    consent.consent_record(
        actor=personas.op_a1,
        family=family,
        purpose="condivisione",
        legal_basis="consenso",
        recipient_destination=personas.destination_a,
    )
    referral = referrals.referral_send(
        actor=personas.op_a1,
        family=family,
        destination=personas.destination_a,
        reason="coppia",
        reason_text=NEED,
        urgency="alta",
    )
    client = Client()
    client.force_login(service_user)
    inbox = client.get("/famiglie/invii-ricevuti/").content.decode()
    assert personas.destination_a.name in inbox and "Spoke A1" in inbox
    page = client.get(f"/famiglie/invii-ricevuti/{referral.pk}/").content.decode()
    for text in (personas.destination_a.name, NEED, "Alta", "02 1234567", "spoke.a1@example.org", "Giulia Operatrice"):
        assert text in page, text
    assert 'name="to" value="ricevuto"' in page and "Conferma la ricezione" in page
    assert 'value="ritirato"' not in page  # withdrawing stays with the Centre
    assert 'class="form-control field-boxed"' in page and '<label for="ack-note"' in page


def test_family_page_shows_the_history_in_time_order(personas: Personas) -> None:
    family = make_family(personas)
    contacts.contact_log(
        actor=personas.op_a1, seat=personas.spoke_a1, channel="telefono", reason="coppia", family=family
    )
    schede.scheda_open(actor=personas.op_a1, family=family, access_reason="coppia", needs=[])
    consent.consent_record(
        actor=personas.op_a1,
        family=family,
        purpose="condivisione",
        legal_basis="consenso",
        recipient_destination=personas.destination_a,
        given_on=timezone.localdate() - dt.timedelta(days=3),
    )
    referrals.referral_send(actor=personas.op_a1, family=family, destination=personas.destination_a, reason="coppia")
    activity = make_activity(personas, title="Gruppo genitori")
    session = make_sessions(personas, activity)[0]
    registration = activity_services.registration_create(actor=personas.op_a1, activity=activity, family=family)
    activity_services.attendance_record(actor=personas.op_a1, session=session, present={registration.pk}, headcounts={})
    events = family_history(user=personas.op_a1, family=family)
    kinds = {e.kind for e in events}
    assert {"Contatto", "Scheda progettuale", "Consenso", "Invio", "Attività", "Presenza"} <= kinds
    days = [e.day for e in events]
    assert days == sorted(days, reverse=True)
    assert events[-1].kind == "Presenza" and "Gruppo genitori" in events[-1].title  # the 2025 session
    client = Client()
    client.force_login(personas.op_a1)
    page = client.get(f"/famiglie/{family.pk}/").content.decode()
    assert 'data-testid="family-history"' in page and "Inviata a " in page
    assert "Presente a «Gruppo genitori»" in page


def test_family_history_query_count_is_fixed(personas: Personas, django_assert_num_queries: Any) -> None:
    family = make_family(personas)

    def add_rows() -> None:
        contacts.contact_log(
            actor=personas.op_a1, seat=personas.spoke_a1, channel="telefono", reason="coppia", family=family
        )
        activity = make_activity(personas)
        session = make_sessions(personas, activity)[0]
        registration = activity_services.registration_create(actor=personas.op_a1, activity=activity, family=family)
        activity_services.attendance_record(
            actor=personas.op_a1, session=session, present={registration.pk}, headcounts={}
        )

    add_rows()
    schede.scheda_open(actor=personas.op_a1, family=family, access_reason="coppia", needs=[])
    # contacts, scheda, interventions, follow-ups, consents, referrals + registrations, attendance
    with django_assert_num_queries(8):
        family_history(user=personas.op_a1, family=family)
    for _ in range(3):
        add_rows()
    with django_assert_num_queries(8):
        assert len(family_history(user=personas.op_a1, family=family)) >= 13
