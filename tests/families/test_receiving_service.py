"""A receiving service that uses the platform acknowledges the referrals addressed to it
(issue #3 § 5) and sees nothing else of the family or of the network."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts.models import Role, User
from accounts.services import api_token_create
from audit.models import AuditEntry
from families.models import Referral
from families.services import referrals
from tests.factories import ReferralDestinationFactory
from tests.families.helpers import make_family
from tests.personas import Personas


@pytest.fixture
def service_user(personas: Personas) -> User:
    return User.objects.create(username="cav_a", role=Role.RECEIVING_SERVICE, destination=personas.destination_a)


def _referral(personas: Personas, destination: object = None) -> Referral:
    family = make_family(personas)
    return referrals.referral_send(
        actor=personas.op_a1,
        family=family,
        destination=destination or personas.destination_a,
        reason="informazioni",
        override_reason="Obbligo di legge (test)",
    )


def test_service_sees_only_referrals_addressed_to_it(personas: Personas, service_user: User, client: Client) -> None:
    mine = _referral(personas)
    other_destination = ReferralDestinationFactory(ats=personas.ats_a_obj, name="Altro consultorio")
    other = _referral(personas, other_destination)
    client.force_login(service_user)
    inbox = client.get("/famiglie/invii-ricevuti/").content.decode()
    assert mine.family.code in inbox and other.family.code not in inbox
    assert client.get(f"/famiglie/invii-ricevuti/{other.pk}/").status_code == 404
    assert client.get(f"/famiglie/{mine.family.pk}/").status_code in (403, 404)  # never the family record
    assert client.get(f"/rete/sedi/{personas.spoke_a1.pk}/").status_code == 404  # nor the network's rows
    assert AuditEntry.objects.filter(action="families.referral.inbox_viewed").exists()


def test_service_acknowledges_and_the_centre_sees_it(personas: Personas, service_user: User, client: Client) -> None:
    referral = _referral(personas)
    client.force_login(service_user)
    client.post(f"/famiglie/invii-ricevuti/{referral.pk}/", {"to": Referral.Status.RECEIVED})
    client.post(f"/famiglie/invii-ricevuti/{referral.pk}/", {"to": Referral.Status.ACCEPTED})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.responded_on is not None
    client.force_login(personas.op_a1)


@pytest.mark.parametrize(
    ("to", "note", "error"),
    [
        (Referral.Status.WITHDRAWN, "", "spetta al centro"),
        (Referral.Status.CLOSED, "", "Passaggio non consentito"),
    ],
)
def test_service_steps_are_limited(personas: Personas, service_user: User, to: str, note: str, error: str) -> None:
    referral = _referral(personas)
    with pytest.raises(ValidationError, match=error):
        referrals.referral_acknowledge(actor=service_user, referral=referral, to=to, note=note)


def test_rejection_needs_a_reason(personas: Personas, service_user: User) -> None:
    referral = _referral(personas)
    referrals.referral_acknowledge(actor=service_user, referral=referral, to=Referral.Status.RECEIVED)
    with pytest.raises(ValidationError):
        referrals.referral_acknowledge(actor=service_user, referral=referral, to=Referral.Status.REJECTED)
    referrals.referral_acknowledge(
        actor=service_user, referral=referral, to=Referral.Status.REJECTED, note="Non di nostra competenza"
    )


@pytest.mark.parametrize("persona", ["op_a1", "coord_a", "ats_a", "regione", "auditor"])
def test_only_the_receiving_service_acknowledges(personas: Personas, persona: str) -> None:
    referral = _referral(personas)
    with pytest.raises(PermissionDenied):
        referrals.referral_acknowledge(actor=getattr(personas, persona), referral=referral, to=Referral.Status.RECEIVED)


def test_inbox_api(personas: Personas, service_user: User, client: Client) -> None:
    referral = _referral(personas)
    _token, raw = api_token_create(user=service_user, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    items = client.get("/api/v1/inbox/referrals", **auth).json()
    assert [item["id"] for item in items] == [str(referral.pk)]
    response = client.post(
        f"/api/v1/inbox/referrals/{referral.pk}/acknowledge",
        {"to": "ricevuto", "note": "", "version": referral.version},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200 and response.json()["status"] == "ricevuto"
    _t, raw_b = api_token_create(user=personas.op_b, name="t")
    assert client.get("/api/v1/inbox/referrals", HTTP_AUTHORIZATION=f"Bearer {raw_b}").json() == []
