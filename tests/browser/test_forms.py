"""Forms as a keyboard and screen-reader user meets them, in Chromium: an invalid submission moves
the focus to the error summary, whose links take the focus to their fields; axe stays clean."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import assert_page_ok, login
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_invalid_form_moves_focus_to_the_error_summary(page: Page, live_server: LiveServer, world: Personas) -> None:
    login(page, live_server.url, "coord_a", then="/rete/sedi/nuovo/")
    assert "I campi con * sono obbligatori." in page.locator("main").inner_text()
    assert page.locator("#id_name").get_attribute("aria-required") == "true"
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    page.wait_for_function("() => document.activeElement && document.activeElement.hasAttribute('data-error-summary')")
    summary = page.locator("[data-error-summary]")
    assert "Il modulo contiene" in summary.inner_text()
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert "id_name_error" in (page.locator("#id_name").get_attribute("aria-describedby") or "")

    summary.locator("a[href='#id_name']").click()
    assert page.evaluate("() => document.activeElement.id") == "id_name"
    assert_page_ok(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert_page_ok(page)

