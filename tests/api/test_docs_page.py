"""The API documentation page works offline: Swagger UI from django-ninja's bundled static files
inside the site's shell, no third-party host, no inline script (Content Security Policy)."""

import re

from django.contrib.staticfiles import finders
from django.test import Client

# Any absolute URL to another host (a CDN) in a src or href attribute.
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!www\.regione\.lombardia\.it/)""", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
ASSET = re.compile(r"""(?:src|href)="/static/([^"]+)\"""")


def _docs_html(client: Client) -> str:
    response = client.get("/api/v1/docs", HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode()


def test_docs_page_loads_nothing_from_another_host(client: Client) -> None:
    html = _docs_html(client)
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert not EXTERNAL.search(html), EXTERNAL.search(html)


def test_docs_page_is_in_the_shell_with_no_inline_script(client: Client) -> None:
    html = _docs_html(client)
    assert 'class="it-header-wrapper"' in html and "it-footer" in html
    assert not INLINE_SCRIPT.search(html)
    assert "<style" not in html and " style=" not in html
    assert 'data-swagger-settings="{' in html and "/api/v1/openapi.json" in html


def test_every_asset_of_the_docs_page_is_one_of_our_static_files(client: Client) -> None:
    assets = ASSET.findall(_docs_html(client))
    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "js/api-docs.js"} <= set(assets)
    missing = [name for name in assets if finders.find(name) is None]
    assert missing == []


def test_the_checks_catch_what_they_forbid() -> None:
    assert EXTERNAL.search('<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist/x.js">')
    assert EXTERNAL.search('<link href="//unpkg.com/x.css">')
    assert not EXTERNAL.search('<a href="https://www.regione.lombardia.it/">')
    assert INLINE_SCRIPT.search("<script>const ui = SwaggerUIBundle({})</script>")
    assert INLINE_SCRIPT.search('<script type="application/json">{}</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/js/api-docs.js"></script>')
