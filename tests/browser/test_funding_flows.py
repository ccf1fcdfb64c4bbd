"""Funding screens as their users work them, in Chromium: the Regione allocates a fund among the
ATS; a Hub reports expenses and its ATS approves the report."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from funding.models import Allocation, BudgetLine, Call, Expense, Fund, Project, ReportingPeriod
from territory.models import AtsPopulation, PopulationSnapshot
from tests.browser_support import assert_page_ok_at, login
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_regione_previews_and_saves_an_allocation(page: Page, live_server: LiveServer, world: Personas) -> None:
    snapshot = PopulationSnapshot.objects.create(
        code="demo-ats", label="Popolazione per ATS", source="test", reference_date=dt.date(2024, 12, 31), level="ats"
    )
    AtsPopulation.objects.create(snapshot=snapshot, ats=world.ats_a_obj, total=3_474_932)
    AtsPopulation.objects.create(snapshot=snapshot, ats=world.ats_b_obj, total=1_110_427)
    fund = Fund.objects.create(
        name="Fondo di prova", decree_reference="D.G.R. di prova", start_year=2025, end_year=2025
    )

    login(page, live_server.url, "regione")
    page.goto(f"{live_server.url}/finanziamenti/riparti/nuovo/")
    page.select_option("#id_fund", str(fund.pk))
    page.fill("#id_label", "Riparto di prova")
    page.fill("#id_year", "2025")
    page.fill("#id_total", "100000.00")
    page.fill("#id_population_share", "30")
    page.select_option("#id_snapshot", "demo-ats")
    page.fill("#id_equal_share", "60")
    page.click("main button[name=preview]")
    assert "100" in page.locator("main .alert-danger").inner_text()  # shares must add up to 100

    page.fill("#id_equal_share", "70")
    page.click("main button[name=preview]")
    assert page.get_by_test_id("preview-table").is_visible()
    assert_page_ok_at(page, 360, 1280)  # the preview table on a phone
    page.click("main button[name=save]")
    page.wait_for_url(f"{live_server.url}/finanziamenti/riparti/*/")
    assert "100.000,00 €" in page.get_by_test_id("allocation-table").inner_text()
    assert page.get_by_test_id("verified").inner_text().startswith("Ricalcolato")
    assert page.locator("#allocation-chart").is_visible()
    assert Allocation.objects.count() == 1
    assert_page_ok_at(page, 1280, 360)


def test_hub_reports_expenses_and_the_ats_approves(page: Page, live_server: LiveServer, world: Personas) -> None:
    call = Call.objects.create(ats=world.ats_a_obj, title="Avviso di prova", deadline=dt.date(2024, 3, 31))
    project = Project.objects.create(
        call=call,
        centre=world.centre_a,
        title="Progetto A",
        total_cost=Decimal(100000),
        contribution_requested=Decimal(70000),
        contribution_granted=Decimal(70000),
        accepted_on=dt.date(2024, 5, 1),
        status=Project.Status.ACCEPTED,
    )
    line = BudgetLine.objects.create(project=project, category="attivita", amount=Decimal(20000))
    period = ReportingPeriod.objects.create(project=project, start=dt.date(2024, 5, 1), end=dt.date(2024, 10, 31))

    login(page, live_server.url, "admin_a")
    page.goto(f"{live_server.url}/finanziamenti/periodi/{period.pk}/")
    page.get_by_role("link", name="Aggiungi spesa").click()
    page.select_option("#id_budget_line", str(line.pk))
    page.fill("#id_date", "2024-06-15")
    page.fill("#id_description", "Laboratori per famiglie")
    page.fill("#id_amount", "25000.00")
    page.click("main button[type=submit]")
    assert "supera" in page.locator("main").inner_text()  # over the 20.000,00 € budget line
    assert_page_ok_at(page, 360, 1280)  # the expense form with its error

    page.fill("#id_amount", "1500.00")
    page.click("main button[type=submit]")
    assert Expense.objects.filter(budget_line=line, amount=Decimal("1500.00")).exists()
    page.goto(f"{live_server.url}/finanziamenti/periodi/{period.pk}/")
    page.click("main button:has-text('Invia la rendicontazione')")
    assert "inviata all'ATS" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, live_server.url, "ats_a")
    page.goto(f"{live_server.url}/finanziamenti/periodi/{period.pk}/")
    page.select_option("main select[name=decision]", "approved")
    page.click("main button:has-text('Registra')")
    assert "Esito della revisione registrato" in page.locator("main").inner_text()
    assert page.get_by_test_id("contribution-due").inner_text() == "1.050,00 €"  # 70% of 1.500,00 €
    assert Expense.objects.get(budget_line=line).status == Expense.Status.APPROVED
    assert_page_ok_at(page, 1280, 360)
