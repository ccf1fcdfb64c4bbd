"""The family pathway as an operator would use it, in Chromium: intake → scheda → referral →
feedback → closure."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from families.models import Family, Referral, Scheda
from tests.browser_support import axe_violations, choose, login
from tests.personas import Personas

pytestmark = pytest.mark.browser


def _submit(page: Page, testid: str | None = None) -> None:
    scope = f"main [data-testid={testid}]" if testid else "main form[novalidate]"
    page.click(f"{scope} button[type=submit]")


def test_operator_takes_a_family_from_intake_to_closure(page: Page, live_server: LiveServer, world: Personas) -> None:
    login(page, live_server.url, "op_a1")
    page.goto(f"{live_server.url}/famiglie/")
    assert axe_violations(page) == []
    page.select_option("#id_channel", "telefono")
    page.click("main [data-testid=quick-contact] button[type=submit]")
    assert "Contatto registrato." in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/famiglie/nuova/")
    page.select_option("#id_seat", str(world.spoke_a1.pk))
    page.select_option("#id_residence_kind", "nessuna")
    page.select_option("#id_p-role", "genitore")
    page.fill("#id_p-fiscal_code", "RSSMRA80A01F205Z")
    _submit(page)
    assert "non è valido" in page.locator("main").inner_text()
    page.fill("#id_p-fiscal_code", "")
    page.fill("#id_p-first_name", "Genitore")
    _submit(page)
    assert "Famiglia registrata" in page.locator("main").inner_text()
    family = Family.objects.get()

    page.click("main a:has-text('Apri la scheda progettuale')")
    page.select_option("#id_access_reason", "genitorialita")
    page.check("main input[value=competenze_genitoriali]")
    _submit(page)
    assert "Scheda progettuale aperta." in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/famiglie/{family.pk}/invii/nuovo/")
    choose(page, "id_destination", world.destination_a.name)
    _submit(page)
    assert "Condivisione bloccata" in page.locator("main").inner_text()
    # the consent is recorded in the same page, for the category chosen by its Italian name
    page.fill("input#id_consent-recipient_destination", "")
    page.select_option("#id_consent-recipient_kind", world.destination_a.kind)
    page.fill("#id_consent-given_on", "2024-01-10")
    page.click("main button[name=action][value=consent]")
    assert "Consenso registrato." in page.locator("main").inner_text()
    _submit(page)
    assert "Invio registrato." in page.locator("main").inner_text()

    for state in ("ricevuto", "accettato", "in_carico"):
        page.select_option("#id_to", state)
        page.click("main [data-testid=transition-form] button[type=submit]")
    page.fill("#id_feedback", "Presa in carico dal consultorio")
    page.click("main [data-testid=feedback-form] button[type=submit]")
    assert "Presa in carico dal consultorio" in page.get_by_test_id("referral-feedback").inner_text()
    page.select_option("#id_to", "chiuso")
    page.fill("#id_note", "Percorso concluso")
    page.click("main [data-testid=transition-form] button[type=submit]")
    assert page.get_by_test_id("referral-status").inner_text() == "Chiuso"
    assert Referral.objects.get().status == "chiuso"

    scheda = Scheda.objects.get()
    page.goto(f"{live_server.url}/famiglie/schede/{scheda.pk}/")
    page.select_option("#id_status", "chiusa")
    page.select_option("#id_outcome", "obiettivi_raggiunti")
    page.click("main [data-testid=scheda-form] button[type=submit]")
    assert "Scheda aggiornata." in page.locator("main").inner_text()
    assert "Chiusa" in page.get_by_test_id("history").inner_text()
    assert Scheda.objects.get().status == "chiusa"
    assert axe_violations(page) == []
