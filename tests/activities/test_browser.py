"""An operator in Chromium: opens an activity, signs up a family by its code, opens a session,
records attendance (named + anonymous) and sees the count; axe finds no violations."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from activities.models import Attendance, Registration
from tests.activities.helpers import make_activity, make_family, make_sessions
from tests.browser_support import axe_violations, login
from tests.personas import Personas

pytestmark = pytest.mark.browser


def test_operator_signs_up_a_family_and_records_attendance(
    page: Page, live_server: LiveServer, world: Personas
) -> None:
    activity = make_activity(world, title="Laboratorio creativo", capacity=3)
    (session,) = make_sessions(world, activity)
    family = make_family(world)
    login(page, live_server.url, "op_a1")

    page.goto(f"{live_server.url}/attivita/")
    page.click("main a:has-text('Laboratorio creativo')")
    page.fill("#id_family_code", "FAM-NONESISTE")
    page.click("main [data-testid=signup] button[type=submit]")
    assert "Nessuna famiglia con questo codice" in page.locator("main").inner_text()
    page.fill("#id_family_code", family.code)
    page.click("main [data-testid=signup] button[type=submit]")
    assert "Iscrizione confermata." in page.locator("main").inner_text()
    registration = Registration.objects.get()

    page.click(f"main a[href='/attivita/incontri/{session.pk}/']")
    page.click(f"main label[for=present-{registration.pk}]")  # Bootstrap Italia draws the box on the label
    assert page.is_checked(f"#present-{registration.pk}")
    page.fill("#headcount-genitori", "5")
    page.click("main [data-testid=attendance] button[type=submit]")
    main = page.locator("main").inner_text()
    assert "superano i 3 posti" in main
    assert not Attendance.objects.exists()

    page.click(f"main label[for=present-{registration.pk}]")
    page.fill("#headcount-genitori", "2")
    page.click("main [data-testid=attendance] button[type=submit]")
    main = page.locator("main").inner_text()
    assert "Presenze registrate." in main
    assert "Presenti: 3 (1 iscritti, 2 non nominativi)" in main
    assert page.is_checked(f"#present-{registration.pk}")
    assert axe_violations(page) == []
