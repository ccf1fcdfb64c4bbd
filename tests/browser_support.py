"""Playwright on Debian's Chromium (never a downloaded browser) against pytest-django's live server.
The fixtures are registered once, in tests/conftest.py; tests import `login` and `axe_violations`."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.personas import Personas, build_personas

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CPF_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "static" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "password-di-prova-lunga"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def world(transactional_db: None) -> Personas:
    return build_personas()


def login(page: Page, base_url: str, username: str, then: str | None = "/rete/") -> None:
    """Sign in (landing on the role's home, accounts:home) and then open `then` (None: stay home)."""
    page.goto(f"{base_url}/account/accesso/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/account/accesso/" not in url)
    if then is not None:
        page.goto(f"{base_url}{then}")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """WCAG 2.1 A/AA violations reported by axe-core (the pinned npm copy in static/vendor)."""
    # Evaluated through the DevTools protocol: an injected <script> would be refused by the CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def assert_page_ok(page: Page) -> None:
    """No axe violation and no horizontal scrolling at the current width."""
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)
    assert horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways by {horizontal_overflow(page)} px"


def assert_page_ok_at(page: Page, *widths: int) -> None:
    """`assert_page_ok` at each width (the desktop and a 360 px phone, say), the current page
    re-laid out in place (no reload: a page reached by a POST stays what it is)."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_ok(page)


def choose(page: Page, field_id: str, text: str) -> None:
    """Pick `text` in a long choice list turned into an autocomplete (static/js/autocomplete.js):
    type it, then click the matching suggestion; the hidden select takes the chosen value."""
    page.fill(f"input#{field_id}", text)
    page.locator(f"#{field_id}__listbox [role=option]", has_text=text).first.click()
