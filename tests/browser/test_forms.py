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


def test_typing_berg_selects_bergamo_with_the_keyboard(page: Page, live_server: LiveServer, world: Personas) -> None:
    login(page, live_server.url, "coord_a", then="/rete/sedi/nuovo/")
    combo = page.locator("input#id_comune")
    assert combo.get_attribute("role") == "combobox"
    assert page.locator("select#id_comune_select").is_hidden()
    page.click("label[for='id_comune']")
    page.keyboard.type("Berg")
    page.wait_for_selector("#id_comune__listbox [role=option]:has-text('Bergamo (BG)')")
    assert combo.get_attribute("aria-expanded") == "true"
    assert_page_ok(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert combo.input_value() == "Bergamo (BG)"
    assert page.locator("select#id_comune_select").input_value() == str(world.bergamo.pk)
    page.keyboard.type("x")  # typing again undoes the choice until a suggestion is confirmed
    assert page.locator("select#id_comune_select").input_value() == ""


def test_the_plain_select_works_without_javascript(browser: object, live_server: LiveServer, world: Personas) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(java_script_enabled=False, locale="it-IT")
    page = context.new_page()
    login(page, live_server.url, "coord_a", then="/rete/sedi/nuovo/")
    page.select_option("select#id_comune", str(world.bergamo.pk))
    assert page.locator("select#id_comune").is_visible()
    context.close()
