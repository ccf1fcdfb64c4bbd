"""The ATS's territorial network in Chromium (Allegato A § 4.1): the community of practice lacks
the chamber of commerce; the officer adds it and the check passes."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import axe_violations, choose, login
from tests.conciliazione.builders import build_conciliazione
from tests.factories import EnteFactory
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_ats_officer_completes_the_community_of_practice(page: Page, live_server: LiveServer, world: Personas) -> None:
    conc = build_conciliazione(world)
    chamber = EnteFactory(name="Camera di commercio di Bergamo", kind="camera_commercio")
    login(page, live_server.url, "ats_b")
    page.goto(f"{live_server.url}/conciliazione/reti/{conc.network_b.pk}/")
    assert page.get_by_test_id("violations").is_visible()

    page.get_by_role("link", name="Aggiungi membro").click()
    choose(page, "id_ente", chamber.name)
    page.select_option("#id_representation", "chamber_of_commerce")
    page.check("#id_in_community_of_practice")
    page.click("main button[type=submit]")
    page.goto(f"{live_server.url}/conciliazione/reti/{conc.network_b.pk}/")
    assert page.get_by_test_id("valid").is_visible()
    assert axe_violations(page) == []
