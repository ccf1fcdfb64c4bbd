"""The shared directory's back office in a real browser, at 1366 px and on a 360 px phone: the
ATS officer's pages (list, entry, edit, import, review queue, entries to check, compliance,
coverage with its map, carta dei servizi) and the organisation editor's, with axe at zero
violations and nothing scrolling sideways."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import assert_page_ok, login
from tests.directory.builders import build_directory
from tests.personas import Personas

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 360])
def test_directory_pages_of_the_ats_officer(page: Page, live_server: LiveServer, world: Personas, width: int) -> None:
    directory = build_directory(world)
    key = directory["doposcuola"].uuid
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "ats_a", then=None)
    paths = [
        "/mappatura/",
        "/mappatura/?q=doposcuola",
        f"/mappatura/{key}/",
        f"/mappatura/{key}/modifica/",
        "/mappatura/nuova/",
        "/mappatura/importa/",
        "/mappatura/revisione/",
        "/mappatura/da-verificare/",
        "/mappatura/qualita/conformita/",
        "/mappatura/qualita/copertura/",
        f"/mappatura/qualita/carta/{world.centre_a.pk}/",
    ]
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert_page_ok(page)


@pytest.mark.parametrize("width", [1366, 360])
def test_directory_pages_of_an_organisation_editor(
    page: Page, live_server: LiveServer, world: Personas, width: int
) -> None:
    directory = build_directory(world)
    key = directory["doposcuola"].uuid
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "editor_coop", then=None)
    assert page.url == f"{live_server.url}/mappatura/"
    assert_page_ok(page)
    for path in (f"/mappatura/{key}/", f"/mappatura/{key}/modifica/", "/mappatura/nuova/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert_page_ok(page)
