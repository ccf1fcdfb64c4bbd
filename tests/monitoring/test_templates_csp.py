"""The monitoring, portal and directory templates carry no inline script, event handler or style
attribute (a strict Content-Security-Policy is coming): JS lives in static files and data passes
through json_script."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    p for app in ("monitoring", "portal", "directory") for p in (ROOT / app / "templates").rglob("*.html")
)

# A <script> that is neither an external file nor a data block (json_script, JSON-LD).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_handler_or_style(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not HANDLER.search(text), "inline event handler"
    assert not STYLE_ATTR.search(text), 'style="" attribute'


def test_the_checks_catch_what_they_forbid() -> None:
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert HANDLER.search('<a onclick="x()">')
    assert STYLE_ATTR.search('<div style="height: 1px">')
