"""Reflow (WCAG 1.4.10): a 1280 px screen at 200 % zoom is a 640 CSS px viewport, and 320 CSS px is
the width the criterion names (1280 px at 400 %). Every page of every role's menu, at both widths:
nothing scrolls sideways, and the menu toggle is there and opens the menu; then one step further,
the first record of each menu page's table and its «new» form."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from core.navigation import menu_for
from tests.browser_support import horizontal_overflow, login
from tests.personas import Personas

pytestmark = pytest.mark.browser

ROLES = ["op_a1", "coord_a", "admin_a", "ats_a", "regione", "auditor"]


@pytest.mark.parametrize("width", [640, 320])
@pytest.mark.parametrize("username", ROLES)
def test_every_menu_page_reflows_at_200_and_400_percent_zoom(
    page: Page, live_server: LiveServer, world: Personas, username: str, width: int
) -> None:
    user = world.users()[username]
    urls = [item.url for entry in menu_for(user, "/") for item in (entry.children or [entry])]
    assert len(urls) >= 3, urls
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server.url, username, then=None)
    toggle = page.locator("button.custom-navbar-toggler")
    assert toggle.is_visible()
    toggle.click()
    assert page.locator("#nav-main a.nav-link").first.is_visible()
    wide = {}
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        if (overflow := horizontal_overflow(page)) > 0:
            wide[url] = overflow
    assert wide == {}, f"pages wider than {width} px (by how many px): {wide}"


# From each menu page, one step further: the first record of its table and its «new» form.
ONE_STEP = """() => [...new Set([
  document.querySelector('main table tbody a[href^="/"]'),
  document.querySelector('main a[href$="/nuovo/"], main a[href$="/nuova/"]'),
].filter(Boolean).map(a => a.getAttribute('href')))]"""


@pytest.mark.parametrize("width", [640, 320])
@pytest.mark.parametrize("username", ROLES)
def test_records_and_forms_behind_the_menu_reflow(
    page: Page, live_server: LiveServer, world: Personas, username: str, width: int
) -> None:
    user = world.users()[username]
    urls = [item.url for entry in menu_for(user, "/") for item in (entry.children or [entry])]
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server.url, username, then=None)
    behind: list[str] = []
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        behind += [href for href in page.evaluate(ONE_STEP) if href not in urls and href not in behind]
    assert len(behind) >= 2, behind
    wide = {}
    for url in behind:
        page.goto(f"{live_server.url}{url}")
        if (overflow := horizontal_overflow(page)) > 0:
            wide[url] = overflow
    assert wide == {}, f"pages wider than {width} px (by how many px): {wide}"
