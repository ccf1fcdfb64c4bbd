"""The registry as an operator would use it, in Chromium: sign in, find a seat, edit its hours."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from audit.models import AuditEntry
from network.models import OpeningSlot, Seat
from tests.browser_support import assert_page_ok_at, login
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_coordinator_adds_an_opening_slot_and_sees_network_hours(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    login(page, live_server.url, "coord_a")
    assert "Centro A" in page.locator("main").inner_text()
    assert "Centro B" not in page.locator("main").inner_text()

    page.get_by_role("link", name="Centro A").click()
    # Hub A and Spoke A1 are both open on Monday 9–13: the overlap counts once.
    assert page.get_by_test_id("network-hours").inner_text() == "4 h"
    page.get_by_role("link", name="Spoke A2").click()
    page.get_by_role("link", name="Aggiungi fascia oraria").click()
    page.select_option("#id_weekday", "2")
    page.fill("#id_opens", "14:00")
    page.fill("#id_closes", "12:00")
    page.click("button:has-text('Salva')")
    assert "L'orario di chiusura deve essere successivo a quello di apertura." in page.locator("main").inner_text()
    assert_page_ok_at(page, 360, 1280)  # the slot form with its error

    page.fill("#id_closes", "18:00")
    page.click("button:has-text('Salva')")
    assert "Salvataggio completato" in page.locator("main").inner_text()
    assert OpeningSlot.objects.filter(seat=world.spoke_a2, weekday=2).count() == 1
    assert AuditEntry.objects.filter(action="network.openingslot.created").count() == 1

    page.goto(f"{live_server.url}/rete/centri/{world.centre_a.pk}/")
    assert page.get_by_test_id("network-hours").inner_text() == "8 h"
    assert_page_ok_at(page, 1280, 360)


def test_list_filters_update_the_table_with_htmx(page: Page, live_server: LiveServer, world: Personas) -> None:
    login(page, live_server.url, "regione")
    page.goto(f"{live_server.url}/rete/sedi/")
    page.fill("#f-q", "Spoke A")
    page.wait_for_function("() => !document.querySelector('#results').innerText.includes('Hub B')")
    text = page.locator("#results").inner_text()
    assert "Spoke A1" in text and "Spoke A2" in text
    assert "search" not in page.url or "q=Spoke" in page.url
    assert_page_ok_at(page, 1280, 360)


def test_second_editor_gets_a_conflict_instead_of_overwriting(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    login(page, live_server.url, "coord_a")
    page.goto(f"{live_server.url}/rete/sedi/{world.spoke_a1.pk}/modifica/")
    # Meanwhile someone else saves the same seat.
    Seat.objects.filter(pk=world.spoke_a1.pk).update(version=world.spoke_a1.version + 1, phone="02 000000")
    page.fill("#id_phone", "02 123456")
    page.click("button:has-text('Salva')")
    assert "modificato da un altro utente" in page.locator("main").inner_text()
    assert Seat.objects.get(pk=world.spoke_a1.pk).phone == "02 000000"


def test_operator_of_another_centre_cannot_open_centre_a(page: Page, live_server: LiveServer, world: Personas) -> None:
    login(page, live_server.url, "op_b")
    response = page.goto(f"{live_server.url}/rete/centri/{world.centre_a.pk}/")
    assert response is not None and response.status == 404
    assert "Pagina non trovata" in page.locator("main").inner_text()
