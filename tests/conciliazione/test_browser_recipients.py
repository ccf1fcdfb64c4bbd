"""The recipients' side of conciliazione in Chromium (Allegato A § 4.3 and the de minimis rules):
an ATS officer checks a household's requirements, redeems a voucher (and cannot redeem it twice),
reads the de minimis ledger and exports the Piano di conciliazione."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conciliazione.models import Voucher
from tests.browser_support import axe_violations, login
from tests.conciliazione.builders import build_conciliazione
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_household_check_and_voucher_redemption(page: Page, live_server: LiveServer, world: Personas) -> None:
    conc = build_conciliazione(world)
    login(page, live_server.url, "ats_a")
    page.goto(f"{live_server.url}/conciliazione/nuclei/{conc.household_a.pk}/")
    page.click("main button:has-text('Verifica requisiti')")
    assert page.get_by_test_id("eligible").inner_text() == "requisiti soddisfatti"
    assert page.get_by_test_id("satisfied").is_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/conciliazione/voucher/{conc.voucher_a.pk}/")
    page.fill("main input[name=on]", "2026-07-01")  # the day after the voucher's validity
    page.fill("main input[name=amount]", "100.00")
    page.click("main button:has-text('Registra utilizzo')")
    assert "scaduto" in page.locator("main").inner_text()
    page.fill("main input[name=on]", "2026-06-30")  # its last valid day
    page.fill("main input[name=amount]", "100.00")
    page.click("main button:has-text('Registra utilizzo')")
    voucher = Voucher.objects.get(pk=conc.voucher_a.pk)
    assert voucher.redeemed_on is not None
    assert page.locator("main button:has-text('Registra utilizzo')").count() == 0  # cannot be redeemed twice


def test_de_minimis_ledger_and_piano_export(page: Page, live_server: LiveServer, world: Personas) -> None:
    conc = build_conciliazione(world)
    login(page, live_server.url, "ats_a")
    page.goto(f"{live_server.url}/conciliazione/de-minimis/")
    ledger = page.get_by_test_id(f"ledger-{conc.grant_a.undertaking_id}").inner_text()
    assert "€" in ledger
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/conciliazione/piano/{world.ats_a_obj.code}/")
    assert conc.alliance_a.name in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").first.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert axe_violations(page) == []
