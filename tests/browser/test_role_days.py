"""Each role's day in the back office, at 1366 px and on a 360 px phone: sign in, land on the
role's own work, open the menu (behind the toggle on the phone) and reach the main task, with axe
at zero violations and nothing scrolling sideways (WCAG 1.4.10)."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import assert_page_ok, login
from tests.personas import Personas

pytestmark = pytest.mark.browser

# (username, where the home lands, a menu section to open, the main task's link in it)
DAYS = [
    ("op_a1", "/famiglie/", "Attività", None),
    ("coord_a", "/famiglie/revisione/", "Rete", "Sedi"),
    ("admin_a", "/finanziamenti/progetti/", "Progetto", "Spese"),
    ("ats_a", "/rete/", "Finanziamenti", "Avvisi"),
    ("regione", "/monitoraggio/", "Finanziamenti", "Riparti"),
    ("auditor", "/monitoraggio/", "Territorio", None),
]


@pytest.mark.parametrize("width", [1366, 360])
@pytest.mark.parametrize(("username", "landing", "section", "task"), DAYS)
def test_role_day(
    page: Page,
    live_server: LiveServer,
    world: Personas,
    width: int,
    username: str,
    landing: str,
    section: str,
    task: str | None,
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, username, then=None)
    assert page.url == f"{live_server.url}{landing}"
    assert_page_ok(page)
    toggle = page.locator("button.custom-navbar-toggler")
    menu = page.locator("#nav-main")
    entry = menu.locator("a.nav-link").filter(has_text=section).first
    if width < 992:
        assert toggle.is_visible() and not entry.is_visible()
        toggle.click()
    entry.click()
    if task is not None:
        menu.get_by_role("link", name=task, exact=True).click()
    page.wait_for_load_state()
    assert page.url != f"{live_server.url}{landing}"
    assert_page_ok(page)
