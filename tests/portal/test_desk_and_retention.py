"""Contact requests on the operator's desk, by role (the scoping matrix for the portal's models),
one-click conversion, and retention as the privacy notice says."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts import scoping
from families.models import Contact, Family
from portal import services
from portal.models import ContactRequest, PageFeedback, PublicSignup
from tests.personas import Personas
from tests.portal.helpers import public_network

pytestmark = pytest.mark.django_db

PERSONAS = ("regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor")
# Which requests each persona reads (requests sent to Spoke A1 and to Hub B).
SEES = {
    "regione": set(),
    "ats_a": set(),
    "ats_b": set(),
    "coord_a": {"a1"},
    "admin_a": set(),
    "op_a1": {"a1"},
    "op_b": {"b"},
    "auditor": set(),
}


def _requests(p: Personas) -> dict[str, ContactRequest]:
    common = {"phone": "333 1234567", "email": "", "language": "it", "preferred_time": "", "message": ""}
    return {
        "a1": services.contact_request_submit(seat=p.spoke_a1, name="Sara", **common),
        "b": services.contact_request_submit(seat=p.hub_b, name="Luca", **common),
    }


@pytest.mark.parametrize("who", PERSONAS)
def test_contact_requests_are_read_only_by_who_calls_back(personas: Personas, who: str) -> None:
    rows = _requests(personas)
    user = getattr(personas, who)
    visible = set(scoping.scoped(user, ContactRequest.objects.all()).values_list("pk", flat=True))
    assert visible == {rows[k].pk for k in SEES[who]}


@pytest.mark.parametrize("who", PERSONAS)
def test_desk_shows_the_seat_requests_and_convert_is_scoped(client: Client, personas: Personas, who: str) -> None:
    rows = _requests(personas)
    client.force_login(getattr(personas, who))
    response = client.get("/famiglie/")
    if SEES[who]:
        assert "Sara" in response.content.decode() or "Luca" in response.content.decode()
    other = rows["b"] if "b" not in SEES[who] else rows["a1"]
    assert client.post(f"/richieste-contatto/richieste/{other.pk}/registra/", {"as": "contact"}).status_code in (
        403,
        404,
    )
    assert ContactRequest.objects.get(pk=other.pk).status == ContactRequest.Status.NEW


def test_one_click_converts_a_request_into_a_family_and_a_phone_contact(client: Client, personas: Personas) -> None:
    rows = _requests(personas)
    client.force_login(personas.op_a1)
    response = client.post(f"/richieste-contatto/richieste/{rows['a1'].pk}/registra/", {"as": "family"})
    assert response.status_code == 302
    request = ContactRequest.objects.get(pk=rows["a1"].pk)
    assert request.status == ContactRequest.Status.CONVERTED
    assert Family.objects.get(pk=request.family_id).seat == personas.spoke_a1
    assert Contact.objects.get(pk=request.contact_id).family_id == request.family_id
    assert "Sara" not in client.get("/famiglie/").content.decode().split("requests-h")[1].split("</section>")[0]
    again = client.post(f"/richieste-contatto/richieste/{rows['a1'].pk}/registra/", {"as": "contact"})
    assert again.status_code == 302 and Contact.objects.count() == 1


def test_close_marks_called_back(client: Client, personas: Personas) -> None:
    rows = _requests(personas)
    client.force_login(personas.op_b)
    client.post(f"/richieste-contatto/richieste/{rows['b'].pk}/richiamata/")
    assert ContactRequest.objects.get(pk=rows["b"].pk).status == ContactRequest.Status.DONE


def test_purge_applies_the_retention_of_the_privacy_notice(personas: Personas) -> None:
    net = public_network(personas)
    rows = _requests(personas)
    signup, _token = services.signup_submit(activity=net["activity"], name="Ana", email="a@example.org", language="it")
    PageFeedback.objects.create(page="/", rating=4)
    now = timezone.now()
    call_command("purge_portal_data", verbosity=0)
    assert ContactRequest.objects.count() == 2 and PublicSignup.objects.count() == 1  # all still within retention
    ContactRequest.objects.filter(pk=rows["a1"].pk).update(created_at=now - dt.timedelta(days=91))
    ContactRequest.objects.filter(pk=rows["b"].pk).update(
        created_at=now - dt.timedelta(days=200), handled_at=now - dt.timedelta(days=10), status="gestita"
    )
    net["activity"].sessions.update(
        starts_at=now - dt.timedelta(days=40), ends_at=now - dt.timedelta(days=40) + dt.timedelta(hours=2)
    )
    PageFeedback.objects.update(created_at=now - dt.timedelta(days=400))
    counts = services.purge(now=now)
    assert counts == {"contact_requests": 1, "signups": 1, "feedback": 1}
    assert list(ContactRequest.objects.values_list("pk", flat=True)) == [rows["b"].pk]
    signup.registration.refresh_from_db()
    assert signup.registration.participant_label == "(dati rimossi)"


def test_public_reads_refuse_models_that_are_not_published() -> None:
    with pytest.raises(Exception, match="non sono pubblici"):
        scoping.public(ContactRequest.objects.all())
