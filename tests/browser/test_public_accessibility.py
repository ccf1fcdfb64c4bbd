"""Public pages meet WCAG 2.1 AA according to axe-core, in Debian's Chromium."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import assert_page_ok_at
from tests.personas import Personas

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/fonti-e-licenze/", "/account/accesso/"])
def test_public_page_has_no_wcag_violations(page: Page, live_server: LiveServer, world: Personas, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    assert page.locator("html").get_attribute("lang") == "it"
    assert_page_ok_at(page, 1280, 360)


def test_failed_login_shows_an_italian_message(page: Page, live_server: LiveServer, world: Personas) -> None:
    page.goto(f"{live_server.url}/account/accesso/")
    page.fill("#id_username", "coord_a")
    page.fill("#id_password", "sbagliata")
    page.click("main button[type=submit]")
    assert "Nome utente o password non corretti" in page.locator("main").inner_text()
