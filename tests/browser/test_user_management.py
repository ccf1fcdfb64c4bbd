"""User management in Chromium: an ATS officer invites an operator for one of its seats, the
operator opens the link from the e-mail, sets a password, signs in and turns on two-step
verification; every page passes axe and does not scroll sideways at 1366 and 360 px."""

import re

import pyotp
import pytest
from django.core import mail
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import Role, User
from tests.browser_support import assert_page_ok, login
from tests.personas import Personas

pytestmark = pytest.mark.browser
NEW_PASSWORD = "una-password-molto-lunga-2026"


def _check_widths(page: Page) -> None:
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_ok(page)


def test_an_ats_officer_invites_an_operator_who_signs_in(page: Page, live_server: LiveServer, world: Personas) -> None:
    login(page, live_server.url, "ats_a", then="/account/utenti/")
    _check_widths(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="Invita un utente").first.click()
    _check_widths(page)
    page.fill("#id_username", "anna.neri")
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Neri")
    page.fill("#id_email", "anna@example.org")
    page.select_option("#id_role", "spoke_operator")
    assert page.locator(f"#id_seat option[value='{world.hub_b.pk}']").count() == 0  # not offered
    page.select_option("#id_seat", str(world.spoke_a1.pk))
    page.click("main button[type=submit]")
    assert "l'invito è stato inviato" in page.locator("main").inner_text()
    _check_widths(page)
    user = User.objects.get(username="anna.neri")
    assert user.role == Role.SPOKE_OPERATOR and user.seat_id == world.spoke_a1.pk

    link = re.search(r"https?://\S+/account/invito/\?t=\S+", mail.outbox[-1].body).group(0)  # type: ignore[union-attr]
    path = link.split("/account/", 1)[1]
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/{path}")
    assert page.url.endswith("/account/invito/password/")
    _check_widths(page)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("main button[type=submit]")
    assert "Password impostata" in page.locator("main").inner_text()

    page.fill("#id_username", "anna.neri")
    page.fill("#id_password", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/account/accesso/" not in url)
    page.goto(f"{live_server.url}/account/due-fattori/attiva/")
    _check_widths(page)
    secret = page.locator("main code").first.inner_text()
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.click("main button[type=submit]")
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    _check_widths(page)
