"""Public portal pages, forms and the JSON search."""

import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from activities.models import Registration
from portal.models import ContactRequest, PublicSignup
from tests.personas import Personas
from tests.portal.helpers import public_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(personas: Personas) -> dict:
    cache.clear()  # rate-limit counters
    return public_network(personas)


def test_home_asks_two_questions_and_offers_life_situations(client: Client, net: dict) -> None:
    html = client.get("/").content.decode()
    assert "Di cosa hai bisogno?" in html and "Dove?" in html
    assert "Ci stiamo separando" in html
    assert 'data-element="accessibility-link"' in html and "form.agid.gov.it/view/" in html
    assert "Titillium" in client.get("/static/css/fonts.css").getvalue().decode()


def test_search_from_a_comune_lists_the_nearest_seat_first_with_reasons(
    client: Client, personas: Personas, net: dict
) -> None:
    response = client.get("/cerca/", {"q": "mio figlio adolescente non mi parla più", "dove": "Bergamo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Hub B") < html.index("Hub A")
    assert "Perché vedi questo risultato" in html


def test_specialist_need_shows_helplines_and_specialist_service_first(client: Client, net: dict) -> None:
    html = client.get("/cerca/", {"q": "mio marito mi picchia", "dove": "Bergamo"}).content.decode()
    assert "1522" in html and "Centro antiviolenza di prova" in html
    assert html.index("1522") < html.index("Hub B")


@pytest.mark.parametrize("where", ["Atlantide", "<script>x</script>", "9" * 50])
def test_unknown_place_is_a_clear_message_never_echoed(client: Client, net: dict, where: str) -> None:
    response = client.get("/cerca/", {"q": "compiti", "dove": where})
    assert response.status_code == 200
    assert "Non abbiamo trovato il luogo" in response.content.decode()
    assert "<script>x</script>" not in response.content.decode()


def test_seat_page_has_json_ld_and_hours(client: Client, personas: Personas, net: dict) -> None:
    html = client.get(f"/sedi/{personas.hub_a.pk}/").content.decode()
    assert '"@type": "GovernmentService"' in html
    assert "Orari" in html and "Laboratorio genitori e figli" in html


def test_inactive_seat_is_not_public(client: Client, personas: Personas, net: dict) -> None:
    personas.spoke_a2.is_active = False
    personas.spoke_a2.save()
    assert client.get(f"/sedi/{personas.spoke_a2.pk}/").status_code == 404


def test_contact_request_lands_in_the_seat_worklist(client: Client, personas: Personas, net: dict) -> None:
    data = {"name": "Sara", "phone": "333 1234567", "language": "ar", "preferred_time": "mattina", "privacy": "on"}
    response = client.post(f"/sedi/{personas.hub_a.pk}/contattami/", data)
    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert request.seat == personas.hub_a and request.language == "ar"
    client.post(f"/sedi/{personas.hub_a.pk}/contattami/", data)
    assert ContactRequest.objects.count() == 1  # a repeated request is not duplicated


def test_contact_request_needs_a_way_to_call_back_and_bots_are_ignored(
    client: Client, personas: Personas, net: dict
) -> None:
    response = client.post(f"/sedi/{personas.hub_a.pk}/contattami/", {"name": "Sara", "privacy": "on"})
    assert "Indica un telefono o un indirizzo e-mail" in response.content.decode()
    bot = {"name": "x", "phone": "333 1234567", "privacy": "on", "website": "http://spam", "language": "it"}
    client.post(f"/sedi/{personas.hub_a.pk}/contattami/", bot | {"preferred_time": "qualsiasi"})
    assert ContactRequest.objects.count() == 0


def test_online_signup_uses_capacity_and_waiting_list_and_can_be_cancelled(client: Client, net: dict) -> None:
    activity = net["activity"]
    first = client.post(
        f"/eventi/{activity.pk}/iscriviti/", {"name": "Ana", "email": "ana@example.org", "privacy": "on"}
    )
    assert first.status_code == 302
    assert "confermata" in client.get(first["Location"]).content.decode()
    other = Client()
    second = other.post(f"/eventi/{activity.pk}/iscriviti/", {"name": "Bo", "email": "bo@example.org", "privacy": "on"})
    assert second.status_code == 302, second.content.decode()[-3000:]
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    assert len(mail.outbox) == 2
    token = re.search(r"/eventi/annulla/([\w-]+)/", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    assert client.post(f"/eventi/annulla/{token}/").status_code == 200
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [Registration.Status.CANCELLED, Registration.Status.CONFIRMED]  # promoted
    assert client.post(f"/eventi/annulla/{token}/").status_code == 400
    again = client.post(f"/eventi/{activity.pk}/iscriviti/", {"name": "Bo", "email": "bo@example.org", "privacy": "on"})
    assert "già un&#x27;iscrizione" in again.content.decode()
    assert PublicSignup.objects.count() == 2


def test_private_activity_has_no_public_signup(client: Client, net: dict) -> None:
    activity = net["activity"]
    activity.is_public = False
    activity.save()
    assert client.get(f"/eventi/{activity.pk}/iscriviti/").status_code == 404


def test_api_search_is_public_and_puts_specialist_block_first(client: Client, personas: Personas, net: dict) -> None:
    response = client.get("/api/v1/portal/search", {"q": "mi picchia", "comune": "016024", "lang": "en"})
    body = response.json()
    assert response.status_code == 200
    assert body["specialist"]["helplines"][0]["number"] == "1522"
    assert body["results"][0]["seat"]["name"] == "Hub B"
    assert "portal" in client.get("/api/v1/openapi.json").content.decode()


def test_api_unknown_comune_is_422_in_italian(client: Client, net: dict) -> None:
    response = client.get("/api/v1/portal/search", {"q": "compiti", "comune": "999999"})
    assert response.status_code == 422


def test_portal_speaks_arabic_right_to_left_but_back_office_stays_italian(client: Client, net: dict) -> None:
    client.cookies["django_language"] = "ar"
    html = client.get("/").content.decode()
    assert 'dir="rtl"' in html and "bootstrap-italia.rtl.min.css" in html
    assert client.get("/account/accesso/")["Content-Language"] == "it"


def test_search_is_rate_limited(client: Client, net: dict, settings: object, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.PORTAL_RATE_LIMIT = 2  # type: ignore[attr-defined]
    # One fixed instant, so that the three requests cannot straddle two windows.
    monkeypatch.setattr("common.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    codes = [client.get("/cerca/", {"q": "compiti"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_events_filter_by_who_they_are_for(client: Client, net: dict) -> None:
    html = client.get("/eventi/", {"per": "genitori"}).content.decode()
    assert "Laboratorio genitori e figli" in html and "Per chi:" in html and "Genitori" in html
    assert "Laboratorio genitori e figli" not in client.get("/eventi/", {"per": "adolescenti"}).content.decode()
    # an unknown value is ignored, never echoed
    unknown = client.get("/eventi/", {"per": "<b>x</b>"}).content.decode()
    assert "Laboratorio genitori e figli" in unknown and "<b>x</b>" not in unknown
    client.cookies["django_language"] = "ar"
    assert "الآباء والأمهات" in client.get("/eventi/", {"per": "genitori"}).content.decode()
