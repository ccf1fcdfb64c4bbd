"""The public portal in a real browser: axe-core on every portal page, left-to-right and right-to-
left (Arabic), on desktop and at 360 px with no horizontal overflow; the two journeys of issue #11
(search → seat → sign-up; search → contact request → the operator's worklist) in it, en and ar."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from activities.models import Registration
from portal.models import ContactRequest
from tests.browser_support import axe_violations, login
from tests.directory.builders import build_directory
from tests.personas import Personas
from tests.portal.helpers import public_network

pytestmark = pytest.mark.browser

LANGS = ("it", "en", "ar")


def _lang(page: Page, base: str, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])


def _check(page: Page) -> None:
    assert axe_violations(page) == []
    wide = page.evaluate(
        """() => { const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1
          || e.getBoundingClientRect().left < -1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id); }"""
    )
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow, (page.url, wide)


@pytest.mark.parametrize("lang", ["it", "ar"])
@pytest.mark.parametrize("width", [1366, 360])
def test_every_portal_page_has_no_wcag_violations(
    page: Page, live_server: LiveServer, world: Personas, lang: str, width: int
) -> None:
    net = public_network(world)
    directory = build_directory(world)
    base = live_server.url
    _lang(page, base, lang)
    page.set_viewport_size({"width": width, "height": 900})
    paths = [
        "/",
        "/cerca/?q=mio+figlio+adolescente+non+mi+parla+più&dove=Bergamo",
        "/cerca/?q=mi+picchia&dove=Bergamo",
        "/cerca/?q=doposcuola&dove=Milano",  # seats and a directory entry, with the map
        f"/servizi/{directory['doposcuola'].uuid}/",
        f"/sedi/{world.hub_a.pk}/",
        f"/sedi/{world.hub_a.pk}/contattami/",
        f"/sedi/{world.hub_a.pk}/contattami/inviata/",
        "/eventi/",
        f"/eventi/{net['activity'].pk}/iscriviti/",
        "/eventi/annulla/token-di-prova/",
        "/privacy/",
        "/note-legali/",
        "/fonti-e-licenze/",
    ]
    for path in paths:
        page.goto(f"{base}{path}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr"), path
        if path.startswith("/cerca/?q=doposcuola"):
            page.wait_for_selector("#map .leaflet-interactive", state="attached")  # the map is drawn
            assert page.locator("#map").is_visible()
            assert page.locator("[data-testid=results] a[href^='/servizi/']").count() == 1
        _check(page)


@pytest.mark.parametrize("lang", LANGS)
def test_search_seat_signup_journey_on_a_phone(page: Page, live_server: LiveServer, world: Personas, lang: str) -> None:
    net = public_network(world)
    base = live_server.url
    _lang(page, base, lang)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{base}/")
    page.fill("#q", "mio figlio adolescente non mi parla più")
    page.fill("#dove", "Milano")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_url("**/cerca/**")
    _check(page)
    page.locator("[data-testid=results] h3 a", has_text="Hub A").click()
    _check(page)
    page.locator("main a[href*='/iscriviti/']").first.click()
    page.fill("#id_name", "Amal")
    page.fill("#id_email", f"amal-{lang}@example.org")
    page.locator("label[for=id_privacy]").click()
    page.locator("[data-testid=signup-form] button[type=submit]").click()
    page.wait_for_url("**/iscrizione-registrata/")
    _check(page)
    assert Registration.objects.get(activity=net["activity"]).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("lang", LANGS)
def test_search_contact_request_reaches_the_operator_worklist(
    page: Page, live_server: LiveServer, world: Personas, lang: str
) -> None:
    public_network(world)
    base = live_server.url
    _lang(page, base, lang)
    page.goto(f"{base}/cerca/?q=compiti&dove=Sesto+San+Giovanni")
    page.locator("[data-testid=results] h3 a", has_text="Spoke A1").click()
    page.locator("main a[href*='/contattami/']").click()
    page.fill("#id_name", "Mina")
    page.fill("#id_phone", "333 1234567")
    page.select_option("#id_language", lang)
    page.locator("label[for=id_privacy]").click()
    page.locator("[data-testid=contact-form] button[type=submit]").click()
    page.wait_for_url("**/inviata/")
    _check(page)
    assert ContactRequest.objects.get().seat == world.spoke_a1
    page.context.clear_cookies()
    login(page, base, "op_a1")
    page.goto(f"{base}/famiglie/")
    requests = page.locator("[data-testid=contact-requests]")
    assert "Mina" in requests.inner_text()
    requests.locator("button[value=contact]").click()
    assert ContactRequest.objects.get().status == ContactRequest.Status.CONVERTED


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab (only the keyboard) until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with the keyboard on {page.url}")


@pytest.mark.parametrize("lang", ["it", "ar"])
def test_keyboard_only_search_seat_signup(page: Page, live_server: LiveServer, world: Personas, lang: str) -> None:
    """WCAG 2.1.1: the whole journey with the keyboard alone, no click, never trapped in the map,
    and the honeypot is never reached by Tab."""
    net = public_network(world)
    base = live_server.url
    _lang(page, base, lang)
    page.goto(f"{base}/")
    _tab_to(page, "#q")
    page.keyboard.type("mio figlio adolescente non mi parla più")
    _tab_to(page, "#dove")
    page.keyboard.type("Milano")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cerca/**")
    _tab_to(page, f"[data-testid=results] a[href='/sedi/{world.hub_a.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/sedi/{world.hub_a.pk}/")
    _tab_to(page, f"a[href='/eventi/{net['activity'].pk}/iscriviti/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/iscriviti/")
    _tab_to(page, "#id_name")
    page.keyboard.type("Amal")
    _tab_to(page, "#id_email")
    page.keyboard.type(f"tastiera-{lang}@example.org")
    _tab_to(page, "#id_privacy")
    page.keyboard.press("Space")
    assert not page.evaluate("document.activeElement.name === 'website'")
    _tab_to(page, "[data-testid=signup-form] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/iscrizione-registrata/")
    assert Registration.objects.get(activity=net["activity"]).status == Registration.Status.CONFIRMED
