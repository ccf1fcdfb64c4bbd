"""Security headers that Django does not set itself: the Content Security Policy
and the Permissions-Policy. Django's own settings do the rest (`X_FRAME_OPTIONS`,
`SECURE_REFERRER_POLICY`, `SECURE_CROSS_ORIGIN_OPENER_POLICY`, HSTS, `nosniff`).

The policy allows no inline script and no inline style: every script and stylesheet is a static
file of our own. Leaflet and Chart.js position and size their elements through `element.style`
(the CSSOM), which `style-src` does not govern, so they work under it. JSON data blocks
(`json_script`, JSON-LD) are not executed, so `script-src` does not apply to them either.

A response whose document cannot avoid an inline `<style>` (the stored carta dei servizi, which is
also WeasyPrint's input) names the hashes of those blocks with `allow_inline_styles()`: only
those exact blocks are allowed, nothing else."""

import base64
import hashlib
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'", "data:"),  # Bootstrap Italia's CSS embeds one icon font as a data: URI
    "connect-src": ("'self'",),
    "frame-ancestors": ("'none'",),
    "form-action": ("'self'",),
    "base-uri": ("'self'",),
    "object-src": ("'none'",),
}
# The portal's «usa la mia posizione» asks for the position on our own pages only.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"
_EXTRA_STYLES = "_cpf_csp_style_hashes"
_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def style_hash(css: str) -> str:
    """The CSP source expression that allows exactly this `<style>` block's content."""
    digest = hashlib.sha256(css.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def allow_inline_styles(response: HttpResponse, html: str) -> HttpResponse:
    """Allow the `<style>` blocks of `html` (by hash) on this response only."""
    hashes = [style_hash(block) for block in _STYLE_BLOCK.findall(html)]
    setattr(response, _EXTRA_STYLES, hashes)
    return response


def policy_header(extra_styles: Iterable[str] = ()) -> str:
    directives = dict(POLICY)
    directives["style-src"] = (*directives["style-src"], *extra_styles)
    report_uri = getattr(settings, "CSP_REPORT_URI", "")
    parts = [f"{name} {' '.join(sources)}" for name, sources in directives.items()]
    if report_uri:
        parts.append(f"report-uri {report_uri}")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (HTML, API, files)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.default_policy = policy_header()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        extra = getattr(response, _EXTRA_STYLES, None)
        response.headers.setdefault("Content-Security-Policy", policy_header(extra) if extra else self.default_policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
