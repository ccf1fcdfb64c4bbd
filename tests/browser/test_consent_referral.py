"""Issue #8 § 3 in Chromium: an operator's referral blocked for lack of consent is unblocked from
the same page by recording the right consent (nothing typed is lost), and the receiving service
sees the need and the sender's contacts. Both pages pass axe at 1366 and at 360 px."""

from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import Role, User
from families.models import Consent, Referral
from tests.browser_support import PASSWORD, axe_violations, choose
from tests.families.helpers import make_family
from tests.personas import Personas

pytestmark = pytest.mark.browser

NEED = "Tensioni forti in casa dopo la separazione: chiedono un colloquio di coppia."
WIDTHS = (1366, 360)


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/account/accesso/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/account/accesso/" not in url)


def _check_widths(page: Page) -> list[Any]:
    """axe at every width, and no horizontal overflow of the page's content."""
    found: list[Any] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found += [(width, v) for v in axe_violations(page)]
        wide = page.evaluate("document.querySelector('main').scrollWidth > document.querySelector('main').clientWidth")
        if wide:
            found.append((width, "main overflows"))
    page.set_viewport_size({"width": 1366, "height": 900})
    return found


def test_blocked_referral_is_unblocked_in_place_and_the_service_sees_it(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    seat = world.spoke_a1
    seat.phone, seat.email = "02 7654321", "accoglienza.a1@example.org"
    seat.save(update_fields=["phone", "email"])
    family = make_family(world)
    service = User.objects.create(username="servizio_a", role=Role.RECEIVING_SERVICE, destination=world.destination_a)
    service.set_password(PASSWORD)
    service.save()

    _sign_in(page, live_server.url, "op_a1")
    page.goto(f"{live_server.url}/famiglie/{family.pk}/invii/nuovo/")
    choose(page, "id_destination", world.destination_a.name)
    page.select_option("#id_reason", "coppia")
    page.fill("#id_reason_text", NEED)
    page.select_option("#id_urgency", "alta")
    page.click("main button[name=action][value=send]")
    main = page.locator("main")
    assert "Condivisione bloccata" in main.inner_text()
    panel = page.get_by_test_id("consent-panel")
    assert world.destination_a.name in panel.inner_text()
    # the missing consent is for exactly that destination, already chosen
    assert page.input_value("#id_consent-recipient_destination_select") == str(world.destination_a.pk)
    assert page.input_value("input#id_consent-recipient_destination") == world.destination_a.name
    assert _check_widths(page) == []

    page.click("main button[name=action][value=consent]")
    assert "Consenso registrato" in main.inner_text()
    assert page.input_value("#id_reason_text") == NEED  # the draft is still there
    assert page.input_value("#id_urgency") == "alta"
    page.click("main button[name=action][value=send]")
    assert "Invio registrato." in main.inner_text()
    referral = Referral.objects.get()
    assert referral.consent == Consent.objects.get(recipient_destination=world.destination_a)

    page.context.clear_cookies()
    _sign_in(page, live_server.url, "servizio_a")
    page.goto(f"{live_server.url}/famiglie/invii-ricevuti/")
    assert world.destination_a.name in page.get_by_test_id("service").inner_text()
    assert _check_widths(page) == []
    page.click(f"main a:has-text('{family.code}')")
    need = page.get_by_test_id("need").inner_text()
    assert NEED in need and "Alta" in need
    sender = page.get_by_test_id("sender").inner_text()
    assert "02 7654321" in sender and "accoglienza.a1@example.org" in sender and "Spoke A1" in sender
    assert _check_widths(page) == []
    page.fill("#ack-note", "Ricevuto, chiamiamo la sede domani.")
    page.click("main button[name=to][value=ricevuto]")
    assert page.get_by_test_id("status").inner_text() == "Ricevuto"
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
