"""An ATS publishes a call and admits a Centre's project, in Chromium (D.G.R. 1507/2023, Allegato
A, § 4; ATS Val Padana: ≤ 70.000,00 € and ≤ 70% of the cost)."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from funding.models import Call, Project
from tests.browser_support import assert_page_ok_at, login
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_ats_officer_publishes_a_call_and_admits_a_project(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    login(page, live_server.url, "ats_a")
    page.goto(f"{live_server.url}/finanziamenti/avvisi/nuovo/")
    page.select_option("#id_ats", str(world.ats_a_obj.pk))
    page.fill("#id_title", "Avviso Centri per la Famiglia 2026")
    page.check("main input[name=eligible_applicants][value=ambiti]")
    page.check("main input[name=eligible_applicants][value=comuni]")
    page.fill("#id_deadline", "2026-03-31")
    page.select_option("#id_status", "open")
    page.click("main button[type=submit]")
    call = Call.objects.get()
    assert call.eligible_applicants == ["ambiti", "comuni"]
    assert call.max_contribution == 70000

    page.goto(f"{live_server.url}/finanziamenti/progetti/nuovo/?call={call.pk}")
    page.select_option("#id_centre", str(world.centre_a.pk))
    page.fill("#id_title", "Centro A 2026")
    page.fill("#id_total_cost", "90000.00")
    page.fill("#id_contribution_requested", "70000.00")
    page.click("main button[type=submit]")
    assert "63.000,00 €" in page.locator("main").inner_text()  # 70% of 90.000,00 € is the most it may ask
    assert_page_ok_at(page, 360, 1280)  # the form with its errors
    page.fill("#id_contribution_requested", "63000.00")
    page.click("main button[type=submit]")
    assert Project.objects.filter(call=call, contribution_requested=63000).exists()
    assert_page_ok_at(page, 1280, 360)
