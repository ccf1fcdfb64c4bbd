"""An ATS officer completes a partnership in Chromium (Allegato A §4.2): the alliance shows its
violation in plain Italian, a partner is added, the alliance becomes valid; axe finds nothing."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from audit.models import AuditEntry
from tests.browser_support import axe_violations, choose, login
from tests.conciliazione.builders import build_conciliazione
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_ats_officer_completes_the_partnership(page: Page, live_server: LiveServer, world: Personas) -> None:
    conc = build_conciliazione(world)
    login(page, live_server.url, "ats_a")
    page.goto(f"{live_server.url}/conciliazione/")
    page.get_by_role("link", name="Alleanze locali e verifica del partenariato").click()
    page.get_by_role("link", name="Alleanza A").click()
    violations = page.get_by_test_id("violations").inner_text()
    assert "Servono almeno 3 enti beneficiari" in violations and "ce ne sono 2" in violations

    page.get_by_role("link", name="Aggiungi partner").click()
    choose(page, "id_ente", "Associazione Tempo Libero")
    page.click("button:has-text('Salva')")
    assert "Salvataggio completato" in page.locator("main").inner_text()
    assert AuditEntry.objects.filter(action="conciliazione.alliancepartner.created").count() == 1

    page.goto(f"{live_server.url}/conciliazione/alleanze/{conc.alliance_a.pk}/")
    assert "Il partenariato rispetta i requisiti" in page.get_by_test_id("valid").inner_text()
    assert page.get_by_test_id("violations").count() == 0
    assert axe_violations(page) == []
