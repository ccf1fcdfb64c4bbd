"""Issue #10 in Chromium: the regional dashboard, an ATS's and a Centre's, and an indicator page
with its monthly chart and its choropleth, at 1366 and at 360 px. axe finds nothing, nothing
scrolls sideways, the chart and the map are drawn, and the tables beside them (the accessible
alternative) hold the same figures the chart plots."""

import json

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from monitoring.approval import approve_backlog
from monitoring.periods import MONTHS_IT, year
from territory.loaders import DATA_DIR
from tests.browser_support import assert_page_ok, login
from tests.monitoring.fixtures import build
from tests.personas import Personas

pytestmark = pytest.mark.browser

WIDTHS = (1366, 360)


def _boundaries(p: Personas) -> None:
    """The real boundaries of the personas' comuni, so the map has shapes to draw."""
    features = json.loads((DATA_DIR / "lombardia_comuni.geojson").read_text(encoding="utf-8"))["features"]
    by_code = {f["properties"]["istat_code"]: f["geometry"] for f in features}
    for comune in (p.milano, p.sesto, p.bergamo):
        comune.boundary = by_code[comune.istat_code]
        comune.save(update_fields=["boundary"])


def _tiles(page: Page) -> dict[str, str]:
    return {
        el.get_attribute("data-testid") or "": el.inner_text()
        for el in page.locator("[data-testid^=tile-]").element_handles()
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("username", "heading", "children"),
    [
        ("regione", "Regione Lombardia", ["Bergamo", "Città Metropolitana"]),
        ("ats_a", "Città Metropolitana", ["Centro A"]),
        ("coord_a", "Centro A", ["Hub A", "Spoke A1", "Spoke A2"]),
    ],
)
def test_each_levels_dashboard_reads_well_at_every_width(
    page: Page, live_server: LiveServer, world: Personas, width: int, username: str, heading: str, children: list[str]
) -> None:
    build(world)
    approve_backlog(actor=world.ats_a, periods=[year(2025)])  # Centre A's year approved by its ATS
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, username, then="/monitoraggio/?periodo=2025")
    assert heading in page.locator("main p.lead").inner_text()
    if username == "coord_a":
        assert "approvato dall'ATS il" in page.get_by_test_id("validation").inner_text()
        assert page.get_by_test_id("approved-accessi_fisici").inner_text().startswith("Approvato: 4")
    tiles = _tiles(page)
    assert len(tiles) == 14
    # Accesses are not people: published at every level (5 in the Region, 4 in ATS A and Centre A).
    expected_accesses = {"regione": "5", "ats_a": "4", "coord_a": "4"}[username]
    assert tiles["tile-accessi_fisici"].split()[0] == expected_accesses
    comparison = page.locator("main table").first
    names = [t.strip() for t in comparison.locator("tbody th").all_inner_texts()]
    assert names == children
    assert_page_ok(page)
    # Drill down by clicking the first name of the comparison table.
    comparison.locator("tbody th a").first.click()
    page.wait_for_load_state()
    assert children[0] in page.locator("main p.lead").inner_text()
    assert_page_ok(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_indicator_page_draws_its_chart_and_map_and_the_tables_hold_the_same_figures(
    page: Page, live_server: LiveServer, world: Personas, width: int
) -> None:
    build(world)
    _boundaries(world)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "coord_a", then="/monitoraggio/indicatori/contatti/?periodo=2025")
    assert page.get_by_test_id("value").inner_text() == "6"  # Centre A: 6 contacts in 2025
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('trend-chart'))")
    plotted = page.evaluate("() => Chart.getChart(document.getElementById('trend-chart')).data.datasets[0].data")
    labels = page.evaluate("() => Chart.getChart(document.getElementById('trend-chart')).data.labels")
    assert labels[0] == f"{MONTHS_IT[0]} 2025" and len(labels) == 12
    trend = page.get_by_role("table", name="Andamento mensile (alternativa testuale al grafico)")
    cells = [t.strip() for t in trend.locator("tbody td").all_inner_texts()]
    assert cells == [str(v) for v in plotted]
    assert plotted[2:7] == [1, 1, 2, 1, 1]  # March: F1; April: anonymous; May: F1 twice; June: F2; July: merged
    # The choropleth has one shape per comune of the table beside it.
    page.wait_for_function("() => document.querySelectorAll('#comuni-map path').length > 0")
    shapes = page.locator("#comuni-map path").count()
    comuni = page.get_by_role("table", name="Valore e valore ogni 1.000 abitanti per comune di residenza", exact=False)
    assert shapes == comuni.locator("tbody tr").count() == 2  # Milano (F2), Sesto (F1)
    assert_page_ok(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_region_sees_small_groups_hidden_in_chart_and_table_alike(
    page: Page, live_server: LiveServer, world: Personas, width: int
) -> None:
    build(world)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "regione", then="/monitoraggio/indicatori/persone_raggiunte/?periodo=2025")
    assert page.get_by_test_id("value").inner_text() == "<5"
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('trend-chart'))")
    plotted = page.evaluate("() => Chart.getChart(document.getElementById('trend-chart')).data.datasets[0].data")
    trend = page.get_by_role("table", name="Andamento mensile (alternativa testuale al grafico)")
    cells = [t.strip() for t in trend.locator("tbody td").all_inner_texts()]
    # A hidden month is a gap in the chart and "<5" in the table; a month with nobody is 0 in both.
    assert [("<5" if v is None else str(v)) for v in plotted] == cells
    assert "<5" in cells
    assert_page_ok(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_operator_confirms_the_seats_figures_from_the_validation_page(
    page: Page, live_server: LiveServer, world: Personas, width: int
) -> None:
    build(world)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "op_a1", then="/monitoraggio/validazione/")
    assert_page_ok(page)
    page.fill("#f-seat-periodo", "2025")
    page.click("main button:has-text('Conferma i dati della sede')")
    page.wait_for_load_state()
    confirmed = page.get_by_role("table", name="Sedi che hanno confermato i propri dati")
    assert "Spoke A1" in confirmed.inner_text()
    assert_page_ok(page)
