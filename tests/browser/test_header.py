"""The back-office header as Bootstrap Italia lays it out: slim bar, brand, menu and the page's
content start on the same vertical line at desktop width; the current section is marked (`active`
and aria-current="page"); on a 360 px phone the user's name and «Esci» stay visible and usable."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import assert_page_ok, login
from tests.personas import Personas

pytestmark = pytest.mark.browser

LEFT_EDGES = """() => Object.fromEntries(Object.entries({
  slim: '.it-header-slim-wrapper .navbar-brand', brand: '.it-brand-wrapper a', menu: '#nav-main .navbar-nav .nav-link',
  heading: 'main h1', slimRight: '.it-header-slim-right-zone', content: 'main h1 ~ *'
}).map(([name, selector]) => { const r = document.querySelector(selector).getBoundingClientRect();
  return [name, [Math.round(r.left), Math.round(r.right)]]; }))"""


def test_header_brand_menu_and_content_are_aligned_at_desktop(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, "coord_a", then="/rete/sedi/")
    edges = page.evaluate(LEFT_EDGES)
    lefts = {name: edge[0] for name, edge in edges.items() if name in ("slim", "brand", "menu", "heading")}
    assert max(lefts.values()) - min(lefts.values()) <= 1, edges
    # the right-hand zone of the slim bar ends where the content ends
    assert (
        abs(
            edges["slimRight"][1]
            - page.locator("main").evaluate(
                "m => Math.round(m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight))"
            )
        )
        <= 1
    ), edges


def test_current_section_is_marked_active_for_sight_and_screen_readers(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    login(page, live_server.url, "coord_a", then="/attivita/")
    current = page.locator('#nav-main [aria-current="page"]')
    assert current.count() == 1
    assert "active" in (current.get_attribute("class") or "")
    assert current.inner_text().strip() == "Attività"
    others = page.locator("#nav-main a.nav-link.active")
    assert others.count() == 1


@pytest.mark.parametrize("width", [360, 320])
def test_user_name_and_logout_are_reachable_on_a_phone(
    page: Page, live_server: LiveServer, world: Personas, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server.url, "op_a1", then=None)
    user = page.locator(".it-header-slim-wrapper .header-user")
    logout = page.locator(".it-header-slim-wrapper").get_by_role("button", name="Esci")
    for element in (user, logout):
        box = element.bounding_box()
        assert element.is_visible() and box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert "op_a1" in user.inner_text() or user.locator(".header-user-name").inner_text().strip()
    assert_page_ok(page)
    logout.click()
    page.wait_for_load_state()
    assert page.locator(".it-header-slim-wrapper .header-user").count() == 0
