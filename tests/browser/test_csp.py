"""The Content Security Policy in Chromium (issue #13 § 7): on the pages with maps, charts and
forms, the browser refuses nothing (no `securitypolicyviolation` event, no console error), and
the maps and charts are drawn — Leaflet and Chart.js style their elements through the CSSOM,
which `style-src 'self'` allows."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response
from pytest_django.live_server_helper import LiveServer

from funding import services as funding_services
from funding.models import Fund
from territory.models import AtsPopulation, PopulationSnapshot
from tests.browser_support import login
from tests.families.helpers import make_family
from tests.personas import Personas
from tests.portal.helpers import public_network

pytestmark = pytest.mark.browser

# Registered before any script of the page runs: every refusal of the CSP is kept for the test.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
                               source: e.sourceFile, line: e.lineNumber});
});
"""


class Watch:
    """Console errors, uncaught exceptions and CSP violations of one page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("response", self._response)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"{response.status}: {response.url}")

    def _console(self, message: ConsoleMessage) -> None:
        # A failed load is reported with its URL by the response listener (the browser's own
        # favicon request, which has none, is not the page's concern).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def visit(self, url: str, drawn: str | None = None) -> None:
        """Open `url`, wait until it is idle (and `drawn` is on the page): nothing was refused."""
        self.errors.clear()
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
        self.page.wait_for_load_state("networkidle")
        if drawn is not None:
            self.page.wait_for_selector(drawn, state="attached")
        found: list[Any] = [*self.page.evaluate("window.__cspViolations"), *self.errors]
        assert found == [], f"{url}\n" + "\n".join(map(str, found))


def _allocation(world: Personas) -> int:
    snapshot = PopulationSnapshot.objects.create(
        code="csp-ats", label="Popolazione per ATS", source="test", reference_date=dt.date(2024, 12, 31), level="ats"
    )
    AtsPopulation.objects.create(snapshot=snapshot, ats=world.ats_a_obj, total=3_474_932)
    AtsPopulation.objects.create(snapshot=snapshot, ats=world.ats_b_obj, total=1_110_427)
    fund = Fund.objects.create(name="Fondo CSP", decree_reference="D.G.R. di prova", start_year=2025, end_year=2025)
    allocation = funding_services.allocation_create(
        actor=world.regione,
        fund=fund,
        label="Riparto CSP",
        year=2025,
        total=Decimal("100000.00"),
        components=[{"kind": "population", "share": "100", "snapshot": "csp-ats"}],
    )
    return allocation.pk


def test_portal_map_pages_run_under_the_policy(page: Page, live_server: LiveServer, world: Personas) -> None:
    public_network(world)
    watch = Watch(page)
    base = live_server.url
    watch.visit(f"{base}/")
    watch.visit(f"{base}/cerca/?q=adolescente&dove=Bergamo", drawn="#map.leaflet-container")
    assert page.locator("#map .leaflet-interactive").count() >= 1  # the seats are drawn on the map
    watch.visit(f"{base}/sedi/{world.hub_a.pk}/", drawn="#map.leaflet-container")
    watch.visit(f"{base}/sedi/{world.hub_a.pk}/contattami/")
    watch.visit(f"{base}/eventi/")


def test_monitoring_and_funding_charts_run_under_the_policy(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    allocation_id = _allocation(world)
    watch = Watch(page)
    base = live_server.url
    login(page, base, "regione", then=None)
    watch.visit(f"{base}/monitoraggio/")
    watch.visit(f"{base}/monitoraggio/indicatori/persone_raggiunte/?periodo=2025")
    watch.visit(f"{base}/finanziamenti/riparti/{allocation_id}/", drawn="#allocation-chart")
    # Chart.js drew the bars: the canvas was sized (through element.style) and painted.
    assert page.evaluate("Chart.getChart(document.getElementById('allocation-chart')) !== undefined")
    assert page.locator("#allocation-chart").bounding_box()["height"] > 50  # type: ignore[index]
    watch.visit(f"{base}/api/v1/docs", drawn="#swagger-ui .info")


def test_family_pages_run_under_the_policy(page: Page, live_server: LiveServer, world: Personas) -> None:
    family = make_family(world)
    watch = Watch(page)
    base = live_server.url
    login(page, base, "op_a1", then=None)
    for path in (
        "/famiglie/",
        "/famiglie/elenco/",
        f"/famiglie/{family.pk}/",
        f"/famiglie/{family.pk}/consensi/nuovo/",
        f"/famiglie/{family.pk}/invii/nuovo/",
    ):
        watch.visit(f"{base}{path}")
