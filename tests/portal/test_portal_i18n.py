"""The portal's catalogues (portal/locale/<lang>): English complete, the other seven portal
languages with at least the interface a visitor needs to search, read a seat and ask for help;
no fuzzy entries; the compiled .mo committed next to each .po."""

from pathlib import Path

import pytest
from django.test import Client

from tests.common.test_i18n import _messages

LOCALE = Path(__file__).resolve().parents[2] / "portal" / "locale"
PORTAL_LANGUAGES = ("en", "ar", "zh_Hans", "es", "fr", "ro", "sq", "uk")
CORE = ("Di cosa hai bisogno?", "Dove?", "Cerca", "Chiedi di essere contattato", "Iscriviti", "Aperto ora", "Lingua")


def _translated(entry: dict[str, str]) -> bool:
    return bool(entry.get("msgstr") or entry.get("msgstr[0]"))


@pytest.mark.parametrize("lang", PORTAL_LANGUAGES)
def test_catalogue_exists_compiled_and_without_fuzzy_entries(lang: str) -> None:
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    assert po.with_suffix(".mo").exists()
    entries = _messages(po)
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    translated = {e["msgid"] for e in entries if _translated(e)}
    assert set(CORE) <= translated


def test_english_portal_catalogue_is_complete() -> None:
    entries = _messages(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 200
    assert [e["msgid"] for e in entries if not _translated(e)] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ar", "ماذا تحتاج؟"), ("zh-hans", "你需要什么帮助？"), ("uk", "Що вам потрібно?"), ("en", "What do you need?")],
)
def test_home_in_the_visitor_language(db: None, client: Client, lang: str, text: str) -> None:
    client.cookies["django_language"] = lang
    assert text in client.get("/").content.decode()
