"""The API documentation page in the browser, offline and under the site's Content Security Policy
(common/security.py): every request to another host is refused, and Swagger UI still renders the
list of operations with no CSP violation."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route
from pytest_django.live_server_helper import LiveServer

from tests.browser_support import horizontal_overflow
from tests.personas import Personas

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 360])
def test_swagger_ui_renders_the_operations_offline(
    page: Page, live_server: LiveServer, world: Personas, width: int
) -> None:
    own_host = urlsplit(live_server.url).netloc
    elsewhere: list[str] = []

    def offline(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.netloc != own_host and url.scheme in ("http", "https"):
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", offline)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    operations = page.locator("#swagger-ui .opblock")
    operations.first.wait_for()
    assert operations.count() > 20
    assert page.locator("#swagger-ui .opblock-tag").filter(has_text="rete").count() >= 1
    assert page.locator("#swagger-ui .info .title").inner_text().startswith("Centri per la Famiglia")
    assert elsewhere == []
    assert errors == []
    assert horizontal_overflow(page) <= 0
